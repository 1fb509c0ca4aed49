// Quick fixes: for a representative script per diagnostic code, the fixes offered (titles,
// preference), the exact script each one produces, and that script's whole diagnostic list —
// without the diagnostic the fix was for.

import * as assert from 'node:assert/strict';
import { analyze, quickFixes } from '../../src/core/index';
import { diagnosticsOf } from './helpers/analysis';
import { applyEdits } from './helpers/edits';
import { lines } from './helpers/lines';


interface ExpectedFix {
  readonly title: string;
  readonly preferred: boolean;
  readonly result: string;
  /** The fixed script's diagnostics, as `code line:col-col`. */
  readonly diagnostics: readonly string[];
}

/** Fixes of the one diagnostic with `code` in `text`, applied one at a time. */
function fixesOf(text: string, code: string): ExpectedFix[] {
  const analysis = analyze(text);
  const matching = analysis.diagnostics.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `one ${code} in:\n${text}\n${diagnosticsOf(text).join('\n')}`);
  return quickFixes(text, analysis, matching[0]).map((fix) => {
    const result = applyEdits(text, fix.edits);
    return { title: fix.title, preferred: fix.isPreferred === true, result, diagnostics: diagnosticsOf(result) };
  });
}

const hs = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];

describe('language: quick fixes', () => {
  it('tcp.bad-seq keeps the symbol', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK seq=y ack=x+1', 'c -> s: ACK seq=x+2 ack=y+1');
    assert.deepEqual(fixesOf(text, 'tcp.bad-seq'), [
      {
        title: 'Change to seq=x+1',
        preferred: true,
        result: lines('participant c', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK seq=y ack=x+1', 'c -> s: ACK seq=x+1 ack=y+1'),
        diagnostics: [],
      },
    ]);
  });

  it('tcp.bad-ack', () => {
    const text = lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=300');
    assert.deepEqual(fixesOf(text, 'tcp.bad-ack'), [
      {
        title: 'Change to ack=301',
        preferred: true,
        result: lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=301'),
        diagnostics: [],
      },
    ]);
  });

  it('tcp.missing-ack-flag replaces the flags', () => {
    const text = lines(...hs, 'c -> s: PSH "x"', 's -> c: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.missing-ack-flag'), [
      { title: 'Add the ACK flag: PSH+ACK', preferred: true, result: lines(...hs, 'c -> s: PSH+ACK "x"', 's -> c: ACK'), diagnostics: [] },
    ]);
  });

  it('tcp.not-listening: adds listen to the declaration, before its comment', () => {
    const text = lines('participant c', 'participant s   # the server', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.not-listening'), [
      {
        title: 'Declare s with listen',
        preferred: false,
        result: lines('participant c', 'participant s listen   # the server', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'),
        diagnostics: [],
      },
    ]);
  });

  it('tcp.not-listening: an implicit endpoint gets a listen call before the SYN', () => {
    const text = lines('c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.not-listening'), [
      { title: "Add 's: listen' before line 1", preferred: false, result: lines('s: listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'), diagnostics: [] },
    ]);
  });

  it('tcp.reply-missing: the owed segment at the end, with or without a final newline', () => {
    const open = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK'];
    const fix = (result: string): ExpectedFix[] => [{ title: "Add 'c -> s: ACK' at the end", preferred: true, result, diagnostics: [] }];
    assert.deepEqual(fixesOf(lines(...open), 'tcp.reply-missing'), fix(lines(...open, 'c -> s: ACK')));
    assert.deepEqual(fixesOf(lines(...open, ''), 'tcp.reply-missing'), fix(lines(...open, 'c -> s: ACK', '')));
  });

  it('tcp.expect-failed: not preferred, an expectation is a choice', () => {
    assert.deepEqual(fixesOf(lines(...hs, 'expect c SYN-SENT'), 'tcp.expect-failed'), [
      { title: 'Change to ESTABLISHED', preferred: false, result: lines(...hs, 'expect c ESTABLISHED'), diagnostics: [] },
    ]);
  });

  it('tcp.len-mismatch', () => {
    assert.deepEqual(fixesOf(lines(...hs, 'c -> s: PSH+ACK len=3 "hello"', 's -> c: ACK'), 'tcp.len-mismatch'), [
      { title: 'Change to len=5', preferred: true, result: lines(...hs, 'c -> s: PSH+ACK len=5 "hello"', 's -> c: ACK'), diagnostics: [] },
    ]);
  });

  it('tcp.keepalive-early: a wait before the probe, indented like it', () => {
    const text = lines(...hs, '  wait 1m', '  c -> s: ACK keepalive', 's -> c: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.keepalive-early'), [
      {
        title: "Add 'wait 119m' before line 7",
        preferred: true,
        result: lines(...hs, '  wait 1m', '  wait 119m', '  c -> s: ACK keepalive', 's -> c: ACK'),
        diagnostics: [],
      },
    ]);
  });

  it('a line inserted for a segment inside a simultaneous block goes before the block', () => {
    const text = lines(...hs, 'wait 1m', 'simultaneous', '  c -> s: ACK keepalive', '  s -> c: PSH+ACK "x"', 'end', 's -> c: ACK', 'c -> s: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.keepalive-early'), [
      {
        title: "Add 'wait 119m' before line 7",
        preferred: true,
        result: lines(...hs, 'wait 1m', 'wait 119m', 'simultaneous', '  c -> s: ACK keepalive', '  s -> c: PSH+ACK "x"', 'end', 's -> c: ACK', 'c -> s: ACK'),
        diagnostics: [],
      },
    ]);
  });

  it('tcp.invalid-send: a second SYN is marked retransmit, before the comment', () => {
    const text = lines('participant c', 'participant s listen', 'c -x s: SYN', 'c -> s: SYN  # again', 's -> c: SYN+ACK', 'c -> s: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.invalid-send'), [
      {
        title: 'Mark it retransmit',
        preferred: true,
        result: lines('participant c', 'participant s listen', 'c -x s: SYN', 'c -> s: SYN retransmit  # again', 's -> c: SYN+ACK', 'c -> s: ACK'),
        diagnostics: [],
      },
    ]);
  });

  it('tcp.reply-mismatch sends the owed reply', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: RST+ACK', 'c -> s: ACK');
    assert.deepEqual(fixesOf(text, 'tcp.reply-mismatch'), [
      { title: 'Send SYN+ACK instead', preferred: true, result: lines(...hs), diagnostics: [] },
    ]);
  });

  it('endpoint.unknown: declares it after the last participant line', () => {
    const text = lines('title t', 'participant c', 'participant s listen', '', ...hs.slice(2), 'note proxy: watching');
    assert.deepEqual(fixesOf(text, 'endpoint.unknown'), [
      {
        title: 'Declare participant proxy',
        preferred: false,
        result: lines('title t', 'participant c', 'participant s listen', 'participant proxy', '', ...hs.slice(2), 'note proxy: watching'),
        diagnostics: [],
      },
    ]);
  });

  it('endpoint.unknown: a near miss of a declared name is offered first', () => {
    const text = lines('participant client', 'participant server listen', 'client -> sever: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK');
    assert.deepEqual(fixesOf(text, 'endpoint.unknown'), [
      {
        title: 'Change to server',
        preferred: true,
        result: lines('participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'),
        diagnostics: [],
      },
    ]);
  });

  it('a fix that would leave an error elsewhere is not offered', () => {
    // Declaring sever (listening, as it first receives a SYN) would leave the SYN+ACK and the ACK
    // of lines 5 and 6 invalid: only the change of name fixes the script.
    const typo = lines('participant client', 'participant server listen', 'client -> sever: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK');
    assert.deepEqual(fixesOf(typo, 'endpoint.unknown').map((f) => f.title), ['Change to server']);
    // A SYN where the server's FIN belongs: the expectation of line 11 fails, and changing it to
    // what happened would make the expectation of line 13 fail in its turn.
    const closing = lines(
      'participant client isn=1000',
      'participant server isn=5000 listen',
      ...['client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'],
      'client: close',
      ...['client -> server: FIN+ACK', 'server -> client: ACK'],
      'server: close',
      'server -> client: SYN',
      'expect client TIME-WAIT',
      'wait 2MSL',
      'expect client CLOSED',
    );
    assert.deepEqual(diagnosticsOf(closing).filter((d) => d.startsWith('tcp.expect-failed')), ['tcp.expect-failed 11:15-24']);
    assert.deepEqual(fixesOf(closing, 'tcp.expect-failed'), []);
  });

  it('endpoint.unknown: the declaration at the end of a document without a final newline', () => {
    assert.deepEqual(fixesOf(lines('participant c', 'note proxy: hi'), 'endpoint.unknown').map((f) => f.result), [
      lines('participant c', 'participant proxy', 'note proxy: hi'),
    ]);
    assert.deepEqual(fixesOf(lines('participant c', 'participant c listen'), 'endpoint.duplicate'), []);
  });

  it('syntax.* suggestions: Change to X', () => {
    assert.deepEqual(fixesOf(lines(...hs, 'expect c ESTABLISH'), 'syntax.unknown-state'), [
      { title: 'Change to ESTABLISHED', preferred: true, result: lines(...hs, 'expect c ESTABLISHED'), diagnostics: [] },
    ]);
    assert.deepEqual(fixesOf(lines('participant c lisen'), 'syntax.unexpected-token').map((f) => [f.title, f.result]), [
      ['Change to listen', 'participant c listen'],
    ]);
  });

  it('a line the parser could not read has one diagnostic, and its syntax fix', () => {
    const text = lines(...hs, 'c -> s: ACKK', 's -> c: ACK');
    assert.deepEqual(diagnosticsOf(text), ['syntax.unknown-flag 6:9-13']);
    assert.deepEqual(fixesOf(text, 'syntax.unknown-flag').map((f) => [f.title, f.result, f.diagnostics]), [
      ['Change to ACK', lines(...hs, 'c -> s: ACK', 's -> c: ACK'), []],
    ]);
  });

  it('keeps the document line breaks (CRLF)', () => {
    const text = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', ''].join('\r\n');
    assert.deepEqual(fixesOf(text, 'tcp.reply-missing').map((f) => f.result), [
      ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', ''].join('\r\n'),
    ]);
  });
});

