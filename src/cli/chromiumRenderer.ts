// Draws pages of the sequence diagram as SVG or PNG in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core), with the preview's own drawing and export
// code: the page loads the shared dist/webview/mermaid.js and dist/webview/render.js, so the
// picture, its Mermaid limits and its background are the preview's. Runs in Node, for
// `tcpflow render`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagramRenderRequest } from './io';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The backgrounds of `--background theme`: those of VS Code's default light and dark themes. */
const THEME_BACKGROUNDS = { light: '#ffffff', dark: '#1e1e1e' } as const;

export function chromiumPath(): string {
  return process.env.TCPFLOW_CHROMIUM ?? '/usr/bin/chromium';
}

/** A script of dist/webview, next to this bundle (dist/cli.js). */
function webviewScript(name: string): string {
  const file = path.join(__dirname, 'webview', name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build`);
  return fs.readFileSync(file, 'utf8');
}

export async function renderWithChromium(request: DiagramRenderRequest): Promise<Buffer> {
  if (!fs.existsSync(chromiumPath())) {
    throw new Error(`no Chromium at ${chromiumPath()}: install it (apt-get install chromium) or set TCPFLOW_CHROMIUM`);
  }
  const scripts = [webviewScript('mermaid.js'), webviewScript('render.js')];
  // Loaded only here, so the other commands do not need it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Nothing may be fetched: the page is built from strings.
    await page.route('**/*', (route) => route.abort());
    const dark = request.theme === 'dark';
    await page.setContent(`<!DOCTYPE html><html><body class="${dark ? 'vscode-dark' : 'vscode-light'}" style="margin:0"></body></html>`);
    for (const content of scripts) await page.addScriptTag({ content });
    const background = request.background === 'transparent' ? undefined : request.background === 'white' ? '#ffffff' : THEME_BACKGROUNDS[request.theme];
    const result = await page.evaluate(
      (input) => {
        // Runs in the page: render.js's global (src/webview/renderPage.ts).
        const render = (globalThis as unknown as { tcpflowRender: (r: typeof input) => Promise<{ data: string } | { error: string }> }).tcpflowRender;
        return render(input);
      },
      { pages: request.pages, theme: dark ? 'dark' : 'default', background, format: request.format } as const,
    );
    if ('error' in result) throw new Error(result.error);
    return request.format === 'svg' ? Buffer.from(result.data, 'utf8') : Buffer.from(result.data, 'base64');
  } finally {
    await browser.close();
  }
}
