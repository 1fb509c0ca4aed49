// Runs inside the preview webview and the Markdown preview: turns the core's ladder SVG text
// (written by its escaping writer) into a DOM picture without ever treating it as HTML —
// it is read as an XML document and only an <svg> root is accepted. For the preview the
// ladder's 1-based `data-line` becomes the 0-based line the click and highlight paths use.

/** `text` read as an SVG document; throws when it is not one. */
export function parseSvgText(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (!(svg instanceof SVGSVGElement) || doc.getElementsByTagName('parsererror').length > 0) throw new Error('the ladder is not an SVG picture');
  return document.importNode(svg, true);
}

/** The ladder for the preview's Timeline tab: source lines 0-based, each arrow with a wide twin that is easy to click. */
export function timelinePicture(text: string): SVGSVGElement {
  const svg = parseSvgText(text);
  toPreviewLines(svg);
  return svg;
}

/** Within `root`: 0-based source lines, and a wide twin of each arrow that is easy to click. */
export function toPreviewLines(root: Element): void {
  for (const element of root.querySelectorAll('[data-line]')) {
    const line = Number(element.getAttribute('data-line'));
    if (Number.isInteger(line) && line >= 1) element.setAttribute('data-line', String(line - 1));
    else element.removeAttribute('data-line');
  }
  for (const arrow of root.querySelectorAll('g.segment > line')) {
    const hit = arrow.cloneNode(false) as SVGElement;
    hit.removeAttribute('style');
    hit.removeAttribute('stroke-dasharray');
    hit.setAttribute('class', 'tcpflow-hit');
    arrow.after(hit);
  }
}
