// Where each segment's label goes: along its arrow, just above it, centred on the longest
// stretch of the arrow that no other arrow crosses, so crossing segments keep legible labels.
// Crossings are found once, with the lanes one unit apart: where two arrows cross, as a share
// of each one's length, does not change when the lanes are spread, so the same shares also
// tell how far apart the lanes must be for every label to fit its stretch. A sweep in time
// order compares each arrow only with the arrows in flight at the same time.

import type { LadderSegment } from './model';
import type { TimedSegment } from './layout';

/**
 * Kept clear at both ends of an arrow (the lane, the arrowhead), more where another arrow
 * meets it there (a reply leaving where the segment arrived), and beside a crossing.
 */
const END_CLEARANCE = 16;
const TOUCH_CLEARANCE = 44;
/** A label below its arrow meets the reply's label above it: keep it further from that end. */
const TOUCH_CLEARANCE_BELOW = 90;
const CROSSING_CLEARANCE = 8;
/** From the arrow to the label's baseline, above it or (the text's height more) below it. */
const LIFT = 5;
const BELOW_DROP = 15;

interface Line {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** For each segment, the longest uncrossed stretch of its arrow (as shares of its length) and what to keep clear at its ends, in pixels. */
export interface FreeStretch {
  readonly from: number;
  readonly to: number;
  readonly clearFrom: number;
  readonly clearTo: number;
  /** Below the arrow rather than above: the arrow crossing at an end of the stretch runs above it there. */
  readonly below: boolean;
}

export function freeStretches(segments: readonly TimedSegment[]): FreeStretch[] {
  // Each arrow's ends, with the lanes one unit apart, in columns: made into a Line only where
  // two arrows are in flight together, or for the few arrows that are crossed.
  const n = segments.length;
  const x1 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const y2 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = segments[i];
    x1[i] = s.src;
    y1[i] = s.y1;
    x2[i] = s.src + (s.dst - s.src) * s.reach;
    y2[i] = s.y2;
  }
  const line = (i: number): Line => ({ x1: x1[i], y1: y1[i], x2: x2[i], y2: y2[i] });
  // Most arrows cross nothing: their lists are made only when needed.
  const crossings: ({ at: number; other: number }[] | undefined)[] = new Array(n);
  const order = sendOrder(y1);
  // The arrows in flight, kept in one list that is compacted in place.
  const active: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order === undefined ? k : order[k];
    const sent = y1[i];
    let kept = 0;
    for (const j of active) if (y2[j] > sent) active[kept++] = j;
    active.length = kept;
    if (kept > 0) {
      const li = line(i);
      for (const j of active) {
        const hit = intersect(li, line(j));
        if (hit === undefined) continue;
        (crossings[i] ??= []).push({ at: hit[0], other: j });
        (crossings[j] ??= []).push({ at: hit[1], other: i });
      }
    }
    active.push(i);
  }
  // An arrow passing another lane is cut there too: its label sits between two lanes, off
  // the lane it passes, where that lane's state labels and arrows are.
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const span = Math.abs(s.dst - s.src);
    if (span < 2) continue;
    for (let k = 1; k < span; k++) {
      const at = k / span;
      if (at < s.reach) (crossings[i] ??= []).push({ at, other: LANE });
    }
  }
  // Only arrows that are crossed need to know who else meets them at their ends.
  const ends = new Map<string, number>();
  if (crossings.some((c) => c !== undefined)) {
    for (let i = 0; i < n; i++) for (const key of [endKey(line(i), true), endKey(line(i), false)]) ends.set(key, (ends.get(key) ?? 0) + 1);
  }
  const touches = (l: Line, atStart: boolean) => (ends.get(endKey(l, atStart)) ?? 0) > 1;
  const result: FreeStretch[] = [];
  for (let i = 0; i < n; i++) result.push(stretchOf(crossings[i], i));
  return result;

  function stretchOf(cuts: { at: number; other: number }[] | undefined, i: number): FreeStretch {
    if (cuts === undefined) return UNCROSSED;
    const sorted = [{ at: 0, other: -1 }, ...cuts.sort((a, b) => a.at - b.at), { at: 1, other: -1 }];
    let best = 0;
    for (let k = 1; k + 1 < sorted.length; k++) if (sorted[k + 1].at - sorted[k].at > sorted[best + 1].at - sorted[best].at) best = k;
    const from = sorted[best].at;
    const to = sorted[best + 1].at;
    const l = line(i);
    const t = (from + to) / 2;
    const x = l.x1 + (l.x2 - l.x1) * t;
    const y = l.y1 + (l.y2 - l.y1) * t;
    const above = [sorted[best].other, sorted[best + 1].other].some((j) => j >= 0 && (yAt(line(j), x) ?? Infinity) < y);
    const under = [sorted[best].other, sorted[best + 1].other].some((j) => j >= 0 && (yAt(line(j), x) ?? -Infinity) > y);
    const below = above && !under;
    const touch = below ? TOUCH_CLEARANCE_BELOW : TOUCH_CLEARANCE;
    const clear = (at: number, other: number, start: boolean) =>
      other === LANE ? END_CLEARANCE : at !== (start ? 0 : 1) ? CROSSING_CLEARANCE : touches(l, start) ? touch : END_CLEARANCE;
    return { from, to, clearFrom: clear(from, sorted[best].other, true), clearTo: clear(to, sorted[best + 1].other, false), below };
  }
}

