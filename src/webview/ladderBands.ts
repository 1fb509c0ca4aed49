// Runs inside the preview webview: a long ladder drawn only where it is seen. Its frame
// (lanes, headers, sections, timers, notes) is drawn whole; its segments and state labels,
// by far the most of it, are cut into bands of consecutive ones, and only the bands near
// the visible part of the stage are in the page — written by the core's writer exactly as
// the whole picture writes them, inserted as the user scrolls or zooms towards them and
// removed when far away. Export draws the whole ladder instead (wholeLadder). The segments
// and state labels arrive packed in columns; a band turns back into objects only its own.

// The writer and its palettes straight from their modules, not through src/core/index.ts, so
// that the webview bundle carries only them and not the parser, engine and importers.
import type { LadderSegment, LadderStateLabel } from '../core/diagram/ladder/model';
import { ladderFrameSvg, ladderPieceSvg, ladderSvg } from '../core/diagram/svg/ladderSvg';
import { DARK as DARK_PALETTE, LIGHT as LIGHT_PALETTE, type Palette } from '../core/diagram/svg/palette';
import type { LadderLayoutView } from '../shared/previewProtocol';
import { numbersOf, unpackRecords, type PackedRecords } from '../shared/previewRecords';
import { timelinePicture, toPreviewLines } from './ladderView';
import type { MermaidTheme } from './theme';

/** Segments (or state labels) per band: a band is written and parsed well within a frame. */
const BAND_SIZE = 20;
/**
 * What drawing bands may take of a frame (ms): the browser still has to style, lay out and
 * paint them in the same frame. A band is not begun when the time it is expected to take
 * would pass the budget; the first band seen is always drawn.
 */
const FRAME_BUDGET = 4;
/** The same for bands drawn ahead in idle time, which need not be seen this frame. */
const IDLE_BUDGET = 8;
/**
 * Bands in sight are drawn at the next frame; those within AHEAD screen heights above and
 * below, when the page is idle; those beyond KEPT screen heights are removed, so that the
 * page holds few elements (a zoom lays out every text in it again).
 */
const AHEAD = 1;
const KEPT = 2;

export interface DrawnBand {
  /** The `<g>` holding the band's segments and state labels, already in the picture. */
  readonly group: SVGGElement;
  /** Index in the layout's `segments` of the band's first segment, and one past its last. */
  readonly segments: readonly [number, number];
}

interface Band {
  readonly segments: readonly [number, number];
  readonly states: readonly [number, number];
  readonly y1: number;
  readonly y2: number;
  group?: SVGGElement;
}

export function paletteOf(theme: MermaidTheme): Palette {
  return theme === 'dark' || theme === 'hc-dark' ? DARK_PALETTE : LIGHT_PALETTE;
}

/** The whole ladder as one picture, for export. */
export function wholeLadder(layout: LadderLayoutView, theme: MermaidTheme): SVGSVGElement {
  const model = { ...layout, segments: unpackRecords<LadderSegment>(layout.segments), states: unpackRecords<LadderStateLabel>(layout.states), events: [] };
  return timelinePicture(ladderSvg(model, { palette: paletteOf(theme) }));
}

export class LadderBands {
  readonly svg: SVGSVGElement;
  private readonly bands: Band[];
  private readonly container: SVGGElement;
  private readonly palette: Palette;
  private readonly listeners: ((band: DrawnBand) => void)[] = [];
  private stage: HTMLElement | undefined;
  private frame: number | undefined;
  private idle: number | undefined;
  /** How long drawing a band has taken lately (ms): a band is begun only when this much is left. */
  private cost = 1;
  private readonly onScroll = () => this.schedule();
  private readonly resize = new ResizeObserver(() => this.schedule());

  constructor(
    readonly layout: LadderLayoutView,
    theme: MermaidTheme,
  ) {
    this.palette = paletteOf(theme);
    this.svg = timelinePicture(ladderFrameSvg({ ...layout, segments: [], states: [] }, { palette: this.palette }));
    this.container = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    this.container.setAttribute('class', 'ladder-bands');
    this.svg.append(this.container);
    this.bands = cutIntoBands(layout);
  }

