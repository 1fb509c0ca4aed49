// The Markdown preview script in headless Chromium: the divs that src/extension/markdown.ts
// makes from ```tcpflow fences are drawn as SVG, and script text stays text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { tcpflowBlock } from '../../src/extension/markdown';
import { launchChromium, ORIGIN, ROOT, screenshotPath } from './harness';

describe('Markdown preview script (Chromium)', () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('draws every tcpflow block, and only those', async () => {
    // As narrow as a Markdown preview beside an editor: the diagrams fit its width.
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    try {
      for (const name of ['mermaid.js', 'markdownPreview.js']) {
        await page.route(`${ORIGIN}/${name}`, (route) => route.fulfill({ body: fs.readFileSync(path.join(ROOT, 'dist', 'webview', name)), contentType: 'text/javascript' }));
      }
      const handshake = fs.readFileSync(path.join(ROOT, 'examples', 'handshake.tcpflow'), 'utf8');
      const hostile = 'participant a as "<img src=x onerror=window.__xss=1>"\nparticipant b\na -> b: SYN';
      const body = `<h1>Doc</h1>${tcpflowBlock(handshake)}<div class="mermaid">graph TD; A--&gt;B</div>${tcpflowBlock(hostile)}${tcpflowBlock(hostile, 'ladder')}`;
      await page.setContent(
        `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${ORIGIN}; style-src 'unsafe-inline'; img-src data:"></head><body class="vscode-light">${body}<script src="${ORIGIN}/mermaid.js"></script><script src="${ORIGIN}/markdownPreview.js"></script></body></html>`,
        { waitUntil: 'domcontentloaded' },
      );
      await page.waitForFunction(() => document.querySelectorAll('div.tcpflow-diagram > svg, div.tcpflow-ladder > svg').length === 3, undefined, { timeout: 30_000 });
      const result = await page.evaluate(() => ({
        arrows: [...document.querySelectorAll('div.tcpflow-diagram > svg')].map((svg) => svg.querySelectorAll('text.messageText').length),
        other: document.querySelector('div.mermaid')?.innerHTML,
        xss: (window as unknown as { __xss?: unknown }).__xss,
        images: document.querySelectorAll('img').length,
        hostileLabel: [...(document.querySelectorAll('div.tcpflow-diagram > svg')[1]?.querySelectorAll('text.actor') ?? [])].some(
          (t) => t.textContent === '<img src=x onerror=window.__xss=1>',
        ),
        ladder: [...document.querySelectorAll('div.tcpflow-ladder > svg g.segment')].map((g) => `${g.getAttribute('data-line')} ${g.querySelector('text')?.textContent}`),
        ladderHeader: document.querySelector('div.tcpflow-ladder > svg g.participant text')?.textContent,
        ladderWidth: Math.round(document.querySelector('div.tcpflow-ladder > svg')?.getBoundingClientRect().width ?? 0),
      }));
      const { ladderWidth, ...shown } = result;
      assert.deepEqual(shown, {
        arrows: [3, 1],
        other: 'graph TD; A--&gt;B',
        xss: undefined,
        images: 0,
        hostileLabel: true,
        ladder: ['3 SYN seq=0'],
        ladderHeader: '<img src=x onerror=window.__xss=1>',
      });
      assert.ok(ladderWidth > 300, `the ladder is drawn at its size (${ladderWidth} px)`);
      const fit = await page.evaluate(() => ({
        page: document.documentElement.clientWidth,
        diagrams: [...document.querySelectorAll('div.tcpflow-diagram > svg')].map((svg) => Math.ceil(svg.getBoundingClientRect().right)),
        banners: document.querySelectorAll('div.tcpflow-diagram rect.tcpflow-section').length,
        foreignObjects: document.querySelectorAll('foreignObject').length,
      }));
      assert.ok(fit.diagrams.every((right) => right <= fit.page), JSON.stringify(fit));
      assert.deepEqual([fit.banners, fit.foreignObjects], [1, 0], 'the handshake example has one section, drawn as a banner');
      await page.screenshot({ path: screenshotPath('markdown-preview-light'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
