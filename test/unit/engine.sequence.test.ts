// Sequence-number tracking: auto-fill, symbols, wrap-around, retransmission, reassembly,
// lost and delayed segments, keep-alive, injectors, and the timeline the editor shows.

import * as assert from 'node:assert/strict';
import { analyze, snapshotAfterLine } from '../../src/core/index';
import { assertClean, assertDiagnostics, statesAfter } from './helpers/analysis';
import { lines } from './helpers/lines';

const hs = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];

describe('sequence numbers', () => {
  it('fills omitted seq and ack from SND.NXT and RCV.NXT', () => {
    const a = assertClean(lines('participant c isn=1000', 'participant s listen isn=5000', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'c -> s: PSH+ACK "abc"', 's -> c: ACK'));
    const seg = (line: number) => {
      const s = a.segments.get(line - 1)!;
      return [s.seq, s.ack, s.len, s.relSeq, s.relAck];
    };
    assert.deepEqual(seg(3), [1000, undefined, 0, 0, undefined]);
    assert.deepEqual(seg(4), [5000, 1001, 0, 0, 1]);
    assert.deepEqual(seg(5), [1001, 5001, 0, 1, 1]);
    assert.deepEqual(seg(6), [1001, 5001, 3, 1, 1]);
    assert.deepEqual(seg(7), [5001, 1004, 0, 1, 4]);
  });

  it('an endpoint without declared isn takes the seq of its first SYN as ISN', () => {
    const a = assertClean(lines('participant c', 'participant s listen', 'c -> s: SYN seq=123456', 's -> c: SYN+ACK seq=42 ack=123457', 'c -> s: ACK seq=123457 ack=43'));
    assert.deepEqual(snapshotAfterLine(a, 4).map((e) => [e.iss, e.irs]), [
      [123456, 42],
      [42, 123456],
    ]);
  });

  it('wraps around modulo 2^32', () => {
    assertClean(
      lines(
        'participant c isn=4294967294',
        'participant s listen',
        'c -> s: SYN',
        's -> c: SYN+ACK ack=4294967295',
        'c -> s: ACK seq=4294967295',
        'c -> s: PSH+ACK "abcd"',
        's -> c: ACK ack=3',
        'c -> s: PSH+ACK seq=3 "e"',
        's -> c: ACK ack=4',
      ),
    );
  });

  it('binds a symbol at first use and checks it after', () => {
    const a = assertDiagnostics(lines('participant c isn=7', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK ack=x+2', 'c -> s: ACK'), ['tcp.bad-ack 4:21-24']);
    assert.deepEqual(a.symbols.get('x'), { value: 7, line: 2 });
    assert.equal(a.diagnostics[0].message, "ack=x+2 (= 9) acknowledges data c never sent (c's SND.NXT is 8): expected ack=8");
    assert.equal(a.diagnostics[0].data?.replace?.text, 'x+1');
  });

  it('reassembles out-of-order data after a lost segment is retransmitted', () => {
    const a = assertClean(
      lines(
        ...hs,
        'c -x s: PSH+ACK "aaaa"',
        'c -> s: PSH+ACK "bbbb"',
        's -> c: ACK ack=1',
        'c -> s: PSH+ACK "aaaa" retransmit',
        's -> c: ACK ack=9',
      ),
    );
    assert.equal(a.segments.get(5)!.fate, 'lost');
    assert.equal(a.segments.get(7)!.relAck, 1);
    assert.equal(snapshotAfterLine(a, 8)[1].rcvNxt, 9);
  });

  it('a FIN that arrives before the data up to it takes effect once the gap is filled', () => {
    const a = assertClean(
      lines(
        ...hs,
        'c -x s: PSH+ACK "aaaa"',
        'c -> s: FIN+ACK "bbbb"',
        'expect s ESTABLISHED',
        's -> c: ACK ack=1',
        'c -> s: PSH+ACK "aaaa" retransmit',
        'expect s CLOSE-WAIT, c FIN-WAIT-1',
        's -> c: ACK ack=10',
        'expect c FIN-WAIT-2',
      ),
    );
    assert.equal(snapshotAfterLine(a, 9)[1].rcvNxt, 10);
  });

  it('a duplicate ACK is owed for out-of-order data', () => {
    assertDiagnostics(lines(...hs, 'c -x s: PSH+ACK "aaaa"', 'c -> s: PSH+ACK "bbbb"'), ['tcp.reply-missing 7:1-23']);
  });

  it('a retransmission without seq re-sends from SND.UNA', () => {
    const a = assertClean(lines(...hs, 'c -> s: PSH+ACK "abcd"', 'c -> s: PSH+ACK "efgh"', 's -x c: ACK', 'c -> s: PSH+ACK "abcd" retransmit', 's -> c: ACK'));
    assert.equal(a.segments.get(8)!.seq, 1);
    assert.equal(a.segments.get(9)!.ack, 9);
  });

  it('a delayed segment arrives at its deliver line, after later ones', () => {
    const a = assertClean(lines(...hs, 'c ~> s: PSH+ACK "one" as first', 'c -> s: PSH+ACK "two"', 's -> c: ACK ack=1', 'deliver first', 's -> c: ACK ack=7'));
    assert.equal(a.segments.get(5)!.fate, 'delivered');
    assert.equal(a.segments.get(5)!.deliveredAt, 8);
    assert.deepEqual(a.timeline.map((s) => `${s.line + 1} ${s.kind}`), ['3 arrive', '4 arrive', '5 arrive', '6 send', '7 arrive', '8 arrive', '9 arrive', '10 arrive']);
  });

  it('an unchecked injector is not validated, but the checked side is', () => {
    assertClean(lines('participant pd unchecked', 'participant linux listen', 'pd -> linux: SYN seq=0', 'linux -> pd: SYN+ACK', 'pd -> linux: ACK seq=1 ack=1', 'pd -> linux: PSH+ACK seq=1 ack=1 len=10', 'linux -> pd: ACK ack=11'));
    assertDiagnostics(lines('participant pd unchecked', 'participant linux listen', 'pd -> linux: SYN seq=0', 'linux -> pd: SYN+ACK ack=5', 'pd -> linux: ACK seq=1 ack=0'), [
      'tcp.bad-ack 4:26-27',
      // The injector's ACK does not acknowledge the SYN+ACK: linux owes it a RST <SEQ=0>.
      'tcp.reply-missing 5:1-29',
    ]);
  });

  it('keep-alive: a probe after the idle time is answered with an ACK and changes no state', () => {
    const a = assertClean(lines('participant c keepalive=30s', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'wait 30s', 'c -> s: ACK keepalive', 's -> c: ACK'));
    assert.equal(a.segments.get(6)!.seq, 0);
    assert.equal(statesAfter(a, 8), 'c ESTABLISHED, s ESTABLISHED');
    assertDiagnostics(lines('participant c keepalive=30s', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', 'wait 30s', 'c -> s: ACK keepalive'), ['tcp.reply-missing 7:1-22']);
  });

  it('TIME-WAIT answers a retransmitted FIN and restarts 2MSL', () => {
    const a = assertClean(
      lines('option msl=10s', ...hs, 'c -> s: FIN+ACK', 's -> c: ACK', 's -> c: FIN+ACK', 'c -x s: ACK', 'wait 15s', 's -> c: FIN+ACK retransmit', 'c -> s: ACK', 'wait 15s', 'expect c TIME-WAIT', 'wait 5s', 'expect c CLOSED'),
    );
    assert.equal(statesAfter(a, 13), 'c TIME-WAIT, s CLOSED');
  });

  it('the timeline records which endpoints changed at each step', () => {
    const a = analyze(lines(...hs, 'c: close', 'c -> s: FIN+ACK'));
    assert.deepEqual(a.timeline.map((s) => [s.line + 1, s.kind, s.changed]), [
      [3, 'arrive', [0, 1]],
      [4, 'arrive', [0]],
      [5, 'arrive', [1]],
      [6, 'call', []],
      [7, 'arrive', [0, 1]],
    ]);
  });
});
