// Benchmark of the parser alone: `parse(text)` time and the heap its syntax tree keeps alive,
// on the script of `npm run bench` (requests answered by ACKs) and on one between many
// endpoints. Runs in Node: `npm run bench:parse` (with --expose-gc for the heap figures).
// It prints figures and asserts nothing: timings depend on the machine.

import { parse } from '../../src/core';

/** The script of `npm run bench`: a handshake, `requests` requests (segments) each acknowledged, a close. */
function requestsScript(requests: number): string {
  const out: string[] = [
    `title Benchmark: ${requests} data segments`,
    'participant client 10.0.0.1:51000',
    'participant server 10.0.0.2:80 listen',
    'section Handshake',
    'client -> server: SYN seq=x mss=1460',
    'server -> client: SYN+ACK seq=y ack=x+1 mss=1460',
    'client -> server: ACK seq=x+1 ack=y+1',
    'section Data',
  ];
  let clientNxt = 1;
  for (let i = 0; i < requests; i++) {
    const text = `GET /item/${i} HTTP/1.1`;
    let fields = '';
    if (i % 8 === 0) fields = ` seq=x+${clientNxt} ack=y+1`;
    else if (i % 4 === 0) fields = ` seq=${clientNxt} ack=1`;
    out.push(`client -> server: PSH+ACK${fields} "${text}\\r\\n"`);
    clientNxt += text.length + 2;
    out.push(i % 4 === 0 ? `server -> client: ACK seq=1 ack=${clientNxt}` : 'server -> client: ACK');
  }
  out.push(
    'section Close',
    'client -> server: FIN+ACK',
    'server -> client: ACK',
    'server -> client: FIN+ACK',
    'client -> server: ACK',
    'expect client TIME-WAIT, server CLOSED',
    'wait 2MSL',
    'expect client CLOSED',
  );
  return `${out.join('\n')}\n`;
}

function manyEndpoints(pairs: number): string {
  const out: string[] = [];
  for (let i = 0; i < pairs; i++) out.push(`e${2 * i} -> e${2 * i + 1}: SYN`);
  return `${out.join('\n')}\n`;
}

function medianMs(fn: () => unknown, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

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
