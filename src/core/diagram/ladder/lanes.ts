// Across the ladder: where each lane goes, so that the longest segment label fits between
// two lanes, state labels and timer brackets fit beside the outer lanes, and headers and
// notes stay inside the drawing.

import type { FontStyle } from '../svg/fontMetrics';
import { textWidth } from '../svg/fontMetrics';
import type { LadderTimer } from './model';

export const MARGIN = 24;

/** The type sizes of the ladder, shared by the layout (widths) and the SVG writer. */
export const FONT = {
  title: { size: 18, bold: true },
  header: { size: 15, bold: true },
  address: { size: 11.5 },
  segment: { size: 12.5 },
  state: { size: 12, bold: true },
  timer: { size: 11.5 },
  gap: { size: 12 },
  note: { size: 12 },
  call: { size: 12 },
  section: { size: 12, bold: true },
} as const satisfies Record<string, FontStyle>;

const MIN_SPACING = 320;
const MAX_SPACING = 600;
/** Between a lane and its state labels, between those and the first timer bracket, between brackets. */
const STATE_GAP = 10;
const TIMER_GAP = 14;
const TIMER_LABEL_GAP = 6;

export type UnplacedTimer = Omit<LadderTimer, 'x' | 'textAt' | 'anchor'>;

export interface LaneExtent {
  /** Width of the header box. */
  readonly header: number;
  /** Widest state label beside the lane. */
  readonly states: number;
  readonly timers: readonly UnplacedTimer[];
  /** Half the widest note over this lane alone. */
  readonly note: number;
  readonly call: number;
}

export interface PlacedLanes {
  readonly x: readonly number[];
  /** Which way a lane's labels run from it: `end` = to its left (the first lane), `start` = to its right. */
  readonly side: readonly ('start' | 'end')[];
  readonly width: number;
  timer(t: UnplacedTimer): LadderTimer;
}

/** `labels`: the spacing every segment label needs to fit beside the arrows that cross it. */
export function placeLanes(extents: readonly LaneExtent[], labels: number, titleWidth: number): PlacedLanes {
  const n = extents.length;
  const side = extents.map((_, k) => (k === 0 && n > 1 ? 'end' : 'start') as 'start' | 'end');
  let spacing = Math.min(MAX_SPACING, Math.max(MIN_SPACING, Math.ceil(labels)));
  for (let k = 0; k + 1 < n; k++) {
    spacing = Math.max(spacing, extents[k].header / 2 + extents[k + 1].header / 2 + 24, extents[k].call + extents[k + 1].call + 60);
  }

  const columns = extents.map((e) => timerColumns(e.timers));
  const outer = extents.map((e, k) => {
    const beside = STATE_GAP + e.states + columns[k].width;
    return Math.max(e.header / 2, e.note, beside);
  });
  const x: number[] = [];
  const left = MARGIN + (n > 0 ? outer[0] : 0);
  for (let k = 0; k < n; k++) x.push(Math.round(left + k * spacing));
  const lastX = n > 0 ? x[n - 1] : MARGIN;
  const rightOuter = n > 1 ? outer[n - 1] : n === 1 ? outer[0] : 0;
  let width = Math.ceil(lastX + rightOuter + MARGIN);
  if (titleWidth + 2 * MARGIN > width) {
    const extra = Math.ceil(titleWidth + 2 * MARGIN - width);
    for (let k = 0; k < n; k++) x[k] += Math.round(extra / 2);
    width += extra;
  }

  return {
    x,
    side,
    width,
    timer(t) {
      const lane = t.lane;
      const dir = side[lane] === 'end' ? -1 : 1;
      const offset = STATE_GAP + extents[lane].states + columns[lane].offset(t);
      const bx = x[lane] + dir * offset;
      return {
        ...t,
        x: Math.round(bx),
        textAt: { x: Math.round(bx + dir * TIMER_LABEL_GAP), y: Math.round((t.y1 + t.y2) / 2 + 4) },
        anchor: dir < 0 ? 'end' : 'start',
      };
    },
  };
}

/** Brackets that overlap in time go side by side; each column is as wide as its widest label. */
function timerColumns(timers: readonly UnplacedTimer[]): { width: number; offset(t: UnplacedTimer): number } {
  const column = new Map<UnplacedTimer, number>();
  const ends: number[] = [];
  const widths: number[] = [];
  for (const t of [...timers].sort((a, b) => a.y1 - b.y1)) {
    let c = ends.findIndex((end) => end <= t.y1);
    if (c < 0) c = ends.length;
    ends[c] = t.y2;
    widths[c] = Math.max(widths[c] ?? 0, textWidth(t.label, FONT.timer) + TIMER_LABEL_GAP + TIMER_GAP);
    column.set(t, c);
  }
  const starts: number[] = [];
  let sum = TIMER_GAP;
  for (const w of widths) {
    starts.push(sum);
    sum += w;
  }
  return { width: widths.length > 0 ? sum : 0, offset: (t) => starts[column.get(t) ?? 0] ?? TIMER_GAP };
}
