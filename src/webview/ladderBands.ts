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
/** Drawing stops for this frame once it has taken this long (ms); the rest follows next frame. */
const FRAME_BUDGET = 6;
/** Bands are drawn this many screen heights above and below what is seen, and kept within three times that. */
const AHEAD = 1;
const KEPT = 3;

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
    this.update();
  }

  detach(): void {
    this.stage?.removeEventListener('scroll', this.onScroll);
    this.resize.disconnect();
    this.stage = undefined;
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  /** Draws the band of segment `index` now (a step or the cursor is about to reveal it); its `<g class="segment">`. */
  segment(index: number): Element | undefined {
    const k = this.bands.findIndex((b) => index >= b.segments[0] && index < b.segments[1]);
    if (k < 0) return undefined;
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
      this.update();
    });
  }

  /** Draws the bands near what is seen, within the frame budget, and removes the far ones. */
  private update(): void {
    const seen = this.seen();
    if (seen === undefined) return;
    const height = seen.y2 - seen.y1;
    const started = performance.now();
    let more = false;
    for (const band of this.bands) {
      const near = band.y2 >= seen.y1 - AHEAD * height && band.y1 <= seen.y2 + AHEAD * height;
      const kept = band.y2 >= seen.y1 - KEPT * height && band.y1 <= seen.y2 + KEPT * height;
      if (near && band.group === undefined) {
        if (performance.now() - started > FRAME_BUDGET) more = true;
        else this.draw(band);
      } else if (!kept && band.group !== undefined) {
        band.group.remove();
        band.group = undefined;
      }
    }
    if (more) this.schedule();
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
    group.append(...[...piece.childNodes].map((node) => document.importNode(node, true)));
    toPreviewLines(group);
    // In order of their first segment, so that the page's segments stay in drawing order.
    const next = [...this.container.children].find((g) => Number(g.getAttribute('data-first-segment')) > band.segments[0]);
    this.container.insertBefore(group, next ?? null);
    band.group = group;
    for (const listener of this.listeners) listener({ group, segments: band.segments });
    return group;
  }
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
