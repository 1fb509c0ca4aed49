// Reading the timeline: every endpoint's (and connection end's) variables at any step or line
// of the script. Steps store only what changed; an index of the steps that changed each one,
// built once per analysis, finds with a binary search the step that holds its variables.

import type { Analysis, EndpointSnapshot, OwedSegment, TimelineStep } from '../analysis';

interface EndpointChanges {
  /** Indexes of the steps that changed the endpoint, ascending; each step holds its variables. */
  readonly steps: number[];
  /** A connection end that is its participant's first: it exists from the start. */
  readonly first?: boolean;
}

const indexes = new WeakMap<readonly TimelineStep[], EndpointChanges[]>();
const endIndexes = new WeakMap<readonly TimelineStep[], EndpointChanges[]>();

function changesOf(analysis: Analysis): EndpointChanges[] {
  let index = indexes.get(analysis.timeline);
  if (index === undefined) {
    const built: EndpointChanges[] = analysis.endpoints.map(() => ({ steps: [] }));
    analysis.timeline.forEach((step, i) => {
      for (const { endpoint } of step.updates) built[endpoint]?.steps.push(i);
    });
    indexes.set(analysis.timeline, built);
    index = built;
  }
  return index;
}

/** While each participant has one end, a step's endpoint updates are its end updates. */
function endChangesOf(analysis: Analysis): EndpointChanges[] {
  const connections = analysis.connections;
  if (connections === undefined) return changesOf(analysis);
  let index = endIndexes.get(analysis.timeline);
  if (index === undefined) {
    const seen = new Set<number>();
    const built: EndpointChanges[] = connections.map((c) => ({ steps: [], first: !seen.has(c.participant) && seen.add(c.participant) !== undefined }));
    analysis.timeline.forEach((step, i) => {
      if (step.endUpdates) for (const { end } of step.endUpdates) built[end]?.steps.push(i);
      else for (const { endpoint } of step.updates) built[endpoint]?.steps.push(i);
    });
    endIndexes.set(analysis.timeline, built);
    index = built;
  }
  return index;
}

/** Endpoint `k`'s variables after step `i` of the timeline (before the first step for -1). */
export function endpointAfterStep(analysis: Analysis, i: number, k: number): EndpointSnapshot {
  return endpointOf(analysis.timeline, latest(changesOf(analysis)[k], i), k) ?? initialSnapshot(analysis.endpoints[k]?.initial ?? 'CLOSED');
}

/**
 * Connection end `e`'s variables after step `i` (Analysis.connections' order; the endpoint's
 * while each participant has one end); undefined for a later connection not made by then.
 */
export function endAfterStep(analysis: Analysis, i: number, e: number): EndpointSnapshot | undefined {
  const changes = endChangesOf(analysis)[e];
  const found = endOf(analysis.timeline, latest(changes, i), e);
  if (found !== undefined) return found;
  const c = analysis.connections?.[e];
  if (c === undefined) return initialSnapshot(analysis.endpoints[e]?.initial ?? 'CLOSED');
  // A participant's first end exists from the start; its later ones from their first step.
  return changes?.first ? initialSnapshot(c.initial) : undefined;
}

/** Every connection end's variables after step `i` (before the first step for -1); undefined for one not made by then. */
export function endsAfterStep(analysis: Analysis, i: number): (EndpointSnapshot | undefined)[] {
  const count = analysis.connections?.length ?? analysis.endpoints.length;
  const out: (EndpointSnapshot | undefined)[] = [];
  for (let e = 0; e < count; e++) out.push(endAfterStep(analysis, i, e));
  return out;
}

/** The last of the steps that changed it on or before step `i`, or -1. */
function latest(changes: EndpointChanges | undefined, i: number): number {
  if (changes === undefined) return -1;
  let lo = 0;
  let hi = changes.steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (changes.steps[mid] <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? changes.steps[lo - 1] : -1;
}

/** Endpoint `k`'s variables as step `s` left them. */
function endpointOf(timeline: readonly TimelineStep[], s: number, k: number): EndpointSnapshot | undefined {
  return s < 0 ? undefined : timeline[s].updates.find((u) => u.endpoint === k)?.snapshot;
}

/** Connection end `e`'s variables as step `s` left them. */
function endOf(timeline: readonly TimelineStep[], s: number, e: number): EndpointSnapshot | undefined {
  if (s < 0) return undefined;
  const step = timeline[s];
  return step.endUpdates ? step.endUpdates.find((u) => u.end === e)?.snapshot : step.updates.find((u) => u.endpoint === e)?.snapshot;
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

/**
 * The segments still owed after step `i` (nothing before the first step), in the order of the
 * connection ends owing them: each end's debts as its last change before `i` left them.
 */
export function owedAfterStep(analysis: Analysis, i: number): readonly OwedSegment[] {
  const latest = new Map<number, readonly OwedSegment[]>();
  for (let j = Math.min(i, analysis.timeline.length - 1); j >= 0; j--) {
    for (const { end, owed } of analysis.timeline[j].owedChanges ?? []) if (!latest.has(end)) latest.set(end, owed);
  }
  return [...latest].sort((a, b) => a[0] - b[0]).flatMap(([, owed]) => owed);
}
