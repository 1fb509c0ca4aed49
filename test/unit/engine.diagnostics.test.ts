// Every engine diagnostic code of docs/language.md "Diagnostics": a script that triggers it
// (the whole diagnostic list asserted) and a near miss that does not.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { assertClean, assertDiagnostics, messageOf } from './helpers/analysis';
import { lines } from './helpers/lines';

const hs = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];
const attacked = ['participant c', 'participant s listen', 'participant attacker unchecked', ...hs.slice(2), 'c -> s: PSH+ACK "hello"', 's -> c: ACK'];
const closed = [...hs, 'c -> s: FIN+ACK', 's -> c: FIN+ACK', 'c -> s: ACK'];

function dataOf(text: string, code: string) {
  return analyze(text).diagnostics.find((d) => d.code === code)?.data;
}

describe('engine diagnostics', () => {
  it('endpoint.unknown: an undeclared name when participants are declared', () => {
    const text = lines('participant c', 'participant s listen', 'c -> srv: SYN');
    assertDiagnostics(text, ['endpoint.unknown 3:6-9']);
    assert.equal(messageOf(text, 'endpoint.unknown'), "'srv' is not a declared participant (declared: c, s); declare it with `participant srv`");
    assert.deepEqual(dataOf(text, 'endpoint.unknown'), { participant: { name: 'srv', declare: true } });
    // Near miss: without participant lines, names are declared by use.
    assertClean(lines('c -> s: SYN', 's -> c: RST+ACK'));
  });

  it('endpoint.duplicate', () => {
    assertDiagnostics(lines('participant c', 'participant c listen'), ['endpoint.duplicate 2:13-14']);
    assertClean(lines('participant c', 'participant C listen'));
  });

  it('endpoint.self', () => {
    assertDiagnostics(lines('c -> c: SYN'), ['endpoint.self 1:6-7']);
    assertClean(lines('c -> d: SYN', 'd -> c: RST+ACK'));
  });

  it('tcp.invalid-send: data before the handshake, data after the own FIN', () => {
    assertDiagnostics(lines('participant c', 'participant s listen', 'c -> s: PSH+ACK "hi"'), ['tcp.invalid-send 3:9-16']);
    const late = lines(...hs, 'c -> s: FIN+ACK', 's -> c: ACK', 'c -> s: PSH+ACK "late"');
    assertDiagnostics(late, ['tcp.invalid-send 8:9-16']);
    assert.equal(messageOf(late, 'tcp.invalid-send'), 'c is FIN-WAIT-2 and cannot send PSH+ACK with 4 bytes of data: it has already sent its FIN (seq 1): no data may follow it');
    // Near miss: the other direction is still open.
    assertClean(lines(...hs, 'c -> s: FIN+ACK', 's -> c: ACK', 's -> c: PSH+ACK "still open"', 'c -> s: ACK'));
  });

  it('tcp.invalid-send: a second SYN needs `retransmit`, and the fix says so', () => {
    const text = lines('participant c', 'participant s listen', 'c -x s: SYN', 'c -> s: SYN');
    assertDiagnostics(text, ['tcp.invalid-send 4:9-12']);
    assert.deepEqual(dataOf(text, 'tcp.invalid-send'), { replace: { range: { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, text: ' retransmit' } });
    assertDiagnostics(lines('participant c', 'participant s listen', 'c -x s: SYN', 'c -> s: SYN retransmit'), ['tcp.reply-missing 4:1-23', 'tcp.unfinished 4:1-23', 'tcp.unfinished 4:1-23']);
  });

  it('tcp.not-listening: a CLOSED endpoint answers a SYN as if listening', () => {
    const text = lines('participant c', 'participant s', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK');
    assertDiagnostics(text, ['tcp.not-listening 4:9-16']);
    assert.deepEqual(dataOf(text, 'tcp.not-listening'), { participant: { name: 's', addListen: true } });
    assert.deepEqual(dataOf(lines('c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'), 'tcp.not-listening'), { insertLine: { before: 0, text: 's: listen' } });
    // Near miss: the same exchange with `listen`.
    assertClean(lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'));
  });

  it('tcp.missing-ack-flag', () => {
    const text = lines(...hs, 'c -> s: PSH "x"');
    assertDiagnostics(text, ['tcp.missing-ack-flag 6:9-12']);
    assert.deepEqual(dataOf(text, 'tcp.missing-ack-flag'), {
      addFlags: ['ACK'],
      replace: { range: { start: { line: 5, character: 8 }, end: { line: 5, character: 11 } }, text: 'PSH+ACK' },
    });
    // Near miss: a RST needs no ACK.
    assertClean(lines(...hs, 'c -> s: RST'));
  });

  it('tcp.bad-seq, keeping the symbol in the suggested fix', () => {
    assertDiagnostics(lines(...hs, 'c -> s: PSH+ACK seq=5 "x"'), ['tcp.bad-seq 6:21-22']);
    const sym = lines('participant c', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK seq=y ack=x+1', 'c -> s: ACK seq=x+2 ack=y+1');
    assertDiagnostics(sym, ['tcp.bad-seq 5:17-20']);
    assert.equal(messageOf(sym, 'tcp.bad-seq'), "seq=x+2 (= 2) but c's next sequence number is SND.NXT=1 (after its SYN on line 3): expected seq=1");
    assert.deepEqual(dataOf(sym, 'tcp.bad-seq')?.replace?.text, 'x+1');
    // Near miss: a retransmission may start below SND.NXT.
    assertClean(lines(...hs, 'c -x s: PSH+ACK "abcd"', 'c -> s: PSH+ACK seq=1 "abcd" retransmit', 's -> c: ACK'));
  });

  it('tcp.bad-ack names the segment that set the expected value', () => {
    const text = lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=300');
    assertDiagnostics(text, ['tcp.bad-ack 5:17-20']);
    assert.equal(messageOf(text, 'tcp.bad-ack'), "ack=300 but s's SYN+ACK (line 4) used seq 300: expected ack=301");
    const never = lines(...hs, 'c -> s: ACK ack=50');
    assertDiagnostics(never, ['tcp.bad-ack 6:17-19']);
    assert.equal(messageOf(never, 'tcp.bad-ack'), "ack=50 acknowledges data s never sent (s's SND.NXT is 1): expected ack=1");
    assertClean(lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=301'));
  });

  it('one mistake gives one diagnostic: a wrong ack is corrected and the rest is judged on its own', () => {
    assertDiagnostics(lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK ack=7', 'c -> s: ACK', 'c -> s: PSH+ACK "x"', 's -> c: ACK'), ['tcp.bad-ack 4:21-22']);
  });

  it('tcp.unexpected-segment: acknowledging data sent into a zero window', () => {
    const text = lines(...hs, 's -> c: ACK win=0', 'c -> s: PSH+ACK "x"', 's -> c: ACK ack=2');
    assertDiagnostics(text, ['tcp.unexpected-segment 8:17-18']);
    assert.equal(
      messageOf(text, 'tcp.unexpected-segment'),
      'ack=2 acknowledges the segment on line 7, but s could not accept it: its seq=1 is outside the receive window [1, 1), so RFC 9293 §3.10.7.4 answers with an ACK. Expected ack=1',
    );
    assertClean(lines(...hs, 's -> c: ACK win=0', 'c -> s: PSH+ACK "x"', 's -> c: ACK ack=1'));
  });

  it('tcp.reply-mismatch: refusing with RST while listening', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: RST+ACK');
    assertDiagnostics(text, ['tcp.reply-mismatch 4:9-16']);
    assert.equal(
      messageOf(text, 'tcp.reply-mismatch'),
      's must answer with a SYN+ACK here, because it received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK; it sends RST+ACK instead',
    );
    // Near miss: the same RST+ACK from a port nobody listens on is right.
    assertClean(lines('participant c', 'participant s', 'c -> s: SYN', 's -> c: RST+ACK'));
  });

  it('tcp.reply-missing, with the line that carries it out', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK');
    assertDiagnostics(text, ['tcp.reply-missing 4:1-16', 'tcp.unfinished 4:1-16']);
    assert.deepEqual(dataOf(text, 'tcp.reply-missing'), { insertLine: { before: 4, text: 'c -> s: ACK' } });
    assertClean(lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'));
  });

  it('tcp.rst-reply', () => {
    assertDiagnostics(lines(...hs, 'c -> s: RST', 's -> c: RST'), ['tcp.rst-reply 7:9-12']);
    assertClean(lines(...hs, 'c -> s: RST', 'expect s CLOSED'));
  });

  it('tcp.bad-flags', () => {
    assertDiagnostics(lines('c -> s: SYN+FIN'), ['tcp.bad-flags 1:9-16']);
    assertDiagnostics(lines(...hs, 'c -> s: FIN+RST'), ['tcp.bad-flags 6:9-16']);
    assertClean(lines('c -> s: SYN', 's -> c: RST+ACK'));
  });

  it('tcp.bad-option: options outside a SYN, MSS 0, window scale above 14', () => {
    assertDiagnostics(lines(...hs, 'c -> s: ACK mss=1460'), ['tcp.bad-option 6:13-21']);
    assertDiagnostics(lines('participant c', 'participant s listen', 'c -> s: SYN mss=0 wscale=15', 's -> c: SYN+ACK', 'c -> s: ACK'), ['tcp.bad-option 3:13-18', 'tcp.bad-option 3:19-28']);
    assertClean(lines('participant c', 'participant s listen', 'c -> s: SYN mss=1460 wscale=14 sackOK', 's -> c: SYN+ACK mss=536', 'c -> s: ACK'));
  });

  it('tcp.len-mismatch', () => {
    const text = lines(...hs, 'c -> s: PSH+ACK len=3 "hello"');
    assertDiagnostics(text, ['tcp.len-mismatch 6:17-22']);
    assert.equal(messageOf(text, 'tcp.len-mismatch'), 'len=3 but the payload string is 5 bytes long: expected len=5');
    // 'h', one byte 0xff, 'l', 'l', then 'é' in two UTF-8 bytes.
    assertClean(lines(...hs, 'c -> s: PSH+ACK len=6 "h\\xffllé"'));
  });

  it('tcp.keepalive-early', () => {
    const text = lines(...hs, 'wait 1m', 'c -> s: ACK keepalive', 's -> c: ACK');
    assertDiagnostics(text, ['tcp.keepalive-early 7:13-22']);
    assert.equal(messageOf(text, 'tcp.keepalive-early'), "c has been idle for 1m since s's segment on line 4 arrived, but its keep-alive idle time is 2h: add `wait 119m` before the probe");
    assertClean(lines(...hs, 'wait 2h', 'c -> s: ACK keepalive', 's -> c: ACK'));
  });

  it('tcp.expect-failed', () => {
    assertDiagnostics(lines(...hs, 'expect c SYN-SENT'), ['tcp.expect-failed 6:10-18']);
    assertClean(lines(...hs, 'expect c established, s ESTABLISHED'));
  });

  it('tcp.deliver-unknown: never sent, and delivered twice', () => {
    assertDiagnostics(lines(...hs, 'deliver nothing'), ['tcp.deliver-unknown 6:9-16']);
    assertDiagnostics(lines(...hs, 'c ~> s: PSH+ACK "a" as d', 'deliver d', 'deliver d', 's -> c: ACK'), ['tcp.deliver-unknown 8:9-10']);
    assertClean(lines(...hs, 'c ~> s: PSH+ACK "a" as d', 'deliver d', 's -> c: ACK'));
  });

  it('tcp.invalid-call', () => {
    assertDiagnostics(lines('participant c', 'c: close'), ['tcp.invalid-call 2:4-9']);
    assertClean(lines('participant c', 'c: listen', 'c: close'));
  });

  it('tcp.unfinished: mid-handshake and half-open', () => {
    assertDiagnostics(lines(...hs, 'c: crash'), ['tcp.unfinished 6:1-9']);
    assert.equal(messageOf(lines(...hs, 'c: crash'), 'tcp.unfinished'), 'the script ends with a half-open connection: s is ESTABLISHED while c is CLOSED and knows nothing of it');
    assertClean(lines(...hs, 'c: crash', 'c -> s: SYN seq=1000', 's -> c: ACK', 'c -> s: RST seq=1', 's -> c: RST+ACK seq=0 ack=1001 duplicate', 'expect c CLOSED, s CLOSED'));
  });
});

describe('behaviours the RFCs allow either way', () => {
  it('RFC 5961: an in-window RST is answered with a challenge ACK', () => {
    assertClean(lines(...attacked, 'attacker -> s: RST seq=10', 'expect s ESTABLISHED', 's -> c: ACK'));
  });

  it('RFC 793: the same RST may reset the connection instead', () => {
    assertDiagnostics(lines(...attacked, 'attacker -> s: RST seq=10', 'expect s CLOSED'), ['tcp.unfinished 10:1-16']);
  });

  it('RFC 1337: TIME-WAIT may ignore a RST, or follow RFC 9293 and close', () => {
    assertClean(lines(...closed, 's -> c: RST seq=2 duplicate', 'expect c TIME-WAIT'));
    assertClean(lines(...closed, 's -> c: RST seq=2 duplicate', 'expect c CLOSED'));
  });

  it('RFC 1122 §4.2.2.13: TIME-WAIT may reopen the connection for a SYN above RCV.NXT, or answer with an ACK', () => {
    const reopened = assertClean(lines(...closed, 's -> c: SYN seq=100', 'c -> s: SYN+ACK ack=101', 's -> c: ACK', 'expect c ESTABLISHED, s ESTABLISHED'));
    // The new incarnation's ISS lies above everything the old one sent (SND.NXT was 2).
    assert.equal(reopened.segments.get(9)?.seq, 2);
    // Or RFC 9293: an ACK, which the new SYN-SENT peer refuses with a RST (and keeps trying).
    assertDiagnostics(lines(...closed, 's -> c: SYN seq=100', 'c -> s: ACK', 's -> c: RST seq=2', 'expect c CLOSED'), ['tcp.unfinished 12:1-16']);
    // Near miss: a SYN at RCV.NXT (not above it) does not reopen.
    assertDiagnostics(lines(...closed, 's -> c: SYN seq=2', 'c -> s: SYN+ACK ack=3'), ['tcp.invalid-send 10:9-16']);
  });

  it('a SYN for an established connection gets a challenge ACK (half-open discovery)', () => {
    assertDiagnostics(lines(...hs, 'c: crash', 'c -> s: SYN seq=1000', 's -> c: ACK', 'c -> s: RST seq=1', 'expect s CLOSED'), ['tcp.unfinished 10:1-16']);
  });
});
