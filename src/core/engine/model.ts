// The simulated endpoints: a transmission control block per participant (RFC 9293 §3.3.1),
// the segments travelling between them, and the replies the RFC obliges an endpoint to send.

import type { EndpointSnapshot } from '../analysis';
import type { FlagName, SegmentStatement } from '../syntax/ast';
import type { Range } from '../syntax/range';
import type { TcpState } from '../states';

export const DEFAULT_WINDOW = 65535;
/** RFC 1122 §4.2.3.6: keep-alive idle time defaults to no less than two hours. */
export const DEFAULT_KEEPALIVE_MS = 2 * 60 * 60 * 1000;
/** RFC 9293 §3.4.2: the Maximum Segment Lifetime is taken to be two minutes, unless a script or setting says otherwise. */
export const DEFAULT_MSL_MS = 2 * 60 * 1000;

/** A reason in words, given as text or made when a message needs it. */
export type Why = string | (() => string);

export function whyText(why: Why): string {
  return typeof why === 'string' ? why : why();
}

/**
 * A reply the RFC obliges an endpoint to send, or a segment an application call committed
 * it to send. `to` is the peer it is owed to (-1: whoever the endpoint talks to next).
 */
export interface Obligation {
  readonly kind: 'syn-ack' | 'ack' | 'rst' | 'syn' | 'fin' | 'abort-rst';
  readonly to: number;
  /** For a RST: the seq it must carry, and the ack when the RST must carry ACK. */
  readonly seq?: number;
  readonly ack?: number;
  /** The line that created it and a description of why, for messages. */
  readonly line: number;
  readonly range: Range;
  readonly why: Why;
  /** Set on the RST owed for a SYN that reached a CLOSED endpoint: the SYN's seq. */
  readonly synToClosed?: number;
  /**
   * Made by a segment that had an error: the reply is allowed (a RST takes the seq it
   * gives), but never owed, so a mistake's consequences are not reported again.
   */
  readonly optional?: boolean;
}

/**
 * The segment that gave RCV.NXT or SND.NXT its current value, kept as data and put into
 * words only when a message needs it ("server's SYN+ACK (line 6) used seq 300").
 */
export interface Origin {
  readonly what: 'SYN' | 'SYN+ACK' | 'data' | 'FIN';
  readonly line: number;
  readonly seq: number;
  readonly len: number;
}

/** How the receiver got its RCV.NXT: "SYN+ACK (line 6) used seq 300". */
export function receivedText(o: Origin): string {
  const where = `(line ${o.line + 1})`;
  if (o.what === 'data') return `data ${where} used seq ${o.seq} and len ${o.len}`;
  if (o.what === 'FIN') return `FIN ${where} used seq ${o.seq}`;
  return `${o.what} ${where} used seq ${o.seq}`;
}

/** How the sender got its SND.NXT: "after its SYN on line 3". */
export function sentText(o: Origin): string {
  if (o.what === 'data') return `after the ${o.len} bytes sent on line ${o.line + 1}`;
  return `after its ${o.what} on line ${o.line + 1}`;
}

export interface Tcb {
  state: TcpState;
  /** Entered SYN-RECEIVED from LISTEN: a RST returns it to LISTEN (RFC 9293 §3.10.7.4). */
  passive: boolean;
  iss: number;
  /** The ISS has been fixed for this incarnation (by its first SYN or SYN+ACK). */
  issBound: boolean;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  irs: number;
  rcvNxt: number;
  rcvWnd: number;
  finSent: boolean;
  finSeq: number;
  timeWaitUntil: number;
  lastActivity: number;
  /** The line of the last segment that arrived, when that arrival is the last activity. */
  lastArrivalLine?: number;
  peerMss: number;
  /** Out-of-order data held for reassembly: [start, end) ranges, sorted. */
  ooo: Array<[number, number]>;
  /** The seq of a FIN that arrived before the data up to it: taken once the gap is filled. */
  heldFin: number | undefined;
  obligations: Obligation[];
  /** The peer a RST was just received from (-1: none): a RST is never answered. */
  rstFrom: number;
  rstLine: number;
  /** The last segment dropped as unacceptable, and what RCV.NXT would be had it been accepted. */
  dropped: { from: number; line: number; wouldRcvNxt: number; why: string } | undefined;
  rcvOrigin: Origin | undefined;
  sndOrigin: Origin | undefined;
  incarnation: number;
  /** The peer of the current connection (-1: none yet). */
  peer: number;
}

