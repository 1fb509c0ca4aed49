// The preview webview's view in headless Chromium, at the size VS Code gives it beside an
// editor (626 px wide): every example opens fitted and legible, each document keeps its own
// view, scrolling stops at the edges, the keyboard scrolls and zooms, the toolbar is one row
// with only the current tab's controls, high contrast is high contrast, and the diagram
// follows the editor's scrolling and reports its own. Measured by the webview's test hook.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core/index';
import { launchChromium, openPreview, ROOT, screenshotPath, type PreviewPage } from './harness';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.tcpflow')).sort();
/** The preview's size at VS Code's default side-by-side split of a 1600×1000 window. */
const SPLIT = { width: 626, height: 900 };

/** An 11-segment connection: handshake, a request and its response, the four-way close. */
export const HANDSHAKE_REQUEST_CLOSE = [
  'title Handshake, request, close',
  'participant client',
  'participant server listen',
  'section Handshake',
  'client -> server: SYN',
  'server -> client: SYN+ACK',
  'client -> server: ACK',
  'section Request',
  'client -> server: PSH+ACK "GET / HTTP/1.1\\r\\n\\r\\n"',
  'server -> client: ACK',
  'server -> client: PSH+ACK "HTTP/1.1 200 OK\\r\\n\\r\\n"',
  'client -> server: ACK',
  'section Close',
  'client: close',
  'client -> server: FIN+ACK',
  'server -> client: ACK',
  'server: close',
  'server -> client: FIN+ACK',
  'client -> server: ACK',
].join('\n');

function longScript(n: number): string {
  const out = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  for (let i = 0; i < n; i++) out.push(`client -> server: PSH+ACK "req ${i}"`, 'server -> client: ACK');
  return out.join('\n');
}

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function scrollTop(preview: PreviewPage): Promise<number> {
  return (await preview.measure()).scrollTop;
}

