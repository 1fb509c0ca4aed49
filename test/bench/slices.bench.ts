// Benchmark of the analysis of a large document in slices, as the extension runs it
// (src/extension/slices.ts): the longest time one slice holds the thread, beside the time a
// single analyze() would hold it, in the same run. Runs in Node: `npm run bench:slices`.
// Prints figures and asserts nothing: timings depend on the machine.

import { analyze, analyzeInSlices } from '../../src/core';
import { runInSlices, SLICE_MS } from '../../src/extension/slices';

/** A clean exchange of `count` lines, as the latency benchmark and the integration test type into. */
function script(count: number): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  while (rows.length < count - 1) rows.push('client -> server: PSH+ACK "abcd"', 'server -> client: ACK');
  rows.push('client -> server: ACK');
  return rows.join('\n');
}

interface Sliced {
  readonly slices: number[];
  readonly wallMs: number;
  /** The longest wait of a timer due every millisecond while the analysis ran: what other work waited. */
  readonly longestWaitMs: number;
}

function sliced(text: string): Promise<Sliced> {
  return new Promise((resolve) => {
    const slices: number[] = [];
    const started = performance.now();
    let longestWaitMs = 0;
    let due = performance.now() + 1;
    const probe = setInterval(() => {
      const now = performance.now();
      longestWaitMs = Math.max(longestWaitMs, now - due);
      due = now + 1;
    }, 1);
    runInSlices(analyzeInSlices(text), {
      wanted: () => true,
      sliced: (ms) => slices.push(ms),
      done: () => {
        clearInterval(probe);
        resolve({ slices, wallMs: performance.now() - started, longestWaitMs });
      },
    });
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const f = (ms: number) => ms.toFixed(1).padStart(8);

async function main(): Promise<void> {
  console.log(`analysis in slices (aimed at ${SLICE_MS} ms each) beside one analyze(), same run; node ${process.version}`);
  console.log('   lines  analyze ms  slices  longest ms  p99 ms  median ms  longest wait ms  wall ms  wall ÷ analyze');
  for (const lines of [2_000, 10_000, 50_000]) {
    const text = script(lines);
    analyze(text);
    const started = performance.now();
    analyze(text);
    const once = performance.now() - started;
    await sliced(text);
    const run = await sliced(text);
    console.log(
      `${String(lines).padStart(8)}  ${f(once)}  ${String(run.slices.length).padStart(6)}  ${f(Math.max(...run.slices))}  ${f(percentile(run.slices, 0.99))}  ${f(percentile(run.slices, 0.5))}  ${f(run.longestWaitMs).padStart(15)}  ${f(run.wallMs).padStart(7)}  ${(run.wallMs / once).toFixed(2).padStart(14)}`,
    );
  }
}

void main();
