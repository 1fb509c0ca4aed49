// The timing ladder as plain SVG. Each segment is a <g class="segment" data-line="N"> (N the
// 1-based source line) holding a <line> from its send point to its arrival or loss point,
// its arrowhead or cross, and its label; each state label is a <text class="state">. What
// every segment and every state label shares (type size, stroke width, the halo's joins) is
// written once, on the <g class="segments"> and <g class="states"> that hold them: a long
// ladder has one of each per segment.
// With a window, only what lies in that band of the drawing is written. The preview draws a
// long ladder as its frame (ladderFrameSvg: everything but the segments and state labels)
// and then, as the user scrolls, pieces of those (ladderPieceSvg), each exactly as the whole
// picture writes it.

import type { LadderModel, LadderSegment, LadderStateLabel, Point } from '../ladder/model';
import { FONT } from '../ladder/lanes';
import { FONT_FAMILY, type FontStyle } from './fontMetrics';
import { LIGHT, phaseOf, type Palette } from './palette';
import { attrs, num, SvgWriter, type Attributes } from './writer';

export interface LadderSvgOptions {
  readonly palette?: Palette;
  /** False: no background rectangle (a transparent picture). */
  readonly background?: boolean;
  /** Only the elements that reach into this band of y are written. */
  readonly window?: { readonly y1: number; readonly y2: number };
}

const ARROW_LENGTH = 10;
const ARROW_HALF_WIDTH = 4.5;
const CROSS = 7;