describe('quick fixes that did not fix (issue 12, defect 8)', () => {
  it('tcp.not-listening of a server declared listen and then closed: listen again before the SYN', () => {
    const text = lines('participant client', 'participant server listen', 'server: close', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK');
    const analysis = analyze(text);
    const notListening = analysis.diagnostics.find((d) => d.code === 'tcp.not-listening')!;
    const fixes = quickFixes(text, analysis, notListening);
    assert.deepEqual(fixes.map((f) => f.title), ["Add 'server: listen' before line 4"]);
    const fixed = applyEdits(text, fixes[0].edits);
    assert.equal(fixed, lines('participant client', 'participant server listen', 'server: close', 'server: listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'));
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });

  it('a SYN+FIN after a complete close is not offered "Mark it retransmit"', () => {
    const text = lines(...hs, 'c -> s: FIN+ACK', 's -> c: ACK', 's -> c: FIN+ACK', 'c -> s: ACK', 'c -> s: SYN+FIN');
    const analysis = analyze(text);
    assert.deepEqual(
      analysis.diagnostics.map((d) => [d.code, quickFixes(text, analysis, d).map((f) => f.title)]),
      [['tcp.bad-flags', []]],
    );
  });

  it('endpoint.unknown of an endpoint that first receives a SYN: declared listening', () => {
    const text = lines('participant client', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK');
    const analysis = analyze(text);
    const fixes = quickFixes(text, analysis, analysis.diagnostics[0]);
    assert.deepEqual(fixes.map((f) => f.title), ['Declare participant server listen']);
    assert.deepEqual(analyze(applyEdits(text, fixes[0].edits)).diagnostics, []);
  });
});
