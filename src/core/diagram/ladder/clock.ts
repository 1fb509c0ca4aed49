// The ladder's time axis: each statement advances the clock by one step; a segment arrives
// one step after it leaves; the segments of a `simultaneous` block all leave (half a step
// apart) before the first arrives, so opposite ones cross; a `~>` segment arrives at its
// `deliver` line; a `wait` is a gap whose height grows with the log of its duration.

/** Pixels per step of the clock. */
export const STEP = 50;
/** Between the departures of two segments of one `simultaneous` block. */
export const BLOCK_STAGGER = STEP / 2;
/** How far a lost segment gets, as a share of the way to its receiver. */
export const LOSS_SHARE = 0.6;
/** Waits from this long on are compressed and drawn with a break mark. */
export const BREAK_MS = 10_000;

/** The height of a `wait` gap: one step for an instant, about two for hours, never more. */
export function gapHeight(ms: number): number {
  const steps = 0.8 + 0.3 * Math.log10(1 + Math.max(0, ms) / 100);
  return Math.round(Math.min(2.4, steps) * STEP);
}
