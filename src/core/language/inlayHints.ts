// Inlay hints: the states after each line that moves the connection, at the end of the
// statement (before any trailing comment): `client SYN-SENT · server SYN-RECEIVED`.
//
// Which endpoints a hint names: the ones the line involves, in column order — a segment's
// sender and receiver (also when neither changed: "nothing changed" is worth seeing), the
// senders and receivers of the segments arriving at a block's `end` or a `deliver`, a call's
// endpoint, and whoever changed. Scripts with many endpoints keep short hints that way.
// Calls and waits get a hint only when they change a state; `expect` never does. Once a
// participant has several connections, a hint names connection ends (`server↔bob SYN-RECEIVED`).

import type { Analysis, TimelineStep } from '../analysis';
import type { Position } from '../syntax/range';
import { stateLabel, type StateNaming } from '../states';
import { endName, endsOf } from './connectionEnds';
import { scriptIndex } from './scriptIndex';

export interface InlayHint {
  readonly position: Position;
  readonly label: string;
}

export interface InlayHintOptions {
  readonly naming?: StateNaming;
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
    const step = timeline[last - 1];
    i = last;

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
    for (const c of changed) involved.add(c);
    hints.push({ position, label: statesLabel(analysis, step, [...involved].sort((a, b) => a - b), options.naming) });
  }
  return hints;
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

function statesLabel(analysis: Analysis, step: TimelineStep, endpoints: readonly number[], naming: StateNaming = 'rfc'): string {
  const states = endsOf(step);
  return endpoints.map((i) => `${endName(analysis, i)} ${stateLabel(states[i].state, naming)}`).join(' · ');
}
