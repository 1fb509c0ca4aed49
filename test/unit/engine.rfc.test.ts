// The connection figures of RFC 9293 §3.5–3.6, written as scenarios. Each must validate
// exactly as the RFC shows it: the `expect` lines inside the scripts check every state the
// figure prints, and the diagnostic lists are asserted whole.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { assertClean, assertDiagnostics, finalStates, statesAfter } from './helpers/analysis';
import { lines } from './helpers/lines';

const handshake99to299 = [
  'participant a isn=99',
  'participant b isn=299 listen',
  'a -> b: SYN',
  'b -> a: SYN+ACK',
  'a -> b: ACK',
  'expect a ESTABLISHED, b ESTABLISHED',
];

describe('RFC 9293 figures', () => {
  it('Figure 6: basic three-way handshake', () => {
    const a = assertClean(
      lines(
        'participant a isn=100',
        'participant b isn=300 listen',
        'expect a CLOSED, b LISTEN',
        'a -> b: SYN seq=100',
        'expect a SYN-SENT, b SYN-RECEIVED',
        'b -> a: SYN+ACK seq=300 ack=101',
        'expect a ESTABLISHED, b SYN-RECEIVED',
        'a -> b: ACK seq=101 ack=301',
        'expect a ESTABLISHED, b ESTABLISHED',
        'a -> b: PSH+ACK seq=101 ack=301 "data"',
        'expect a ESTABLISHED, b ESTABLISHED',
      ),
    );
    const data = a.segments.get(9)!;
    assert.deepEqual([data.seq, data.ack, data.len, data.relSeq, data.relAck], [101, 301, 4, 1, 1]);
    assert.deepEqual(
      a.timeline.map((s) => `${s.line + 1} ${s.kind} ${s.endpoints.map((e) => `${e.state} ${e.sndNxt}/${e.rcvNxt}`).join(' | ')}`),
      [
        '4 arrive SYN-SENT 101/0 | SYN-RECEIVED 300/101',
        '6 arrive ESTABLISHED 101/301 | SYN-RECEIVED 301/101',
        '8 arrive ESTABLISHED 101/301 | ESTABLISHED 301/101',
        '10 arrive ESTABLISHED 105/301 | ESTABLISHED 301/105',
      ],
    );
  });

  it('Figure 7: simultaneous connection synchronization', () => {
    const a = assertClean(
      lines(
        'participant a isn=100',
        'participant b isn=300',
        'simultaneous',
        '  a -> b: SYN seq=100',
        '  b -> a: SYN seq=300',
        'end',
        'expect a SYN-RECEIVED, b SYN-RECEIVED',
        'simultaneous',
        '  a -> b: SYN+ACK seq=100 ack=301',
        '  b -> a: SYN+ACK seq=300 ack=101',
        'end',
        'expect a ESTABLISHED, b ESTABLISHED',
      ),
    );
    assert.equal(statesAfter(a, 4), 'a SYN-SENT, b CLOSED');
    assert.equal(statesAfter(a, 5), 'a SYN-SENT, b SYN-SENT');
    assert.equal(statesAfter(a, 6), 'a SYN-RECEIVED, b SYN-RECEIVED');
  });

  it('Figure 8: recovery from an old duplicate SYN', () => {
    const a = assertClean(
      lines(
        'participant a isn=100',
        'participant b isn=300 listen',
        'a ~> b: SYN seq=100 as first',
        'a -> b: SYN seq=90 duplicate',
        'expect a SYN-SENT, b SYN-RECEIVED',
        'b -> a: SYN+ACK seq=300 ack=91',
        'a -> b: RST seq=91',
        'expect a SYN-SENT, b LISTEN',
        'deliver first',
        'expect b SYN-RECEIVED',
        'b -> a: SYN+ACK seq=400 ack=101',
        'a -> b: ACK seq=101 ack=401',
        'expect a ESTABLISHED, b ESTABLISHED',
      ),
    );
    assert.equal(a.segments.get(2)!.fate, 'delivered');
    assert.equal(a.segments.get(2)!.deliveredAt, 8);
  });

  it('Figure 9: half-open connection discovery', () => {
    const a = assertDiagnostics(
      lines(
        ...handshake99to299,
        'a: crash',
        'a -> b: SYN seq=400',
        'b -> a: ACK seq=300 ack=100',
        'a -> b: RST seq=100',
        'expect a SYN-SENT, b CLOSED',
        'a -> b: SYN seq=400 retransmit',
      ),
      // As in the figure, the script ends with A's SYN in flight and B's answer to come.
      ['tcp.reply-missing 12:1-31', 'tcp.unfinished 12:1-31'],
    );
    assert.equal(statesAfter(a, 7), 'a CLOSED, b ESTABLISHED');
    assert.equal(statesAfter(a, 8), 'a SYN-SENT, b ESTABLISHED');
    assert.equal(a.diagnostics[0].message, "b never sends a RST+ACK (seq=0 ack=401) to a, owed because it reached an endpoint in CLOSED, which answers with a RST (RFC 9293 §3.10.7.1)");
    assert.equal(a.diagnostics[0].severity, 'warning');
    assert.equal(a.diagnostics[1].severity, 'info');
  });

  it('Figure 10: active side causes half-open connection discovery', () => {
    assertClean(
      lines(
        ...handshake99to299,
        'a: crash',
        'b -> a: ACK seq=300 ack=100 len=10',
        'expect a CLOSED, b ESTABLISHED',
        'a -> b: RST seq=100',
        'expect a CLOSED, b CLOSED',
      ),
    );
  });

  it('Figure 11: old duplicate SYN initiates a reset on two passive sockets', () => {
    const a = assertClean(
      lines(
        'participant a listen',
        'participant b listen',
        'a -> b: SYN seq=z duplicate',
        'expect a LISTEN, b SYN-RECEIVED',
        'b -> a: SYN+ACK seq=x ack=z+1',
        'a -> b: RST seq=z+1',
        'expect a LISTEN, b LISTEN',
      ),
    );
    assert.equal(a.symbols.get('x')!.value, 0);
    assert.equal(a.symbols.get('z')!.value, 100000);
  });

  it('Figure 12: normal close sequence', () => {
    const a = assertClean(
      lines(
        ...handshake99to299,
        'a: close',
        'a -> b: FIN+ACK seq=100 ack=300',
        'expect a FIN-WAIT-1, b CLOSE-WAIT',
        'b -> a: ACK seq=300 ack=101',
        'expect a FIN-WAIT-2, b CLOSE-WAIT',
        'b: close',
        'b -> a: FIN+ACK seq=300 ack=101',
        'expect a TIME-WAIT, b LAST-ACK',
        'a -> b: ACK seq=101 ack=301',
        'expect a TIME-WAIT, b CLOSED',
        'wait 2MSL',
        'expect a CLOSED, b CLOSED',
      ),
    );
    assert.equal(finalStates(a), 'a CLOSED, b CLOSED');
  });

  it('Figure 13: simultaneous close sequence', () => {
    assertClean(
      lines(
        ...handshake99to299,
        'a: close',
        'b: close',
        'simultaneous',
        '  a -> b: FIN+ACK seq=100 ack=300',
        '  b -> a: FIN+ACK seq=300 ack=100',
        'end',
        'expect a CLOSING, b CLOSING',
        'simultaneous',
        '  a -> b: ACK seq=101 ack=301',
        '  b -> a: ACK seq=301 ack=101',
        'end',
        'expect a TIME-WAIT, b TIME-WAIT',
        'wait 2MSL',
        'expect a CLOSED, b CLOSED',
      ),
    );
  });

  it('the spec example validates clean and ends with the client CLOSED after 2MSL', () => {
    const a = assertClean(
      lines(
        'title Three-way handshake, one request, graceful close',
        '',
        'participant client 10.0.0.1:51000',
        'participant server 10.0.0.2:80 listen',
        '',
        'section Handshake',
        'client -> server: SYN seq=x mss=1460',
        'server -> client: SYN+ACK seq=y ack=x+1 mss=1460',
        'client -> server: ACK seq=x+1 ack=y+1',
        'expect client ESTABLISHED, server ESTABLISHED',
        '',
        'section Request',
        'client -> server: PSH+ACK "GET / HTTP/1.1\\r\\n\\r\\n"',
        'server -> client: ACK',
        '',
        'section Close',
        'client -> server: FIN+ACK',
        'server -> client: ACK',
        'note client: half-closed, can still receive',
        'server -> client: FIN+ACK',
        'client -> server: ACK',
        'expect client TIME-WAIT, server CLOSED',
        'wait 2MSL',
        'expect client CLOSED',
      ),
    );
    assert.equal(a.segments.get(12)!.len, 18);
    assert.deepEqual([...a.symbols.entries()].map(([k, v]) => [k, v.value, v.line + 1]), [
      ['x', 0, 7],
      ['y', 0, 8],
    ]);
    assert.equal(analyze('a -> b: SYN').endpoints.map((e) => e.name).join(), 'a,b');
  });
});

