// Which side of its lane each state label goes. An outer lane writes its labels outward,
// where no arrow runs. A lane between two others has arrows on both sides: each of its
// labels goes to the side where no arrow, and no call, runs through the text, so that the
// state a segment leaves or arrives in is not written over that segment.

import { textWidth } from '../svg/fontMetrics';
import { FONT } from './lanes';
import type { LadderSegment } from './model';

/** From the lane to the text, as the writer puts it; the text's extent about its baseline. */
const TEXT_OFFSET = 10;
const ASCENT = 11;
const DESCENT = 4;

export interface SideLabel {
  readonly lane: number;
  readonly text: string;
  /** The text's baseline. */
  readonly y: number;
}

interface Box {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
}

export interface SideCall {
  readonly lane: number;
  readonly text: string;
  /** The call's text anchor and baseline (the writer adds 4 to y). */
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'end';
}

/**
 * `labels` in time order (as the layout makes them); `laneSide` is each lane's usual side.
 * Linear in the labels and segments but for the arrows in flight at once, as freeStretches.
 */
export function stateLabelSides(
  labels: readonly SideLabel[],
  segments: readonly LadderSegment[],
  calls: readonly SideCall[],
  laneX: readonly number[],
  laneSide: readonly ('start' | 'end')[],
): ('start' | 'end')[] {
  const sides = labels.map((l) => laneSide[l.lane]);
  const n = laneX.length;
  const middle = labels.map((_, i) => i).filter((i) => labels[i].lane > 0 && labels[i].lane < n - 1);
  if (middle.length === 0) return sides;
  middle.sort((a, b) => labels[a].y - labels[b].y || a - b);

  // Segments by their top; those in flight at a label's height are kept in `active`.
  const order = segments.map((_, i) => i).sort((a, b) => top(segments[a]) - top(segments[b]) || a - b);
  const active: number[] = [];
  let next = 0;
  const callsByLane = new Map<number, SideCall[]>();
  for (const c of calls) {
    const list = callsByLane.get(c.lane);
    if (list === undefined) callsByLane.set(c.lane, [c]);
    else list.push(c);
  }

  for (const i of middle) {
    const label = labels[i];
    const width = textWidth(label.text, FONT.state);
    const y1 = label.y - ASCENT;
    const y2 = label.y + DESCENT;
    while (next < order.length && top(segments[order[next]]) <= y2) active.push(order[next++]);
    let kept = 0;
    for (const j of active) if (bottom(segments[j]) >= y1) active[kept++] = j;
    active.length = kept;

    const x = laneX[label.lane];
    const box = (dir: number): Box => {
      const a = x + dir * TEXT_OFFSET;
      const b = x + dir * (TEXT_OFFSET + width);
      return { x1: Math.min(a, b), x2: Math.max(a, b), y1, y2 };
    };
    const usual = laneSide[label.lane];
    const other = usual === 'end' ? 'start' : 'end';
    const hits = (side: 'start' | 'end') => {
      const b = box(side === 'end' ? -1 : 1);
      let count = 0;
      for (const j of active) {
        const s = segments[j];
        if (crossesBox(s.from.x, s.from.y, s.to.x, s.to.y, b)) count++;
      }
      for (const c of callsByLane.get(label.lane) ?? []) {
        const w = textWidth(c.text, FONT.call);
        const cx1 = c.anchor === 'end' ? c.x - w : c.x;
        if (cx1 < b.x2 && cx1 + w > b.x1 && c.y + 4 - ASCENT < b.y2 && c.y + 4 + DESCENT > b.y1) count++;
      }
      return count;
    };
    const here = hits(usual);
    if (here > 0 && hits(other) < here) sides[i] = other;
  }
  return sides;
}

function top(s: LadderSegment): number {
  return Math.min(s.from.y, s.to.y);
}

function bottom(s: LadderSegment): number {
  return Math.max(s.from.y, s.to.y);
}

/** Whether the line from (x1, y1) to (x2, y2) runs through the box (Liang–Barsky clipping). */
export function crossesBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x1 - box.x1],
    [dx, box.x2 - x1],
    [-dy, y1 - box.y1],
    [dy, box.y2 - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t0 < t1;
}
