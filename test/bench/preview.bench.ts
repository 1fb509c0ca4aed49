// Benchmark of the preview webview in headless Chromium: time from posting a render message
// to the new SVG on screen (edit → SVG), for 20, 200 and 1,000 segments (the last drawn a page
// of 200 at a time), beside Mermaid's own `mermaid.render` of the same page text in the same
// page and run (the goal: within 1.15×); an edit that changes no Mermaid text (a comment);
// the page's JS heap; and the longest frame the webview blocks while the user types in the
// 1,000-segment script. Then the Timeline tab on 1k, 10k and 100k segments beside the
// Sequence tab on 1k: time from posting the render message to the first picture on screen,
// and the longest and 95th-percentile frame while scrolling (a screen at a time, and a
// fling), stepping (→ held) and zooming. `npm run bench:preview` (after a build; with
// `-- timeline` the second table only). Prints figures, asserts nothing: timings depend on
// the machine.

import type { Browser, CDPSession } from 'playwright-core';
import type { PreviewPage } from '../browser/harness';
import { launchChromium, openPreview } from '../browser/harness';
import type { DiagramTab, RenderMessage } from '../../src/shared/previewProtocol';
import { requestsScript } from './benchScripts';

const RUNS = 7;

/** A valid script: a handshake, then data segments each acknowledged, `segments` in all. */
function script(segments: number): string {
  const out = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  let count = 3;
  for (; count + 2 <= segments; count += 2) out.push(`client -> server: PSH+ACK "GET /${count}"`, 'server -> client: ACK');
  if (count < segments) out.push('client -> server: PSH+ACK "last"');
  return out.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Mermaid's own render of `text` in the page, with the preview's configuration, in ms. */
async function mermaidAlone(preview: PreviewPage, text: string, run: number): Promise<number> {
  return preview.page.evaluate(
    async ([t, id]) => {
      type Api = { initialize(c: object): void; render(id: string, t: string, e?: Element): Promise<unknown> };
      const mermaid = (globalThis as unknown as { mermaid: Api }).mermaid;
      const offscreen = document.getElementById('offscreen') as HTMLElement;
      const started = performance.now();
      await mermaid.render(`bench-${id}`, t, offscreen);
      const ms = performance.now() - started;
      offscreen.replaceChildren();
      return ms;
    },
    [text, run] as const,
  );
}

/** The longest task (ms) the page ran while `during` went on, from Chromium's long-task timing. */
async function longestTask(preview: PreviewPage, during: () => Promise<void>): Promise<number> {
  await preview.page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await during();
  return preview.page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    if (process.argv[2] !== 'timeline') await editBench(browser);
    await timelineBench(browser);
  } finally {
    await browser.close();
  }
}

