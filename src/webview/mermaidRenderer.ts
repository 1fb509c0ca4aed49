// Runs inside the preview webview and the Markdown preview: draws Mermaid text into an SVG
// element off screen, so that what is on screen stays until the new picture is ready.
// Mermaid is bundled (no network); `securityLevel: 'strict'` and the emitter's escaping keep
// script text from becoming markup, and the SVG is parsed inertly and stripped of anything
// executable before it enters the page (the CSP would block it anyway).

import mermaid from 'mermaid';
import type { MermaidTheme } from './theme';

let counter = 0;

function configure(theme: MermaidTheme): void {
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme,
    suppressErrorRendering: true,
    // Pages keep diagrams well under this, but a page of `option states=all` is long.
    maxTextSize: 2_000_000,
    sequence: { useMaxWidth: false },
    state: { useMaxWidth: false },
  });
}

/**
 * The SVG of `text`, laid out inside `offscreen` (an element that is rendered, so text can be
 * measured, but out of sight) and returned detached. Throws Mermaid's error for bad text.
 */
export async function renderSvg(text: string, theme: MermaidTheme, offscreen: HTMLElement): Promise<SVGSVGElement> {
  configure(theme);
  const id = `tcpflow-svg-${++counter}`;
  try {
    const { svg } = await mermaid.render(id, text, offscreen);
    return parseSvg(svg);
  } finally {
    offscreen.replaceChildren();
  }
}

/** Parses markup in an inert <template> and drops scripts, event handlers and script URLs. */
export function parseSvg(markup: string): SVGSVGElement {
  const template = document.createElement('template');
  template.innerHTML = markup;
  const svg = template.content.querySelector('svg');
  if (svg === null) throw new Error('Mermaid produced no SVG');
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    if (element.localName === 'script' || element.localName === 'iframe' || element.localName === 'object' || element.localName === 'embed') {
      element.remove();
      continue;
    }
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name.endsWith(':href')) && /^\s*javascript:/i.test(attribute.value))) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(svg, true);
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
