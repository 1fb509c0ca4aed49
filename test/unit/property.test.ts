// Properties that must hold for any input: parsing and analysing never throw, finish in
// time linear in the input, and every diagnostic range lies inside the text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, toMermaid } from '../../src/core/index';
import { mutatedScripts } from './helpers/edits';
import { parseMermaid } from './helpers/mermaidParser';

const examples = fs
  .readdirSync(path.join(__dirname, '..', '..', '..', 'examples'))
  .map((f) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', f), 'utf8'));

const tokens = [
  'participant', 'c', 's', 'listen', 'unchecked', 'isn=5', 'keepalive=1s', '->', '-x', '~>', ':', 'SYN', 'ACK', 'FIN', 'RST', 'PSH',
  'SYN+ACK', 'S.', '.', 'seq=x', 'ack=x+1', 'seq=4294967295', 'len=3', 'win=0', 'mss=0', '"ab\\x00"', '"', 'retransmit', 'keepalive',
  'duplicate', 'as', 'd', 'deliver', 'simultaneous', 'end', 'wait', '2MSL', '1s', 'expect', 'CLOSED', 'TIME-WAIT', 'note', 'section',
  'title', 'option', 'msl=1s', 'states=all', '#', 'close', 'abort', 'crash', 'connect', 'shutdown', '\n', '\n', '\n', ',',
];

const scriptish = fc.array(fc.constantFrom(...tokens), { maxLength: 80 }).map((t) => t.join(' '));

/** An example with some of its characters replaced, deleted or duplicated. */
const mutated = mutatedScripts(examples);

function checkInvariants(text: string): void {
  const a = analyze(text);
  const lineCount = text.split('\n').length;
  for (const d of a.diagnostics) {
    assert.ok(d.range.start.line >= 0 && d.range.end.line < lineCount + 1, `range line out of text: ${JSON.stringify(d.range)}`);
    assert.ok(d.message.length > 0);
  }
  for (let i = 1; i < a.timeline.length; i++) assert.ok(a.timeline[i - 1].line <= a.timeline[i].line, 'timeline sorted by line');
  const m = toMermaid(a);
  assert.ok(m.text.startsWith('sequenceDiagram\n') && m.text.endsWith('\n'));
  assert.equal(m.lineMap.length, m.text.split('\n').length - 1);
}

describe('properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: 'grapheme-composite' }), (t) => checkInvariants(t)), { numRuns: 300 });
  });

  it('never throws on random statements built from the language', () => {
    fc.assert(fc.property(scriptish, (t) => checkInvariants(t)), { numRuns: 500 });
  });

  it('never throws on mutated examples', () => {
    fc.assert(fc.property(mutated, (t) => checkInvariants(t)), { numRuns: 500 });
  });

  it("emits Mermaid that Mermaid's own parser accepts, for mutated examples and random statements", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, scriptish), async (t) => {
        for (const states of ['changes', 'all'] as const) {
          await parseMermaid(toMermaid(analyze(t), { states, numbers: 'absolute', autonumber: true }).text);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finishes in bounded time on pathological input (long lines, deep nesting, many quotes)', () => {
    const inputs = ['"'.repeat(200_000), 'simultaneous\n'.repeat(20_000), 'a -> b: ' + 'SYN+'.repeat(50_000), '#'.repeat(300_000), '\r'.repeat(100_000), 'x'.repeat(300_000)];
    for (const input of inputs) checkInvariants(input);
  });
});