  /** Called with every band once it is in the picture: marks kept on segments (step, highlight) are applied to it there. */
  onDrawn(listener: (band: DrawnBand) => void): void {
    this.listeners.push(listener);
  }

  /** The bands in the page now. */
  drawn(): DrawnBand[] {
    return this.bands.filter((b) => b.group !== undefined).map((b) => ({ group: b.group!, segments: b.segments }));
  }

  /** Follows `stage`'s scrolling and size from now on (the picture is in the page). */
  attach(stage: HTMLElement): void {
    if (this.stage === stage) return;
    this.detach();
    this.stage = stage;
    stage.addEventListener('scroll', this.onScroll, { passive: true });
    this.resize.observe(stage);
    this.resize.observe(this.svg);
    this.update(FRAME_BUDGET, false);
  }

  detach(): void {
    this.stage?.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.stage = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    if (this.idle !== undefined) cancelIdle(this.idle);
    this.frame = undefined;
    this.idle = undefined;
  }

  /**
   * The stage is about to show the picture from `y1` to `y2` at another zoom: the bands more
   * than half a screen away from that leave before the new size is laid out (a zoom lays out
   * every text in the picture again); the missing ones follow at the next frame.
   */
  keepOnly(y1: number, y2: number): void {
    const margin = (y2 - y1) / 2;
    for (const band of this.bands) {
      if (band.group !== undefined && (band.y2 < y1 - margin || band.y1 > y2 + margin)) {
        band.group.remove();
        band.group = undefined;
      }
    }
  }

  /** Draws the band of segment `index` now (a step or the cursor is about to reveal it); its `<g class="segment">`. */
  segment(index: number): Element | undefined {
    // Every band but the last holds BAND_SIZE segments.
    const k = Math.floor(index / BAND_SIZE);
    if (index < 0 || k >= this.bands.length || index >= this.bands[k].segments[1]) return undefined;
    const group = this.draw(this.bands[k]);
    return group.querySelectorAll('g.segment')[index - this.bands[k].segments[0]] ?? undefined;
  }

  /** The index of the first segment drawn for 0-based `line`, or -1. */
  segmentOfLine(line: number): number {
    return numbersOf(this.layout.segments, 'line')?.indexOf(line) ?? -1;
  }