describe('preview view (Chromium, 626 px beside the editor)', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  for (const [name, text] of [...examples.map((f) => [f, fs.readFileSync(path.join(EXAMPLES, f), 'utf8')]), ['handshake-request-close', HANDSHAKE_REQUEST_CLOSE]]) {
    it(`${name} opens fitted to the panel's width, at a true zoom, with text of at least 10 px`, async () => {
      const preview = await openPreview(browser, SPLIT);
      try {
        await preview.render(text);
        const m = await preview.measure();
        assert.ok(m.svg.left >= m.stage.left && m.svg.left + m.svg.width <= m.stage.left + m.stage.width, `SVG ${JSON.stringify(m.svg)} within the stage ${JSON.stringify(m.stage)}`);
        assert.ok(m.zoom <= 1, `zoom ${m.zoom}`);
        assert.equal(m.zoomLabel, `${Math.round(m.zoom * 100)}%`);
        assert.equal(m.fit, 'width');
        assert.ok(m.smallestText >= 10, `smallest text ${m.smallestText.toFixed(1)} px at ${m.zoomLabel}`);
        if (name === 'handshake-request-close') {
          assert.equal(analyze(text).segments.size, 11);
          await preview.page.screenshot({ path: screenshotPath('preview-fit-626-handshake-request-close') });
        }
      } finally {
        await preview.page.close();
      }
    });
  }

  it('keeps a view per document: another file opens at its top, fitted; the first comes back as it was', async () => {
    const preview = await openPreview(browser, SPLIT);
    try {
      const a = 'file:///work/a.tcpflow';
      const b = 'file:///work/b.tcpflow';
      await preview.render(longScript(40), undefined, { uri: a });
      await preview.page.click('[data-action="zoom-in"]');
      await preview.act({ kind: 'scroll', dy: 500 });
      const left = await preview.measure();
      assert.equal(left.fit, 'none');
      assert.ok(left.scrollTop > 400, String(left.scrollTop));
      await preview.render(fs.readFileSync(path.join(EXAMPLES, 'handshake.tcpflow'), 'utf8'), undefined, { uri: b });
      const other = await preview.measure();
      assert.deepEqual([other.fit, other.scrollTop, other.zoomLabel], ['width', 0, '100%']);
      await preview.render(longScript(40), undefined, { uri: a });
      const back = await preview.measure();
      assert.deepEqual([back.fit, back.zoomLabel], ['none', left.zoomLabel]);
      assert.ok(Math.abs(back.scrollTop - left.scrollTop) <= 1, `${back.scrollTop} vs ${left.scrollTop}`);
    } finally {
      await preview.page.close();
    }
  });

  it('scrolls like a document: the wheel and the keys stop at the edges; Ctrl+= / Ctrl+- / Ctrl+0 zoom', async () => {
    const preview = await openPreview(browser, SPLIT);
    try {
      await preview.render(longScript(60));
      const start = await preview.measure();
      const bottom = start.scrollHeight - start.stage.height;
      assert.ok(bottom > 2000, `a long page: ${bottom} px to scroll`);
      for (let i = 0; i < 60; i++) await preview.act({ kind: 'wheel', deltaY: 1000 });
      assert.ok(Math.abs((await scrollTop(preview)) - bottom) <= 1, 'the wheel stops at the bottom');
      await preview.act({ kind: 'key', key: 'Home' });
      assert.equal(await scrollTop(preview), 0);
      await preview.act({ kind: 'key', key: 'PageDown' });
      const page = await scrollTop(preview);
      assert.ok(page > start.stage.height * 0.8 && page < start.stage.height, `PageDown scrolled ${page} px`);
      await preview.act({ kind: 'key', key: 'ArrowDown' });
      assert.equal(await scrollTop(preview), page + 40);
      await preview.act({ kind: 'key', key: 'ArrowUp' });
      assert.equal(await scrollTop(preview), page);
      await preview.act({ kind: 'key', key: 'End' });
      assert.ok(Math.abs((await scrollTop(preview)) - bottom) <= 1, 'End goes to the bottom');
      await preview.act({ kind: 'key', key: 'PageUp' });
      assert.ok((await scrollTop(preview)) < bottom);

      const fitted = (await preview.measure()).zoom;
      await preview.act({ kind: 'key', key: '=', ctrl: true });
      let m = await preview.measure();
      assert.equal(m.zoomLabel, `${Math.round(fitted * 1.2 * 100)}%`);
      assert.equal(m.fit, 'none');
      await preview.act({ kind: 'key', key: '-', ctrl: true });
      await preview.act({ kind: 'key', key: '-', ctrl: true });
      m = await preview.measure();
      assert.equal(m.zoomLabel, `${Math.round((fitted / 1.2) * 100)}%`);
      await preview.act({ kind: 'key', key: '0', ctrl: true });
      assert.equal((await preview.measure()).zoomLabel, '100%');
      await preview.page.click('[data-action="fit-page"]');
      m = await preview.measure();
      assert.ok(m.svg.height <= m.stage.height && m.svg.width <= m.stage.width, `fit page: ${JSON.stringify(m.svg)} in ${JSON.stringify(m.stage)}`);
      assert.equal(m.fit, 'page');
      await preview.page.click('[data-action="fit-width"]');
      assert.deepEqual([(await preview.measure()).fit, (await preview.measure()).zoom], ['width', fitted]);
    } finally {
      await preview.page.close();
    }
  });

  it('pans by dragging without selecting text', async () => {
    const preview = await openPreview(browser, SPLIT);
    try {
      await preview.render(longScript(30));
      await preview.page.mouse.move(300, 600);
      await preview.page.mouse.down();
      await preview.page.mouse.move(300, 350, { steps: 8 });
      await preview.page.mouse.up();
      const top = await scrollTop(preview);
      assert.ok(Math.abs(top - 250) <= 2, `dragged 250 px, scrolled ${top}`);
      assert.equal(await preview.page.evaluate(() => document.getSelection()?.toString() ?? ''), '');
    } finally {
      await preview.page.close();
    }
  });

  it('fits its toolbar in one row at 600 px, with only the controls of the tab shown', async () => {
    const preview = await openPreview(browser, { width: 600, height: 700 });
    try {
      await preview.render(fs.readFileSync(path.join(EXAMPLES, 'handshake.tcpflow'), 'utf8'));
      const sequence = await preview.measure();
      assert.equal(sequence.toolbarRows, 1);
      assert.deepEqual(sequence.controls, ['sequence', 'timeline', 'state', 'states', 'numbers', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'menu']);
      await preview.page.click('[data-tab="state"]');
      const state = await preview.measure();
      assert.equal(state.toolbarRows, 1);
      assert.deepEqual(state.controls, ['sequence', 'timeline', 'state', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'menu']);
      await preview.page.click('[data-action="menu"]');
      const menu = await preview.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#menu [data-action], #menu [data-option]')].filter((e) => e.offsetParent !== null).map((e) => e.dataset.action ?? e.dataset.option));
      assert.deepEqual(menu, ['export-svg', 'export-png', 'copy-mermaid', 'copy-markdown'], 'the state machine has one page and no sequence options');
      const glyph = await preview.page.evaluate(() => getComputedStyle(document.querySelector('[data-action="zoom-in"]') as Element, '::before').fontFamily);
      assert.match(glyph, /codicon/);
      assert.equal(await preview.page.evaluate(() => document.fonts.check('16px codicon')), true, 'the codicon font is loaded from the extension');
      await preview.page.click('[data-tab="sequence"]');
      await preview.page.screenshot({ path: screenshotPath('preview-toolbar-600') });
    } finally {
      await preview.page.close();
    }
  });

  for (const theme of ['hc-dark', 'hc-light'] as const) {
    it(`draws a real ${theme} diagram: labels, notes and participants at 7:1 or more`, async () => {
      const preview = await openPreview(browser, { ...SPLIT, theme });
      try {
        await preview.render(HANDSHAKE_REQUEST_CLOSE);
        const pairs = await preview.page.evaluate(() => {
          const fill = (selector: string) => {
            const element = document.querySelector(`#diagram ${selector}`);
            return element === null ? '' : getComputedStyle(element).fill;
          };
          const background = getComputedStyle(document.body).backgroundColor;
          return {
            message: [fill('text.messageText'), background],
            note: [fill('text.noteText'), fill('rect.note:not(.tcpflow-section)')],
            actor: [fill('text.actor tspan') || fill('text.actor'), fill('rect.actor')],
          };
        });
        for (const [what, [text, behind]] of Object.entries(pairs)) {
          assert.ok(contrast(text, behind) >= 7, `${what}: ${text} on ${behind} is ${contrast(text, behind).toFixed(1)}:1`);
        }
        const rendered = (await preview.posted()).find((m) => m.type === 'rendered');
        assert.equal(rendered?.type === 'rendered' && rendered.theme, theme);
        await preview.page.screenshot({ path: screenshotPath(`preview-${theme}`) });
      } finally {
        await preview.page.close();
      }
    });
  }

  it("follows the editor's scrolling, and reports its own as the first line drawn at its top", async () => {
    const preview = await openPreview(browser, SPLIT);
    try {
      const text = longScript(40);
      const message = await preview.render(text);
      const line = message.pages[0].messages[30];
      await preview.post({ type: 'scroll', line });
      await preview.page.waitForFunction(
        (l) => {
          const stage = document.getElementById('stage') as HTMLElement;
          const label = document.querySelector(`#diagram text.messageText[data-line="${l}"]`);
          if (label === null) return false;
          const offset = label.getBoundingClientRect().top - stage.getBoundingClientRect().top;
          return offset >= 0 && offset < 40;
        },
        line,
        { timeout: 10_000 },
      );
      assert.deepEqual((await preview.posted()).filter((m) => m.type === 'scrolled'), [], 'a scroll the editor asked for is not echoed back');
      const before = (await preview.posted()).length;
      await preview.act({ kind: 'scroll', dy: 600 });
      const scrolled = await preview.waitForPosted('scrolled', before);
      const top = await preview.page.evaluate(() => {
        const stage = (document.getElementById('stage') as HTMLElement).getBoundingClientRect().top;
        const first = [...document.querySelectorAll('#diagram text[data-line]')].find((t) => t.getBoundingClientRect().top >= stage);
        return Number(first?.getAttribute('data-line'));
      });
      assert.deepEqual(scrolled, { type: 'scrolled', line: top });
      assert.ok(top > line, `${top} after ${line}`);
    } finally {
      await preview.page.close();
    }
  });
});