export interface Endpoint {
  readonly index: number;
  readonly name: string;
  readonly label: string;
  readonly address?: string;
  readonly checked: boolean;
  readonly declaredIsn?: number;
  readonly keepaliveMs: number;
  readonly declaredAt?: number;
  readonly firstUse: number;
  readonly initial: TcpState;
  tcb: Tcb;
  /** The state under another behaviour the RFCs allow (RFC 793 vs 5961, RFC 1337), adopted when the script follows it. */
  alt: Alternative | undefined;
  snapshot: EndpointSnapshot | undefined;
}

/**
 * The state under another behaviour the RFCs (or a common stack) allow. Most are decided by the
 * endpoint's next send or expect; one that `carries` also takes in later arrivals until then
 * (FreeBSD's drop_synfin shows only in how the next SYN is answered).
 */
export interface Alternative {
  readonly tcb: Tcb;
  readonly why: string;
  readonly carries?: boolean;
}

/** A segment as resolved by the engine. */
export interface Segment {
  readonly line: number;
  readonly stmt: SegmentStatement;
  readonly src: number;
  readonly dst: number;
  /** The flags as written; the four below are the engine's reading of them. */
  readonly flags: ReadonlySet<FlagName>;
  readonly syn: boolean;
  /** Also set on a segment that lacks only its ACK flag: it is read as carrying it. */
  ack: boolean;
  /** Cleared, like `dataLen`, when the sender's state does not allow its FIN or data: both sides see the rest. */
  fin: boolean;
  readonly rst: boolean;
  seq: number;
  ackNo: number;
  /** Payload bytes. */
  dataLen: number;
  readonly wnd: number | undefined;
  readonly mss: number | undefined;
  /** An error was reported on it: the receiver processes it but owes no reply. */
  diagnosed: boolean;
  /** Its mistake leaves no sensible reading: neither the sender nor the receiver takes it in. */
  ignored: boolean;
}

/** SEG.LEN: payload plus one for SYN and one for FIN. */
export function segLen(seg: Segment): number {
  return seg.dataLen + (seg.syn ? 1 : 0) + (seg.fin ? 1 : 0);
}

export function newTcb(state: TcpState, iss: number, now: number): Tcb {
  return {
    state,
    passive: state === 'LISTEN',
    iss,
    issBound: false,
    sndUna: iss,
    sndNxt: iss,
    sndWnd: DEFAULT_WINDOW,
    irs: 0,
    rcvNxt: 0,
    rcvWnd: DEFAULT_WINDOW,
    finSent: false,
    finSeq: 0,
    timeWaitUntil: 0,
    lastActivity: now,
    peerMss: 536,
    ooo: [],
    heldFin: undefined,
    obligations: [],
    rstFrom: -1,
    rstLine: -1,
    dropped: undefined,
    rcvOrigin: undefined,
    sndOrigin: undefined,
    incarnation: 0,
    peer: -1,
  };
}

export function cloneTcb(t: Tcb): Tcb {
  return { ...t, ooo: t.ooo.map((r) => [r[0], r[1]] as [number, number]), obligations: t.obligations.slice() };
}

/** Forget the connection (RFC 9293 "delete the TCB"); the endpoint may open a new incarnation. */
export function resetTcb(t: Tcb, state: 'CLOSED' | 'LISTEN', iss: number): void {
  const incarnation = t.incarnation + 1;
  const lastActivity = t.lastActivity;
  Object.assign(t, newTcb(state, iss, lastActivity));
  t.incarnation = incarnation;
}

export function flagsText(flags: ReadonlySet<FlagName>): string {
  const order: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'ACK'];
  const names = order.filter((f) => flags.has(f));
  return names.length ? names.join('+') : '(no flags)';
}
