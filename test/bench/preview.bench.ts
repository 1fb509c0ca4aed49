// Benchmark of the preview webview in headless Chromium: time from posting a render message
// to the new SVG on screen, for 20, 200 and 1,000 segments (the last drawn a page of 200 at
// a time), and the page's JS heap. `npm run bench:preview` (after a build). Prints figures,
// asserts nothing: timings depend on the machine.

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

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    console.log(`preview render, median of ${RUNS} runs (after one warm-up), in ${browser.version()}`);
    console.log('segments  pages  host ms  post→SVG ms  webview ms  JS heap MB');
    for (const segments of [20, 200, 1000]) {
      const preview = await openPreview(browser);
      const cdp = await preview.page.context().newCDPSession(preview.page);
      await cdp.send('Performance.enable');
      const text = script(segments);
      const hostTimes: number[] = [];
      const totals: number[] = [];
      const inPage: number[] = [];
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
        if (run === 0) continue;
        hostTimes.push(hostMs);
        totals.push(total);
        inPage.push(rendered?.type === 'rendered' ? rendered.durationMs : NaN);
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
          (heap / 2 ** 20).toFixed(1).padStart(11),
        ].join(' '),
      );
      await preview.page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
