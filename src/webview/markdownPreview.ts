// Runs inside VS Code's Markdown preview (entry of dist/webview/markdownPreview.js, a
// `markdown.previewScripts` contribution after the shared dist/webview/mermaid.js).
// src/extension/markdown.ts turns ```tcpflow fences into <div class="tcpflow-diagram">
// holding the Mermaid source as text; this draws them as the preview does (section banners,
// centred title), never wider than the Markdown preview. The class is our own, so other
// Mermaid renderers leave them alone.
// ```tcpflow ladder fences become <div class="tcpflow-ladder"> holding plain SVG as text: it
// is parsed as XML (never as HTML) and put in place.

import { errorText, renderSvg } from './mermaidRenderer';
import { parseSvgText } from './ladderView';
import { decorateSequence } from './sequenceDecor';
import { mermaidTheme, watchTheme } from './theme';

const SELECTOR = 'div.tcpflow-diagram';
/** The Mermaid source of each diagram, kept when its text is replaced by the picture. */
const sources = new WeakMap<Element, string>();

let offscreen: HTMLElement | undefined;
let queue: Promise<void> = Promise.resolve();

function offscreenElement(): HTMLElement {
  if (offscreen === undefined || !offscreen.isConnected) {
    offscreen = document.createElement('div');
    offscreen.className = 'tcpflow-offscreen';
    offscreen.setAttribute('aria-hidden', 'true');
    offscreen.style.position = 'absolute';
    offscreen.style.left = '-100000px';
    offscreen.style.top = '0';
    document.body.append(offscreen);
  }
  return offscreen;
}

async function renderAll(force: boolean): Promise<void> {
  const theme = mermaidTheme(document.body);
  for (const container of document.querySelectorAll(SELECTOR)) {
    let source = sources.get(container);
    if (source === undefined) {
      source = container.textContent ?? '';
      sources.set(container, source);
    } else if (!force) {
      continue;
    }
    try {
      const sections = (container.getAttribute('data-sections') ?? '').split(' ').filter((s) => /^\d+$/.test(s)).map(Number);
      const svg = await renderSvg(source, theme, offscreenElement(), (drawn) => decorateSequence(drawn, { sections, fullLabels: [] }));
      svg.classList.add('tcpflow-svg');
      // Fitted to the preview's width, never blown up past the diagram's own size.
      const width = svg.viewBox.baseVal?.width;
      svg.removeAttribute('height');
      svg.setAttribute('width', '100%');
      svg.style.maxWidth = width !== undefined && width > 0 ? `${width}px` : '100%';
      svg.style.height = 'auto';
      container.replaceChildren(svg);
    } catch (error) {
      const message = document.createElement('pre');
      message.className = 'tcpflow-error';
      message.textContent = `tcpflow: the diagram could not be drawn: ${errorText(error)}`;
      container.replaceChildren(message);
    }
  }
}

/** Each ladder's SVG text, read as an XML document: only an <svg> root is shown. */
function drawLadders(): void {
  for (const container of document.querySelectorAll('div.tcpflow-ladder')) {
    if (container.firstElementChild instanceof SVGSVGElement) continue;
    let svg: SVGSVGElement;
    try {
      svg = parseSvgText(container.textContent ?? '');
    } catch {
      continue;
    }
    svg.setAttribute('style', 'max-width: 100%; height: auto');
    container.replaceChildren(svg);
  }
}

/** Renders one pass at a time, in order: the Markdown preview updates while one is running. */
function schedule(force: boolean): void {
  drawLadders();
  queue = queue.then(() => renderAll(force));
}

window.addEventListener('vscode.markdown.updateContent', () => schedule(false));
watchTheme(document.body, () => schedule(true));
schedule(false);
