// RFC 9293 Figure 5 as plain SVG, from figure5/layout.ts: each state a
// <g class="state" data-state="…"> with its box and name, each transition a
// <g class="transition" data-from="…" data-to="…" data-taken="0 1"> with its route, arrowhead
// and event/action label. The paths the endpoints took are drawn over the figure in their
// colours; the states they are in at the cursor are outlined in theirs.

import type { Figure5Box, Figure5Edge, Figure5Model } from '../figure5/layout';
import { FONT_FAMILY, textWidth } from './fontMetrics';
import { LIGHT, type Palette } from './palette';
import { num, SvgWriter } from './writer';

export interface Figure5SvgOptions {
  readonly palette?: Palette;
  readonly background?: boolean;
  /**
   * Font sizes of the transition labels (and legend) and of the state names, in the figure's
   * pixels. Larger sizes keep the text legible when the figure is shrunk to a narrow panel;
   * a state name wider than its box is then condensed to fit it.
   */
  readonly labelSize?: number;
  readonly stateSize?: number;
}

const LABEL_SIZE = 12;
const STATE_SIZE = 13.5;
const LEGEND_SIZE = 13;

interface Sizes {
  readonly label: number;
  readonly state: number;
  readonly legend: number;
}

export function figure5Svg(model: Figure5Model, options: Figure5SvgOptions = {}): string {
  const p = options.palette ?? LIGHT;
  const w = new SvgWriter();
  w.open('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width: model.width,
    height: model.height,
    viewBox: `0 0 ${num(model.width)} ${num(model.height)}`,
    class: 'tcpflow-states',
    'font-family': FONT_FAMILY,
    role: 'img',
  });
  w.text('TCP connection state diagram (RFC 9293, Figure 5)', {}, 'title');
  if (options.background !== false) w.empty('rect', { x: 0, y: 0, width: model.width, height: model.height, fill: p.background });
  const color = (k: number) => p.endpoints[k % p.endpoints.length];
  const sizes: Sizes = {
    label: options.labelSize ?? LABEL_SIZE,
    state: options.stateSize ?? STATE_SIZE,
    legend: Math.max(LEGEND_SIZE, options.labelSize ?? LEGEND_SIZE),
  };

  for (const e of model.edges) edge(w, e, p, color, sizes.label);
  for (const b of model.boxes) box(w, b, model, p, color, sizes.state);

  // Legend: which colour is which endpoint.
  const row = Math.max(20, sizes.legend + 7);
  model.endpoints.forEach((e, k) => {
    const y = 24 + k * row;
    w.empty('line', { x1: 16, y1: y - 4, x2: 40, y2: y - 4, stroke: color(k), 'stroke-width': 3.5, 'stroke-linecap': 'round' });
    w.text(e.label, { class: 'legend', x: 48, y, fill: p.ink, 'font-size': sizes.legend, 'font-weight': 'bold' });
  });
  w.close('svg');
  return w.finish();
}

function edge(w: SvgWriter, e: Figure5Edge, p: Palette, color: (k: number) => string, size: number): void {
  w.open('g', { class: 'transition', 'data-from': e.from, 'data-to': e.to, 'data-taken': e.takenBy.join(' ') });
  const d = e.rfc ? polyline(e.points) : curve(e.points);
  w.empty('path', { d, fill: 'none', stroke: e.takenBy.length > 0 ? p.headerStroke : p.muted, 'stroke-width': 1.3, 'stroke-dasharray': e.rfc ? undefined : '6 4' });
  // Each endpoint that took the transition: its colour beside the others'.
  e.takenBy.forEach((k, i) => {
    const offset = (i - (e.takenBy.length - 1) / 2) * 4;
    w.empty('path', { class: 'taken', d: e.rfc ? polyline(shifted(e.points, offset)) : curve(shifted(e.points, offset)), fill: 'none', stroke: color(k), 'stroke-width': 3.5, 'stroke-linejoin': 'round', 'stroke-opacity': '0.85' });
  });
  const last = e.points[e.points.length - 1];
  const before = e.points[e.points.length - 2];
  w.empty('path', { d: arrowhead(before, last), fill: e.takenBy.length > 0 ? color(e.takenBy[e.takenBy.length - 1]) : p.muted });
  label(w, e, p, size);
  w.close('g');
}

