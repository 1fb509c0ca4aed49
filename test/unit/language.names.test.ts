// Definition, references and rename of participants, seq/ack symbols and segment labels.

import * as assert from 'node:assert/strict';
import { analyze, definition, prepareRename, references, rename, type Range, type TextEdit } from '../../src/core/index';
import { finalStates } from './helpers/analysis';
import { lines } from './helpers/lines';

const script = lines(
  'participant client', //                         1
  'participant server listen', //                  2
  'client -> server: SYN seq=x', //                3
  'server -> client: SYN+ACK seq=y ack=x+1', //    4
  'client -> server: ACK ack=y+1 seq=x+1', //      5
  'note client, server: connected', //             6
  'client ~> server: PSH+ACK "a" as late', //      7
  'deliver late', //                               8
  'server -> client: ACK', //                      9
  'client: close', //                              10
  'expect client ESTABLISHED, server ESTABLISHED', //  11
  'simultaneous', //                               12
  '  client -> server: FIN+ACK', //                13
  'end', //                                        14
);
const analysis = analyze(script);
const at = (line: number, character: number) => ({ line: line - 1, character });
/** Applies one-line edits, rightmost first on each line. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const rows = text.split('\n');
  for (const e of [...edits].sort((a, b) => b.range.start.character - a.range.start.character)) {
    const row = rows[e.range.start.line];
    rows[e.range.start.line] = row.slice(0, e.range.start.character) + e.newText + row.slice(e.range.end.character);
  }
  return rows.join('\n');
}
const r = (range: Range | undefined) => range && `${range.start.line + 1}:${range.start.character}-${range.end.character}`;

describe('language: names', () => {
  it('the script has no error', () => {
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('a participant: defined by its declaration, used in segments, notes, calls, expect', () => {
    assert.equal(r(definition(analysis, at(10, 3))), '1:12-18');
    assert.deepEqual(references(analysis, at(4, 12)).map(r), [
      '1:12-18', '3:0-6', '4:10-16', '5:0-6', '6:5-11', '7:0-6', '9:10-16', '10:0-6', '11:7-13', '13:2-8',
    ]);
  });

  it('a participant declared by its first use', () => {
    const text = lines('a -> b: SYN', 'b -> a: RST+ACK', 'expect b CLOSED');
    assert.equal(r(definition(analyze(text), at(3, 7))), '1:5-6');
  });

  it('a symbol: defined where it was bound (seq before ack on the same line)', () => {
    assert.equal(r(definition(analysis, at(5, 34))), '3:26-27');
    assert.equal(r(definition(analysis, at(5, 26))), '4:30-31');
    assert.deepEqual(references(analysis, at(3, 27)).map(r), ['3:26-27', '4:36-37', '5:34-35']);
  });

  it('a label: defined by the ~> segment, used by deliver', () => {
    assert.equal(r(definition(analysis, at(8, 10))), '7:33-37');
    assert.deepEqual(references(analysis, at(7, 35)).map(r), ['7:33-37', '8:8-12']);
  });

  it('nothing on other words', () => {
    assert.equal(definition(analysis, at(3, 19)), undefined);
    assert.deepEqual(references(analysis, at(6, 25)), []);
    assert.equal(prepareRename(analysis, at(11, 20)), undefined);
  });

  it('prepareRename: the name under the cursor', () => {
    assert.equal(r(prepareRename(analysis, at(4, 36))), '4:36-37');
    assert.equal(r(prepareRename(analysis, at(3, 6))), '3:0-6');
  });

  it('rename: every occurrence, and the result analyses the same', () => {
    const edits = rename(script, analysis, at(3, 2), 'browser');
    assert.ok(Array.isArray(edits));
    assert.deepEqual(edits.map((e) => `${r(e.range)} ${e.newText}`), references(analysis, at(3, 2)).map((range) => `${r(range)} browser`));
    const once = applyEdits(script, edits);
    const symbol = rename(once, analyze(once), at(4, 38), 'isn_c');
    assert.ok(Array.isArray(symbol));
    assert.deepEqual(symbol.map((e) => r(e.range)), ['3:27-28', '4:37-38', '5:35-36']);
    const twice = applyEdits(once, symbol);
    assert.equal(twice.split('\n')[4], 'browser -> server: ACK ack=y+1 seq=isn_c+1');
    const renamed = analyze(twice);
    const codes = (a: typeof analysis) => a.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`);
    assert.deepEqual(codes(renamed), ['tcp.reply-missing 13']);
    assert.deepEqual(codes(renamed), codes(analysis));
    assert.equal(finalStates(renamed), finalStates(analysis).replace('client', 'browser'));
  });

  it('rename refuses what is not a fresh identifier', () => {
    assert.deepEqual(rename(script, analysis, at(3, 2), '9lives'), { error: "'9lives' is not a valid name: use letters, digits and _, starting with a letter or _." });
    assert.deepEqual(rename(script, analysis, at(3, 2), 'a-b'), { error: "'a-b' is not a valid name: use letters, digits and _, starting with a letter or _." });
    assert.deepEqual(rename(script, analysis, at(3, 2), 'note'), { error: "'note' is a keyword of the language and cannot be a name." });
    assert.deepEqual(rename(script, analysis, at(3, 2), 'server'), { error: "'server' is already a participant in this script." });
    assert.deepEqual(rename(script, analysis, at(3, 27), 'y'), { error: "'y' is already a symbol in this script." });
    assert.deepEqual(rename(script, analysis, at(3, 2), 'client'), []);
    assert.deepEqual(rename(script, analysis, at(3, 19), 'z'), { error: 'Only participant names, seq/ack symbols and segment labels can be renamed.' });
    assert.deepEqual(rename(script.replace('note client', 'note CLIENT'), analysis, at(3, 2), 'c'), { error: 'The document changed since it was analysed; try again.' });
  });
});
