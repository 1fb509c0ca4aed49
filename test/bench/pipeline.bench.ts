// Benchmark of the core pipeline, toMermaid(analyze(text)), against JSON.parse of the same
// exchange; then the timing ladder (layout + SVG) against `check` of the same script and
// against Mermaid's render of the same exchange in headless Chromium. Runs in Node:
// `npm run bench` (with --expose-gc for the heap figures). It prints figures and asserts
// nothing: timings depend on the machine.

import { analyze, ladderSvg, parse, toLadder, toMermaid } from '../../src/core';
import { interleavedMedianMs, manyEndpoints, medianMs, requestsScript } from './benchScripts';
import { mermaidRenderTimes } from './mermaidRender';

/** The same exchange as JSON, every number resolved: what a tool would otherwise load. */
interface JsonSegment {
  readonly src: string;
  readonly dst: string;
  readonly flags: string;
  readonly seq: number;
  readonly ack?: number;
  readonly payload?: string;
}

interface Scenario {
  readonly dataSegments: number;
  readonly text: string;
  readonly lines: number;
  readonly json: string;
}

/**
 * The script of benchScripts.ts (a handshake, `dataSegments` requests each acknowledged by the
 * server, a graceful close), and the same exchange as JSON with every number resolved.
 */
function makeScenario(dataSegments: number): Scenario {
  const text = requestsScript(dataSegments);
  const json: JsonSegment[] = [
    { src: 'client', dst: 'server', flags: 'SYN', seq: 0 },
    { src: 'server', dst: 'client', flags: 'SYN+ACK', seq: 0, ack: 1 },
    { src: 'client', dst: 'server', flags: 'ACK', seq: 1, ack: 1 },
  ];
  // Both ISNs are 0 (no isn=), so x = y = 0 and relative numbers are absolute.
  let clientNxt = 1;
  const serverNxt = 1;
  for (let i = 0; i < dataSegments; i++) {
    const request = `GET /item/${i} HTTP/1.1\r\n`;
    json.push({ src: 'client', dst: 'server', flags: 'PSH+ACK', seq: clientNxt, ack: serverNxt, payload: request });
    clientNxt += request.length;
    json.push({ src: 'server', dst: 'client', flags: 'ACK', seq: serverNxt, ack: clientNxt });
  }
  json.push(
    { src: 'client', dst: 'server', flags: 'FIN+ACK', seq: clientNxt, ack: serverNxt },
    { src: 'server', dst: 'client', flags: 'ACK', seq: serverNxt, ack: clientNxt + 1 },
    { src: 'server', dst: 'client', flags: 'FIN+ACK', seq: serverNxt, ack: clientNxt + 1 },
    { src: 'client', dst: 'server', flags: 'ACK', seq: clientNxt + 1, ack: serverNxt + 1 },
  );
  return { dataSegments, text, lines: text.split('\n').length - 1, json: JSON.stringify(json) };
}

/** Lines of the script outside the data section, to size a script to a line count. */
const FIXED_LINES = makeScenario(0).lines;

const gc = (globalThis as { gc?: () => void }).gc;

/** The JavaScript heap and the typed arrays' buffers, which live outside it: the engine keeps its tables in them. */
function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Heap kept alive by one analysis and its diagram, and the most the heap grew while making
 * them (measured before any collection, so garbage counts), in MB; undefined without --expose-gc.
 */
async function heapMb(text: string): Promise<{ retained: number; peak: number } | undefined> {
  if (gc === undefined) return undefined;
  const before = await settledHeapBytes();
  const analysis = analyze(text);
  const diagram = toMermaid(analysis);
  const peak = heapBytes();
  const after = await settledHeapBytes();
  // Keep both reachable until after the measurement.
  if (analysis.diagnostics.length < 0 || diagram.text.length < 0) throw new Error('unreachable');
  return { retained: (after - before) / 1e6, peak: (peak - before) / 1e6 };
}

