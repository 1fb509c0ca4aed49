// Inlay hints: the states a line leaves the connection ends in, in one of two modes, short
// enough for the editor beside the preview (about 56 columns at the default split).
//
// On a segment line each end's hint sits right after that end's name, so it needs no name:
// `client ‹→ SYN-SENT› -> server ‹→ SYN-RCVD›: SYN seq=x`. The hints stay near the start of the
// line, however long its options and data, and the states take RFC 9293 Figure 5's short names
// (SYN-RCVD, ESTAB); the tooltip holds the full names and the state before. Other lines get one
// hint at the end of the statement (before any trailing comment): a call's or a wait's changes
// (a call's own end unnamed, `→ LISTEN`), the arrivals at a `deliver` or a block's `end`
// (`b → CLOSE-WAIT`).
//
// `changes` (the default) says only what the line changed; nothing on a line that changes no
// state. `all` gives the states after each line that moves the connection, of the ends the line
// involves — a segment's sender and receiver (also when neither changed), the senders and
// receivers arriving at a `deliver` or an `end`, whoever changed — as `client ‹SYN-SENT›`. Calls
// and waits get a hint only when they change a state; `expect` never does.
//
// Once a participant has several connections, a hint at the end of a line names connection ends
// (`server↔bob → SYN-RCVD`); one beside a name needs none, the line says which connection it is.
// Neither mode puts a hint on a line the parser could not read: that is usually the line being
// typed, and a hint there would jump about with every key.

import type { Analysis, TimelineStep } from '../analysis';
import type { SegmentStatement, Statement } from '../syntax/ast';
import type { Position } from '../syntax/range';
import { shortStateLabel, stateLabel, type StateNaming } from '../states';
import { endAfterStep } from '../engine/timeline';
import { endName } from './connectionEnds';
import { scriptIndex } from './scriptIndex';

export interface InlayHint {
  readonly position: Position;
  readonly label: string;
  /** The full state names, with the state before where it changed: `client: CLOSED → SYN-SENT`. */
  readonly tooltip: string;
}

export interface InlayHintOptions {
  readonly naming?: StateNaming;
  /** `changes` (default): only the state changes; `all`: the involved endpoints' states. */
  readonly mode?: 'changes' | 'all';
  /** Only hints on these 0-based lines (inclusive), e.g. the visible ones. */
  readonly startLine?: number;
  readonly endLine?: number;
}

export function inlayHints(analysis: Analysis, options: InlayHintOptions = {}): InlayHint[] {
  const index = scriptIndex(analysis);
  const startLine = options.startLine ?? 0;
  const endLine = options.endLine ?? Number.MAX_SAFE_INTEGER;
  const all = options.mode === 'all';
  const timeline = analysis.timeline;
  const hints: InlayHint[] = [];
  for (let i = firstStepFrom(timeline, startLine); i < timeline.length && timeline[i].line <= endLine; ) {
    const line = timeline[i].line;
    const first = i;
    const changed = new Set<number>();
    for (; i < timeline.length && timeline[i].line === line; i++) for (const c of timeline[i].endsChanged ?? timeline[i].changed) changed.add(c);
    if (index.syntaxErrorLines.has(line)) continue;
    const states = new LineStates(analysis, first - 1, i - 1, changed, options.naming);

    const stmt = index.statements[line];
    const block = index.blocks[line];
    const arrivals = index.arrivals.get(line);
    if (stmt?.kind === 'segment') {
      const info = analysis.segments.get(line);
      const sender = info && (info.srcEnd ?? info.src);
      const receiver = info && (info.dstEnd ?? info.dst);
      for (const [end, at] of [[sender, senderEnd(stmt)], [receiver, receiverEnd(stmt)]] as const) {
        const hint = end !== undefined && (all || changed.has(end)) ? states.beside(end, at, all) : undefined;
        if (hint && hint.label !== '' && hint.label !== '→ ') hints.push(hint);
      }
      const others = [...changed].filter((e) => e !== sender && e !== receiver);
      if (others.length > 0) hints.push(states.atEnd(stmt.range.end, others, undefined, all));
      continue;
    }
    const involved = new Set<number>();
    let position: Position | undefined;
    if (arrivals && (stmt?.kind === 'deliver' || block?.endLine === line)) {
      for (const info of arrivals) involved.add(info.srcEnd ?? info.src).add(info.dstEnd ?? info.dst);
      position = stmt?.kind === 'deliver' ? stmt.range.end : block!.range.end;
    } else if ((stmt?.kind === 'call' || stmt?.kind === 'wait') && changed.size > 0) {
      // A call's connection end, when its host has several, is among the changed ones.
      if (stmt.kind === 'call' && !analysis.connections) {
        const e = index.endpointIndex.get(stmt.endpoint.name);
        if (e !== undefined) involved.add(e);
      }
      position = stmt.range.end;
    }
    if (position === undefined) continue;
    if (all) {
      for (const c of changed) involved.add(c);
      hints.push(states.atEnd(position, [...involved].sort((a, b) => a - b), undefined, true));
    } else if (changed.size > 0) {
      const own = ownEnd(analysis, stmt, changed);
      hints.push(states.atEnd(position, [...changed].sort((a, b) => (a === own ? -1 : b === own ? 1 : a - b)), own, false));
    }
  }
  return hints;
}

