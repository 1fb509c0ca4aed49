// Runs inside the preview webview, the Markdown preview and the page `tcpflow render`
// drives: what Mermaid's sequence diagram cannot say in its own syntax, written into the
// drawn SVG as plain attributes (so exports keep it): the title centred over the diagram
// (Mermaid places it left of centre), section banners that look like banners, not like the
// yellow state notes, and the whole label of a shortened message as its tooltip.

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SequenceDecor {
  /** Indexes, in drawing order, of the notes that are section banners. */
  readonly sections: readonly number[];
  /** The whole label of each shortened message label, by message index. */
  readonly fullLabels: readonly { readonly message: number; readonly text: string }[];
}

/** Call while `svg` is in the document (its computed colours are read). */
export function decorateSequence(svg: SVGSVGElement, decor: SequenceDecor): void {
  centreTitle(svg);
  drawBanners(svg, decor.sections);
  addTooltips(svg, decor.fullLabels);
}

/** Mermaid writes the title as the SVG's last bare <text>, at y=-25. */
function centreTitle(svg: SVGSVGElement): void {
  const title = [...svg.children].find((child) => child.localName === 'text' && child.getAttribute('y') === '-25');
  const box = svg.viewBox.baseVal;
  if (title === undefined || box === null || box.width <= 0) return;
  title.setAttribute('x', String(box.x + box.width / 2));
  title.setAttribute('text-anchor', 'middle');
  title.setAttribute('class', 'tcpflow-title');
  title.setAttribute('style', `font-size:18px;font-weight:bold;fill:${textColour(svg)}`);
}

/**
 * A section banner: a bold heading on a band in the section's own tint, the width of the
 * diagram's lifelines, no border, so it reads as a heading above what follows.
 */
function drawBanners(svg: SVGSVGElement, sections: readonly number[]): void {
  if (sections.length === 0) return;
  const rects = svg.querySelectorAll<SVGRectElement>('rect.note');
  const texts = svg.querySelectorAll<SVGTextElement>('text.noteText');
  const colour = textColour(svg);
  for (const i of sections) {
    const rect = rects[i];
    if (rect === undefined) continue;
    rect.setAttribute('class', 'note tcpflow-section');
    rect.setAttribute('style', 'fill:rgba(38,139,210,0.22);stroke:none');
    // A rule along the top edge marks the start of the section.
    const rule = document.createElementNS(SVG_NS, 'rect');
    rule.setAttribute('x', rect.getAttribute('x') ?? '0');
    rule.setAttribute('y', rect.getAttribute('y') ?? '0');
    rule.setAttribute('width', rect.getAttribute('width') ?? '0');
    rule.setAttribute('height', '3');
    rule.setAttribute('fill', 'rgb(38,139,210)');
    rule.setAttribute('class', 'tcpflow-section-rule');
    rect.after(rule);
    const text = texts[i];
    if (text === undefined) continue;
    text.setAttribute('class', 'noteText tcpflow-section-text');
    text.setAttribute('style', `font-weight:bold;font-size:15px;letter-spacing:0.04em;fill:${colour}`);
    for (const span of text.querySelectorAll('tspan')) span.setAttribute('style', `fill:${colour}`);
  }
}

function addTooltips(svg: SVGSVGElement, fullLabels: SequenceDecor['fullLabels']): void {
  if (fullLabels.length === 0) return;
  const texts = svg.querySelectorAll('text.messageText');
  for (const { message, text } of fullLabels) {
    const label = texts[message];
    if (label === undefined) continue;
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = text;
    label.prepend(title);
  }
}

/** The colour Mermaid gave the message labels: readable on this theme's background. */
function textColour(svg: SVGSVGElement): string {
  const actor = svg.querySelector('text.messageText');
  if (actor === null || !actor.isConnected) return 'currentColor';
  const fill = getComputedStyle(actor).fill;
  return fill !== '' && fill !== 'none' ? fill : 'currentColor';
}