/**
 * The heap once the garbage is gone: the memory of a dead ArrayBuffer is given back after the
 * collection, off the main thread, so one gc() can leave earlier runs' tables counted.
 * Collects until two readings a few milliseconds apart agree to within 64 KB.
 */
async function settledHeapBytes(): Promise<number> {
  let last = Number.NaN;
  for (let round = 0; round < 20; round++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = heapBytes();
    if (Math.abs(now - last) < 65_536) return now;
    last = now;
  }
  return last;
}

interface Timings {
  readonly jsonParse: number;
  readonly parse: number;
  readonly analyze: number;
  readonly emit: number;
  readonly pipeline: number;
}

function timeScenario(scenario: Scenario, runs: number, warmup: number): Timings {
  const analysis = analyze(scenario.text);
  // In turns, so that JSON.parse and the pipeline meet the same states of the heap.
  return interleavedMedianMs(
    {
      jsonParse: () => JSON.parse(scenario.json),
      parse: () => parse(scenario.text),
      analyze: () => analyze(scenario.text),
      emit: () => toMermaid(analysis),
      pipeline: () => toMermaid(analyze(scenario.text)),
    },
    runs,
    warmup,
  );
}

function mb(bytes: number): number {
  return bytes / 1e6;
}

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const render = (row: string[]) => row.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}

