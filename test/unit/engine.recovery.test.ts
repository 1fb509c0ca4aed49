// After a mistake the engine reads the line one way for both endpoints, so that the lines
// after it are judged on their own (docs/language.md "After a mistake"): each case asserts the
// whole diagnostic list, the message, and the states the script then reaches.

import * as assert from 'node:assert/strict';
import { analyze, quickFixes, translateDiagnostic } from '../../src/core/index';
import { assertDiagnostics, finalStates, messageOf } from './helpers/analysis';
import { lines } from './helpers/lines';

const hs = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
const close = ['client -> server: FIN+ACK', 'server -> client: ACK', 'server -> client: FIN+ACK', 'client -> server: ACK', 'expect client TIME-WAIT, server CLOSED'];

describe('engine recovery: one mistake, one diagnostic', () => {
  it('a segment missing only its ACK flag is processed as if it carried it', () => {
    const text = lines(...hs, 'client -> server: PSH "GET /"', 'server -> client: ACK', ...close);
    const a = assertDiagnostics(text, ['tcp.missing-ack-flag 6:19-22']);
    assert.equal(a.segments.get(5)?.ack, 1);
    assert.equal(finalStates(a), 'client TIME-WAIT, server CLOSED');
  });

  it('a misspelt sender is the participant one or two edits away, and the quick fix still corrects it', () => {
    const text = lines(...hs, 'clinet -> server: PSH+ACK "GET /"', 'server -> client: ACK', ...close);
    const a = assertDiagnostics(text, ['endpoint.unknown 6:1-7']);
    const d = a.diagnostics[0];
    assert.equal(d.message, "'clinet' is not a declared participant (declared: client, server): it is taken to be client (a misspelling?); otherwise declare it with `participant clinet`");
    assert.deepEqual(quickFixes(text, a, d).map((f) => f.title), ['Change to client', 'Declare participant clinet']);
    assert.deepEqual(a.endpoints.map((e) => e.name), ['client', 'server']);
  });

  it('a name close to two participants is not guessed: it is an unchecked endpoint', () => {
    const text = lines('participant ab', 'participant ac listen', 'ax -> ac: SYN');
    assertDiagnostics(text, ['endpoint.unknown 3:1-3']);
    assert.deepEqual(analyze(text).endpoints.map((e) => `${e.name}${e.unchecked ? ' (unchecked)' : ''}`), ['ab', 'ac', 'ax (unchecked)']);
  });

  it('cleint -> server: SYN owes no SYN+ACK to "cleint"', () => {
    const text = lines('participant client', 'participant server listen', 'cleint -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK', 'expect client ESTABLISHED, server ESTABLISHED');
    assertDiagnostics(text, ['endpoint.unknown 3:1-7']);
  });

  it('a segment from an undeclared name creates no obligation', () => {
    assertDiagnostics(lines('participant client', 'participant server listen', 'proxy -> server: SYN'), ['endpoint.unknown 3:1-6']);
  });

  it('a second FIN from FIN-WAIT-2 is dropped by both sides, its ACK still counts', () => {
    const text = lines(...hs, 'client -> server: FIN+ACK', 'server -> client: ACK', 'client -> server: FIN+ACK', 'server -> client: FIN+ACK', 'client -> server: ACK', 'expect client TIME-WAIT, server CLOSED');
    const a = assertDiagnostics(text, ['tcp.invalid-send 8:19-26']);
    assert.equal(a.segments.get(7)?.seq, 2);
    assert.equal(finalStates(a), 'client TIME-WAIT, server CLOSED');
  });

  it('data after the own FIN is dropped by both sides: the next ACK is judged against what arrived', () => {
    const text = lines(...hs, 'client -> server: FIN+ACK', 'server -> client: ACK', 'client -> server: PSH+ACK "late"', 'server -> client: FIN+ACK ack=2', 'client -> server: ACK');
    assertDiagnostics(text, ['tcp.invalid-send 8:19-26']);
  });

  it('data sent from SYN-RECEIVED just before the ACK that completes the handshake is read after it', () => {
    const text = lines('participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'server -> client: PSH+ACK "early"', 'client -> server: ACK', 'client -> server: ACK ack=6');
    assertDiagnostics(text, ['tcp.invalid-send 5:19-26']);
    assert.equal(
      messageOf(text, 'tcp.invalid-send'),
      'server is SYN-RECEIVED and cannot send PSH+ACK with 5 bytes of data: data waits until the handshake completes (ESTABLISHED). It is read as sent after line 6, the client segment it follows: move it below that line',
    );
  });

  it('a retransmit of acknowledged bytes changes nothing, and says there is nothing to re-send', () => {
    const text = lines(...hs, 'client -> server: PSH+ACK "hi"', 'server -> client: ACK', 'client -> server: PSH+ACK seq=1 "hi" retransmit', 'client -> server: PSH+ACK "more"', 'server -> client: ACK ack=7');
    assertDiagnostics(text, ['tcp.bad-seq 8:31-32']);
    assert.equal(
      messageOf(text, 'tcp.bad-seq'),
      'seq=1 but a retransmission re-sends unacknowledged data, and client has none: everything up to SND.NXT=3 is acknowledged, so it changes nothing: expected seq=3',
    );
  });

  it('a RST the script answers after a mistaken segment is allowed, not owed', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'c: crash', 'c -> s: SYN seq=1000', 's -> c: ACK seq=8', 'c -> s: RST seq=1', 'expect s CLOSED');
    assertDiagnostics(text, ['tcp.bad-seq 8:17-18']);
  });
});