/** Where a sender's hint goes: after its name, or after `name:port` when the port is written. */
function senderEnd(stmt: SegmentStatement): Position {
  return (stmt.srcPort ?? stmt.src).range.end;
}

function receiverEnd(stmt: SegmentStatement): Position {
  return (stmt.dstPort ?? stmt.dst).range.end;
}

/** The states of the ends one line moved: before its first step and after its last. */
class LineStates {
  constructor(
    private readonly analysis: Analysis,
    private readonly before: number,
    private readonly after: number,
    private readonly changed: ReadonlySet<number>,
    private readonly naming: StateNaming = 'rfc',
  ) {}

  /** One end's hint beside its name: `→ SYN-SENT` (changes), `SYN-SENT` (all). */
  beside(end: number, position: Position, all: boolean): InlayHint {
    const state = this.short(end);
    return { position, label: all ? state : `→ ${state}`, tooltip: this.tooltip([end]) };
  }

  /** One hint for several ends at the end of the statement, named but for `own`. */
  atEnd(position: Position, ends: readonly number[], own: number | undefined, all: boolean): InlayHint {
    const label = ends.map((e) => (all ? `${endName(this.analysis, e)} ${this.short(e)}` : `${e === own ? '' : `${endName(this.analysis, e)} `}→ ${this.short(e)}`)).join(' · ');
    return { position, label, tooltip: this.tooltip(ends) };
  }

  private short(end: number): string {
    const snapshot = endAfterStep(this.analysis, this.after, end);
    return snapshot === undefined ? '' : shortStateLabel(snapshot.state, this.naming);
  }

  /** `client: CLOSED → SYN-SENT`, one line per end, in full names; an unchanged end's state alone. */
  private tooltip(ends: readonly number[]): string {
    return ends
      .map((e) => {
        const after = endAfterStep(this.analysis, this.after, e);
        if (after === undefined) return '';
        // An end made on this line (a listener's new connection) starts as its participant began.
        const before = this.changed.has(e) ? (endAfterStep(this.analysis, this.before, e)?.state ?? this.analysis.connections?.[e]?.initial) : undefined;
        const from = before === undefined || before === after.state ? '' : `${stateLabel(before, this.naming)} → `;
        return `${endName(this.analysis, e)}: ${from}${stateLabel(after.state, this.naming)}`;
      })
      .filter((row) => row !== '')
      .join('\n');
  }
}

/** The end a call starts with, left unnamed in `changes` mode. */
function ownEnd(analysis: Analysis, stmt: Statement | undefined, changed: ReadonlySet<number>): number | undefined {
  if (stmt?.kind !== 'call') return undefined;
  const participant = scriptIndex(analysis).endpointIndex.get(stmt.endpoint.name);
  const connections = analysis.connections;
  if (!connections) return participant;
  return [...changed].find((e) => connections[e]?.participant === participant);
}

function firstStepFrom(timeline: readonly TimelineStep[], line: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeline[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
