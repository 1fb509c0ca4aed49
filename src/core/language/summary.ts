// The status bar's text: every endpoint's state after a line, in column order.

import type { Analysis } from '../analysis';
import { snapshotAfterLine } from '../engine/timeline';
import { stateLabel, type StateNaming } from '../states';

/** `client ESTABLISHED · server CLOSE-WAIT` after everything on 0-based `line`; empty without endpoints. */
export function summaryAt(analysis: Analysis, line: number, options: { readonly naming?: StateNaming } = {}): string {
  return snapshotAfterLine(analysis, line)
    .map((s, i) => `${analysis.endpoints[i].name} ${stateLabel(s.state, options.naming)}`)
    .join(' · ');
}
