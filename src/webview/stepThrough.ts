// Runs inside the preview webview: step-through of the Timeline tab, for teaching. The steps
// are the core ladder's events in time order (a segment leaving, arriving or lost, a call, a
// wait), posted by the host as columns with the variables of the ends they concern. The current event's
// element is marked and what happens later is greyed; the marking reads only each element's
// `data-line` (and a state label's `data-on`), so it can be applied to any part of the drawing,
// and again to parts drawn later.

import { stepAt, stepCount, TIMELINE_STEP_KINDS, type TimelineSteps, type TimelineStepView } from '../shared/previewSteps';

export const STEP_CURRENT = 'tcpflow-step';
export const STEP_FUTURE = 'tcpflow-future';

/** The drawn elements the step-through marks or greys. */
const MARKABLE = 'g.segment[data-line], g.call[data-line], g.gap[data-line], g.timer[data-line], text.state[data-line]';

export type StepAction = 'first' | 'previous' | 'next' | 'last';

export interface StepPlan {
  readonly steps: TimelineSteps | undefined;
  readonly count: number;
  /** For each 0-based source line, the first step that happens on it (its own line or its segment's), or -1. */
  readonly firstStep: Int32Array;
  /** For each 0-based line of a segment, the step at which it arrives, or -1. */
  readonly arrival: Int32Array;
}

export function stepPlan(steps: TimelineSteps | undefined): StepPlan {
  if (steps === undefined) return { steps, count: 0, firstStep: new Int32Array(0), arrival: new Int32Array(0) };
  const count = stepCount(steps);
  let lines = 0;
  for (let i = 0; i < count; i++) lines = Math.max(lines, steps.lines[i] + 1, steps.segments[i] + 1);
  const firstStep = new Int32Array(lines).fill(-1);
  const arrival = new Int32Array(lines).fill(-1);
  const arrive = TIMELINE_STEP_KINDS.indexOf('arrive');
  for (let i = 0; i < count; i++) {
    if (firstStep[steps.lines[i]] < 0) firstStep[steps.lines[i]] = i;
    const segment = steps.segments[i];
    if (segment >= 0 && firstStep[segment] < 0) firstStep[segment] = i;
    if (segment >= 0 && steps.kinds[i] === arrive && arrival[segment] < 0) arrival[segment] = i;
  }
  return { steps, count, firstStep, arrival };
}

/** Step `i` of the plan, read from its columns. */
export function planStep(plan: StepPlan, i: number): TimelineStepView | undefined {
  return plan.steps === undefined || i < 0 || i >= plan.count ? undefined : stepAt(plan.steps, i);
}

/** The step `action` leads to from `current` among `count` steps; starting anew when not stepping. */
export function nextStep(action: StepAction, current: number | undefined, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (action) {
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    case 'next':
      return current === undefined ? 0 : Math.min(count - 1, current + 1);
    case 'previous':
      return current === undefined ? count - 1 : Math.max(0, current - 1);
  }
}

/** The step action of a key (←/→), or undefined. */
export function stepActionOfKey(key: string): StepAction | undefined {
  return key === 'ArrowRight' ? 'next' : key === 'ArrowLeft' ? 'previous' : undefined;
}

/**
 * Marks the elements under `root` (any part of the drawing) for `step` of `plan`: the current
 * event's segment, call or wait as current, everything whose line first happens later as
 * future. Undefined clears the marks. Returns the current elements found under `root`.
 */
export function markStep(root: ParentNode, plan: StepPlan, step: number | undefined): Element[] {
  const at = step === undefined ? undefined : planStep(plan, step);
  const current: Element[] = [];
  for (const element of root.querySelectorAll(MARKABLE)) {
    const line = Number(element.getAttribute('data-line'));
    const isCurrent = at !== undefined && isCurrentElement(element, line, at);
    const inRange = line >= 0 && line < plan.firstStep.length;
    // A receiver's new state (data-on="arrival") comes with its segment's arrival, not its sending.
    const arrives = inRange && element.getAttribute('data-on') === 'arrival' ? plan.arrival[line] : -1;
    const first = arrives >= 0 ? arrives : inRange ? plan.firstStep[line] : -1;
    element.classList.toggle(STEP_CURRENT, isCurrent);
    element.classList.toggle(STEP_FUTURE, step !== undefined && first >= 0 && first > step);
    if (isCurrent) current.push(element);
  }
  return current;
}

function isCurrentElement(element: Element, line: number, step: TimelineStepView): boolean {
  if (step.segment !== undefined) return element.matches('g.segment') && line === step.segment;
  return line === step.line && element.matches(step.kind === 'call' ? 'g.call' : 'g.gap');
}
