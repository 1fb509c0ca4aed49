// The preview's Timeline tab in headless Chromium: every example's ladder is drawn with one
// `g.segment` per segment of the core's layout, a click on an arrow posts its source line,
// the cursor's segment is highlighted, the tab is fitted like the sequence view, step-through
// (keys and toolbar control) moves one event at a time with each end's variables shown, and
// `tcpflow.preview.defaultView` (the render message's `defaultTab`) opens it first.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyze, toLadder } from '../../src/core/index';
import { launchChromium, openPreview, ROOT, screenshotPath, setTheme, type PreviewPage } from './harness';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.tcpflow')).sort();

const HANDSHAKE = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'].join('\n');

/** A handshake, then data segments each acknowledged, about `segments` in all. */
function longScript(segments: number): string {
  const out = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  for (let i = 3; i + 2 <= segments; i += 2) out.push(`client -> server: PSH+ACK "GET /${i}"`, 'server -> client: ACK');
  return out.join('\n');
}

/** Whether each segment is the current one and whether it is greyed (drawn at a quarter of its opacity). */
function shownSegments(preview: PreviewPage): Promise<{ current: boolean; greyed: boolean }[]> {
  return preview.page.evaluate(() =>
    [...document.querySelectorAll('#diagram g.segment')].map((g) => ({ current: g.classList.contains('tcpflow-step'), greyed: getComputedStyle(g).opacity === '0.25' })),
  );
}

