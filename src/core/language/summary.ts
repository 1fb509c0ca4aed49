// The status bar's text: every endpoint's state after a line, in column order. Once a
// participant has several connections, a segment's line shows its own connection's two ends
// (`bob SYN-SENT · server↔bob SYN-RECEIVED`), any other line every connection end.

import type { Analysis } from '../analysis';
import { snapshotAfterLine } from '../engine/timeline';
import { stateLabel, type StateNaming } from '../states';
import { endName, endsAfterLine } from './connectionEnds';

/** `client ESTABLISHED · server CLOSE-WAIT` after everything on 0-based `line`; empty without endpoints. */
export function summaryAt(analysis: Analysis, line: number, options: { readonly naming?: StateNaming } = {}): string {
  if (analysis.connections) {
    const ends = endsAfterLine(analysis, line);
    const info = analysis.segments.get(line);
    const shown = info?.srcEnd !== undefined && info.dstEnd !== undefined ? [info.srcEnd, info.dstEnd].sort((x, y) => x - y) : ends.map((_, i) => i);
    return shown.map((i) => `${endName(analysis, i)} ${stateLabel(ends[i].state, options.naming)}`).join(' · ');
  }
  return snapshotAfterLine(analysis, line)
    .map((s, i) => `${analysis.endpoints[i].name} ${stateLabel(s.state, options.naming)}`)
    .join(' · ');
}
