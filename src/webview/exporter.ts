// Runs inside the preview webview: turns the diagram on screen into a standalone SVG file,
// or a PNG drawn through a canvas (the SVG as a data: image, which the CSP allows). The
// extension host shows the save dialog and writes the file.

import type { Background } from './webviewState';

/** PNG pixels per SVG pixel: sharp on high-density screens and in documents. */
const PNG_SCALE = 2;
/** Canvas limits in Chromium are about 16k per side; a long diagram is scaled down to fit. */
const MAX_CANVAS_SIDE = 16_000;

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

/** A copy of `svg` with its size in pixels, the highlight removed, and the background painted. */
export function standaloneSvg(svg: SVGSVGElement, background: string | undefined): ExportedSvg {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.querySelectorAll('.tcpflow-hit').forEach((element) => element.remove());
  copy.querySelectorAll('.tcpflow-highlight').forEach((element) => element.classList.remove('tcpflow-highlight'));
  const box = svg.viewBox.baseVal;
  const width = Math.ceil(box && box.width > 0 ? box.width : svg.getBoundingClientRect().width);
  const height = Math.ceil(box && box.height > 0 ? box.height : svg.getBoundingClientRect().height);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.style.removeProperty('max-width');
  if (background !== undefined) {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('x', String(box?.x ?? 0));
    rect.setAttribute('y', String(box?.y ?? 0));
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', background);
    // After Mermaid's <style>, before every drawn element.
    const style = copy.querySelector(':scope > style');
    if (style !== null) style.after(rect);
    else copy.prepend(rect);
  }
  return { text: new XMLSerializer().serializeToString(copy), width, height };
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
