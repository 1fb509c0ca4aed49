// The next segment, proposed: what completion offers first on a new line, and the "Insert the
// owed reply" code action — owed replies first, with the numbers and symbols the script uses.

import * as assert from 'node:assert/strict';
import { analyze, completions, nextSegments, owedSegmentFixes } from '../../src/core/index';
import { lines } from './helpers/lines';

/** `text` with a snippet's placeholders left at their defaults, as accepting it without typing does. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The script after accepting the first completion item on a new last line. */
function acceptFirst(script: string): string {
  const text = script === '' ? '' : `${script}\n`;
  const rows = text.split('\n');
  const items = completions(text, analyze(text), { line: rows.length - 1, character: 0 });
  assert.ok(items.length > 0, `something is offered after:\n${script}`);
  const inserted = items[0].insertText ?? items[0].label;
  return (text + (items[0].snippet ? expand(inserted) : inserted)).replace(/\n$/, '');
}

describe('language: the next segment, proposed', () => {
  it('a four-way close from an empty file: the first item on each line, only the calls typed', () => {
    let script = '';
    for (const step of ['accept', 'accept', 'accept', 'accept', 'accept', 'accept', 'client: close', 'accept', 'accept', 'server: close', 'accept', 'accept']) {
      script = step === 'accept' ? acceptFirst(script) : `${script}\n${step}`;
    }
    assert.equal(
      script,
      lines(
        'participant client',
        'participant server listen',
        'client -> server: SYN',
        'server -> client: SYN+ACK',
        'client -> server: ACK',
        'client -> server: PSH+ACK "data"',
        'server -> client: ACK',
        'client: close',
        'client -> server: FIN+ACK',
        'server -> client: ACK',
        'server: close',
        'server -> client: FIN+ACK',
        'client -> server: ACK',
      ),
    );
    assert.deepEqual(analyze(script).diagnostics, []);
  });

  it('in a script that writes numbers: seq and ack written, with its symbols', () => {
    const script = lines('participant client', 'participant server listen', 'client -> server: SYN seq=x', 'server -> client: SYN+ACK seq=y ack=x+1', '');
    assert.deepEqual(
      nextSegments(analyze(script), 4).map((s) => [s.text, s.snippet, s.detail]),
      [
        [
          'client -> server: ACK seq=x+1 ack=y+1',
          'client -> server: ACK seq=x+1 ack=y+1',
          'owed: client received the SYN+ACK (line 4), which completes the handshake with an ACK (RFC 9293 §3.10.7.3)',
        ],
        [
          'client -> server: PSH+ACK seq=x+1 ack=y+1 "data"',
          'client -> server: PSH+ACK seq=x+1 ack=y+1 "${1:data}"',
          'client is ESTABLISHED: it may send data (SEND, RFC 9293 §3.10.2)',
        ],
      ],
    );
  });

  it('the owed reply to a SYN in LISTEN, then the ACK that is due, then data', () => {
    const script = lines('participant c isn=100', 'participant s listen isn=500', 'c -> s: SYN', 's -> c: SYN+ACK ack=101', 'c -> s: ACK', 'c -> s: PSH+ACK "hello"', '');
    const atSynAck = nextSegments(analyze(script), 3);
    assert.deepEqual(atSynAck.map((s) => [s.text, s.detail]), [
      ['s -> c: SYN+ACK ack=101', 'owed: s received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK'],
    ]);
    assert.deepEqual(nextSegments(analyze(script), 6).map((s) => [s.text, s.detail]), [
      ['s -> c: ACK seq=501 ack=106', 's has not acknowledged what it received (RCV.NXT=106): an ACK is due (RFC 9293 §3.10.7.4; RFC 1122 §4.2.3.2 lets it wait a little)'],
      ['c -> s: PSH+ACK seq=106 ack=501 "data"', 'c is ESTABLISHED: it may send data (SEND, RFC 9293 §3.10.2)'],
      ['s -> c: PSH+ACK seq=501 ack=106 "data"', 's is ESTABLISHED: it may send data (SEND, RFC 9293 §3.10.2)'],
    ]);
  });

  it('the RST a CLOSED endpoint owes, accepted, leaves the script clean', () => {
    const script = lines('participant c', 'participant s', 'c -> s: SYN');
    assert.deepEqual(nextSegments(analyze(script), 3).map((s) => [s.text, s.detail]), [
      ['s -> c: RST+ACK', 'owed: s reached an endpoint in CLOSED, which answers with a RST (RFC 9293 §3.10.7.1)'],
    ]);
    assert.deepEqual(analyze(acceptFirst(script)).diagnostics, []);
  });

  it("a keep-alive probe for an idle endpoint declared with keepalive=; after a close only the FIN", () => {
    const script = lines('participant c keepalive=10s', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'wait 10s', '');
    assert.deepEqual(nextSegments(analyze(script), 6).map((s) => s.text), ['c -> s: PSH+ACK "data"', 's -> c: PSH+ACK "data"', 'c -> s: ACK keepalive']);
    assert.deepEqual(analyze(`${script}c -> s: ACK keepalive\ns -> c: ACK`).diagnostics, []);
    const closing = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'c: close', '');
    assert.deepEqual(nextSegments(analyze(closing), 6).map((s) => s.text), ['c -> s: FIN+ACK', 's -> c: PSH+ACK "data"']);
  });

  it('nothing inside a simultaneous block', () => {
    const script = lines('participant c', 'participant s listen', 'c -> s: SYN', 'simultaneous', '', 'end');
    assert.deepEqual(nextSegments(analyze(script), 4), []);
  });

  it('Insert the owed reply: after a line that leaves a reply owed, unless the next line sends it', () => {
    const script = lines('participant c', 'participant s listen', 'c -> s: SYN', '  s -> c: SYN+ACK', 'c: close');
    const analysis = analyze(script);
    assert.deepEqual(owedSegmentFixes(script, analysis, 2), []);
    assert.deepEqual(owedSegmentFixes(script, analysis, 3), [
      {
        title: 'Insert the owed reply: c -> s: ACK',
        edits: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: 'c -> s: ACK\n' }],
      },
    ]);
    assert.deepEqual(owedSegmentFixes(script, analysis, 4).map((f) => f.title), ['Insert the owed reply: c -> s: ACK', 'Insert the owed segment: c -> s: FIN+ACK']);
    assert.deepEqual(owedSegmentFixes(script, analysis, 1), []);
  });
});
