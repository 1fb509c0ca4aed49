// Reading the timeline: every endpoint's variables at any step or line of the script. Steps
// store only what changed; an index of each endpoint's changes, built once per analysis,
// answers any endpoint at any step with a binary search.

import type { Analysis, EndpointSnapshot, TimelineStep } from '../analysis';

interface EndpointChanges {
  /** Indexes of the steps that changed the endpoint, ascending. */
  readonly steps: number[];
  readonly snapshots: EndpointSnapshot[];
}

const indexes = new WeakMap<readonly TimelineStep[], EndpointChanges[]>();

function changesOf(analysis: Analysis): EndpointChanges[] {
  let index = indexes.get(analysis.timeline);
  if (index === undefined) {
    const built: EndpointChanges[] = analysis.endpoints.map(() => ({ steps: [], snapshots: [] }));
    analysis.timeline.forEach((step, i) => {
      for (const { endpoint, snapshot } of step.updates) {
        const changes = built[endpoint];
        if (changes === undefined) continue;
        changes.steps.push(i);
        changes.snapshots.push(snapshot);
      }
    });
    indexes.set(analysis.timeline, built);
    index = built;
  }
  return index;
}

/** Endpoint `k`'s variables after step `i` of the timeline (before the first step for -1). */
export function endpointAfterStep(analysis: Analysis, i: number, k: number): EndpointSnapshot {
  const changes = changesOf(analysis)[k];
  if (changes !== undefined) {
    let lo = 0;
    let hi = changes.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (changes.steps[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) return changes.snapshots[lo - 1];
  }
  return initialSnapshot(analysis.endpoints[k]?.initial ?? 'CLOSED');
}

/** Every endpoint's variables after step `i` (before the first step for -1), in column order. */
export function endpointsAfterStep(analysis: Analysis, i: number): EndpointSnapshot[] {
  return analysis.endpoints.map((_, k) => endpointAfterStep(analysis, i, k));
}

/** The index of the last step on or before 0-based `line`, or -1. Steps are in line order. */
export function lastStepThrough(analysis: Analysis, line: number): number {
  const steps = analysis.timeline;
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Every endpoint's variables after everything on 0-based `line` has happened
 * (for a line with no event, after the last event before it).
 */
export function snapshotAfterLine(analysis: Analysis, line: number): readonly EndpointSnapshot[] {
  return endpointsAfterStep(analysis, lastStepThrough(analysis, line));
}

function initialSnapshot(state: EndpointSnapshot['state']): EndpointSnapshot {
  return { state, iss: 0, sndUna: 0, sndNxt: 0, sndWnd: 0, irs: 0, rcvNxt: 0, rcvWnd: 0 };
}
