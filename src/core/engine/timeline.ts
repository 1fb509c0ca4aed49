// Reading the timeline: every endpoint's state at a line of the script.

import type { Analysis, EndpointSnapshot } from '../analysis';

/**
 * Every endpoint's variables after everything on 0-based `line` has happened
 * (for a line with no event, after the last event before it). Timeline steps are in
 * line order, so this is a binary search.
 */
export function snapshotAfterLine(analysis: Analysis, line: number): readonly EndpointSnapshot[] {
  const steps = analysis.timeline;
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return steps[lo - 1].endpoints;
  return analysis.endpoints.map((e) => initialSnapshot(e.initial));
}

function initialSnapshot(state: EndpointSnapshot['state']): EndpointSnapshot {
  return { state, iss: 0, sndUna: 0, sndNxt: 0, sndWnd: 0, irs: 0, rcvNxt: 0, rcvWnd: 0 };
}
