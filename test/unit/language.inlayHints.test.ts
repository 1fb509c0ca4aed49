// Inlay hints beside the ends a line moves, and the status bar summary.

import * as assert from 'node:assert/strict';
import { analyze, inlayHints, summaryAt, type Analysis, type InlayHintOptions } from '../../src/core/index';
import { lines } from './helpers/lines';

const script = lines(
  'participant a', //                   1
  'participant b', //                   2
  'participant c unchecked', //         3
  'b: listen', //                       4
  'a: connect', //                      5
  'a -> b: SYN   # open', //            6
  'b -> a: SYN+ACK', //                 7
  'a -> b: ACK', //                     8
  'c -> b: RST seq=99 duplicate', //    9
  'a: close', //                        10
  'a ~> b: FIN+ACK as fin', //          11
  'wait 1s', //                         12
  'deliver fin', //                     13
  'simultaneous', //                    14
  '  b -> a: ACK', //                   15
  '  b -> a: FIN+ACK', //               16
  'end', //                             17
  'a -> b: ACK', //                     18
  'expect a TIME-WAIT', //              19
  'wait 2MSL', //                       20
);
const analysis = analyze(script);

/** Hints as `line:character label`, 1-based lines. */
function hintsOf(a: Analysis, options?: InlayHintOptions): string[] {
  return inlayHints(a, options).map((h) => `${h.position.line + 1}:${h.position.character} ${h.label}`);
}

describe('language: inlay hints', () => {
  it('the script is clean', () => {
    assert.deepEqual(analysis.diagnostics, []);
  });

  it("changes (the default): only what each line changed, a segment's beside each end's name, Figure 5's short names", () => {
    assert.deepEqual(hintsOf(analysis), [
      '4:9 → LISTEN',
      '6:1 → SYN-SENT',
      '6:6 → SYN-RCVD',
      '7:6 → ESTAB',
      '8:6 → ESTAB',
      '11:1 → FIN-WAIT-1',
      '13:11 b → CLOSE-WAIT',
      '16:3 → LAST-ACK',
      '17:3 a → TIME-WAIT',
      '18:6 → CLOSED',
      '20:9 a → CLOSED',
    ]);
  });

  it('the tooltip holds the full names and the state before', () => {
    assert.deepEqual(
      inlayHints(analysis, { startLine: 5, endLine: 7 }).map((h) => h.tooltip),
      ['a: CLOSED → SYN-SENT', 'b: LISTEN → SYN-RECEIVED', 'a: SYN-SENT → ESTABLISHED', 'b: SYN-RECEIVED → ESTABLISHED'],
    );
    assert.deepEqual(
      inlayHints(analysis, { mode: 'all', startLine: 8, endLine: 8 }).map((h) => h.tooltip),
      ['c: CLOSED', 'b: ESTABLISHED'],
    );
    assert.deepEqual(inlayHints(analysis, { naming: 'netstat', startLine: 16, endLine: 16 }).map((h) => h.tooltip), ['a: FIN_WAIT_1 → TIME_WAIT']);
  });

  it('a hint beside a written port goes after the port', () => {
    const ported = analyze(lines('participant a', 'participant b listen', 'a:5000 -> b:80: SYN'));
    assert.deepEqual(hintsOf(ported), ['3:6 → SYN-SENT', '3:14 → SYN-RCVD']);
  });

  it('no hint on a line the parser could not read, the line being typed', () => {
    const typing = analyze(lines('participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK seq=', 'a -> b: ACK'));
    assert.deepEqual(hintsOf(typing), ['3:1 → SYN-SENT', '3:6 → SYN-RCVD', '5:6 → ESTAB']);
  });

  it("all: beside a segment's sender and receiver; arrivals at deliver and end, calls and waits that change a state at the end", () => {
    assert.deepEqual(hintsOf(analysis, { mode: 'all' }), [
      '4:9 b LISTEN',
      '6:1 SYN-SENT',
      '6:6 SYN-RCVD',
      '7:1 SYN-RCVD',
      '7:6 ESTAB',
      '8:1 ESTAB',
      '8:6 ESTAB',
      '9:1 CLOSED',
      '9:6 ESTAB',
      '11:1 FIN-WAIT-1',
      '11:6 ESTAB',
      '13:11 a FIN-WAIT-1 · b CLOSE-WAIT',
      '15:3 CLOSE-WAIT',
      '15:8 FIN-WAIT-1',
      '16:3 LAST-ACK',
      '16:8 FIN-WAIT-1',
      '17:3 a TIME-WAIT · b LAST-ACK',
      '18:1 TIME-WAIT',
      '18:6 CLOSED',
      '20:9 a CLOSED',
    ]);
  });

  it('netstat naming, and only the lines asked for', () => {
    assert.deepEqual(hintsOf(analysis, { mode: 'all', naming: 'netstat', startLine: 13, endLine: 16 }), [
      '15:3 CLOSE_WAIT',
      '15:8 FIN_WAIT_1',
      '16:3 LAST_ACK',
      '16:8 FIN_WAIT_1',
      '17:3 a TIME_WAIT · b LAST_ACK',
    ]);
    assert.deepEqual(hintsOf(analysis, { naming: 'netstat', startLine: 13, endLine: 16 }), ['16:3 → LAST_ACK', '17:3 a → TIME_WAIT']);
  });

  it('no hint where nothing was simulated', () => {
    assert.deepEqual(hintsOf(analyze(lines('c -> c: SYN', 'expect c CLOSED'))), []);
    assert.deepEqual(hintsOf(analyze('')), []);
  });
});

describe('language: summaryAt', () => {
  it('every endpoint after the line, in column order', () => {
    assert.equal(summaryAt(analysis, 0), 'a CLOSED · b CLOSED · c CLOSED');
    assert.equal(summaryAt(analysis, 6), 'a ESTABLISHED · b SYN-RECEIVED · c CLOSED');
    assert.equal(summaryAt(analysis, 15), 'a FIN-WAIT-1 · b LAST-ACK · c CLOSED');
    assert.equal(summaryAt(analysis, 16, { naming: 'netstat' }), 'a TIME_WAIT · b LAST_ACK · c CLOSED');
    assert.equal(summaryAt(analysis, 19), 'a CLOSED · b CLOSED · c CLOSED');
    assert.equal(summaryAt(analyze('# nothing'), 0), '');
  });
});
