// The preview webview's page: a strict Content Security Policy, the nonce'd bundle, the
// stylesheet and the toolbar. Pure (no vscode): the panel passes the webview's cspSource
// and the asWebviewUri'd resources in; the unit tests and the headless-Chromium harness
// (test/browser) build the very same page.
//
// Why the policy is what it is:
// - scripts: only the extension's two bundles (Mermaid, shared with the Markdown preview,
//   and the preview's own), by nonce; nothing is fetched.
// - styles: the stylesheet from the extension, plus 'unsafe-inline', which Mermaid needs:
//   it writes a <style> element into every SVG (theme CSS scoped to that render's random id,
//   so it cannot be hashed in advance) and sets `style` attributes on nodes and labels.
//   A nonce cannot stand in: with a nonce in style-src, browsers ignore 'unsafe-inline', and
//   Mermaid's elements carry none. Inline styles cannot run code, and with
//   `default-src 'none'` and img-src limited to the extension and data: they cannot load
//   anything either.
// - images: data: URLs, which the PNG export draws the SVG through.

import { PREVIEW_TABS, type DiagramTab } from '../../shared/previewTabs';
import { VIEW_OPTIONS, VIEW_OPTION_NAMES } from '../../shared/viewOptions';

export interface PreviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce for every page (base64 or hex). */
  readonly nonce: string;
  /** `webview.asWebviewUri` of dist/webview/mermaid.js, dist/webview/preview.js and media/preview.css. */
  readonly mermaidUri: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** The only folders the webview may load from, relative to the extension's root. */
export const LOCAL_RESOURCE_ROOTS: readonly (readonly string[])[] = [
  ['dist', 'webview'],
  ['media'],
];
/** The page's scripts and stylesheet, relative to the extension's root (inside the roots above). */
export const MERMAID_SCRIPT: readonly string[] = ['dist', 'webview', 'mermaid.js'];
export const PREVIEW_SCRIPT: readonly string[] = ['dist', 'webview', 'preview.js'];
export const PREVIEW_STYLE: readonly string[] = ['media', 'preview.css'];

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;

