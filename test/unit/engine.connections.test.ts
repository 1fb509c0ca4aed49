// Many connections: a participant is a host, a listener keeps accepting, ports and name(peer)
// say which connection a line means. Every diagnostic list is asserted whole.

import * as assert from 'node:assert/strict';
import { analyze, endAfterStep } from '../../src/core/index';
import { assertClean, assertDiagnostics, messageOf } from './helpers/analysis';
import { lines } from './helpers/lines';

const twoClients = ['participant alice isn=1000', 'participant bob isn=5000', 'participant server listen isn=300'];

function finalEnds(text: string): string {
  const a = analyze(text);
  const last = a.timeline.length - 1;
  return (a.connections ?? []).map((c, i) => `${c.label} ${endAfterStep(a, last, i)?.state}`).join(', ');
}

describe('engine: many connections', () => {
  it('a server with two interleaved clients: each SYN from a new peer finds a new LISTEN', () => {
    const text = lines(
      ...twoClients,
      'alice -> server: SYN',
      'server -> alice: SYN+ACK',
      'bob -> server: SYN',
      'server -> bob: SYN+ACK',
      'expect server(alice) SYN-RECEIVED, server(bob) SYN-RECEIVED',
      'bob -> server: ACK',
      'alice -> server: ACK',
      'alice -> server: PSH+ACK "a"',
      'bob -> server: PSH+ACK "bb"',
      'server -> bob: ACK ack=5003',
      'server -> alice: ACK ack=1002',
      'expect server(alice) ESTABLISHED, server(bob) ESTABLISHED',
    );
    const a = assertClean(text);
    assert.equal(finalEnds(text), 'alice↔server ESTABLISHED, bob↔server ESTABLISHED, server↔alice ESTABLISHED, server↔bob ESTABLISHED');
    // Each connection reads in its own numbers: both SYN+ACKs carry the server's isn.
    assert.equal(a.segments.get(4)!.seq, 300);
    assert.equal(a.segments.get(6)!.seq, 300);
    assert.equal(a.segments.get(6)!.ack, 5001);
    assert.deepEqual([a.segments.get(6)!.srcEnd, a.segments.get(6)!.dstEnd], [3, 1]);
  });

  it('before, the second client was a cascade; a script with one connection per pair is unchanged', () => {
    // The same two-client opening now checks clean, and the single-connection analysis carries no connection list.
    assertClean(lines(...twoClients, 'alice -> server: SYN', 'server -> alice: SYN+ACK', 'bob -> server: SYN', 'server -> bob: SYN+ACK', 'alice -> server: ACK', 'bob -> server: ACK'));
    const one = assertClean(lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'));
    assert.equal(one.connections, undefined);
    assert.equal(one.timeline[0].endUpdates, undefined);
  });

  it('a proxy: accepts from the client, connects to the server', () => {
    const text = lines(
      'participant client isn=100',
      'participant proxy listen isn=700',
      'participant server listen isn=900',
      'client -> proxy: SYN',
      'proxy -> client: SYN+ACK',
      'client -> proxy: ACK',
      'client -> proxy: PSH+ACK "GET /"',
      'proxy -> client: ACK',
      'proxy: connect',
      'proxy -> server: SYN',
      'server -> proxy: SYN+ACK',
      'proxy -> server: ACK',
      'proxy -> server: PSH+ACK "GET /"',
      'server -> proxy: PSH+ACK "200"',
      'proxy -> server: ACK',
      'proxy -> client: PSH+ACK "200"',
      'client -> proxy: ACK',
      'expect proxy(client) ESTABLISHED, proxy(server) ESTABLISHED',
      'expect proxy ESTABLISHED',
    );
    assertDiagnostics(text, ['endpoint.ambiguous 19:8-13']);
    assert.equal(analyze(text).diagnostics[0].severity, 'hint');
    assert.equal(messageOf(text, 'endpoint.ambiguous'), "proxy has 2 connections here: 'proxy' means the first, proxy(client) (the others: proxy(server))");
    assert.deepEqual(analyze(text).diagnostics[0].data, { replace: { range: { start: { line: 18, character: 7 }, end: { line: 18, character: 12 } }, text: 'proxy(client)' } });
    // The proxy's SYN to the server starts with its own isn, not the client connection's numbers.
    assert.equal(analyze(text).segments.get(9)!.seq, 700);
  });

  it('two connections from one client on two ports', () => {
    const text = lines(
      'participant client 10.0.0.1',
      'participant server 10.0.0.2:80 listen',
      'client:51000 -> server: SYN',
      'server -> client:51000: SYN+ACK',
      'client:51001 -> server: SYN',
      'server -> client:51001: SYN+ACK',
      'client:51000 -> server: ACK',
      'client:51001 -> server: ACK',
      'client:51001 -> server: PSH+ACK "b"',
      'server -> client:51001: ACK ack=2',
      'expect client:51000(server) ESTABLISHED, client:51001(server) ESTABLISHED',
      'client -> server: PSH+ACK "x"',
    );
    assertDiagnostics(text, ['endpoint.ambiguous 12:1-7']);
    assert.equal(messageOf(text, 'endpoint.ambiguous'), "client has 2 connections here: 'client' means the first, client:51000 (the others: client:51001)");
    assert.equal(finalEnds(text), 'client:51000↔server:80 ESTABLISHED, server:80↔client:51000 ESTABLISHED, client:51001↔server:80 ESTABLISHED, server:80↔client:51001 ESTABLISHED');
    // The written port keeps the numbers apart: the second connection's server ACK is judged on its own bytes.
    assertDiagnostics(text.replace('ack=2', 'ack=5'), ['tcp.bad-ack 10:33-34', 'endpoint.ambiguous 12:1-7']);
  });

  it('a listener keeps accepting after a connection is reset', () => {
    const text = lines(
      'participant alice',
      'participant bob isn=50',
      'participant server listen',
      'alice -> server: SYN',
      'server -> alice: SYN+ACK',
      'alice -> server: RST seq=1',
      'expect server(alice) LISTEN',
      'bob -> server: SYN',
      'server -> bob: SYN+ACK',
      'bob -> server: ACK',
      'expect server(bob) ESTABLISHED, bob ESTABLISHED',
    );
    assertClean(text);
    assert.equal(finalEnds(text), 'alice↔server CLOSED, bob↔server ESTABLISHED, server↔alice LISTEN, server↔bob ESTABLISHED');
  });

  it('a host that does not listen has no LISTEN for a second peer: its SYN+ACK is not a listener\'s', () => {
    const opening = ['participant a', 'participant b', 'participant s', 's: listen', 'a -> s: SYN', 's -> a: SYN+ACK', 'a -> s: ACK', 'b -> s: SYN', 's -> b: SYN+ACK', 'b -> s: ACK'];
    // `s: listen` makes s a listener: b's SYN finds LISTEN too.
    assertClean(lines(...opening));
    // Without it, s is CLOSED on both connections.
    assertDiagnostics(lines(...opening.filter((l) => l !== 's: listen')), ['tcp.not-listening 5:9-16', 'tcp.not-listening 8:9-16']);
  });

  it("a wrong ack that uses another connection's numbers", () => {
    const text = lines(...twoClients, 'alice -> server: SYN', 'server -> alice: SYN+ACK', 'bob -> server: SYN', 'server -> bob: SYN+ACK ack=1001', 'bob -> server: ACK', 'alice -> server: ACK', 'expect server(bob) ESTABLISHED, server(alice) ESTABLISHED');
    assertDiagnostics(text, ['tcp.bad-ack 7:28-32']);
    assert.equal(messageOf(text, 'tcp.bad-ack'), "ack=1001 but bob's SYN (line 6) used seq 5000: expected ack=5001");
  });

  it('expectations on the wrong connection', () => {
    const text = lines(
      'participant alice',
      'participant bob',
      'participant server listen',
      'alice -> server: SYN',
      'server -> alice: SYN+ACK',
      'alice -> server: ACK',
      'bob -> server: SYN',
      'server -> bob: SYN+ACK',
      'expect server(alice) SYN-RECEIVED, server(bob) ESTABLISHED',
      'bob -> server: ACK',
      'expect server(bob) ESTABLISHED',
    );
    // Two wrong states on one line are one mistake: one diagnostic, naming each connection and the line that set it.
    assertDiagnostics(text, ['tcp.expect-failed 9:22-59']);
    const [failed] = analyze(text).diagnostics;
    assert.equal(failed.message, 'server(alice) is ESTABLISHED here, not SYN-RECEIVED: line 6 made it ESTABLISHED; server(bob) is SYN-RECEIVED here, not ESTABLISHED: line 7 made it SYN-RECEIVED');
    assert.deepEqual(failed.data?.replace?.text, 'ESTABLISHED, server(bob) SYN-RECEIVED');
    // A bare name means the first connection, with a hint that offers the explicit form.
    assertDiagnostics(lines(...text.split('\n').slice(0, 8), 'expect server SYN-RECEIVED'), ['tcp.reply-missing 8:1-23', 'endpoint.ambiguous 9:8-14', 'tcp.expect-failed 9:15-27']);
  });

  it('calls name a connection: server(bob): close closes only that one; a crash ends them all', () => {
    const hs = [...twoClients, 'alice -> server: SYN', 'server -> alice: SYN+ACK', 'alice -> server: ACK', 'bob -> server: SYN', 'server -> bob: SYN+ACK', 'bob -> server: ACK'];
    assertClean(lines(...hs, 'server(bob): close', 'server -> bob: FIN+ACK', 'bob -> server: ACK', 'expect server(bob) FIN-WAIT-2, server(alice) ESTABLISHED'));
    // A bare `server: close` closes its first connection, alice's: the FIN it then owes alice never comes.
    assertDiagnostics(lines(...hs, 'server: close', 'server -> bob: FIN+ACK', 'bob -> server: ACK'), ['endpoint.ambiguous 10:1-7', 'tcp.reply-missing 10:1-14']);
    assert.equal(finalEnds(lines(...hs, 'server: crash')), 'alice↔server ESTABLISHED, bob↔server ESTABLISHED, server↔alice CLOSED, server↔bob CLOSED');
  });

  it('the peer in name(peer) must be a participant; a port is 0 to 65535', () => {
    assertDiagnostics(lines(...twoClients, 'expect server(carol) LISTEN'), ['endpoint.unknown 4:15-20']);
    assertDiagnostics(lines(...twoClients, 'alice:70000 -> server: SYN'), ['syntax.bad-number 4:7-12']);
  });
});