function label(w: SvgWriter, e: Figure5Edge, p: Palette, size: number): void {
  const { x, y } = e.labelAt;
  const common = { 'text-anchor': e.anchor, fill: p.ink, 'font-size': size, stroke: p.background, 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' };
  if (e.action === '') {
    w.text(e.event, { x, y, ...common, 'font-style': e.rfc ? undefined : 'italic' });
    return;
  }
  w.text(e.event, { x, y, ...common });
  const width = Math.max(textWidth(e.event, { size }), textWidth(e.action, { size }));
  const x1 = e.anchor === 'start' ? x : e.anchor === 'end' ? x - width : x - width / 2;
  w.empty('line', { x1, y1: y + 4, x2: x1 + width, y2: y + 4, stroke: p.muted, 'stroke-width': 0.8 });
  w.text(e.action, { x, y: y + Math.round(size * 1.4), ...common });
}

function box(w: SvgWriter, b: Figure5Box, model: Figure5Model, p: Palette, color: (k: number) => string, size: number): void {
  const bw = model.boxWidth;
  const bh = model.boxHeight;
  const x = b.x - bw / 2;
  const y = b.y - bh / 2;
  const visitor = b.visitedBy.length === 1 ? color(b.visitedBy[0]) : undefined;
  w.open('g', { class: 'state', 'data-state': b.id, 'data-current': b.currentFor.join(' ') || undefined });
  w.empty('rect', { x, y, width: bw, height: bh, rx: 8, fill: p.header, stroke: p.headerStroke, 'stroke-width': 1.2 });
  if (b.visitedBy.length > 0) {
    w.empty('rect', { x, y, width: bw, height: bh, rx: 8, fill: visitor ?? p.muted, 'fill-opacity': '0.16', stroke: 'none' });
  }
  // Outlines for the endpoints in this state at the cursor, one ring each.
  b.currentFor.forEach((k, i) => {
    const grow = 3 + i * 5;
    w.empty('rect', { class: 'current', x: x - grow, y: y - grow, width: bw + 2 * grow, height: bh + 2 * grow, rx: 8 + grow, fill: 'none', stroke: color(k), 'stroke-width': 3.5 });
  });
  const room = bw - 10;
  const condensed = textWidth(b.text, { size, bold: true }) > room;
  w.text(b.text, {
    x: b.x,
    y: b.y + Math.round(size * 0.37),
    'text-anchor': 'middle',
    fill: p.ink,
    'font-size': size,
    'font-weight': 'bold',
    textLength: condensed ? room : undefined,
    lengthAdjust: condensed ? 'spacingAndGlyphs' : undefined,
  });
  // Who passed through here: a dot per endpoint under the name.
  b.visitedBy.forEach((k, i) => {
    w.empty('circle', { cx: b.x + (i - (b.visitedBy.length - 1) / 2) * 12, cy: y + bh - 6, r: 3.5, fill: color(k) });
  });
  w.close('g');
}

function polyline(points: readonly { x: number; y: number }[]): string {
  return points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${num(pt.x)},${num(pt.y)}`).join(' ');
}

function curve(points: readonly { x: number; y: number }[]): string {
  const [a, c, b] = points;
  return `M${num(a.x)},${num(a.y)} Q${num(c.x)},${num(c.y)} ${num(b.x)},${num(b.y)}`;
}

/** The route moved sideways by `d` pixels (perpendicular to each leg). */
function shifted(points: readonly { x: number; y: number }[], d: number): { x: number; y: number }[] {
  if (d === 0) return [...points];
  return points.map((pt, i) => {
    const a = points[Math.max(0, i - 1)];
    const b = points[Math.min(points.length - 1, i + 1)];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.hypot(dx, dy) || 1;
    return { x: pt.x - (dy / length) * d, y: pt.y + (dx / length) * d };
  });
}

function arrowhead(from: { x: number; y: number }, to: { x: number; y: number }): string {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const bx = to.x - ux * 11;
  const by = to.y - uy * 11;
  return `M${num(to.x)},${num(to.y)} L${num(bx - uy * 5)},${num(by + ux * 5)} L${num(bx + uy * 5)},${num(by - ux * 5)} Z`;
}
