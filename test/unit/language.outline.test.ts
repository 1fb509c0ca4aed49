// The outline (document symbols) and folding ranges.

import * as assert from 'node:assert/strict';
import { analyze, documentSymbols, foldingRanges, type Range } from '../../src/core/index';
import { lines } from './helpers/lines';

const script = lines(
  '# A script', //                                  1
  '# with a header', //                             2
  'title Handshake and close', //                   3
  'participant client 10.0.0.1:1 as "Browser"', //  4
  'participant server listen', //                   5
  '', //                                            6
  'section Handshake', //                           7
  'client -> server: SYN seq=x', //                 8
  'server -> client: SYN+ACK ack=x+1', //           9
  'client -> server: ACK', //                       10
  '', //                                            11
  '# the close', //                                 12
  'section  Close ', //                             13
  'simultaneous', //                                14
  '  # crossing FINs', //                           15
  '  client -> server: FIN+ACK', //                 16
  '  server -> client: FIN+ACK', //                 17
  'end', //                                         18
  'simultaneous', //                                19
  '  client -> server: ACK', //                     20
  '  server -> client: ACK', //                     21
  'end', //                                         22
  '# trailing', //                                  23
  '#', //                                           24
  '', //                                            25
);
const analysis = analyze(script);

/** `1:0-1:25`, 1-based lines. */
const r = (range: Range) => `${range.start.line + 1}:${range.start.character}-${range.end.line + 1}:${range.end.character}`;

describe('language: document symbols', () => {
  it('title, participants and sections at the top level, in line order', () => {
    assert.deepEqual(analysis.diagnostics, []);
    assert.deepEqual(
      documentSymbols(analysis).map((s) => `${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''} ${r(s.range)} ${r(s.selectionRange)}`),
      [
        'title Handshake and close 3:0-3:25 3:6-3:25',
        'participant client (10.0.0.1:1 "Browser") 4:0-4:42 4:12-4:18',
        'participant server (listen) 5:0-5:25 5:12-5:18',
        'section Handshake 7:0-10:21 7:8-7:17',
        'section Close 13:0-22:3 13:9-13:14',
      ],
    );
  });

  it('nothing for a script without declarations', () => {
    assert.deepEqual(documentSymbols(analyze(lines('a -> b: SYN', '# done'))), []);
  });
});

describe('language: folding ranges', () => {
  it('comment runs, sections to their last non-blank line, simultaneous blocks', () => {
    assert.deepEqual(foldingRanges(script, analysis), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 6, endLine: 11, kind: 'region' },
      { startLine: 12, endLine: 23, kind: 'region' },
      { startLine: 13, endLine: 17 },
      { startLine: 18, endLine: 21 },
      { startLine: 22, endLine: 23, kind: 'comment' },
    ]);
  });

  it('a single comment line, a one-line section and an unclosed block fold to what they have', () => {
    const text = lines('# one', 'section A', 'section B', 'simultaneous', '  a -> b: SYN', '  b -> a: SYN');
    assert.deepEqual(foldingRanges(text, analyze(text)), [
      { startLine: 2, endLine: 5, kind: 'region' },
      { startLine: 3, endLine: 5 },
    ]);
  });
});
