// Benchmark of the parser alone: `parse(text)` time and the heap its syntax tree keeps alive,
// on the script of `npm run bench` (requests answered by ACKs) and on one between many
// endpoints. Runs in Node: `npm run bench:parse` (with --expose-gc for the heap figures).
// It prints figures and asserts nothing: timings depend on the machine.

import { parse } from '../../src/core';
import { manyEndpoints, medianMs, requestsScript } from './benchScripts';

const gc = (globalThis as { gc?: () => void }).gc;

/** Bytes of heap the tree of `text` keeps alive (the text itself excluded); undefined without --expose-gc. */
function treeBytes(text: string): number | undefined {
  if (gc === undefined) return undefined;
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const parsed = parse(text);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (parsed.script.statements.length < 0) throw new Error('unreachable');
  return after - before;
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const render = (row: string[]) => row.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n');
}

function row(name: string, text: string, runs: number, warmup: number): string[] {
  const lines = parse(text).script.lineCount - 1;
  const diagnostics = parse(text).diagnostics.length;
  const ms = medianMs(() => parse(text), runs, warmup);
  const bytes = treeBytes(text);
  return [
    name,
    lines.toLocaleString('en-US'),
    String(diagnostics),
    ms.toFixed(1),
    ((ms / lines) * 1e6).toFixed(0),
    bytes === undefined ? 'n/a' : (bytes / 1e6).toFixed(1),
    bytes === undefined ? 'n/a' : (bytes / lines).toFixed(0),
  ];
}

function main(): void {
  console.log(`tcpflow parser benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('median wall time of several runs after warm-up; "tree" = heap kept alive by parse(text) alone\n');
  const rows = [
    row('1,000 segments', requestsScript(1_000), 9, 3),
    row('10,000 segments', requestsScript(10_000), 7, 2),
    row('100,000 segments', requestsScript(100_000), 5, 1),
    row('16,000 endpoint pairs', manyEndpoints(16_000), 5, 1),
  ];
  console.log(table(['script', 'lines', 'diags', 'parse ms', 'ns/line', 'tree MB', 'tree B/line'], rows));
  if (gc === undefined) console.log('(run with node --expose-gc for the tree columns)');
}

main();
