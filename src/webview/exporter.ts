// Runs inside the preview webview and the page `tcpflow render` drives (one export path for
// both): turns drawn diagrams into a standalone SVG file — one page, or every page of the
// script one below the other — or a PNG drawn through a canvas (the SVG as a data: image,
// which the CSP allows). The background is painted under everything. The extension host
// shows the save dialog and writes the file; the CLI writes it itself.

const SVG_NS = 'http://www.w3.org/2000/svg';
/** PNG pixels per SVG pixel: sharp on high-density screens and in documents. */
const PNG_SCALE = 2;
/** Canvas limits in Chromium are about 16k per side; a long diagram is scaled down to fit. */
const MAX_CANVAS_SIDE = 16_000;
/** Space between pages in a whole-script export. */
const PAGE_GAP = 24;

export type Background = 'transparent' | 'white' | 'theme';
export const BACKGROUNDS: readonly Background[] = ['transparent', 'white', 'theme'];

export interface ExportedSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

/** The fill behind the diagram: none, white, or the editor's background colour. */
export function backgroundColor(choice: Background, body: HTMLElement): string | undefined {
  if (choice === 'transparent') return undefined;
  if (choice === 'white') return '#ffffff';
  const color = getComputedStyle(body).getPropertyValue('--vscode-editor-background').trim();
  return color !== '' ? color : getComputedStyle(body).backgroundColor;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function boxOf(svg: SVGSVGElement): Box {
  const box = svg.viewBox.baseVal;
  if (box !== null && box.width > 0 && box.height > 0) return { x: box.x, y: box.y, width: box.width, height: box.height };
  const rect = svg.getBoundingClientRect();
  return { x: 0, y: 0, width: rect.width, height: rect.height };
}

/** A copy of `svg` sized in pixels, without the preview's highlight and click targets. */
function cleanCopy(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelectorAll('.tcpflow-hit').forEach((element) => element.remove());
  copy.querySelectorAll('.tcpflow-highlight').forEach((element) => element.classList.remove('tcpflow-highlight'));
  copy.querySelectorAll('[data-line]').forEach((element) => element.removeAttribute('data-line'));
  copy.removeAttribute('style');
  const box = boxOf(svg);
  copy.setAttribute('width', String(Math.ceil(box.width)));
  copy.setAttribute('height', String(Math.ceil(box.height)));
  copy.setAttribute('xmlns', SVG_NS);
  return copy;
}

/** A rectangle of `fill` over `box`, to go first in its SVG: under everything drawn. */
function backgroundRect(box: Box, fill: string): SVGRectElement {
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('x', String(box.x));
  rect.setAttribute('y', String(box.y));
  rect.setAttribute('width', String(box.width));
  rect.setAttribute('height', String(box.height));
  rect.setAttribute('fill', fill);
  rect.setAttribute('class', 'tcpflow-background');
  return rect;
}

/**
 * Diagrams (the pages of one script) as one SVG file, one below the other, each page a
 * nested <svg> keeping its own viewBox and Mermaid's style scoped to its own id.
 */
export function standaloneSvgOfPages(pages: readonly SVGSVGElement[], background: string | undefined): ExportedSvg {
  if (pages.length === 1) {
    const copy = cleanCopy(pages[0]);
    const box = boxOf(pages[0]);
    if (background !== undefined) copy.prepend(backgroundRect(box, background));
    return { text: new XMLSerializer().serializeToString(copy), width: Math.ceil(box.width), height: Math.ceil(box.height) };
  }
  const boxes = pages.map(boxOf);
  const width = Math.ceil(Math.max(...boxes.map((b) => b.width)));
  const height = Math.ceil(boxes.reduce((sum, b) => sum + Math.ceil(b.height), 0) + PAGE_GAP * (pages.length - 1));
  const outer = document.createElementNS(SVG_NS, 'svg');
  outer.setAttribute('xmlns', SVG_NS);
  outer.setAttribute('width', String(width));
  outer.setAttribute('height', String(height));
  outer.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (background !== undefined) outer.append(backgroundRect({ x: 0, y: 0, width, height }, background));
  let y = 0;
  pages.forEach((page, i) => {
    const copy = cleanCopy(page);
    copy.removeAttribute('xmlns');
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(y));
    outer.append(copy);
    y += Math.ceil(boxes[i].height) + PAGE_GAP;
  });
  return { text: new XMLSerializer().serializeToString(outer), width, height };
}

/** The PNG of an exported SVG, as base64 (without the data: prefix). */
export async function pngBase64(svg: ExportedSvg, background: string | undefined): Promise<string> {
  const scale = Math.min(PNG_SCALE, MAX_CANVAS_SIDE / Math.max(svg.width, 1), MAX_CANVAS_SIDE / Math.max(svg.height, 1));
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(svg.width * scale));
  canvas.height = Math.max(1, Math.round(svg.height * scale));
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2D canvas');
  if (background !== undefined) {
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
