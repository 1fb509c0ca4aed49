// Runs inside the preview webview, the Markdown preview and the page `tcpflow render` drives:
// draws Mermaid text into an SVG element off screen, so that what is on screen stays until
// the new picture is ready. Mermaid is one shared script (dist/webview/mermaid.js, loaded
// before this bundle; no network); `securityLevel: 'strict'` and the emitter's escaping keep
// script text from becoming markup, and the SVG is parsed inertly and stripped of anything
// executable before it enters the page (the CSP would block it anyway). Labels are plain SVG
// text (`htmlLabels: false`): no foreignObject, so exports open in any SVG tool.

import type { Mermaid, MermaidConfig } from 'mermaid';
import type { MermaidTheme } from './theme';

/** The preview's limit, shared by every renderer (Mermaid's default of 50,000 is too small for a page of `states=all`). */
const MAX_TEXT_SIZE = 2_000_000;

let counter = 0;

function mermaid(): Mermaid {
  const loaded = (globalThis as { mermaid?: Mermaid }).mermaid;
  if (loaded === undefined) throw new Error('Mermaid is not loaded (dist/webview/mermaid.js)');
  return loaded;
}

/**
 * The compact sequence layout: notes over the lifelines rather than beside them (the emitter),
 * tight note and message margins, no mirrored participants at the bottom, and slightly
 * smaller note text, so that a connection's life fits a side panel at a legible size.
 */
const SEQUENCE: MermaidConfig['sequence'] = {
  useMaxWidth: false,
  mirrorActors: false,
  actorMargin: 60,
  boxMargin: 6,
  noteMargin: 6,
  messageMargin: 30,
  diagramMarginX: 16,
  diagramMarginY: 12,
  messageFontSize: 15,
  noteFontSize: 13,
  actorFontSize: 15,
  wrap: false,
};

/**
 * Lanes are as wide as their longest label plus `actorMargin`. Mermaid measures labels
 * generously (in the wider of two fonts, escapes included), so from three lanes on (a host
 * with several connections, a proxy) the margin is small, to keep them legible beside an editor.
 */
const MANY_LANES: MermaidConfig['sequence'] = { ...SEQUENCE, actorMargin: 20 };

/** The number of participants of a sequence diagram's text: its `participant` lines. */
function lanes(text: string): number {
  return text.match(/^\s*participant /gm)?.length ?? 0;
}

/** High-contrast diagrams: text and lines in the theme's foreground on its background, 21:1. */
function highContrast(dark: boolean): MermaidConfig['themeVariables'] {
  const fg = dark ? '#ffffff' : '#000000';
  const bg = dark ? '#000000' : '#ffffff';
  return {
    darkMode: dark,
    background: bg,
    fontFamily: 'sans-serif',
    primaryColor: bg,
    primaryTextColor: fg,
    primaryBorderColor: fg,
    secondaryColor: bg,
    tertiaryColor: bg,
    lineColor: fg,
    textColor: fg,
    mainBkg: bg,
    nodeBorder: fg,
    actorBkg: bg,
    actorBorder: fg,
    actorTextColor: fg,
    actorLineColor: fg,
    signalColor: fg,
    signalTextColor: fg,
    labelBoxBkgColor: bg,
    labelBoxBorderColor: fg,
    labelTextColor: fg,
    loopTextColor: fg,
    noteBkgColor: bg,
    noteBorderColor: fg,
    noteTextColor: fg,
    sequenceNumberColor: bg,
    activationBkgColor: bg,
    activationBorderColor: fg,
    stateLabelColor: fg,
    transitionColor: fg,
    transitionLabelColor: fg,
    stateBkg: bg,
    labelBackgroundColor: bg,
    compositeBackground: bg,
    altBackground: bg,
    edgeLabelBackground: bg,
  };
}

export function mermaidConfig(theme: MermaidTheme, participants = 0): MermaidConfig {
  const contrast = theme === 'hc-dark' || theme === 'hc-light';
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: contrast ? 'base' : theme,
    themeVariables: contrast ? highContrast(theme === 'hc-dark') : undefined,
    suppressErrorRendering: true,
    maxTextSize: MAX_TEXT_SIZE,
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    sequence: participants >= 3 ? MANY_LANES : SEQUENCE,
    state: { useMaxWidth: false },
  };
}

/**
 * The SVG of `text`, laid out inside `offscreen` (an element that is rendered, so text can be
 * measured, but out of sight) and returned detached; `prepare` sees it while it is still in
 * the page. Throws Mermaid's error for bad text.
 */
export async function renderSvg(text: string, theme: MermaidTheme, offscreen: HTMLElement, prepare?: (svg: SVGSVGElement) => void): Promise<SVGSVGElement> {
  const api = mermaid();
  api.initialize(mermaidConfig(theme, lanes(text)));
  const id = `tcpflow-svg-${++counter}`;
  try {
    const { svg } = await api.render(id, text, offscreen);
    const parsed = parseSvg(svg);
    if (prepare !== undefined) {
      offscreen.replaceChildren(parsed);
      prepare(parsed);
      parsed.remove();
    }
    return parsed;
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