export function ladderSvg(model: LadderModel, options: LadderSvgOptions = {}): string {
  const p = options.palette ?? LIGHT;
  // About what a segment and a state label take, so the buffer seldom grows (a window: a small part).
  const w = new SvgWriter(options.window === undefined ? model.segments.length * 400 + model.states.length * 150 + 4096 : 65536);
  const y1 = options.window?.y1 ?? -Infinity;
  const y2 = options.window?.y2 ?? Infinity;
  const visible = (a: number, b: number) => Math.max(a, b) >= y1 && Math.min(a, b) <= y2;
  w.open('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width: model.width,
    height: model.height,
    viewBox: `0 0 ${num(model.width)} ${num(model.height)}`,
    class: 'tcpflow-ladder',
    'font-family': FONT_FAMILY,
    role: 'img',
  });
  w.text(model.title ?? 'TCP timing ladder', {}, 'title');
  if (options.background !== false) w.empty('rect', { x: 0, y: 0, width: model.width, height: model.height, fill: p.background });

  model.sections.forEach((s, i) => {
    if (!visible(s.y1, s.y2)) return;
    w.open('g', { class: 'section', 'data-line': s.line + 1 });
    w.empty('rect', { x: 0, y: s.y1, width: model.width, height: s.y2 - s.y1, fill: p.sectionTints[i % 2], 'fill-opacity': '0.045' });
    w.empty('line', { x1: 0, y1: s.y1, x2: model.width, y2: s.y1, stroke: p.sectionTints[i % 2], 'stroke-opacity': '0.35' });
    w.close('g');
  });

  if (model.title !== undefined && visible(0, model.headerTop)) {
    w.text(model.title, { class: 'title', x: model.width / 2, y: model.headerTop - 14, 'text-anchor': 'middle', fill: p.ink, ...font(FONT.title) });
  }
  header(w, model, p, visible);

  // State phases as a tinted band under each lane, then the lanes themselves.
  for (const s of model.spans) {
    if (!visible(s.y1, s.y2)) continue;
    const x = model.lanes[s.lane].x;
    w.empty('rect', { class: 'span', x: x - 3.5, y: s.y1, width: 7, height: s.y2 - s.y1, fill: p.phases[phaseOf(s.state)], 'fill-opacity': '0.28' });
  }
  for (const lane of model.lanes) {
    if (!visible(model.laneTop, model.laneBottom)) break;
    w.empty('line', { class: 'lane', x1: lane.x, y1: model.laneTop - 12, x2: lane.x, y2: model.laneBottom, stroke: p.lane, 'stroke-width': 1.5 });
    w.empty('path', { d: `M${num(lane.x - 5)},${num(model.laneBottom - 7)} L${num(lane.x)},${num(model.laneBottom + 1)} L${num(lane.x + 5)},${num(model.laneBottom - 7)}`, fill: 'none', stroke: p.lane, 'stroke-width': 1.5 });
  }

  // Section titles over the lanes, so a long title stays legible where it crosses one.
  for (const s of model.sections) {
    if (visible(s.y1, s.y1 + 20)) w.text(s.title, { class: 'section', 'data-line': s.line + 1, x: 10, y: s.y1 + 16, fill: p.muted, ...font(FONT.section), ...halo(p) });
  }

  for (const g of model.gaps) {
    if (!visible(g.y1, g.y2)) continue;
    w.open('g', { class: 'gap', 'data-line': g.line + 1 });
    const mid = (g.y1 + g.y2) / 2;
    if (g.broken) {
      for (const lane of model.lanes) {
        w.empty('rect', { x: lane.x - 9, y: mid - 5, width: 18, height: 10, fill: p.background });
        for (const dy of [-5, 5]) w.empty('line', { x1: lane.x - 10, y1: mid + dy + 4, x2: lane.x + 10, y2: mid + dy - 4, stroke: p.lane, 'stroke-width': 1.5 });
      }
    }
    const left = model.lanes[0]?.x ?? 0;
    const right = model.lanes[model.lanes.length - 1]?.x ?? model.width;
    w.text(g.label, { x: (left + right) / 2, y: mid + 4, 'text-anchor': 'middle', fill: p.muted, 'font-style': 'italic', ...font(FONT.gap), ...halo(p) });
    w.close('g');
  }

  for (const t of model.timers) {
    if (!visible(t.y1, t.y2)) continue;
    const color = p.timers[t.kind];
    const dir = t.anchor === 'end' ? -1 : 1;
    w.open('g', { class: 'timer', 'data-kind': t.kind, 'data-line': t.line + 1 });
    const tick = (y: number) => w.empty('line', { x1: t.x, y1: y, x2: t.x - dir * 5, y2: y, stroke: color, 'stroke-width': 1.5 });
    tick(t.y1);
    w.empty('line', { x1: t.x, y1: t.y1, x2: t.x, y2: t.y2, stroke: color, 'stroke-width': 1.5, 'stroke-dasharray': t.open ? '4 3' : undefined });
    if (!t.open) tick(t.y2);
    w.text(t.label, { x: t.textAt.x, y: t.textAt.y, 'text-anchor': t.anchor, fill: color, ...font(FONT.timer) });
    w.close('g');
  }

  for (const n of model.notes) {
    if (!visible(n.y, n.y + n.height)) continue;
    w.open('g', { class: 'note', 'data-line': n.line + 1 });
    w.empty('rect', { x: n.x1, y: n.y, width: n.x2 - n.x1, height: n.height, rx: 3, fill: p.noteFill, stroke: p.noteStroke });
    w.text(n.text, { x: (n.x1 + n.x2) / 2, y: n.y + n.height / 2 + 4, 'text-anchor': 'middle', fill: p.ink, ...font(FONT.note) });
    w.close('g');
  }

  for (const c of model.calls) {
    if (!visible(c.at.y - 10, c.at.y + 10)) continue;
    w.open('g', { class: 'call', 'data-line': c.line + 1 });
    w.empty('circle', { cx: model.lanes[c.lane].x, cy: c.at.y, r: 3, fill: p.muted });
    w.text(c.text, { x: c.at.x, y: c.at.y + 4, 'text-anchor': c.anchor, fill: p.muted, 'font-style': 'italic', ...font(FONT.call) });
    w.close('g');
  }

  if (model.segments.length > 0) {
    w.open('g', segmentsGroup(p));
    const halo = textHalo(p);
    for (const s of model.segments) if (visible(s.from.y, s.to.y)) segment(w, s, p, halo);
    w.close('g');
  }
  if (model.states.length > 0) {
    w.open('g', statesGroup(p));
    for (const s of model.states) if (visible(s.at.y - 16, s.textAt.y + 4)) stateLabel(w, s, p);
    w.close('g');
  }
  w.close('svg');
  return w.finish();
}

/** What a long ladder's pieces are cut from: its size, its segments and its state labels. */
export type LadderPieces = Pick<LadderModel, 'width' | 'height' | 'segments' | 'states'>;