describe('engine recovery: expectations', () => {
  it('after a failed expect, later expects of that endpoint are silent until one holds; a failure after that is reported', () => {
    const text = lines(
      ...hs,
      'expect server SYN-RECEIVED',
      'client -> server: PSH+ACK "a"',
      'expect server SYN-RECEIVED',
      'server -> client: ACK',
      'expect server ESTABLISHED',
      'client -> server: FIN+ACK',
      'expect server LAST-ACK',
    );
    const a = assertDiagnostics(text, ['tcp.expect-failed 6:15-27', 'tcp.expect-failed 12:15-23']);
    assert.deepEqual(
      a.diagnostics.map((d) => d.message),
      ['server is ESTABLISHED here, not SYN-RECEIVED: line 5 made it ESTABLISHED', 'server is CLOSE-WAIT here, not LAST-ACK: line 11 made it CLOSE-WAIT'],
    );
  });
});

describe('engine recovery: a segment written one line before the peer segment it follows', () => {
  it('a SYN+ACK above the SYN of a listener\'s second client is read after it, on a connection of its own', () => {
    const text = lines(
      'participant alice isn=1000',
      'participant bob isn=5000',
      'participant server listen isn=300',
      'alice -> server: SYN',
      'server -> alice: SYN+ACK',
      'server -> bob: SYN+ACK',
      'bob -> server: SYN',
      'expect server(alice) SYN-RECEIVED, server(bob) SYN-RECEIVED',
      'bob -> server: ACK',
      'alice -> server: ACK',
      'expect server(alice) ESTABLISHED, server(bob) ESTABLISHED',
    );
    const a = assertDiagnostics(text, ['tcp.invalid-send 6:16-23']);
    assert.equal(a.diagnostics[0].message, 'server is LISTEN and cannot send SYN+ACK: a SYN+ACK answers a SYN, and none has arrived. It is read as sent after line 7, the bob segment it follows: move it below that line');
    assert.deepEqual(a.connections?.map((c) => c.label), ['alice↔server', 'bob↔server', 'server↔alice', 'server↔bob']);
  });

  it('a SYN+ACK above the `deliver` of the SYN it answers is read after the delivery', () => {
    const text = lines('participant client isn=100', 'participant server isn=300 listen', 'client ~> server: SYN as first', 'server -> client: SYN+ACK ack=101', 'deliver first', 'client -> server: ACK', 'expect client ESTABLISHED, server ESTABLISHED');
    assertDiagnostics(text, ['tcp.invalid-send 4:19-26']);
    assert.equal(
      messageOf(text, 'tcp.invalid-send'),
      'server is LISTEN and cannot send SYN+ACK: a SYN+ACK answers a SYN, and none has arrived. It is read as sent after line 5, where the client segment it follows (line 3) is delivered: move it below that line',
    );
  });

  it('a RST above the challenge ACK it answers is read after it, though RFC 793 would have reset the connection instead', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'c: crash', 'c -> s: SYN seq=1000', 'c -> s: RST seq=1', 's -> c: ACK', 'expect s CLOSED');
    assertDiagnostics(text, ['tcp.bad-seq 8:17-18']);
    assert.equal(messageOf(text, 'tcp.bad-seq'), "seq=1 but c's next sequence number is SND.NXT=1001 (after its SYN on line 7): expected seq=1001. It is read as sent after line 9, the s segment it follows: move it below that line");
  });

  it('a SYN+ACK above the SYN that reopens a connection in TIME-WAIT is read after it', () => {
    const text = lines(...hs, 'client -> server: FIN+ACK', 'server -> client: FIN+ACK', 'client -> server: ACK', 'client -> server: SYN+ACK ack=101', 'server -> client: SYN seq=100', 'server -> client: ACK', 'expect client ESTABLISHED, server ESTABLISHED');
    assertDiagnostics(text, ['tcp.invalid-send 9:19-26']);
    assert.equal(
      messageOf(text, 'tcp.invalid-send'),
      'client is TIME-WAIT and cannot send SYN+ACK: the connection is already TIME-WAIT: the handshake is over. It is read as sent after line 10, the server segment it follows: move it below that line',
    );
  });

  it('a keep-alive probe sent early owes no answer: the answer written above it gives one warning', () => {
    const text = lines('participant client keepalive=60s', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK', 'wait 60s', 'server -> client: ACK', 'client -> server: ACK keepalive', 'expect client ESTABLISHED, server ESTABLISHED');
    assertDiagnostics(text, ['tcp.keepalive-early 8:23-32']);
    assert.equal(messageOf(text, 'tcp.keepalive-early'), "client has been idle for 0s since server's segment on line 7 arrived, but its keep-alive idle time is 1m: add `wait 1m` before the probe");
  });
});