  private schedule(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.update(FRAME_BUDGET, false);
    });
  }

  private scheduleIdle(): void {
    if (this.idle !== undefined) return;
    this.idle = whenIdle((budget) => {
      this.idle = undefined;
      this.update(budget, true);
    });
  }

  /**
   * Removes the far bands, then draws the missing ones in sight (nearest the middle of the
   * screen first) within `budget` ms, and with `ahead` those near the screen too. What is
   * left is drawn at the next frame (in sight) or when the page is next idle (ahead).
   */
  private update(budget: number, ahead: boolean): void {
    const seen = this.seen();
    if (seen === undefined) return;
    const height = seen.y2 - seen.y1;
    const middle = (seen.y1 + seen.y2) / 2;
    const inSight: Band[] = [];
    const near: Band[] = [];
    for (const band of this.bands) {
      if (band.group !== undefined) {
        if (band.y2 < seen.y1 - KEPT * height || band.y1 > seen.y2 + KEPT * height) {
          band.group.remove();
          band.group = undefined;
        }
      } else if (band.y2 >= seen.y1 && band.y1 <= seen.y2) inSight.push(band);
      else if (band.y2 >= seen.y1 - AHEAD * height && band.y1 <= seen.y2 + AHEAD * height) near.push(band);
    }
    const distance = (b: Band) => Math.max(0, b.y1 - middle, middle - b.y2);
    inSight.sort((a, b) => distance(a) - distance(b));
    near.sort((a, b) => distance(a) - distance(b));
    const wanted = ahead ? [...inSight, ...near] : inSight;
    const started = performance.now();
    let drawn = 0;
    for (const band of wanted) {
      const now = performance.now();
      if ((drawn > 0 || ahead) && now - started + this.cost > budget) break;
      this.draw(band);
      this.cost = 0.7 * this.cost + 0.3 * (performance.now() - now);
      drawn++;
    }
    if (drawn < inSight.length) this.schedule();
    else if (drawn < wanted.length || (!ahead && near.length > 0)) this.scheduleIdle();
  }

  /** The part of the picture the stage shows, in the picture's units. */
  private seen(): { y1: number; y2: number } | undefined {
    if (this.stage === undefined || !this.svg.isConnected) return undefined;
    const stage = this.stage.getBoundingClientRect();
    const picture = this.svg.getBoundingClientRect();
    if (picture.height <= 0) return undefined;
    const scale = this.layout.height / picture.height;
    return { y1: (stage.top - picture.top) * scale, y2: (stage.bottom - picture.top) * scale };
  }

  private draw(band: Band): SVGGElement {
    if (band.group !== undefined) return band.group;
    const { width, height } = this.layout;
    const segments = unpackRecords<LadderSegment>(this.layout.segments, ...band.segments);
    const states = unpackRecords<LadderStateLabel>(this.layout.states, ...band.states);
    const text = ladderPieceSvg({ width, height, segments, states }, this.palette, [0, segments.length], [0, states.length]);
    const piece = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    group.setAttribute('class', 'ladder-band');
    group.setAttribute('data-first-segment', String(band.segments[0]));
    // Moved, not copied, out of the parsed document: append adopts them into the page.
    group.append(...piece.childNodes);
    toPreviewLines(group);
    // In order of their first segment, so that the page's segments stay in drawing order.
    const next = [...this.container.children].find((g) => Number(g.getAttribute('data-first-segment')) > band.segments[0]);
    this.container.insertBefore(group, next ?? null);
    band.group = group;
    for (const listener of this.listeners) listener({ group, segments: band.segments });
    return group;
  }
}

/** Calls `run` with the time (ms) it may take when the page is next idle. */
function whenIdle(run: (budget: number) => void): number {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback((deadline) => run(Math.min(IDLE_BUDGET, deadline.timeRemaining())), { timeout: 200 });
  return window.setTimeout(() => run(IDLE_BUDGET), 16);
}

function cancelIdle(handle: number): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}

/** Consecutive segments and state labels in bands; each band spans from its highest point to its lowest. */
function cutIntoBands(layout: LadderLayoutView): Band[] {
  const bands: Band[] = [];
  const segments = layout.segments.length;
  const states = layout.states.length;
  const fromY = ys(layout.segments, 'from.y');
  const toY = ys(layout.segments, 'to.y');
  const labelY = ys(layout.segments, 'labelAt.y');
  const atY = ys(layout.states, 'at.y');
  const textY = ys(layout.states, 'textAt.y');
  // State labels are in time order: each band takes those that begin before its last segment's send.
  let state = 0;
  for (let first = 0; first < segments || state < states; first += BAND_SIZE) {
    const last = Math.min(segments, first + BAND_SIZE);
    let y1 = Infinity;
    let y2 = -Infinity;
    for (let i = first; i < last; i++) {
      // The label may sit a little above or below the arrow.
      y1 = Math.min(y1, fromY[i] - 20, toY[i] - 20, labelY[i] - 20);
      y2 = Math.max(y2, fromY[i] + 20, toY[i] + 20, labelY[i] + 20);
    }
    const until = last < segments ? fromY[last] : Infinity;
    const firstState = state;
    while (state < states && (atY[state] < until || last === segments)) {
      y1 = Math.min(y1, atY[state] - 16);
      y2 = Math.max(y2, textY[state] + 4);
      state++;
    }
    bands.push({ segments: [first, last], states: [firstState, state], y1, y2 });
    if (last === segments && state === states) break;
  }
  return bands;
}

/** A coordinate of every record; zeros when the records have none (an empty list). */
function ys(records: PackedRecords, field: string): Float64Array {
  return numbersOf(records, field) ?? new Float64Array(records.length);
}
