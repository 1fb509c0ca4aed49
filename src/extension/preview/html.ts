// The preview webview's page: a strict Content Security Policy, the nonce'd bundle, the
// stylesheet and the toolbar. Pure (no vscode): the panel passes the webview's cspSource
// and the asWebviewUri'd resources in; the unit tests and the headless-Chromium harness
// (test/browser) build the very same page.
//
// Why the policy is what it is:
// - scripts: only the bundle, by nonce; Mermaid is bundled into it, nothing is fetched.
// - styles: the stylesheet from the extension, plus 'unsafe-inline', which Mermaid needs:
//   it writes a <style> element into every SVG (theme CSS scoped to that render's random id,
//   so it cannot be hashed in advance) and sets `style` attributes on nodes and labels.
//   A nonce cannot stand in: with a nonce in style-src, browsers ignore 'unsafe-inline', and
//   Mermaid's elements carry none. Inline styles cannot run code, and with
//   `default-src 'none'` and img-src limited to the extension and data: they cannot load
//   anything either.
// - images: data: URLs, which the PNG export draws the SVG through.

export interface PreviewHtmlOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce for every page (base64 or hex). */
  readonly nonce: string;
  /** `webview.asWebviewUri` of dist/webview/preview.js and media/preview.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** The only folders the webview may load from, relative to the extension's root. */
export const LOCAL_RESOURCE_ROOTS: readonly (readonly string[])[] = [
  ['dist', 'webview'],
  ['media'],
];
/** The page's script and stylesheet, relative to the extension's root (inside the roots above). */
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
<main id="stage" tabindex="0"><div id="canvas"><div id="diagram" role="img" aria-label="Diagram"></div></div><p id="status" role="status"></p></main>
<div id="offscreen" aria-hidden="true"></div>
<script nonce="${options.nonce}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** Static markup: no script text or setting ever goes into it. */
const TOOLBAR = `<header id="toolbar" role="toolbar" aria-label="Preview">
<div class="group" role="tablist">
<button type="button" role="tab" data-tab="sequence" aria-selected="true">Sequence</button>
<button type="button" role="tab" data-tab="state" aria-selected="false">State machine</button>
</div>
<div class="group sequence-only">
<label>Notes <select id="states" title="State notes"><option value="all">all states</option><option value="changes">changes</option><option value="none">none</option></select></label>
<label>Numbers <select id="numbers" title="seq/ack numbers"><option value="as-written">as written</option><option value="absolute">absolute</option></select></label>
<label><input type="checkbox" id="autonumber"> Numbering</label>
</div>
<div class="group">
<button type="button" data-action="zoom-out" title="Zoom out" aria-label="Zoom out">&#8722;</button>
<button type="button" data-action="zoom-reset" title="Reset zoom" id="zoom-label">100%</button>
<button type="button" data-action="zoom-in" title="Zoom in" aria-label="Zoom in">+</button>
</div>
<div class="group">
<button type="button" data-action="export-svg" title="Save the diagram as SVG">SVG</button>
<button type="button" data-action="export-png" title="Save the diagram as PNG">PNG</button>
<label>Background <select id="background" title="Background of exported images"><option value="transparent">transparent</option><option value="white">white</option><option value="theme">theme</option></select></label>
<button type="button" data-action="copy-mermaid" title="Copy the Mermaid source">Copy Mermaid</button>
<button type="button" data-action="copy-markdown" title="Copy as a Markdown mermaid block">Copy Markdown</button>
</div>
</header>`;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