/** The whole picture but its segments and state labels, which ladderPieceSvg writes. */
export function ladderFrameSvg(model: Omit<LadderModel, 'events'>, options: Omit<LadderSvgOptions, 'window'> = {}): string {
  return ladderSvg({ ...model, segments: [], states: [], events: [] }, options);
}

/**
 * Segments `segments[0]` to `segments[1]` (end excluded) and state labels `states[0]` to
 * `states[1]`, written as the whole picture writes them, in an <svg> of the whole size.
 */
export function ladderPieceSvg(model: LadderPieces, palette: Palette, segments: readonly [number, number], states: readonly [number, number]): string {
  const w = new SvgWriter((segments[1] - segments[0]) * 400 + (states[1] - states[0]) * 150 + 1024);
  w.open('svg', { xmlns: 'http://www.w3.org/2000/svg', width: model.width, height: model.height });
  if (segments[1] > segments[0]) {
    w.open('g', segmentsGroup(palette));
    const halo = textHalo(palette);
    for (let i = segments[0]; i < segments[1]; i++) segment(w, model.segments[i], palette, halo);
    w.close('g');
  }
  if (states[1] > states[0]) {
    w.open('g', statesGroup(palette));
    for (let i = states[0]; i < states[1]; i++) stateLabel(w, model.states[i], palette);
    w.close('g');
  }
  w.close('svg');
  return w.finish();
}

/**
 * What the segments inherit: the ink (arrowheads and labels in it leave their fill out), the
 * arrows' width, the labels' type and their halo's joins. No stroke: the arrowheads have none.
 */
function segmentsGroup(p: Palette): Attributes {
  return { class: 'segments', fill: p.ink, 'stroke-width': 1.6, 'text-anchor': 'middle', ...font(FONT.segment), 'stroke-linejoin': 'round', 'paint-order': 'stroke' };
}

/** A segment label's halo: its own stroke, over the group's arrow width. */
function textHalo(p: Palette): string {
  return attrs({ stroke: p.halo, 'stroke-width': 3.5 });
}

/** What the state labels inherit: their type and halo (the dots beside them say stroke="none"). */
function statesGroup(p: Palette): Attributes {
  return { class: 'states', ...font(FONT.state), ...halo(p) };
}

function stateLabel(w: SvgWriter, s: LadderStateLabel, p: Palette): void {
  const color = p.phases[phaseOf(s.state)];
  if (s.line >= 0) {
    w.raw('<circle cx="');
    w.num(s.at.x);
    w.raw('" cy="');
    w.num(s.at.y);
    w.raw(`" r="3.5" fill="${color}" stroke="none"/>\n`);
  }
  w.raw('<text class="state" data-line="');
  w.int(s.line + 1);
  // The step-through greys a receiver's new state until its segment arrives.
  w.raw(s.arrival ? '" data-on="arrival" x="' : '" x="');
  w.num(s.textAt.x);
  w.raw('" y="');
  w.num(s.textAt.y);
  w.raw(`" text-anchor="${s.anchor}" fill="${color}">`);
  w.escaped(s.text);
  w.raw('</text>\n');
}

function header(w: SvgWriter, model: LadderModel, p: Palette, visible: (a: number, b: number) => boolean): void {
  if (!visible(model.headerTop, model.laneTop)) return;
  const height = model.laneTop - 26 - model.headerTop;
  for (const lane of model.lanes) {
    w.open('g', { class: 'participant', 'data-line': lane.line + 1 });
    const width = lane.headerWidth;
    w.empty('rect', { x: lane.x - width / 2, y: model.headerTop, width, height, rx: 5, fill: p.header, stroke: p.headerStroke });
    w.text(lane.label, { x: lane.x, y: model.headerTop + 19, 'text-anchor': 'middle', fill: p.ink, ...font(FONT.header) });
    if (lane.address !== undefined) w.text(lane.address, { x: lane.x, y: model.headerTop + 34, 'text-anchor': 'middle', fill: p.muted, ...font(FONT.address) });
    w.close('g');
  }
}

