// Benchmark of the editor services on a 10,000-line script: each request kind is timed
// over a thousand requests, beside the cost of one analysis. Prints figures; asserts nothing.

import { analyze, completions, definition, hover, inlayHints, references, summaryAt } from '../../src/core/index';

function bigScript(): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN seq=x', 'server -> client: SYN+ACK ack=x+1', 'client -> server: ACK'];
  for (let i = 0; i < 5000; i++) rows.push('client -> server: PSH+ACK "abcd"  # request', 'server -> client: ACK');
  return rows.join('\n');
}

function time(label: string, runs: number, f: (i: number) => void): void {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) f(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(28)} ${ms.toFixed(1).padStart(8)} ms total  ${((ms * 1000) / runs).toFixed(1).padStart(8)} µs/request`);
}

const text = bigScript();
analyze(text);
let analysis = analyze(text);
time('analyze (10,000 lines)', 5, () => {
  analysis = analyze(text);
});
const at = (i: number) => ({ line: 5 + ((i * 7919) % 10000), character: i % 30 });
hover(text, analysis, at(0));
time('hover', 1000, (i) => hover(text, analysis, at(i)));
time('completions', 1000, (i) => completions(text, analysis, at(i)));
time('definition', 1000, (i) => definition(analysis, at(i)));
time('inlayHints (60 visible lines)', 1000, (i) => inlayHints(analysis, { startLine: at(i).line, endLine: at(i).line + 60 }));
time('summaryAt', 1000, (i) => summaryAt(analysis, at(i).line));
time('references', 20, (i) => references(analysis, { line: 5 + i, character: 1 }));