/** The arrows by send time, then by index; undefined when they are in that order already (segments are laid out mostly so). */
function sendOrder(y1: Float64Array): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < y1.length && sorted; i++) if (y1[i] < y1[i - 1]) sorted = false;
  if (sorted) return undefined;
  const order: number[] = new Array(y1.length);
  for (let i = 0; i < y1.length; i++) order[i] = i;
  return order.sort((a, b) => y1[a] - y1[b] || a - b);
}

/** A cut where an arrow passes a lane rather than another arrow. */
const LANE = -2;

/** The whole arrow, for the arrows nothing crosses: one shared value. */
const UNCROSSED: FreeStretch = { from: 0, to: 1, clearFrom: END_CLEARANCE, clearTo: END_CLEARANCE, below: false };

/** The height of a line at `x`, if it spans it. */
function yAt(l: Line, x: number): number | undefined {
  if (x < Math.min(l.x1, l.x2) || x > Math.max(l.x1, l.x2) || l.x1 === l.x2) return undefined;
  return l.y1 + ((l.y2 - l.y1) * (x - l.x1)) / (l.x2 - l.x1);
}

function endKey(l: Line, start: boolean): string {
  return start ? `${l.x1} ${Math.round(l.y1)}` : `${l.x2} ${Math.round(l.y2)}`;
}

/** The lane spacing at which a label of `width` fits its stretch of a segment spanning `lanes` lanes. */
export function spacingFor(width: number, stretch: FreeStretch, lanes: number): number {
  return (width + stretch.clearFrom + stretch.clearTo) / ((stretch.to - stretch.from) * lanes);
}

export function placeLabels(
  segments: readonly TimedSegment[],
  stretches: readonly FreeStretch[],
  widths: readonly number[],
  laneX: readonly number[],
  shift: (y: number) => number,
): LadderSegment[] {
  // Most arrows share their direction with the one before: its length and slope are kept.
  let lastDx = NaN;
  let lastDy = NaN;
  let length = 1;
  let angle = 0;
  let nx = 0;
  let ny = 0;
  const placed: LadderSegment[] = new Array(segments.length);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const x1 = laneX[s.src];
    const x2 = x1 + (laneX[s.dst] - x1) * s.reach;
    const y1 = shift(s.y1);
    const y2 = shift(s.y2);
    const dx = x2 - x1;
    const dy = y2 - y1;
    if (dx !== lastDx || dy !== lastDy) {
      lastDx = dx;
      lastDy = dy;
      length = Math.hypot(dx, dy) || 1;
      // Text reads left to right whichever way the arrow runs, and sits above it.
      angle = round((Math.atan2(dx >= 0 ? dy : -dy, Math.abs(dx)) * 180) / Math.PI);
      nx = dy / length;
      ny = -dx / length;
      if (ny > 0) {
        nx = -nx;
        ny = -ny;
      }
    }
    const { from: a, to: b, clearFrom, clearTo, below } = stretches[i];
    const lo = a + clearFrom / length;
    const hi = b - clearTo / length;
    // A label longer than its stretch starts where the stretch does (clear of the lane).
    const half = widths[i] / 2 / length;
    const t = hi - lo >= 2 * half ? (lo + hi) / 2 : Math.min(lo + half, 1 - clearTo / length - half);
    const lift = below ? -BELOW_DROP : LIFT;
    placed[i] = {
      line: s.line,
      src: s.src,
      dst: s.dst,
      from: { x: round(x1), y: round(y1) },
      to: { x: round(x2), y: round(y2) },
      fate: s.fate,
      retransmit: s.retransmit,
      keepalive: s.keepalive,
      invalid: s.invalid,
      label: s.label,
      labelAt: { x: round(x1 + dx * t + nx * lift), y: round(y1 + dy * t + ny * lift) },
      angle,
      arrivalLine: s.arrivalLine,
    };
  }
  return placed;
}

/** Where two arrows cross, as shares of each one's length; none when they only touch at an end. */
function intersect(a: Line, b: Line): [number, number] | undefined {
  const rx = a.x2 - a.x1;
  const ry = a.y2 - a.y1;
  const sx = b.x2 - b.x1;
  const sy = b.y2 - b.y1;
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-9) return undefined;
  const qx = b.x1 - a.x1;
  const qy = b.y1 - a.y1;
  const t = (qx * sy - qy * sx) / denominator;
  const u = (qx * ry - qy * rx) / denominator;
  const eps = 0.01;
  if (t <= eps || t >= 1 - eps || u <= eps || u >= 1 - eps) return undefined;
  return [t, u];
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