async function editBench(browser: Browser): Promise<void> {
  console.log(`preview render, median of ${RUNS} runs (after one warm-up), in ${browser.version()}`);
  console.log('segments  pages  host ms  edit→SVG ms  webview ms  mermaid.render ms  ratio  comment edit ms  JS heap MB');
  for (const segments of [20, 200, 1000]) {
    const preview = await openPreview(browser);
    const cdp = await preview.page.context().newCDPSession(preview.page);
    await cdp.send('Performance.enable');
    const text = script(segments);
    const hostTimes: number[] = [];
    const totals: number[] = [];
    const inPage: number[] = [];
    const alone: number[] = [];
    const unchanged: number[] = [];
    let pages = 0;
    for (let run = 0; run <= RUNS; run++) {
      // A different comment each run, so that the webview cannot reuse the last picture.
      const hostStart = performance.now();
      const message = preview.renderMessageFor(`${text}\n# run ${run}`, { autonumber: run % 2 === 0 }, { cursorLine: 4 });
      const hostMs = performance.now() - hostStart;
      pages = message.pages.length;
      const started = performance.now();
      await preview.post(message);
      await preview.waitForRendered(message.renderId);
      const total = performance.now() - started;
      const posted = await preview.posted();
      const rendered = posted.find((m) => m.type === 'rendered' && m.renderId === message.renderId);
      // The same text drawn by Mermaid alone (the preview's configuration is still set).
      const mermaidMs = await mermaidAlone(preview, message.pages[0].text, run);
      // An edit that changes no Mermaid text: a comment, as the user types one.
      const comment = preview.renderMessageFor(`${text}\n# run ${run} edited`, { autonumber: run % 2 === 0 }, { cursorLine: 4 });
      const commentStarted = performance.now();
      await preview.post(comment);
      await preview.waitForRendered(comment.renderId);
      const commentMs = performance.now() - commentStarted;
      if (run === 0) continue;
      hostTimes.push(hostMs);
      totals.push(total);
      inPage.push(rendered?.type === 'rendered' ? rendered.durationMs : NaN);
      alone.push(mermaidMs);
      unchanged.push(commentMs);
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    console.log(
      [
        String(segments).padStart(8),
        String(pages).padStart(6),
        median(hostTimes).toFixed(1).padStart(8),
        median(totals).toFixed(0).padStart(12),
        median(inPage).toFixed(0).padStart(11),
        median(alone).toFixed(0).padStart(18),
        `${(median(totals) / median(alone)).toFixed(2)}×`.padStart(6),
        median(unchanged).toFixed(0).padStart(16),
        (heap / 2 ** 20).toFixed(1).padStart(11),
      ].join(' '),
    );
    await preview.page.close();
  }

  // Typing in a 1,000-segment script: a render after every pause of the host's debounce,
  // each changing one payload on the page in view.
  const preview = await openPreview(browser);
  const text = script(1000);
  await preview.render(text, undefined, { cursorLine: 4 });
  const longest = await longestTask(preview, async () => {
    for (let key = 0; key < 10; key++) {
      const edited = text.replace('"GET /3"', `"GET /3${'x'.repeat(key + 1)}"`);
      await preview.render(edited, undefined, { cursorLine: 4 });
    }
  });
  console.log(`typing in 1,000 segments (10 edits, page of 200 in view): longest frame the webview blocked ${longest.toFixed(0)} ms`);
  await preview.page.close();
}

/**
 * Frame figures of one interaction: the longest and 95th-percentile frame (rAF to rAF), the
 * longest task Chromium reported (long tasks are those of 50 ms or more), and the longest
 * task of the page's main thread in Chromium's trace (any length: what blocks a frame).
 */
interface Frames {
  readonly longest: number;
  readonly p95: number;
  readonly longTask: number;
  readonly task: number;
}

/** The longest task (ms) the page's main thread ran while `during` went on, from Chromium's trace. */
async function longestTraced(cdp: CDPSession, during: () => Promise<Omit<Frames, 'task'>>): Promise<Frames> {
  const events: TraceEvent[] = [];
  const collect = (data: { value: object[] }) => events.push(...(data.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const frames = await during();
  await cdp.send('Tracing.end');
  await complete;
  cdp.off('Tracing.dataCollected', collect);
  // The page's main thread is the one that ran its script.
  const calls = new Map<number, number>();
  for (const e of events) if (e.name === 'FunctionCall' || e.name === 'FireAnimationFrame') calls.set(e.tid, (calls.get(e.tid) ?? 0) + 1);
  const main = [...calls].sort((a, b) => b[1] - a[1])[0]?.[0];
  const task = Math.max(0, ...events.filter((e) => e.tid === main && e.name === 'RunTask' && e.dur !== undefined).map((e) => (e.dur ?? 0) / 1000));
  return { ...frames, task };
}

interface TraceEvent {
  readonly name: string;
  readonly tid: number;
  readonly dur?: number;
}

/**
 * Runs `interaction` in the page (the name of one of the page-side routines below) while
 * every animation frame's interval and every long task is recorded.
 */
async function framesDuring(preview: PreviewPage, interaction: 'scroll' | 'fling' | 'step' | 'zoom'): Promise<Omit<Frames, 'task'>> {
  return preview.page.evaluate(async (kind) => {
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++) await frame();
    };
    const stage = document.getElementById('stage') as HTMLElement;
    const deltas: number[] = [];
    let longTask = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTask = Math.max(longTask, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    let running = true;
    let last = await frame();
    const recording = (async () => {
      while (running) {
        const now = await frame();
        deltas.push(now - last);
        last = now;
      }
    })();
    const press = (key: string) => stage.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const click = (action: string) => (document.querySelector(`[data-action="${action}"]`) as HTMLElement).click();
    const w = window as unknown as { __posted: { type: string; line?: number }[] };
    switch (kind) {
      case 'scroll':
        // Page down, a screen at a time, letting the bands come in.
        for (let i = 0; i < 30; i++) {
          stage.scrollTop += stage.clientHeight;
          await frames(3);
        }
        break;
      case 'fling': {
        // A flick of the wheel: fast, then slowing down, one move per frame.
        let speed = 2 * stage.clientHeight;
        for (let i = 0; i < 60; i++, speed *= 0.93) {
          stage.scrollTop += speed;
          await frame();
        }
        await frames(10);
        break;
      }
      case 'step':
        // → held (a key repeat every other frame); the host answers each step with the cursor's highlight, as VS Code does.
        for (let i = 0; i < 100; i++) {
          const before = w.__posted.length;
          press('ArrowRight');
          const stepped = w.__posted.slice(before).find((m) => m.type === 'stepped');
          if (stepped !== undefined) window.postMessage({ type: 'highlight', line: stepped.line }, '*');
          await frames(2);
        }
        await frames(10);
        break;
      case 'zoom':
        for (const action of ['zoom-out', 'zoom-out', 'zoom-out', 'zoom-out', 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in', 'zoom-in']) {
          click(action);
          await frames(6);
        }
        break;
    }
    running = false;
    await recording;
    observer.disconnect();
    const sorted = [...deltas].sort((a, b) => a - b);
    return { longest: sorted[sorted.length - 1] ?? 0, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, longTask };
  }, interaction);
}

/**
 * Posts `message` inside the page (it is copied there first, untimed) and returns the time
 * until the first picture of `tab` is on screen: the webview's `rendered` report, its
 * segments (or messages) in the page, and the frame after; with the frames meanwhile.
 */
async function firstPicture(preview: PreviewPage, message: RenderMessage, tab: DiagramTab): Promise<{ ms: number; longest: number }> {
  await preview.page.evaluate((m) => {
    (window as unknown as { __benchMessage: unknown }).__benchMessage = m;
  }, message);
  return preview.page.evaluate(
    async ([id, t]) => {
      const w = window as unknown as { __benchMessage: unknown; __posted: { type: string; renderId?: number; diagram?: string }[] };
      const drawn = t === 'timeline' ? '#diagram g.segment' : '#diagram text.messageText';
      let longest = 0;
      let last = performance.now();
      let done = false;
      const watch = () => {
        if (done) return;
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      const started = performance.now();
      window.postMessage(w.__benchMessage, '*');
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const rendered = w.__posted.some((m) => m.type === 'rendered' && m.renderId === id && m.diagram === t);
        if (rendered && document.querySelector(drawn) !== null) break;
      }
      const ms = performance.now() - started;
      done = true;
      w.__benchMessage = undefined;
      return { ms, longest };
    },
    [message.renderId, tab] as const,
  );
}

async function timelineBench(browser: Browser): Promise<void> {
  console.log(`\nTimeline tab (and the Sequence tab at 1k as the baseline), 1000×800 px, in ${browser.version()}`);
  console.log('first: posting the render message → first picture on screen (longest frame meanwhile); then the longest / 95th-percentile frame (rAF to rAF, ms)');
  console.log('while scrolling 30 screens a screen at a time, flinging, stepping (→ held, 100 steps), zooming out 4× and in 6×: each as');
  console.log('"longest/p95 frame (rAF to rAF) longest main-thread task (trace)" in ms; long task: the longest ≥ 50 ms Chromium reported (else 0).');
  const header = ['tab', 'segments', 'host ms', 'message MB', 'first ms', '(frame)', 'scroll', 'fling', 'step', 'zoom', 'long task', 'JS heap MB'];
  const rows: string[][] = [];
  const cases: [DiagramTab, number][] = [
    ['sequence', 1_000],
    ['timeline', 1_000],
    ['timeline', 10_000],
    ['timeline', 100_000],
  ];
  for (const [tab, segments] of cases) {
    const preview = await openPreview(browser, { width: 1000, height: 800 });
    const cdp = await preview.page.context().newCDPSession(preview.page);
    await cdp.send('Performance.enable');
    // The pipeline benchmark's script: 7 segments for the handshake and close, 2 per request.
    const text = requestsScript(Math.round((segments - 7) / 2));
    const hostStarted = performance.now();
    // As the panel builds it for a document shown on `tab`: on the Timeline, without the sequence diagram's pages.
    const message = { ...preview.renderMessageFor(text, undefined, { uri: `file:///work/bench-${segments}.tcpflow`, shownTab: tab }), defaultTab: tab };
    const hostMs = performance.now() - hostStarted;
    const size = messageBytes(message);
    const first = await firstPicture(preview, message, tab);
    await preview.page.focus('#stage');
    const figures: Frames[] = [];
    for (const interaction of ['scroll', 'fling', 'step', 'zoom'] as const) {
      if (interaction === 'step' && tab !== 'timeline') {
        figures.push({ longest: NaN, p95: NaN, longTask: 0, task: NaN });
        continue;
      }
      await preview.page.evaluate(() => {
        (document.getElementById('stage') as HTMLElement).scrollTop = 0;
      });
      figures.push(await longestTraced(cdp, () => framesDuring(preview, interaction)));
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const pair = (f: Frames) => (Number.isNaN(f.longest) ? '—' : `${f.longest.toFixed(0)}/${f.p95.toFixed(0)} ${f.task.toFixed(0)}`);
    rows.push([
      tab,
      segments.toLocaleString('en-US'),
      hostMs.toFixed(0),
      (size / 2 ** 20).toFixed(1),
      first.ms.toFixed(0),
      first.longest.toFixed(0),
      ...figures.map(pair),
      Math.max(...figures.map((f) => f.longTask)).toFixed(0),
      (heap / 2 ** 20).toFixed(1),
    ]);
    console.log(table(header, rows.slice(-1), rows.length === 1));
    await preview.page.close();
  }
}

/** The message's size as JSON (typed arrays as their bytes), the measure of what crosses to the webview. */
function messageBytes(message: RenderMessage): number {
  let typed = 0;
  const json = JSON.stringify(message, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      typed += value.byteLength;
      return undefined;
    }
    return value;
  });
  return json.length + typed;
}

function table(header: string[], rows: string[][], withHeader: boolean): string {
  const widths = header.map((h) => Math.max(h.length, 12));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join(' ');
  return [...(withHeader ? [line(header)] : []), ...rows.map(line)].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
