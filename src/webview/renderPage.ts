// Runs in the page `tcpflow render` drives in headless Chromium (entry of
// dist/webview/render.js, loaded after dist/webview/mermaid.js): draws the script's pages
// exactly as the preview does (views.ts) and exports them through the preview's exporter,
// so that the CLI and the preview share one export path.

import type { SequencePage } from '../shared/previewProtocol';
import { pngBase64, standaloneSvgOfPages } from './exporter';
import { errorText } from './mermaidRenderer';
import type { MermaidTheme } from './theme';
import { drawSequencePage } from './views';

export interface PageRenderRequest {
  readonly pages: readonly SequencePage[];
  readonly theme: MermaidTheme;
  /** A CSS colour, or undefined for a transparent background. */
  readonly background?: string;
  readonly format: 'svg' | 'png';
}

/** The file's text (SVG) or base64 bytes (PNG), or Mermaid's complaint. */
export type PageRenderResult = { readonly data: string } | { readonly error: string };

async function render(request: PageRenderRequest): Promise<PageRenderResult> {
  const offscreen = document.createElement('div');
  offscreen.setAttribute('style', 'position:absolute;left:-100000px;top:0;width:4000px');
  document.body.append(offscreen);
  const shown = document.createElement('div');
  document.body.append(shown);
  try {
    const svgs: SVGSVGElement[] = [];
    for (const page of request.pages) {
      const svg = await drawSequencePage(page, request.theme, offscreen);
      shown.append(svg);
      svgs.push(svg);
    }
    const file = standaloneSvgOfPages(svgs, request.background);
    return { data: request.format === 'svg' ? file.text : await pngBase64(file, request.background) };
  } catch (error) {
    return { error: errorText(error) };
  } finally {
    offscreen.remove();
    shown.remove();
  }
}

(globalThis as { tcpflowRender?: typeof render }).tcpflowRender = render;
