// Renders Mermaid text to SVG or PNG with the project's Mermaid in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core). Runs in Node, for `tcpflow render`.

import * as fs from 'node:fs';
import * as path from 'node:path';

export type Theme = 'light' | 'dark';

export interface RenderRequest {
  readonly mermaid: string;
  readonly format: 'svg' | 'png';
  readonly theme: Theme;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function chromiumPath(): string {
  return process.env.TCPFLOW_CHROMIUM ?? '/usr/bin/chromium';
}

/** The Mermaid build the preview bundles, as a browser script. */
function mermaidScript(): string {
  return fs.readFileSync(require.resolve('mermaid/dist/mermaid.min.js', { paths: [process.cwd(), path.join(__dirname, '..')] }), 'utf8');
}

export async function renderWithChromium(request: RenderRequest): Promise<Buffer> {
  if (!fs.existsSync(chromiumPath())) {
    throw new Error(`no Chromium at ${chromiumPath()}: install it (apt-get install chromium) or set TCPFLOW_CHROMIUM`);
  }
  // Loaded only here, so the other commands do not need it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
    // Nothing may be fetched: the page is built from strings.
    await page.route('**/*', (route) => route.abort());
    const background = request.theme === 'dark' ? '#1e1e1e' : '#ffffff';
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:${background}"><div id="diagram"></div></body></html>`);
    await page.addScriptTag({ content: mermaidScript() });
    const svg = await page.evaluate(
      async ({ text, theme }) => {
        // Runs in the page: its globals, typed just enough.
        const page = globalThis as unknown as {
          mermaid: { initialize(o: object): void; render(id: string, t: string): Promise<{ svg: string }> };
          document: { getElementById(id: string): { innerHTML: string } };
        };
        page.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme === 'dark' ? 'dark' : 'default' });
        const { svg } = await page.mermaid.render('tcpflow-diagram', text);
        page.document.getElementById('diagram').innerHTML = svg;
        return svg;
      },
      { text: request.mermaid, theme: request.theme },
    );
    if (request.format === 'svg') return Buffer.from(svg, 'utf8');
    const element = await page.$('#diagram svg');
    if (!element) throw new Error('Mermaid produced no SVG');
    return await element.screenshot({ omitBackground: false });
  } finally {
    await browser.close();
  }
}