describe('behaviour RFC 9293 leaves open', () => {
  const synFin = ['participant local listen', 'participant remote unchecked', 'remote -> local: SYN+FIN seq=17'];

  it('a SYN+FIN in LISTEN is processed as a SYN (RFC 9293)', () => {
    const a = assertDiagnostics(lines(...synFin, 'local -> remote: SYN+ACK seq=0 ack=18'), ['tcp.unfinished 4:1-38']);
    assert.equal(finalStates(a).split(', ')[0], 'local SYN-RECEIVED');
  });

  it('or dropped, as FreeBSD does with net.inet.tcp.drop_synfin: the next SYN is answered', () => {
    const a = assertDiagnostics(lines(...synFin, 'wait 1s', 'remote -> local: SYN seq=27', 'local -> remote: SYN+ACK seq=0 ack=28'), ['tcp.unfinished 6:1-38']);
    assert.equal(finalStates(a).split(', ')[0], 'local SYN-RECEIVED');
  });

  it('or dropped in SYN-SENT: the endpoint is still SYN-SENT', () => {
    const text = lines('participant local', 'participant remote unchecked', 'local -> remote: SYN', 'remote -> local: SYN+FIN seq=17', 'expect local SYN-SENT');
    assertDiagnostics(text, ['tcp.unfinished 5:1-22']);
  });
});
