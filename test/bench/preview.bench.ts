// Benchmark of the preview webview in headless Chromium: time from posting a render message
// to the new SVG on screen (edit → SVG), for 20, 200 and 1,000 segments (the last drawn a page
// of 200 at a time), beside Mermaid's own `mermaid.render` of the same page text in the same
// page and run (the goal: within 1.15×); an edit that changes no Mermaid text (a comment);
// the page's JS heap; and the longest frame the webview blocks while the user types in the
// 1,000-segment script. `npm run bench:preview` (after a build). Prints figures, asserts
// nothing: timings depend on the machine.

import type { PreviewPage } from '../browser/harness';
import { launchChromium, openPreview } from '../browser/harness';

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
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