/** Written straight into the writer's buffer: the ladder of a long script has one of these per segment. */
function segment(w: SvgWriter, s: LadderSegment, p: Palette, halo: string): void {
  const color = s.invalid ? p.invalid : s.fate === 'lost' ? p.lost : s.fate === 'delayed' || s.fate === 'in-flight' ? p.delayed : s.retransmit ? p.retransmit : s.keepalive ? p.keepalive : p.ink;
  const dash = s.invalid ? ' stroke-dasharray="2 3"' : s.fate === 'delayed' || s.fate === 'in-flight' ? ' stroke-dasharray="7 4"' : s.fate === 'lost' ? ' stroke-dasharray="8 3"' : '';
  const from = s.from;
  const to = s.to;
  w.raw('<g class="segment" data-line="');
  w.int(s.line + 1);
  w.raw(FATE_OPEN[s.fate]);
  w.num(from.x);
  w.raw('" y1="');
  w.num(from.y);
  w.raw('" x2="');
  w.num(to.x);
  w.raw('" y2="');
  w.num(to.y);
  w.raw('" stroke="');
  w.raw(color);
  w.raw('"');
  w.raw(dash);
  w.raw('/>\n');
  if (s.fate === 'lost') cross(w, to, color);
  else if (s.fate !== 'in-flight') arrowhead(w, from, to, color !== p.ink ? color : undefined);
  w.raw('<text x="');
  w.num(s.labelAt.x);
  w.raw('" y="');
  w.num(s.labelAt.y);
  w.raw('"');
  w.raw(halo);
  if (s.angle !== 0) {
    w.raw(' transform="rotate(');
    w.num(s.angle);
    w.raw(' ');
    w.num(s.labelAt.x);
    w.raw(' ');
    w.num(s.labelAt.y);
    w.raw(')"');
  }
  const fill = s.invalid || s.fate === 'lost' ? color : p.ink;
  if (fill !== p.ink) {
    w.raw(' fill="');
    w.raw(fill);
    w.raw('"');
  }
  w.raw('>');
  w.escaped(s.label);
  w.raw('</text>\n</g>\n');
}

/** From after a segment's data-line value to its <line>'s first coordinate. */
const FATE_OPEN: Readonly<Record<LadderSegment['fate'], string>> = {
  delivered: '" data-fate="delivered">\n<line x1="',
  dropped: '" data-fate="dropped">\n<line x1="',
  lost: '" data-fate="lost">\n<line x1="',
  delayed: '" data-fate="delayed">\n<line x1="',
  'in-flight': '" data-fate="in-flight">\n<line x1="',
};

function arrowhead(w: SvgWriter, from: Point, to: Point, fill: string | undefined): void {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const bx = to.x - ux * ARROW_LENGTH;
  const by = to.y - uy * ARROW_LENGTH;
  pathPoint(w, '<path d="M', to.x, to.y);
  pathPoint(w, ' L', bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH);
  pathPoint(w, ' L', bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH);
  w.raw(' Z"');
  if (fill !== undefined) {
    w.raw(' fill="');
    w.raw(fill);
    w.raw('"');
  }
  w.raw('/>\n');
}

/** `before` then the point `x,y` of a path's data. */
function pathPoint(w: SvgWriter, before: string, x: number, y: number): void {
  w.raw(before);
  w.num(x);
  w.raw(',');
  w.num(y);
}

function cross(w: SvgWriter, at: Point, color: string): void {
  pathPoint(w, '<path class="loss" d="M', at.x - CROSS, at.y - CROSS);
  pathPoint(w, ' L', at.x + CROSS, at.y + CROSS);
  pathPoint(w, ' M', at.x - CROSS, at.y + CROSS);
  pathPoint(w, ' L', at.x + CROSS, at.y - CROSS);
  w.raw('" stroke="');
  w.raw(color);
  w.raw('" stroke-width="3" stroke-linecap="round" fill="none"/>\n');
}

function font(style: FontStyle): Attributes {
  return { 'font-size': style.size, 'font-weight': style.bold === true ? 'bold' : undefined };
}

/** A page-coloured outline behind the glyphs: text stays legible where it sits on a line. */
function halo(p: Palette): Attributes {
  return { stroke: p.halo, 'stroke-width': 3.5, 'stroke-linejoin': 'round', 'paint-order': 'stroke' };
}
