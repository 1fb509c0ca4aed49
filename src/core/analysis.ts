// What analysing a script produces: the tree, the diagnostics, and the timeline of every
// endpoint's state — the data behind the diagram, hovers, inlay hints and the CLI.

import type { FlagName, Script } from './syntax/ast';
import type { Diagnostic } from './diagnostics';
import type { TcpState } from './states';

/** One endpoint's connection variables at a point in the script (RFC 9293 §3.3.1). */
export interface EndpointSnapshot {
  readonly state: TcpState;
  readonly iss: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly sndWnd: number;
  readonly irs: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number;
}

export interface EndpointInfo {
  readonly name: string;
  /** Display label: the participant's `as "…"` label or its name. */
  readonly label: string;
  readonly address?: string;
  readonly unchecked: boolean;
  /** 0-based line of the declaration; undefined for an implicit endpoint. */
  readonly declaredAt?: number;
  /** 0-based line of first use. */
  readonly firstUse: number;
  readonly initial: TcpState;
}

/**
 * One end of a connection: a participant's side of its connection with a peer. Present only
 * when some participant has several connections; until then every participant is one end.
 */
export interface ConnectionEndInfo {
  readonly participant: number;
  /** The peer participant; -1 for an end that never exchanged a segment. */
  readonly peer: number;
  readonly port?: number;
  readonly peerPort?: number;
  /** As the views show it: `server↔bob`, `client:51001↔server`. */
  readonly label: string;
  /** Its state when it was made: the participant's first, or LISTEN or CLOSED for a later connection. */
  readonly initial: TcpState;
}

export type StepKind = 'send' | 'arrive' | 'call' | 'wait' | 'timer' | 'expect';

/**
 * One event of the simulation. Steps are sorted by line: a segment line produces a `send`
 * step and, when delivered at once, an `arrive` step; inside `simultaneous` every segment
 * line has its `send` step and all the arrivals carry the line of the closing `end`; a `~>`
 * segment arrives at its `deliver` line.
 */
export interface TimelineStep {
  readonly line: number;
  readonly kind: StepKind;
  /**
   * The endpoints whose variables this step changed, with their values after it; the others
   * are as they were. A step stores what changed, so that the timeline stays linear in the
   * script whatever the number of endpoints: engine/timeline.ts reads any endpoint at any step.
   */
  readonly updates: readonly EndpointUpdate[];
  /** Indexes of endpoints whose state changed in this step, ascending. */
  readonly changed: readonly number[];
  /**
   * The connection ends whose debts this step changed, each with everything it owes after the
   * step; absent when none changed. Like `updates`, a step stores only what changed, so that a
   * script whose debts pile up stays linear: engine/timeline.ts `owedAfterStep` reads them all.
   */
  readonly owedChanges?: readonly OwedChange[];
  /**
   * With several connections per participant: the connection ends (Analysis.connections' order)
   * whose variables this step changed, and those whose state changed; engine/timeline.ts reads
   * any end at any step. Absent while each participant has one end: then the ends are the endpoints.
   */
  readonly endUpdates?: readonly EndUpdate[];
  readonly endsChanged?: readonly number[];
}

/** What connection end `end` (Analysis.connections' order; the endpoint while each has one) owes after a step. */
export interface OwedChange {
  readonly end: number;
  readonly owed: readonly OwedSegment[];
}

/**
 * A segment an endpoint owes: a reply RFC 9293 obliges it to send (`reply`), or the segment an
 * application call committed it to (`intent`: the SYN of a connect, the FIN of a close).
 */
export interface OwedSegment {
  readonly from: number;
  /** The peer it is owed to; -1: whoever the endpoint talks to next. */
  readonly to: number;
  readonly kind: 'reply' | 'intent';
  /** The flags, as the formatter writes them (`SYN+ACK`, `RST+ACK`, `FIN+ACK`). */
  readonly flags: string;
  /** The numbers a RST must carry; other segments take the sender's SND.NXT and RCV.NXT. */
  readonly seq?: number;
  readonly ack?: number;
  /** The line that created the debt, and why it is owed, in words. */
  readonly line: number;
  readonly why: string;
}

export interface EndpointUpdate {
  readonly endpoint: number;
  readonly snapshot: EndpointSnapshot;
}

export interface EndUpdate {
  readonly end: number;
  readonly snapshot: EndpointSnapshot;
}

export type SegmentFate = 'delivered' | 'lost' | 'in-flight' | 'dropped';

/** A segment as the engine understood it. */
export interface SegmentInfo {
  readonly line: number;
  readonly src: number;
  readonly dst: number;
  readonly flags: ReadonlySet<FlagName>;
  /** Resolved absolute numbers (modulo 2^32). `ack` is undefined without the ACK flag. */
  readonly seq: number;
  readonly ack?: number;
  readonly len: number;
  /** Relative to the sender's ISN / the receiver's ISN, as Wireshark shows them. */
  readonly relSeq: number;
  readonly relAck?: number;
  /** The line whose `deliver` delivered it (a `~>` segment), if any. */
  readonly deliveredAt?: number;
  readonly fate: SegmentFate;
  /** With several connections per participant: the connection ends it travelled between. */
  readonly srcEnd?: number;
  readonly dstEnd?: number;
  /** True when a diagnostic of error severity was reported on this segment's line. */
  readonly invalid: boolean;
  /** What the segment did, in words, for hovers ("client SYN-SENT → ESTABLISHED"). */
  readonly effect: string;
}

export interface Analysis {
  readonly script: Script;
  readonly diagnostics: readonly Diagnostic[];
  readonly endpoints: readonly EndpointInfo[];
  /** Every connection end, when some participant has several connections. */
  readonly connections?: readonly ConnectionEndInfo[];
  readonly timeline: readonly TimelineStep[];
  /** Segment info by 0-based line of the segment statement. */
  readonly segments: ReadonlyMap<number, SegmentInfo>;
  /** Symbols (`x`, `y`) and the values they were bound to, with the line that bound them. */
  readonly symbols: ReadonlyMap<string, { readonly value: number; readonly line: number }>;
  /** The script's options, resolved. */
  readonly options: ScriptOptions;
}

export interface ScriptOptions {
  readonly mslMs: number;
  readonly states: 'changes' | 'all' | 'none';
  readonly numbers: 'as-written' | 'absolute';
  readonly title?: string;
}