/** The step panel as the reader sees it: its heading line, then each row's cells. */
function stepPanel(preview: PreviewPage): Promise<{ where: string; rows: string[][] }> {
  return preview.page.evaluate(() => ({
    where: (document.querySelector('#step-panel .step-where') as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
    rows: [...document.querySelectorAll('#step-rows tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
  }));
}

/** Waits until the webview reports a picture drawn in `theme`. */
async function waitForTheme(preview: PreviewPage, theme: string): Promise<void> {
  await preview.page.waitForFunction((t) => (window as unknown as { __posted: { type: string; theme?: string }[] }).__posted.some((m) => m.type === 'rendered' && m.theme === t), theme, { timeout: 30_000 });
}

function segmentLines(preview: PreviewPage, selector = '#diagram g.segment'): Promise<number[]> {
  return preview.page.evaluate((s) => [...document.querySelectorAll(s)].map((g) => Number(g.getAttribute('data-line'))), selector);
}

describe('preview timeline tab', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('draws one g.segment per segment of every example, at its 0-based source line, fitted to the width', async () => {
    const preview = await openPreview(browser, { width: 626, height: 900 });
    try {
      await preview.page.click('[data-tab="timeline"]');
      for (const file of examples) {
        const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        const message = await preview.render(text, undefined, { uri: `file:///work/${file}` });
        await preview.page.click('[data-tab="timeline"]');
        await preview.waitForRendered(message.renderId, 'timeline');
        const expected = toLadder(analyze(text), { naming: 'rfc', numbers: message.effective.numbers }).segments.map((s) => s.line);
        assert.ok(expected.length > 0, file);
        assert.deepEqual(await segmentLines(preview), expected, file);
        const measure = await preview.measure();
        assert.equal(measure.fit, 'width', file);
        // Fitted: as wide as the panel less its padding and scroll bar, or at 100 % when the ladder is narrower.
        assert.ok(measure.svg.width <= measure.stage.width && (measure.zoom === 1 || measure.svg.width >= measure.stage.width - 60), `${file}: ${measure.svg.width} of ${measure.stage.width} at ${measure.zoom}`);
        assert.deepEqual(measure.controls, ['sequence', 'timeline', 'state', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'step-first', 'step-previous', 'step-next', 'step-last', 'step-stop', 'menu'], file);
        assert.equal(await preview.page.getAttribute('#diagram', 'aria-label'), `Timing ladder of ${file}`);
      }
      await preview.page.screenshot({ path: screenshotPath('preview-timeline-simultaneous-open'), fullPage: true });
    } finally {
      await preview.page.close();
    }
  });

  it('posts the line of a clicked arrow and highlights the segment at the cursor', async () => {
    const preview = await openPreview(browser, { width: 1000, height: 800 });
    try {
      const message = await preview.render(HANDSHAKE, undefined, { cursorLine: 3 });
      await preview.page.click('[data-tab="timeline"]');
      await preview.waitForRendered(message.renderId, 'timeline');
      assert.deepEqual(await segmentLines(preview), [2, 3, 4]);
      assert.deepEqual(await segmentLines(preview, '#diagram g.segment.tcpflow-highlight'), [3]);
      const reveals: unknown[] = [];
      for (const i of [0, 1, 2]) {
        const before = (await preview.posted()).length;
        await preview.page.locator('#diagram g.segment line.tcpflow-hit').nth(i).click();
        const reveal = await preview.waitForPosted('reveal', before);
        reveals.push(reveal);
      }
      assert.deepEqual(reveals, [2, 3, 4].map((line) => ({ type: 'reveal', line, select: false })));
      await preview.post({ type: 'highlight', line: 4 });
      await preview.page.waitForFunction(() => document.querySelector('#diagram g.segment.tcpflow-highlight')?.getAttribute('data-line') === '4', undefined, { timeout: 30_000 });
      assert.deepEqual(await segmentLines(preview, '#diagram g.segment.tcpflow-highlight'), [4]);
    } finally {
      await preview.page.close();
    }
  });

  it('steps one event at a time with the arrow keys: the current segment marked, the later ones greyed, the values shown, the editor told', async () => {
    const preview = await openPreview(browser, { width: 1000, height: 800 });
    try {
      const message = await preview.render(HANDSHAKE);
      await preview.page.click('[data-tab="timeline"]');
      await preview.waitForRendered(message.renderId, 'timeline');
      assert.equal(await preview.page.isHidden('#step-panel'), true);
      await preview.page.focus('#stage');
      const steps: unknown[] = [];
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft']) {
        const before = (await preview.posted()).length;
        await preview.page.keyboard.press(key);
        const stepped = await preview.waitForPosted('stepped', before);
        steps.push({ line: stepped.line, segments: await shownSegments(preview), panel: await stepPanel(preview) });
      }
      const at = (i: number) => [0, 1, 2].map((j) => ({ current: j === i, greyed: j > i }));
      const panel = (step: number, kind: string, line: number, client: string[], server: string[]) => ({ where: `Step ${step} / 6 · ${kind} · line ${line} · relative to each ISN`, rows: [['client', ...client], ['server', ...server]] });
      const sent = 'Segment sent';
      const arrives = 'Segment arrives';
      const established = ['ESTABLISHED', '1', '1', '1'];
      assert.deepEqual(steps, [
        { line: 2, segments: at(0), panel: panel(1, sent, 3, ['SYN-SENT', '0', '1', '—'], ['LISTEN', '—', '—', '—']) },
        { line: 2, segments: at(0), panel: panel(2, arrives, 3, ['SYN-SENT', '0', '1', '—'], ['SYN-RECEIVED', '0', '0', '1']) },
        { line: 3, segments: at(1), panel: panel(3, sent, 4, ['SYN-SENT', '0', '1', '—'], ['SYN-RECEIVED', '0', '1', '1']) },
        { line: 3, segments: at(1), panel: panel(4, arrives, 4, established, ['SYN-RECEIVED', '0', '1', '1']) },
        { line: 4, segments: at(2), panel: panel(5, sent, 5, established, ['SYN-RECEIVED', '0', '1', '1']) },
        { line: 4, segments: at(2), panel: panel(6, arrives, 5, established, established) },
        { line: 4, segments: at(2), panel: panel(6, arrives, 5, established, established) },
        { line: 4, segments: at(2), panel: panel(5, sent, 5, established, ['SYN-RECEIVED', '0', '1', '1']) },
      ]);
      await preview.page.keyboard.press('Escape');
      assert.deepEqual(await shownSegments(preview), [0, 1, 2].map(() => ({ current: false, greyed: false })));
      assert.equal(await preview.page.isHidden('#step-panel'), true);
    } finally {
      await preview.page.close();
    }
  });

  it('steps with the toolbar control through calls, segments and waits of the four-way close; at 626 px the control and the panel fit', async () => {
    const preview = await openPreview(browser, { width: 626, height: 900 });
    try {
      const message = await preview.render(fs.readFileSync(path.join(EXAMPLES, 'four-way-close.tcpflow'), 'utf8'), undefined, { uri: 'file:///work/four-way-close.tcpflow' });
      await preview.page.click('[data-tab="timeline"]');
      await preview.waitForRendered(message.renderId, 'timeline');
      const measure = await preview.measure();
      assert.equal(measure.toolbarRows, 1);
      assert.deepEqual(measure.controls, ['sequence', 'timeline', 'state', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'step-first', 'step-previous', 'step-next', 'step-last', 'step-stop', 'menu']);
      const press = async (action: string) => {
        const before = (await preview.posted()).length;
        await preview.page.click(`[data-action="${action}"]`);
        return (await preview.waitForPosted('stepped', before)).line;
      };
      const current = () => preview.page.evaluate(() => [...document.querySelectorAll('#diagram .tcpflow-step')].map((e) => `${e.getAttribute('class')?.split(' ')[0]} ${e.getAttribute('data-line')}`));
      const greyedCalls = () => preview.page.evaluate(() => [...document.querySelectorAll('#diagram g.call.tcpflow-future, #diagram g.gap.tcpflow-future')].map((e) => Number(e.getAttribute('data-line'))).sort((a, b) => a - b));

      assert.equal(await press('step-last'), 28);
      assert.deepEqual(await stepPanel(preview), { where: 'Step 17 / 17 · Wait · line 29 · relative to each ISN', rows: [['client', 'CLOSED', '—', '—', '—'], ['server', 'CLOSED', '—', '—', '—']] });
      assert.deepEqual(await current(), ['gap 28']);
      assert.deepEqual(await greyedCalls(), []);
      assert.equal(await press('step-previous'), 24);
      assert.deepEqual(await stepPanel(preview), { where: 'Step 16 / 17 · Segment arrives · line 25 · relative to each ISN', rows: [['client', 'TIME-WAIT', '2', '2', '2'], ['server', 'CLOSED', '—', '—', '—']] });
      assert.deepEqual(await current(), ['segment 24']);
      assert.deepEqual(await greyedCalls(), [28]);
      assert.equal(await press('step-first'), 11);
      assert.deepEqual(await stepPanel(preview), { where: 'Step 1 / 17 · Segment sent · line 12 · relative to each ISN', rows: [['client', 'SYN-SENT', '0', '1', '—'], ['server', 'LISTEN', '—', '—', '—']] });
      // The SYN has left, not arrived: the client's SYN-SENT is shown, the server's SYN-RECEIVED still greyed (0-based lines).
      const greyedStates = () =>
        preview.page.evaluate(() => [...document.querySelectorAll('#diagram text.state')].filter((e) => e.classList.contains('tcpflow-future')).map((e) => `${e.textContent} ${e.getAttribute('data-line')}`));
      assert.deepEqual((await greyedStates()).slice(0, 2), ['SYN-RECEIVED 11', 'ESTABLISHED 12']);
      assert.equal(await press('step-next'), 11);
      assert.deepEqual((await greyedStates()).slice(0, 2), ['ESTABLISHED 12', 'ESTABLISHED 13']);
      assert.equal(await press('step-previous'), 11);
      for (let i = 0; i < 6; i++) await press('step-next');
      assert.deepEqual(await stepPanel(preview), { where: 'Step 7 / 17 · Call · line 17 · relative to each ISN', rows: [['client', 'ESTABLISHED', '1', '1', '1'], ['server', 'ESTABLISHED', '1', '1', '1']] });
      assert.deepEqual(await current(), ['call 16']);
      assert.deepEqual(await greyedCalls(), [22, 28]);
      assert.equal(await press('step-next'), 17);
      assert.deepEqual(await stepPanel(preview), { where: 'Step 8 / 17 · Segment sent · line 18 · relative to each ISN', rows: [['client', 'FIN-WAIT-1', '1', '2', '1'], ['server', 'ESTABLISHED', '1', '1', '1']] });
      assert.deepEqual(await preview.page.evaluate(() => [...document.querySelectorAll('#step-rows td.changed')].map((td) => td.textContent)), ['FIN-WAIT-1', '2']);
      // The panel and the control stay inside the 626 px page, in one piece.
      const fits = await preview.page.evaluate(() => {
        const panel = document.getElementById('step-panel') as HTMLElement;
        const controls = [...document.querySelectorAll('[data-action^="step-"]')].map((b) => b.getBoundingClientRect().right);
        return { panel: panel.scrollWidth <= panel.clientWidth, controls: Math.max(...controls) <= document.documentElement.clientWidth };
      });
      assert.deepEqual(fits, { panel: true, controls: true });
      await preview.page.screenshot({ path: screenshotPath('preview-timeline-step-626') });
      for (const theme of ['dark', 'hc-dark', 'hc-light'] as const) {
        await setTheme(preview, theme);
        await waitForTheme(preview, theme);
        assert.deepEqual(await current(), ['segment 17'], theme);
        await preview.page.screenshot({ path: screenshotPath(`preview-timeline-step-626-${theme}`) });
      }
      await preview.page.click('[data-action="step-stop"]');
      assert.equal(await preview.page.isHidden('#step-panel'), true);
      assert.deepEqual(await current(), []);
    } finally {
      await preview.page.close();
    }
  });

  it('draws a long ladder only near the screen, a band at a time, and its last segment once scrolled to the end', async () => {
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const text = longScript(3_000);
      const model = toLadder(analyze(text), { naming: 'rfc', numbers: 'as-written' });
      const expected = model.segments.map((s) => s.line);
      const message = { ...preview.renderMessageFor(text, undefined, { uri: 'file:///work/long.tcpflow' }), defaultTab: 'timeline' as const };
      assert.equal(message.timeline.light, '');
      assert.equal(message.timeline.layout?.segments.length, expected.length);
      await preview.post(message);
      await preview.waitForRendered(message.renderId, 'timeline');
      await preview.page.waitForFunction(() => document.querySelectorAll('#diagram g.segment').length > 0, undefined, { timeout: 30_000 });
      const top = await segmentLines(preview);
      // The first bands only, in drawing order: exactly the core's first segments.
      assert.ok(top.length < expected.length / 10, `${top.length} of ${expected.length} drawn`);
      assert.deepEqual(top, expected.slice(0, top.length));
      assert.equal(await preview.page.locator('#diagram g.ladder-band').count(), top.length / 20);

      await preview.page.evaluate(() => {
        const stage = document.getElementById('stage') as HTMLElement;
        stage.scrollTop = stage.scrollHeight;
      });
      const last = expected[expected.length - 1];
      await preview.page.waitForFunction((line) => [...document.querySelectorAll('#diagram g.segment')].pop()?.getAttribute('data-line') === String(line), last, { timeout: 30_000 });
      const end = await segmentLines(preview);
      const from = expected.indexOf(end[0]);
      assert.deepEqual(end, expected.slice(from), 'the bands at the end, nothing else');
      assert.ok(from > expected.length / 2, `the first bands were removed (${from})`);
      const line = await preview.page.evaluate(() => {
        const l = [...document.querySelectorAll('#diagram g.segment > line:not(.tcpflow-hit)')].pop();
        return ['x1', 'y1', 'x2', 'y2'].map((a) => Number(l?.getAttribute(a)));
      });
      const s = model.segments[model.segments.length - 1];
      assert.deepEqual(line, [s.from.x, s.from.y, s.to.x, s.to.y]);
      const before = (await preview.posted()).length;
      await preview.page.locator('#diagram g.segment line.tcpflow-hit').last().click();
      assert.deepEqual(await preview.waitForPosted('reveal', before), { type: 'reveal', line: last, select: false });
      await preview.page.screenshot({ path: screenshotPath('preview-timeline-long-end') });
      // Export writes the whole ladder, not the bands on screen: every segment, as the core lays it out (without the source lines).
      await preview.page.click('[data-action="menu"]');
      const exportFrom = (await preview.posted()).length;
      await preview.page.click('[data-action="export-svg"]');
      const exported = await preview.waitForPosted('export', exportFrom);
      const arrows = [...exported.data.matchAll(/<g class="segment"[^>]*>\s*<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
      assert.deepEqual(arrows, model.segments.map((seg) => [seg.from.x, seg.from.y, seg.to.x, seg.to.y]));
    } finally {
      await preview.page.close();
    }
  });

  it('steps through a long ladder and highlights the cursor in bands drawn later', async () => {
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const text = longScript(3_000);
      const expected = toLadder(analyze(text), { naming: 'rfc', numbers: 'as-written' }).segments.map((s) => s.line);
      const cursor = expected[2_000];
      const message = { ...preview.renderMessageFor(text, undefined, { uri: 'file:///work/long.tcpflow', cursorLine: cursor }), defaultTab: 'timeline' as const };
      await preview.post(message);
      await preview.waitForRendered(message.renderId, 'timeline');
      await preview.page.waitForFunction((l) => document.querySelector('#diagram g.segment.tcpflow-highlight')?.getAttribute('data-line') === String(l), cursor, { timeout: 30_000 });
      assert.deepEqual(await segmentLines(preview, '#diagram g.segment.tcpflow-highlight'), [cursor]);
      await preview.page.focus('#stage');
      const before = (await preview.posted()).length;
      await preview.page.keyboard.press('ArrowLeft');
      const stepped = await preview.waitForPosted('stepped', before);
      assert.equal(stepped.line, expected[expected.length - 1]);
      await preview.page.waitForFunction((l) => document.querySelector('#diagram g.segment.tcpflow-step')?.getAttribute('data-line') === String(l), stepped.line, { timeout: 30_000 });
      assert.equal(await preview.page.locator('#diagram g.segment.tcpflow-future').count(), 0);
      // Bands drawn later, back at the top, come in with the marks of the step: none is after the last.
      await preview.page.evaluate(() => {
        (document.getElementById('stage') as HTMLElement).scrollTop = 0;
      });
      await preview.page.waitForFunction((l) => document.querySelector('#diagram g.segment')?.getAttribute('data-line') === String(l), expected[0], { timeout: 30_000 });
      assert.equal(await preview.page.locator('#diagram g.segment.tcpflow-future').count(), 0);
      assert.equal(await preview.page.locator('#diagram g.segment.tcpflow-step').count(), 0);
    } finally {
      await preview.page.close();
    }
  });

  it('draws, scrolls and steps a 100,000-segment ladder: the bands at the scrolled-to segment, the values of the last steps', async function () {
    this.timeout(900_000);
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const text = longScript(100_000);
      const model = toLadder(analyze(text), { naming: 'rfc', numbers: 'as-written' });
      const expected = model.segments.map((s) => s.line);
      assert.equal(expected.length, 99_999);
      const message = { ...preview.renderMessageFor(text, undefined, { uri: 'file:///work/long.tcpflow' }), defaultTab: 'timeline' as const };
      await preview.post(message);
      await preview.waitForRendered(message.renderId, 'timeline');
      await preview.page.waitForFunction(() => document.querySelectorAll('#diagram g.segment').length > 0, undefined, { timeout: 60_000 });
      const top = await segmentLines(preview);
      assert.deepEqual(top, expected.slice(0, top.length));
      assert.ok(top.length <= 240, `${top.length} drawn`);

      // Scrolled to segment 60,000: its band and its neighbours are drawn, nothing else, and it is in view.
      const target = model.segments[60_000];
      await preview.page.evaluate((y) => {
        const stage = document.getElementById('stage') as HTMLElement;
        const svg = document.querySelector('#diagram svg') as SVGSVGElement;
        const scale = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
        stage.scrollTop = svg.getBoundingClientRect().top - stage.getBoundingClientRect().top + stage.scrollTop + y * scale - stage.clientHeight / 2;
      }, target.from.y);
      await preview.page.waitForFunction((line) => document.querySelector(`#diagram g.segment[data-line="${line}"]`) !== null, target.line, { timeout: 60_000 });
      const drawn = await segmentLines(preview);
      const from = expected.indexOf(drawn[0]);
      assert.deepEqual(drawn, expected.slice(from, from + drawn.length), 'consecutive segments of the core layout');
      assert.ok(from > 59_000 && from + drawn.length < 61_000, `segments ${from}–${from + drawn.length} drawn`);
      const inView = await preview.page.evaluate((line) => {
        const stage = document.getElementById('stage')!.getBoundingClientRect();
        const box = document.querySelector(`#diagram g.segment[data-line="${line}"] > line`)!.getBoundingClientRect();
        return box.top >= stage.top && box.bottom <= stage.bottom;
      }, target.line);
      assert.equal(inView, true);
      const arrow = await preview.page.evaluate((line) => ['x1', 'y1', 'x2', 'y2'].map((a) => Number(document.querySelector(`#diagram g.segment[data-line="${line}"] > line`)?.getAttribute(a))), target.line);
      assert.deepEqual(arrow, [target.from.x, target.from.y, target.to.x, target.to.y]);

      // The last step: the last ACK arrives; every request's bytes are sent, received and acknowledged.
      const requests = Array.from({ length: 49_998 }, (_, k) => `GET /${3 + 2 * k}`.length);
      const bytes = requests.reduce((a, b) => a + b, 0);
      const last = expected[expected.length - 1];
      const press = async (action: () => Promise<void>) => {
        const before = (await preview.posted()).length;
        await action();
        return (await preview.waitForPosted('stepped', before)).line;
      };
      assert.equal(await press(() => preview.page.click('[data-action="step-last"]')), last);
      const established = (una: number, nxt: number, rcv: number) => ['ESTABLISHED', String(una), String(nxt), String(rcv)];
      assert.deepEqual(await stepPanel(preview), {
        where: `Step 199998 / 199998 · Segment arrives · line ${last + 1} · relative to each ISN`,
        rows: [
          ['client', ...established(1 + bytes, 1 + bytes, 1)],
          ['server', ...established(1, 1, 1 + bytes)],
        ],
      });
      await preview.page.waitForFunction((line) => document.querySelector('#diagram g.segment.tcpflow-step')?.getAttribute('data-line') === String(line), last, { timeout: 60_000 });
      await preview.page.focus('#stage');
      assert.equal(await press(() => preview.page.keyboard.press('ArrowLeft')), last);
      assert.deepEqual(await stepPanel(preview), {
        where: `Step 199997 / 199998 · Segment sent · line ${last + 1} · relative to each ISN`,
        rows: [
          ['client', ...established(1 + bytes - requests[requests.length - 1], 1 + bytes, 1)],
          ['server', ...established(1, 1, 1 + bytes)],
        ],
      });
      assert.equal(await press(() => preview.page.keyboard.press('ArrowLeft')), last - 1);
      assert.deepEqual(await segmentLines(preview, '#diagram g.segment.tcpflow-step'), [last - 1]);
      assert.deepEqual(await segmentLines(preview, '#diagram g.segment.tcpflow-future'), [last]);
      await preview.page.screenshot({ path: screenshotPath('preview-timeline-100k-step') });
    } finally {
      await preview.page.close();
    }
  });

  it('opens a new document on the tab tcpflow.preview.defaultView names, and a known one where it was left', async () => {
    const preview = await openPreview(browser);
    try {
      const first = { ...preview.renderMessageFor(HANDSHAKE, undefined, { uri: 'file:///work/a.tcpflow' }), defaultTab: 'timeline' as const };
      await preview.post(first);
      await preview.waitForRendered(first.renderId, 'timeline');
      assert.equal(await preview.page.getAttribute('[data-tab="timeline"]', 'aria-selected'), 'true');
      assert.equal(await preview.page.getAttribute('[data-tab="sequence"]', 'aria-selected'), 'false');
      assert.equal(await preview.page.locator('#diagram g.segment').count(), 3);
      await preview.page.click('[data-tab="sequence"]');
      await preview.waitForRendered(first.renderId, 'sequence');
      const again = { ...preview.renderMessageFor(HANDSHAKE, undefined, { uri: 'file:///work/a.tcpflow' }), defaultTab: 'timeline' as const };
      await preview.post(again);
      await preview.waitForRendered(again.renderId, 'sequence');
      assert.equal(await preview.page.getAttribute('[data-tab="sequence"]', 'aria-selected'), 'true');
      const states = { ...preview.renderMessageFor(HANDSHAKE, undefined, { uri: 'file:///work/b.tcpflow' }), defaultTab: 'state' as const };
      await preview.post(states);
      await preview.waitForRendered(states.renderId, 'state');
      assert.equal(await preview.page.getAttribute('[data-tab="state"]', 'aria-selected'), 'true');
    } finally {
      await preview.page.close();
    }
  });

  it('is sent a long script without its sequence diagram while on the Timeline, and asks for it when the Sequence tab is shown', async () => {
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const text = longScript(1_200);
      const uri = 'file:///work/long.tcpflow';
      const lean = { ...preview.renderMessageFor(text, undefined, { uri, shownTab: 'timeline' }), defaultTab: 'timeline' as const };
      assert.equal(lean.sequenceOmitted, true);
      await preview.post(lean);
      await preview.waitForRendered(lean.renderId, 'timeline');
      const tabs = async () => (await preview.posted()).filter((m) => m.type === 'tab');
      assert.deepEqual(await tabs(), [{ type: 'tab', tab: 'timeline' }]);
      await preview.page.click('[data-tab="sequence"]');
      await preview.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Drawing the sequence diagram…', undefined, { timeout: 30_000 });
      assert.deepEqual(await tabs(), [
        { type: 'tab', tab: 'timeline' },
        { type: 'tab', tab: 'sequence' },
      ]);
      assert.equal((await preview.posted()).some((m) => m.type === 'rendered' && m.diagram === 'sequence'), false);
      // Back on the Timeline meanwhile, the status goes; on the Sequence tab again, it is asked for again.
      await preview.page.click('[data-tab="timeline"]');
      await preview.page.waitForFunction(() => document.getElementById('status')?.textContent === '', undefined, { timeout: 30_000 });
      await preview.page.click('[data-tab="sequence"]');
      await preview.page.waitForFunction(() => document.getElementById('status')?.textContent === 'Drawing the sequence diagram…', undefined, { timeout: 30_000 });
      assert.deepEqual((await tabs()).map((m) => m.tab), ['timeline', 'sequence', 'timeline', 'sequence']);
      // The host answers with the whole render: the first page is drawn, and nothing more is asked.
      const whole = { ...preview.renderMessageFor(text, undefined, { uri, shownTab: 'sequence' }), defaultTab: 'timeline' as const };
      assert.equal(whole.sequenceOmitted, undefined);
      await preview.post(whole);
      await preview.waitForRendered(whole.renderId, 'sequence');
      assert.equal(await preview.page.textContent('#status'), '');
      assert.equal(await preview.page.locator('#diagram text.messageText').count(), whole.pages[0].messages.length);
      assert.equal((await tabs()).length, 4);
    } finally {
      await preview.page.close();
    }
  });

  it('saves a long ladder scrolled frame by frame a few times, not at every frame, and ends with where it stopped', async () => {
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const uri = 'file:///work/long.tcpflow';
      const message = { ...preview.renderMessageFor(longScript(3_000), undefined, { uri }), defaultTab: 'timeline' as const };
      await preview.post(message);
      await preview.waitForRendered(message.renderId, 'timeline');
      const { saves, ms, top } = await preview.page.evaluate(async () => {
        const w = window as unknown as { __state: unknown };
        let value = w.__state;
        let saves = 0;
        Object.defineProperty(window, '__state', {
          configurable: true,
          get: () => value,
          set: (v: unknown) => {
            saves++;
            value = v;
          },
        });
        const stage = document.getElementById('stage') as HTMLElement;
        const started = performance.now();
        for (let i = 0; i < 40; i++) {
          stage.scrollTop += 60;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        return { saves, ms: performance.now() - started, top: stage.scrollTop };
      });
      // One save at most every 250 ms while scrolling (and none is lost: the last follows).
      assert.ok(saves <= Math.ceil(ms / 250) + 1, `${saves} saves in ${ms.toFixed(0)} ms`);
      await preview.page.waitForFunction(
        ([u, t]) => {
          const state = (window as unknown as { __state: { documents: Record<string, { views: { timeline: { top: number; zoom: number } } }> } }).__state;
          const view = state.documents[u]?.views.timeline;
          return view !== undefined && Math.abs(view.top * view.zoom - t) < 0.5;
        },
        [uri, top] as const,
        { timeout: 10_000 },
      );
    } finally {
      await preview.page.close();
    }
  });

  it('zooming in on a long ladder first removes the bands it will not show, then draws those it shows', async () => {
    const preview = await openPreview(browser, { width: 900, height: 700 });
    try {
      const message = { ...preview.renderMessageFor(longScript(3_000), undefined, { uri: 'file:///work/long.tcpflow' }), defaultTab: 'timeline' as const };
      await preview.post(message);
      await preview.waitForRendered(message.renderId, 'timeline');
      // Scrolled into the middle, and the bands a screen ahead drawn while idle.
      await preview.page.evaluate(() => {
        const stage = document.getElementById('stage') as HTMLElement;
        stage.scrollTop = stage.scrollHeight / 2;
      });
      const around = () =>
        preview.page.evaluate(() => {
          const stage = document.getElementById('stage')!.getBoundingClientRect();
          const bands = [...document.querySelectorAll('#diagram g.ladder-band')].map((g) => g.getBoundingClientRect());
          const margin = stage.height / 2;
          return {
            far: bands.filter((b) => b.bottom < stage.top - margin || b.top > stage.bottom + margin).length,
            seen: bands.filter((b) => b.bottom >= stage.top && b.top <= stage.bottom).length,
          };
        });
      await preview.page.waitForFunction(
        () => {
          const stage = document.getElementById('stage')!.getBoundingClientRect();
          return [...document.querySelectorAll('#diagram g.ladder-band')].some((g) => g.getBoundingClientRect().top > stage.bottom + stage.height / 2);
        },
        undefined,
        { timeout: 30_000 },
      );
      assert.ok((await around()).far > 0, 'bands drawn ahead, more than half a screen below');
      // Right after the click, before any frame: nothing more than half a screen away is left to lay out.
      const after = await preview.page.evaluate(() => {
        (document.querySelector('[data-action="zoom-in"]') as HTMLElement).click();
        const stage = document.getElementById('stage')!.getBoundingClientRect();
        const margin = stage.height / 2;
        return [...document.querySelectorAll('#diagram g.ladder-band')]
          .map((g) => g.getBoundingClientRect())
          .filter((b) => b.bottom < stage.top - margin - 1 || b.top > stage.bottom + margin + 1).length;
      });
      assert.equal(after, 0);
      await preview.page.waitForFunction(
        () => {
          const stage = document.getElementById('stage')!.getBoundingClientRect();
          const bands = [...document.querySelectorAll('#diagram g.ladder-band')].map((g) => g.getBoundingClientRect());
          return bands.some((b) => b.top <= stage.top) && bands.some((b) => b.bottom >= stage.bottom);
        },
        undefined,
        { timeout: 30_000 },
      );
      assert.ok((await around()).seen > 0);
    } finally {
      await preview.page.close();
    }
  });
});
