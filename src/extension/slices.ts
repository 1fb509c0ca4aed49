// Runs in either extension host, and in the benchmark: steps a sliced analysis in turns of
// the event loop, each slice aimed at a few milliseconds from what the last one's work cost.
// No vscode here, so that `npm run bench` measures the very slices the extension runs.

import type { AnalysisJob } from '../core/index';

/** How long one slice may hold the thread: half a frame. */
export const SLICE_MS = 8;
/** Units of work (a line parsed, a statement read or simulated) in a phase's first slice, before any of its units was timed. */
const FIRST_SLICE_UNITS = 200;
/** A slice does at most this many times the units of the one before: one quick slice (the machine idle) does not make the next a long one. */
const MAX_GROWTH = 4;
const MIN_SLICE_UNITS = 16;
const MAX_SLICE_UNITS = 100_000;

export interface SliceHooks {
  /** False once the job is no longer wanted: no further slice runs. */
  readonly wanted: () => boolean;
  /** After each slice: how long it held the thread, in milliseconds. */
  readonly sliced: (ms: number) => void;
  readonly done: () => void;
}

/** Steps `job` to its end, one slice per turn of the event loop, starting in a later turn. */
export function runInSlices(job: AnalysisJob, hooks: SliceHooks): void {
  let budget = FIRST_SLICE_UNITS;
  const slice = (): void => {
    if (!hooks.wanted()) return;
    const before = job.units;
    const phase = job.phase;
    const started = performance.now();
    const done = job.step(budget);
    const ms = performance.now() - started;
    hooks.sliced(ms);
    if (done) {
      hooks.done();
      return;
    }
    const units = job.units - before;
    // A unit of the next phase costs differently: its first slice starts small again.
    const aimed = ms > 0 ? Math.floor((units * SLICE_MS) / ms) : units * MAX_GROWTH;
    budget = job.phase !== phase ? FIRST_SLICE_UNITS : Math.max(MIN_SLICE_UNITS, Math.min(MAX_SLICE_UNITS, units * MAX_GROWTH, aimed));
    nextTurn(slice);
  };
  nextTurn(slice);
}

interface Channel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: unknown): void };
}

/**
 * Runs `f` in a later turn of the event loop, after what is waiting (typing, other
 * extensions' work): setImmediate in Node's extension host, a message to itself in the web
 * worker's (whose nested timeouts wait at least 4 ms each).
 */
export const nextTurn: (f: () => void) => void =
  typeof setImmediate === 'function'
    ? (f) => setImmediate(f)
    : typeof MessageChannel === 'function'
      ? messageLoop(new MessageChannel() as unknown as Channel)
      : (f) => setTimeout(f, 0);

function messageLoop(channel: Channel): (f: () => void) => void {
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (f) => {
    queue.push(f);
    channel.port2.postMessage(undefined);
  };
}