async function main(): Promise<void> {
  console.log(`tcpflow pipeline benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('median wall time of several runs after warm-up; "simulate" = analyze − parse\n');

  const rows: string[][] = [];
  for (const [dataSegments, runs, warmup] of [
    [1_000, 9, 3],
    [10_000, 7, 2],
    [100_000, 5, 1],
  ]) {
    const scenario = makeScenario(dataSegments);
    const textBytes = Buffer.byteLength(scenario.text);
    const jsonBytes = Buffer.byteLength(scenario.json);
    const t = timeScenario(scenario, runs, warmup);
    const heap = await heapMb(scenario.text);
    rows.push([
      dataSegments.toLocaleString('en-US'),
      String(analyze(scenario.text).diagnostics.length),
      scenario.lines.toLocaleString('en-US'),
      fixed(mb(textBytes), 2),
      fixed(mb(jsonBytes), 2),
      fixed(t.jsonParse, 2),
      fixed(mb(jsonBytes) / (t.jsonParse / 1000), 0),
      fixed(t.parse),
      fixed(Math.max(0, t.analyze - t.parse)),
      fixed(t.emit),
      fixed(t.pipeline),
      fixed(mb(textBytes) / (t.pipeline / 1000), 1),
      `${fixed(t.pipeline / t.jsonParse)}×`,
      fixed(t.pipeline / (scenario.lines / 1000), 2),
      heap === undefined ? 'n/a' : fixed(heap.retained),
      heap === undefined ? 'n/a' : fixed((heap.retained * 1e6) / scenario.lines, 0),
      heap === undefined ? 'n/a' : fixed(heap.peak),
    ]);
  }
  console.log(
    table(
      [
        'segments',
        'diags',
        'lines',
        'script MB',
        'JSON MB',
        'JSON.parse ms',
        'JSON MB/s',
        'parse ms',
        'simulate ms',
        'emit ms',
        'pipeline ms',
        'script MB/s',
        '÷ JSON',
        'ms/1k lines',
        'heap MB',
        'B/line',
        'peak MB',
      ],
      rows,
    ),
  );
  console.log('\n"diags" should be 0: the scenarios are valid, so the figures are those of the common path.');
  console.log('"ms/1k lines" stays flat when the pipeline is linear; "heap MB" is what one Analysis + diagram keeps alive');
  console.log('("B/line" per script line); "peak MB" is how far the heap grew while making them, garbage included.');

  // Many endpoints: every line brings two new ones. Linear when steps store what changed.
  const manyRows: string[][] = [];
  for (const [pairs, runs] of [
    [1_000, 5],
    [4_000, 3],
    [16_000, 3],
  ]) {
    const text = manyEndpoints(pairs);
    const pipeline = medianMs(() => toMermaid(analyze(text)), runs, 1);
    const heap = await heapMb(text);
    manyRows.push([
      pairs.toLocaleString('en-US'),
      (2 * pairs).toLocaleString('en-US'),
      fixed(pipeline),
      fixed(pipeline / (pairs / 1000), 2),
      heap === undefined ? 'n/a' : fixed(heap.retained),
      heap === undefined ? 'n/a' : fixed((heap.retained * 1e6) / pairs, 0),
      heap === undefined ? 'n/a' : fixed(heap.peak),
    ]);
  }
  console.log(`\n${table(['lines', 'endpoints', 'pipeline ms', 'ms/1k lines', 'heap MB', 'B/line', 'peak MB'], manyRows)}`);
  if (gc === undefined) console.log('(run with node --expose-gc for the heap column)');

  // A large hand-written script: the editor re-analyses it on every keystroke.
  const frame = makeScenario(Math.round((2_000 - FIXED_LINES) / 2));
  const t = timeScenario(frame, 15, 5);
  const budget = 16;
  console.log(
    `\n${frame.lines.toLocaleString('en-US')}-line script: pipeline ${fixed(t.pipeline, 2)} ms = ` +
      `${fixed((t.pipeline / budget) * 100, 0)}% of a ${budget} ms frame ` +
      `(parse ${fixed(t.parse, 2)}, simulate ${fixed(Math.max(0, t.analyze - t.parse), 2)}, emit ${fixed(t.emit, 2)} ms)`,
  );
}

/** A scenario of about `segments` segments: 7 for the handshake and close, 2 per request. */
function scenarioOfSegments(segments: number): Scenario {
  return makeScenario(Math.round((segments - 7) / 2));
}

async function ladderBench(): Promise<void> {
  console.log('\nTiming ladder: layout + SVG beside `check` (parse + simulate) of the same script, and beside');
  console.log("Mermaid's render of the same exchange (mermaid.render in headless Chromium, whole diagram, one page)\n");
  const sizes = [1_000, 10_000, 100_000];
  const scenarios = sizes.map(scenarioOfSegments);
  const mermaid = await mermaidRenderTimes(scenarios.map((s) => toMermaid(analyze(s.text)).text));
  const rows = scenarios.map((scenario, i) => {
    const [runs, warmup] = i === 0 ? [15, 5] : i === 1 ? [7, 2] : [3, 1];
    const analysis = analyze(scenario.text);
    const check = medianMs(() => analyze(scenario.text), runs, warmup);
    const layout = medianMs(() => toLadder(analysis), runs, warmup);
    const model = toLadder(analysis);
    const svg = medianMs(() => ladderSvg(model), runs, warmup);
    const both = medianMs(() => ladderSvg(toLadder(analysis)), runs, warmup);
    const bytes = Buffer.byteLength(ladderSvg(model));
    const m = mermaid[i];
    return [
      analysis.segments.size.toLocaleString('en-US'),
      fixed(check, 1),
      fixed(layout, 1),
      fixed(svg, 1),
      fixed(both, 1),
      `${fixed(both / check, 2)}×`,
      fixed(mb(bytes), 1),
      typeof m === 'number' ? fixed(m, 0) : m,
      typeof m === 'number' ? `${fixed(m / both, 0)}×` : 'n/a',
    ];
  });
  console.log(table(['segments', 'check ms', 'layout ms', 'SVG ms', 'ladder ms', '÷ check', 'SVG MB', 'Mermaid ms', 'Mermaid ÷ ladder'], rows));
  console.log('Goals: the ladder costs at most half of checking (÷ check ≤ 0.5); 1,000 segments in one 16 ms frame.');
}

main()
  .then(ladderBench)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
