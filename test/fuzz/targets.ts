// Every core entry point run on one input, with the invariants that must hold for any text:
// no exception, every range inside the text, output well formed. Shared by the bounded
// property test in `npm test` and the long `npm run fuzz`.

import * as assert from 'node:assert/strict';
import {
  analyze,
  completions,
  definition,
  detectFormat,
  documentSymbols,
  foldingRanges,
  format,
  hover,
  importPacketdrill,
  importTcpdump,
  inlayHints,
  listConnections,
  prepareRename,
  quickFixes,
  references,
  rename,
  summaryAt,
  toMermaid,
  toStateDiagram,
  type Position,
  type Range,
  type TextEdit,
} from '../../src/core/index';

/** The length of every line, as the scanner splits them. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function assertInside(lengths: readonly number[], range: Range, what: string): void {
  const { start, end } = range;
  assert.ok(start.line >= 0 && end.line < lengths.length, `${what}: line outside the text ${JSON.stringify(range)}`);
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: ends before it starts`);
  assert.ok(start.character >= 0 && start.character <= lengths[start.line], `${what}: starts past its line`);
  assert.ok(end.character <= lengths[end.line], `${what}: ends past its line`);
}

function assertEdits(lengths: readonly number[], edits: readonly TextEdit[], what: string): void {
  for (const e of edits) assertInside(lengths, e.range, what);
}

/** A few positions worth asking about: the start, the middle and the end of some lines. */
function probes(lengths: readonly number[]): Position[] {
  const out: Position[] = [];
  const step = Math.max(1, Math.floor(lengths.length / 4));
  for (let line = 0; line < lengths.length; line += step) {
    out.push({ line, character: 0 }, { line, character: lengths[line] >> 1 }, { line, character: lengths[line] });
  }
  return out;
}

/** The script entry points: analysis, both diagrams, every language service. */
export function checkScript(text: string): void {
  const lengths = lineLengths(text);
  const analysis = analyze(text);
  assert.equal(analysis.script.lineCount, lengths.length, 'the parser counts the lines the editor shows');
  for (const d of analysis.diagnostics) {
    assertInside(lengths, d.range, d.code);
    assert.ok(d.message.length > 0, `${d.code}: empty message`);
    for (const r of d.related ?? []) assertInside(lengths, r.range, `${d.code} related`);
    for (const fix of quickFixes(text, analysis, d)) assertEdits(lengths, fix.edits, `${d.code} fix`);
  }
  for (const states of ['changes', 'all', 'none'] as const) {
    const m = toMermaid(analysis, { states, numbers: states === 'all' ? 'absolute' : 'as-written', autonumber: states === 'none', naming: 'netstat' });
    assert.ok(m.text.startsWith('sequenceDiagram\n') && m.text.endsWith('\n'), 'Mermaid text framed');
    assert.equal(m.lineMap.length, m.text.split('\n').length - 1, 'one source line per Mermaid line');
  }
  const states = toStateDiagram(analysis);
  assert.ok(states.text.startsWith('stateDiagram-v2'), 'state diagram framed');
  for (const s of documentSymbols(analysis)) assertInside(lengths, s.range, 'symbol');
  for (const f of foldingRanges(text, analysis)) assert.ok(f.startLine <= f.endLine && f.endLine < lengths.length, 'folding range');
  assertEdits(lengths, format(text), 'format');
  for (const h of inlayHints(analysis)) assert.ok(h.position.line < lengths.length, 'inlay hint');
  for (const position of probes(lengths)) {
    completions(text, analysis, position);
    const shown = hover(text, analysis, position);
    if (shown) assertInside(lengths, shown.range, 'hover');
    const target = definition(analysis, position);
    if (target) assertInside(lengths, target, 'definition');
    for (const r of references(analysis, position)) assertInside(lengths, r, 'reference');
    if (prepareRename(analysis, position)) {
      const renamed = rename(text, analysis, position, 'renamed_1');
      if (Array.isArray(renamed)) assertEdits(lengths, renamed, 'rename');
    }
    summaryAt(analysis, position.line);
  }
}

/** The importers: detection, both formats, and checking what they make. */
export function checkImport(text: string): void {
  detectFormat(text, 'input');
  for (const result of [importPacketdrill(text, { title: 'fuzz' }), importTcpdump(text, { title: 'fuzz' })]) {
    assert.equal(typeof result.text, 'string');
    for (const d of result.diagnostics) assert.ok(d.message.length > 0 && d.line >= 0, 'import diagnostic');
    if (result.text !== '') assert.equal(analyze(result.text).script.lineCount, lineLengths(result.text).length);
  }
  for (const connection of listConnections(text).slice(0, 3).keys()) importTcpdump(text, { connection: connection + 1 });
}
