// Runs inside the preview webview: ties the drawn SVG back to script lines. Mermaid draws a
// sequence diagram's messages as `text.messageText` + `line.messageLine0|1` and its notes as
// `rect.note` + `text.noteText`, each in document order; the emitter's source map gives the
// script line of the i-th message and the i-th note. Every such element gets `data-line`,
// so clicks and highlights are a lookup.

export const HIGHLIGHT = 'tcpflow-highlight';
/** Mermaid's message arrows (their clickable twins carry only `tcpflow-hit`). */
const ARROWS = '.messageLine0, .messageLine1';

/** Marks the elements of `svg` with their source lines; returns how many messages it found. */
export function annotateSequence(svg: SVGSVGElement, messages: readonly number[], notes: readonly number[]): number {
  const texts = svg.querySelectorAll('text.messageText');
  const lines = svg.querySelectorAll(ARROWS);
  texts.forEach((element, i) => setLine(element, messages[i]));
  lines.forEach((element, i) => {
    setLine(element, messages[i]);
    // A wide transparent twin of the arrow, so that it is easy to click.
    if (messages[i] === undefined || !(element instanceof SVGGraphicsElement)) return;
    const hit = element.cloneNode(false) as SVGElement;
    hit.removeAttribute('marker-end');
    hit.removeAttribute('marker-start');
    hit.removeAttribute('style');
    hit.setAttribute('class', 'tcpflow-hit');
    element.after(hit);
  });
  svg.querySelectorAll('rect.note').forEach((element, i) => setLine(element, notes[i]));
  svg.querySelectorAll('text.noteText').forEach((element, i) => setLine(element, notes[i]));
  return texts.length;
}

function setLine(element: Element, line: number | undefined): void {
  if (line === undefined || line < 0) return;
  element.setAttribute('data-line', String(line));
}

/** The source line of a clicked element, if it is a message or a note. */
export function lineAt(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) return undefined;
  const element = target.closest('[data-line]');
  if (element === null) return undefined;
  const line = Number(element.getAttribute('data-line'));
  return Number.isInteger(line) && line >= 0 ? line : undefined;
}

/** Highlights every message and note of `line`; returns the first of them. */
export function highlightLine(root: Element, line: number): Element | undefined {
  root.querySelectorAll(`.${HIGHLIGHT}`).forEach((element) => element.classList.remove(HIGHLIGHT));
  if (line < 0) return undefined;
  const elements = root.querySelectorAll(`[data-line="${line}"]`);
  elements.forEach((element) => element.classList.add(HIGHLIGHT));
  return elements[0] ?? undefined;
}

/** How many message arrows and notes `root` shows. */
export function countSequence(root: Element): { messages: number; notes: number } {
  return { messages: root.querySelectorAll(ARROWS).length, notes: root.querySelectorAll('rect.note').length };
}

/** The indexes, in drawing order, of the highlighted message arrows. */
export function highlightedMessages(root: Element): number[] {
  return [...root.querySelectorAll(ARROWS)].flatMap((arrow, i) => (arrow.classList.contains(HIGHLIGHT) ? [i] : []));
}

/** The first message or note drawn for `line` or, when it draws none, for the next line that does. */
export function firstLineFrom(root: Element, line: number): Element | undefined {
  let best: Element | undefined;
  let bestLine = Number.POSITIVE_INFINITY;
  for (const element of root.querySelectorAll('text[data-line]')) {
    const at = Number(element.getAttribute('data-line'));
    if (at >= line && at < bestLine) {
      best = element;
      bestLine = at;
    }
  }
  return best;
}

/** The source line of the first message or note whose label lies below `top` (client coordinates). */
export function topLineAt(root: Element, top: number): number | undefined {
  for (const element of root.querySelectorAll('text[data-line]')) {
    if (element.getBoundingClientRect().top >= top) return Number(element.getAttribute('data-line'));
  }
  return undefined;
}
