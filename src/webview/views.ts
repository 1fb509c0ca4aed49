// Runs inside the preview webview and the page `tcpflow render` drives: how each tab of the
// preview (src/shared/previewTabs.ts) is drawn from a render message. A new view is one entry
// of VIEWS: the text of what is shown (Mermaid, or the core's SVG of the ladder or of RFC 9293
// Figure 5), and the drawing with its decorations.

import type { RenderMessage, SequencePage } from '../shared/previewProtocol';
import type { DiagramTab } from '../shared/previewTabs';
import { LadderBands } from './ladderBands';
import { parseSvgText, timelinePicture } from './ladderView';
import { renderSvg } from './mermaidRenderer';
import { decorateSequence } from './sequenceDecor';
import { annotateSequence } from './sourceMap';
import type { MermaidTheme } from './theme';

export interface DiagramView {
  /** Whether the view has the sequence diagram's pages (and so the pager). */
  readonly paged: boolean;
  /** The text drawn for `page` of `message` in `theme`: a picture is redrawn only when it changes. */
  text(message: RenderMessage, page: number, theme: MermaidTheme): string;
  draw(message: RenderMessage, page: number, theme: MermaidTheme, offscreen: HTMLElement): Promise<SVGSVGElement>;
}

export const VIEWS: Readonly<Record<DiagramTab, DiagramView>> = {
  sequence: {
    paged: true,
    text: (message, page) => message.pages[page].text,
    draw: (message, page, theme, offscreen) => drawSequencePage(message.pages[page], theme, offscreen),
  },
  timeline: {
    paged: false,
    // A long ladder's layout is not compared: each render draws its frame anew (its bands follow as needed).
    text: (message, _page, theme) =>
      message.timeline.layout !== undefined ? `layout of render ${message.renderId}` : isDark(theme) ? message.timeline.dark : message.timeline.light,
    draw: (message, page, theme) => {
      const layout = message.timeline.layout;
      if (layout === undefined) return Promise.resolve(timelinePicture(VIEWS.timeline.text(message, page, theme)));
      const bands = new LadderBands(layout, theme);
      BANDS.set(bands.svg, bands);
      return Promise.resolve(bands.svg);
    },
  },
  state: {
    paged: false,
    text: (message, _page, theme) => (isDark(theme) ? message.stateMachine.figure5.dark : message.stateMachine.figure5.light),
    draw: (message, page, theme) => Promise.resolve(parseSvgText(VIEWS.state.text(message, page, theme))),
  },
};

const BANDS = new WeakMap<SVGSVGElement, LadderBands>();

/** The bands of a long ladder's picture drawn by VIEWS.timeline, if it is one. */
export function bandsOf(svg: SVGSVGElement | undefined): LadderBands | undefined {
  return svg === undefined ? undefined : BANDS.get(svg);
}

/**
 * One page of the sequence diagram, decorated and tied to its source lines. Throws when
 * Mermaid answers with something other than a sequence diagram (its error picture).
 */
export async function drawSequencePage(page: SequencePage, theme: MermaidTheme, offscreen: HTMLElement): Promise<SVGSVGElement> {
  return renderSvg(page.text, theme, offscreen, (svg) => {
    const kind = svg.getAttribute('aria-roledescription');
    if (kind !== 'sequence') {
      const words = [...svg.querySelectorAll('text, tspan')].filter((t) => t.children.length === 0);
      const said = words.map((t) => t.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
      throw new Error(`Mermaid drew ${kind ?? 'no diagram'} instead of the sequence diagram${said !== '' ? `: ${said}` : ''}`);
    }
    decorateSequence(svg, page);
    annotateSequence(svg, page.messages, page.notes);
  });
}

function isDark(theme: MermaidTheme): boolean {
  return theme === 'dark' || theme === 'hc-dark';
}
