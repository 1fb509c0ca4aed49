// Inlay hints at the end of a statement (before any trailing comment), in one of two modes.
//
// `changes` (the default) says only what the line changed: `→ SYN-SENT · server → SYN-RECEIVED`,
// the endpoint the line starts with (a segment's sender, a call's endpoint) unnamed since its
// name is right there; nothing on a line that changes no state. Short enough for half a screen.
//
// `all` gives the states after each line that moves the connection: `client SYN-SENT · server
// SYN-RECEIVED`, naming the endpoints the line involves in column order — a segment's sender
// and receiver (also when neither changed), the senders and receivers of the segments arriving
// at a block's `end` or a `deliver`, a call's endpoint, and whoever changed. Calls and waits get
// a hint only when they change a state; `expect` never does.
//
// Once a participant has several connections, a hint names connection ends (`server↔bob
// SYN-RECEIVED`). Neither mode puts a hint on a line the parser could not read: that is usually
// the line being typed, and a hint there would jump about with every key.

import type { Analysis, TimelineStep } from '../analysis';
import type { Statement } from '../syntax/ast';
import type { Position } from '../syntax/range';
import { stateLabel, type StateNaming } from '../states';
import { endAfterStep } from '../engine/timeline';
import { endName } from './connectionEnds';
import { scriptIndex } from './scriptIndex';

export interface InlayHint {
  readonly position: Position;
  readonly label: string;
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
  const timeline = analysis.timeline;
  const hints: InlayHint[] = [];
  for (let i = firstStepFrom(timeline, startLine); i < timeline.length && timeline[i].line <= endLine; ) {
    const line = timeline[i].line;
    const changed = new Set<number>();
    let last = i;
    for (; last < timeline.length && timeline[last].line === line; last++) for (const c of timeline[last].endsChanged ?? timeline[last].changed) changed.add(c);
    const stepIndex = last - 1;
    i = last;
    if (index.syntaxErrorLines.has(line)) continue;

    const involved = new Set<number>();
    let position: Position | undefined;
    const stmt = index.statements[line];
    const block = index.blocks[line];
    const arrivals = index.arrivals.get(line);
    if (stmt?.kind === 'segment') {
      const info = analysis.segments.get(line);
      if (info) involved.add(info.srcEnd ?? info.src).add(info.dstEnd ?? info.dst);
      position = stmt.range.end;
    } else if (arrivals && (stmt?.kind === 'deliver' || block?.endLine === line)) {
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
    if (options.mode === 'all') {
      for (const c of changed) involved.add(c);
      hints.push({ position, label: statesLabel(analysis, stepIndex, [...involved].sort((a, b) => a - b), options.naming) });
    } else if (changed.size > 0) {
      const own = ownEnd(analysis, stmt, changed);
      hints.push({ position, label: changesLabel(analysis, stepIndex, [...changed].sort((a, b) => (a === own ? -1 : b === own ? 1 : a - b)), own, options.naming) });
    }
  }
  return hints;
}

/** The end the line starts with, left unnamed in `changes` mode: a segment's sender, a call's end. */
function ownEnd(analysis: Analysis, stmt: Statement | undefined, changed: ReadonlySet<number>): number | undefined {
  const index = scriptIndex(analysis);
  if (stmt?.kind === 'segment') return analysis.segments.get(stmt.line)?.srcEnd ?? index.endpointIndex.get(stmt.src.name);
  if (stmt?.kind !== 'call') return undefined;
  const participant = index.endpointIndex.get(stmt.endpoint.name);
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

function changesLabel(analysis: Analysis, step: number, ends: readonly number[], own: number | undefined, naming: StateNaming = 'rfc'): string {
  return ends.map((i) => `${i === own ? '' : `${endName(analysis, i)} `}→ ${stateOf(analysis, step, i, naming)}`).join(' · ');
}

function statesLabel(analysis: Analysis, step: number, ends: readonly number[], naming: StateNaming = 'rfc'): string {
  return ends.map((i) => `${endName(analysis, i)} ${stateOf(analysis, step, i, naming)}`).join(' · ');
}

function stateOf(analysis: Analysis, step: number, end: number, naming: StateNaming): string {
  const snapshot = endAfterStep(analysis, step, end);
  return snapshot === undefined ? '' : stateLabel(snapshot.state, naming);
}
