// Mermaid's own time to draw a sequence diagram: mermaid.render in headless Chromium (the
// bundled Mermaid, Debian's chromium), measured inside the page. For the bench only.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromiumPath } from '../../src/cli/chromiumRenderer';

/** Longest a single render may take before the bench gives up on it (and on larger ones). */
const GIVE_UP_MS = 60_000;

/**
 * The median render time in ms of each Mermaid text (3 runs for small ones, 1 for large),
 * or a reason it was not measured.
 */
export async function mermaidRenderTimes(texts: readonly string[]): Promise<(number | string)[]> {
  if (!fs.existsSync(chromiumPath())) return texts.map(() => `no Chromium at ${chromiumPath()}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const out: (number | string)[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!DOCTYPE html><html><body><div id="d"></div></body></html>');
    await page.addScriptTag({ content: fs.readFileSync(path.join(require.resolve('mermaid/package.json'), '..', 'dist', 'mermaid.min.js'), 'utf8') });
    await page.evaluate(() => {
      const g = globalThis as unknown as { mermaid: { initialize(o: object): void } };
      g.mermaid.initialize({ startOnLoad: false, maxTextSize: 1e9, maxEdges: 1e9, securityLevel: 'strict' });
    });
    let gaveUp = false;
    for (const text of texts) {
      if (gaveUp) {
        out.push(`not run (> ${GIVE_UP_MS / 1000} s at the last size)`);
        continue;
      }
      const runs = text.length < 200_000 ? 3 : 1;
      const times: number[] = [];
      for (let run = 0; run < runs && !gaveUp; run++) {
        let timer: NodeJS.Timeout | undefined;
        const ms = await Promise.race([
          page.evaluate(async (source) => {
            const g = globalThis as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> }; performance: { now(): number } };
            const start = g.performance.now();
            await g.mermaid.render(`m${Math.random().toString(36).slice(2)}`, source);
            return g.performance.now() - start;
          }, text),
          new Promise<number>((resolve) => {
            timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), GIVE_UP_MS);
          }),
        ]);
        clearTimeout(timer);
        if (!Number.isFinite(ms)) gaveUp = true;
        else times.push(ms);
      }
      times.sort((a, b) => a - b);
      out.push(gaveUp ? `> ${GIVE_UP_MS / 1000} s (gave up)` : times[times.length >> 1]);
    }
  } catch (error) {
    while (out.length < texts.length) out.push(`failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await browser.close();
  }
  return out;
}
