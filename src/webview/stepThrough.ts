// Runs inside the preview webview: step-through of the Timeline tab, for teaching. ←/→ move
// one segment at a time through the ladder's segments in drawing (script) order; the current
// one is marked and the ones after it are greyed, so the exchange unfolds as it happened.

export const STEP_CURRENT = 'tcpflow-step';
export const STEP_FUTURE = 'tcpflow-future';

/** The step after `current` for `key` among `count` segments, or undefined when the key is not a step key. */
export function nextStep(key: string, current: number | undefined, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowRight') return current === undefined ? 0 : Math.min(count - 1, current + 1);
  if (key === 'ArrowLeft') return current === undefined ? count - 1 : Math.max(0, current - 1);
  return undefined;
}

/** Marks segment `step` of `root` as current and greys the later ones; undefined clears the marks. Returns the current segment. */
export function showStep(root: Element, step: number | undefined): Element | undefined {
  const segments = [...root.querySelectorAll('g.segment')];
  segments.forEach((segment, i) => {
    segment.classList.toggle(STEP_CURRENT, i === step);
    segment.classList.toggle(STEP_FUTURE, step !== undefined && i > step);
  });
  return step === undefined ? undefined : segments[step];
}

/** showStep for one band of a long ladder whose first segment is segment `first` of the whole. */
export function showStepInBand(band: Element, first: number, step: number | undefined): void {
  band.querySelectorAll('g.segment').forEach((segment, i) => {
    segment.classList.toggle(STEP_CURRENT, first + i === step);
    segment.classList.toggle(STEP_FUTURE, step !== undefined && first + i > step);
  });
}

export function segmentCount(root: Element): number {
  return root.querySelectorAll('g.segment').length;
}