describe('engine messages say why', () => {
  it('tcp.expect-failed names the line that changed the state and the RST that was ignored, with its rule', () => {
    const text = lines('participant client', 'participant server listen', 'participant mallory unchecked', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK', 'mallory -> server: RST seq=900000', 'expect server CLOSED');
    assertDiagnostics(text, ['tcp.expect-failed 8:15-21']);
    assert.equal(
      messageOf(text, 'tcp.expect-failed'),
      "server is ESTABLISHED here, not CLOSED: line 6 made it ESTABLISHED, and the RST on line 7 was discarded: the RST's seq=900000 is outside the receive window [1, 65536), so it is ignored (RFC 9293 §3.10.7.4, RFC 5961 §3.2)",
    );
  });

  it('tcp.invalid-send names the segment that never reached the sender: a lost SYN leaves the listener in LISTEN', () => {
    const text = lines('participant c', 'participant s listen', 'c -x s: SYN', 's -> c: SYN+ACK');
    assertDiagnostics(text, ['tcp.invalid-send 4:9-16']);
    assert.equal(messageOf(text, 'tcp.invalid-send'), 's is LISTEN and cannot send SYN+ACK: a SYN+ACK answers a SYN, and none has arrived. It has been LISTEN from the start, and the SYN on line 3 was lost (-x)');
  });

  it('tcp.invalid-send names a segment the sender discarded, with its rule, and counts one byte as one byte', () => {
    const text = lines('participant mallory unchecked', ...hs, 'client -> server: FIN+ACK', 'server -> client: ACK', 'mallory -> client: RST seq=900000', 'client -> server: PSH+ACK "x"');
    assertDiagnostics(text, ['tcp.invalid-send 10:19-26']);
    assert.equal(
      messageOf(text, 'tcp.invalid-send'),
      "client is FIN-WAIT-2 and cannot send PSH+ACK with 1 byte of data: it has already sent its FIN (seq 1): no data may follow it. Line 8 made it FIN-WAIT-2, and the RST on line 9 was discarded: the RST's seq=900000 is outside the receive window [1, 65536), so it is ignored (RFC 9293 §3.10.7.4, RFC 5961 §3.2)",
    );
  });

  it('tcp.unfinished names the segment that would have completed the handshake and never arrived', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -x c: SYN+ACK');
    const a = assertDiagnostics(text, ['tcp.unfinished 4:1-16', 'tcp.unfinished 4:1-16']);
    assert.deepEqual(
      a.diagnostics.map((d) => d.message),
      ['the script ends mid-handshake: c is SYN-SENT. Line 3 made it SYN-SENT, and the SYN+ACK on line 4 was lost (-x)', 'the script ends mid-handshake: s is SYN-RECEIVED'],
    );
    assert.equal(
      translateDiagnostic(a.diagnostics[0], 'zh-cn').message,
      '脚本在三次握手中途结束：c 处于 SYN-SENT 状态。第 3 行使它进入 SYN-SENT，而第 4 行的 SYN+ACK 丢失了（-x）',
    );
  });

  it('tcp.expect-failed names a lost segment', () => {
    const text = lines(...hs, 'client -x server: FIN+ACK', 'expect server CLOSE-WAIT');
    assert.equal(messageOf(text, 'tcp.expect-failed'), 'server is ESTABLISHED here, not CLOSE-WAIT: line 5 made it ESTABLISHED, and the FIN+ACK on line 6 was lost (-x)');
  });

  it('several wrong states in one expect are one diagnostic with one fix', () => {
    const text = lines(...hs, 'expect client CLOSED, server LISTEN');
    const a = assertDiagnostics(text, ['tcp.expect-failed 6:15-36']);
    assert.deepEqual(a.diagnostics[0].data?.replace?.text, 'ESTABLISHED, server ESTABLISHED');
  });

  it('an ACK for a segment not yet delivered says it has not arrived', () => {
    const text = lines(...hs, 'client ~> server: PSH+ACK "hi" as d', 'server -> client: ACK ack=3', 'deliver d');
    assertDiagnostics(text, ['tcp.bad-ack 7:27-28']);
    assert.equal(
      messageOf(text, 'tcp.bad-ack'),
      'ack=3 acknowledges the PSH+ACK on line 6, but that segment has not arrived yet (`deliver d` delivers it): server has received only up to 1. Expected ack=1. It is read as sent after line 8, where the client segment it follows (line 6) is delivered: move it below that line',
    );
  });
});