export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** 32 random bytes as hex. Uses Web Crypto, present in Node 20, browsers and vscode.dev. */
export function newNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function buildPreviewHtml(options: PreviewHtmlOptions): string {
  if (!NONCE.test(options.nonce)) throw new Error('buildPreviewHtml: the nonce must be at least 16 base64 or hex characters');
  const csp = escapeAttribute(previewCsp(options.cspSource, options.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>tcpflow preview</title>
</head>
<body>
${TOOLBAR}
<section id="errors" aria-live="polite" hidden></section>
<nav id="pager" aria-label="Pages" hidden>
<button type="button" data-action="page-previous" title="Previous page" aria-label="Previous page">&#9664;</button>
<span id="page-label"></span>
<button type="button" data-action="page-next" title="Next page" aria-label="Next page">&#9654;</button>
</nav>
<aside id="legend" hidden></aside>
${STEP_PANEL}
<main id="stage" tabindex="0" aria-label="Diagram; arrow keys, Page Up and Page Down scroll, Ctrl+= and Ctrl+- zoom"><div id="canvas"><div id="diagram" role="img" aria-label="Diagram"></div></div><p id="status" role="status"></p></main>
<div id="offscreen" aria-hidden="true"></div>
<script nonce="${options.nonce}" src="${escapeAttribute(options.mermaidUri)}"></script>
<script nonce="${options.nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** A toolbar button showing a codicon (media/preview.css maps `data-icon` to its glyph). */
function iconButton(action: string, icon: string, title: string, tabs?: readonly DiagramTab[]): string {
  return `<button type="button" class="icon" data-action="${action}" data-icon="${icon}" title="${escapeAttribute(title)}" aria-label="${escapeAttribute(title)}"${tabsAttribute(tabs)}></button>`;
}

function menuItem(action: string, label: string, tabs?: readonly DiagramTab[]): string {
  return `<button type="button" role="menuitem" data-action="${action}"${tabsAttribute(tabs)}>${escapeText(label)}</button>`;
}

/** The tabs a control acts on; it is hidden on the others. */
function tabsAttribute(tabs: readonly DiagramTab[] | undefined): string {
  return tabs === undefined ? '' : ` data-tabs="${tabs.join(' ')}"`;
}

/** Each view option's control, from VIEW_OPTIONS: a drop-down for a choice, a checkbox for a toggle. */
function optionControls(): { inline: string[]; menu: string[] } {
  const inline: string[] = [];
  const menu: string[] = [];
  for (const name of VIEW_OPTION_NAMES) {
    const option = VIEW_OPTIONS[name];
    if (option.kind === 'choice') {
      const values = option.values.map((v) => `<option value="${escapeAttribute(v.value)}">${escapeText(v.label)}</option>`).join('');
      inline.push(
        `<label class="option" data-icon="${name}"${tabsAttribute(option.tabs)} title="${escapeAttribute(`${option.label}: ${option.title}`)}"><span class="option-name">${escapeText(option.label)}</span><select data-option="${name}" aria-label="${escapeAttribute(option.label)}">${values}</select></label>`,
      );
    } else {
      menu.push(`<label class="menu-check"${tabsAttribute(option.tabs)} title="${escapeAttribute(option.title)}"><input type="checkbox" data-option="${name}"> ${escapeText(option.label)}</label>`);
    }
  }
  return { inline, menu };
}

/** Static markup: no script text or setting ever goes into it. One row; what does not fit is in the "More" menu. */
function toolbar(): string {
  const tabs = PREVIEW_TABS.map(
    (tab, i) => `<button type="button" role="tab" data-tab="${tab.id}" aria-selected="${i === 0}" title="${escapeAttribute(tab.title)}">${escapeText(tab.label)}</button>`,
  ).join('\n');
  const options = optionControls();
  return `<header id="toolbar" role="toolbar" aria-label="Preview">
<div class="group" role="tablist">
${tabs}
</div>
<div class="group options">
${options.inline.join('\n')}
</div>
<div class="group zoom">
${iconButton('fit-width', 'fit-width', 'Fit width')}
${iconButton('fit-page', 'fit-page', 'Fit page')}
${iconButton('zoom-out', 'zoom-out', 'Zoom out (Ctrl+-)')}
<button type="button" data-action="actual-size" id="zoom-label" title="Zoom; click for 100 % (Ctrl+0)" aria-label="Zoom 100%">100%</button>
${iconButton('zoom-in', 'zoom-in', 'Zoom in (Ctrl+=)')}
</div>
<div class="group steps" data-tabs="timeline" role="group" aria-label="Step through">
${iconButton('step-first', 'step-first', 'First step', ['timeline'])}
${iconButton('step-previous', 'step-previous', 'Previous step (←)', ['timeline'])}
${iconButton('step-next', 'step-next', 'Next step (→)', ['timeline'])}
${iconButton('step-last', 'step-last', 'Last step', ['timeline'])}
${iconButton('step-stop', 'step-stop', 'Stop stepping (Esc)', ['timeline'])}
</div>
<div class="group more">
${iconButton('menu', 'more', 'Export, copy and more')}
<div id="menu" role="menu" hidden>
${options.menu.join('\n')}
<label class="menu-check" title="Background of exported images">Background <select id="background"><option value="transparent">transparent</option><option value="white">white</option><option value="theme">theme</option></select></label>
${menuItem('export-svg', 'Save page as SVG…')}
${menuItem('export-png', 'Save page as PNG…')}
${menuItem('export-all-svg', 'Save whole script as SVG…', ['sequence'])}
${menuItem('export-all-png', 'Save whole script as PNG…', ['sequence'])}
${menuItem('copy-mermaid', 'Copy Mermaid source', ['sequence', 'state'])}
${menuItem('copy-markdown', 'Copy as Markdown block', ['sequence', 'state'])}
</div>
</div>
</header>`;
}

const TOOLBAR = toolbar();

/**
 * The step-through's panel: what happened at the step and each end's state and variables.
 * Static words only (so they are translated with the toolbar); the webview fills in the values
 * as text and shows the one event name that applies.
 */
const STEP_PANEL = `<aside id="step-panel" aria-live="polite" hidden>
<div class="step-where"><span class="step-word">Step</span> <span id="step-count"></span> · <span data-step-kind="send">Segment sent</span><span data-step-kind="arrive">Segment arrives</span><span data-step-kind="lose">Segment lost</span><span data-step-kind="call">Call</span><span data-step-kind="wait">Wait</span> · <span class="step-word">line</span> <span id="step-line"></span><span class="step-relative"> · <span>relative to each ISN</span></span></div>
<table id="step-table"><thead><tr><th scope="col">Endpoint</th><th scope="col">State</th><th scope="col">SND.UNA</th><th scope="col">SND.NXT</th><th scope="col">RCV.NXT</th></tr></thead><tbody id="step-rows"></tbody></table>
</aside>`;

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
