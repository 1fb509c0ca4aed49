// Regressions of the text importers on edge cases fuzzing found: a SYN without seq, an ISN at
// the top of the sequence space, a 4-tuple reused by a new connection, impossible addresses and
// ports, and inputs with nothing to import.

import * as assert from 'node:assert/strict';
import { analyze, describeConnection, importInput, importPacketdrill, importTcpdump, listConnections, type ImportResult } from '../../src/core';

/** Lines of `-tt` output; `+N.` stands for N seconds after 1700000000. */
function capture(...rows: string[]): string {
  return rows.map((r) => `${r.replace(/^\+(\d+)\./, (_, s: string) => `${1_700_000_000 + Number(s)}.`)}\n`).join('');
}

function problems(result: ImportResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}: ${d.message}`);
}

function checked(result: ImportResult): string[] {
  return analyze(result.text).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`);
}

function segments(result: ImportResult): string[] {
  return result.text.split('\n').filter((l) => / -[>x] |^wait /.test(l));
}

const NO_SEGMENT =
  "error import.no-connection 0: no TCP segment found: expected tcpdump -n lines such as '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0'";

describe('text importers on edge cases', () => {
  it('reports a SYN+ACK without seq as malformed, with its line, instead of failing', () => {
    const result = importTcpdump(capture('IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], ack 1, length 0'));
    assert.equal(result.text, '');
    assert.deepEqual(problems(result), [
      "error import.malformed 1: a SYN without 'seq': tcpdump always prints the sequence number a SYN carries",
      NO_SEGMENT,
    ]);
  });

  it('imports a capture of one direction only: the silent side is reported where it first shows', () => {
    const result = importTcpdump(
      capture(
        '+0.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
        '+0.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101, ack 501, win 65535, length 0',
      ),
    );
    assert.deepEqual(problems(result), [
      "warning import.missing-syn 1: the server's SYN is not in the capture although its segments are: the server is imported unchecked",
    ]);
  });

  it('takes an ack of 0 after an ISN of 4294967295 as the wrapped ISN+1', () => {
    const result = importTcpdump(
      capture(
        '+1.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
        '+1.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 4294967295, ack 101, win 65535, length 0',
        '+1.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101, ack 0, win 65535, length 0',
        '+1.000300 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 101:106, ack 0, win 65535, length 5',
        '+1.000400 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 0, ack 106, win 65535, length 0',
      ),
    );
    assert.deepEqual(problems(result), []);
    assert.deepEqual(segments(result), [
      'client -> server: SYN seq=0 win=65535',
      'server -> client: SYN+ACK seq=0 ack=1 win=65535',
      'client -> server: ACK seq=1 ack=1 win=65535',
      'client -> server: PSH+ACK seq=1 ack=1 len=5 win=65535',
      'server -> client: ACK seq=1 ack=6 win=65535',
    ]);
    assert.deepEqual(checked(result), []);
  });

  describe('a 4-tuple reused by a new connection after a close', () => {
    const reused = capture(
      '+0.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
      '+0.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 500, ack 101, win 65535, length 0',
      '+0.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 101, ack 501, win 65535, length 0',
      '+0.000300 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 501, ack 101, win 65535, length 0',
      '+0.000400 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 101, ack 502, win 65535, length 0',
      '+0.000500 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 502, ack 102, win 65535, length 0',
      '+200.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 90000, win 65535, length 0',
      '+200.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 7000, ack 90001, win 65535, length 0',
      '+200.000200 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], seq 90001, ack 7001, win 65535, length 0',
    );

    it('lists two connections', () => {
      assert.deepEqual(listConnections(reused).map(describeConnection), [
        '1: 10.0.0.1:40000 > 10.0.0.2:80 (6 segments, from line 1)',
        '2: 10.0.0.1:40000 > 10.0.0.2:80 (3 segments, from line 7)',
      ]);
    });

    it('imports each one clean, the second with its own ISNs', () => {
      const second = importTcpdump(reused, { connection: 2 });
      assert.deepEqual(problems(second), []);
      assert.deepEqual(checked(second), []);
      assert.deepEqual(second.text.split('\n').filter((l) => l.startsWith('participant')), [
        'participant client 10.0.0.1:40000   # ISN 90000',
        'participant server 10.0.0.2:80 listen   # ISN 7000',
      ]);
      assert.deepEqual(segments(second), [
        'client -> server: SYN seq=0 win=65535',
        'server -> client: SYN+ACK seq=0 ack=1 win=65535',
        'client -> server: ACK seq=1 ack=1 win=65535',
      ]);
      assert.deepEqual(checked(importTcpdump(reused, { connection: 1 })), []);
    });

    it('keeps a retransmitted SYN in its connection', () => {
      const again = capture(
        '+0.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
        '+0.000100 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 101, win 0, length 0',
        '+1.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 65535, length 0',
      );
      assert.equal(listConnections(again).length, 1);
    });
  });

  it('reports impossible addresses and ports as malformed, each with its line', () => {
    const result = importTcpdump(
      capture(
        'IP 999.0.0.1.80 > 10.0.0.1.40000: Flags [S], seq 1, win 512, length 0',
        'IP 10.0.0.2.99999999999999999999 > 10.0.0.1.40000: Flags [S], seq 1, win 512, length 0',
        'IP6 gggg::1.80 > ::1.40000: Flags [S], seq 1, win 512, length 0',
        'IP6 1:2:3:4:5:6:7:8:9.80 > ::1.40000: Flags [S], seq 1, win 512, length 0',
        'IP6 1:2::3::4.80 > ::1.40000: Flags [S], seq 1, win 512, length 0',
        'IP 10.0.0.1.40000 > 10.0.0.2.65536: Flags [S], seq 1, win 512, length 0',
      ),
    );
    assert.deepEqual(problems(result), [
      "error import.malformed 1: '999.0.0.1' is not an IPv4 address (four numbers from 0 to 255)",
      'error import.malformed 2: port 99999999999999999999: ports go from 0 to 65535',
      "error import.malformed 3: 'gggg::1' is not an IPv6 address",
      "error import.malformed 4: '1:2:3:4:5:6:7:8:9' is not an IPv6 address",
      "error import.malformed 5: '1:2::3::4' is not an IPv6 address",
      'error import.malformed 6: port 65536: ports go from 0 to 65535',
      NO_SEGMENT,
    ]);
  });

  it('accepts the IPv6 forms that are addresses: ::, IPv4-mapped, zones, eight groups', () => {
    for (const host of ['::', '::ffff:10.0.0.1', 'fe80::1%lo', '1:2:3:4:5:6:7:8', '64:ff9b::192.0.2.1', '1:2:3:4:5:6:1.2.3.4']) {
      const result = importTcpdump(capture(`IP6 ${host}.80 > ::1.40000: Flags [S], seq 1, win 512, length 0`));
      assert.deepEqual(problems(result), [], host);
    }
    for (const host of ['1:2:3:4:5:6:7::1.2.3.4', '::1.2.3.256']) {
      const result = importTcpdump(capture(`IP6 ${host}.80 > ::1.40000: Flags [S], seq 1, win 512, length 0`));
      assert.equal(result.diagnostics[0]?.code, 'import.malformed', host);
    }
  });

  it('refuses an empty packetdrill script the way it refuses an empty capture', () => {
    const expected = [
      "error import.no-connection 0: no packetdrill statement found: expected lines such as '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3' or '+0 < S 0:0(0) win 32792'",
    ];
    assert.deepEqual(problems(importPacketdrill('')), expected);
    assert.deepEqual(problems(importPacketdrill('// only a comment\n\n')), expected);
    const viaRegistry = importInput({ text: '' }, { fileName: 'empty.pkt' });
    assert.ok(viaRegistry.format === 'packetdrill');
    assert.deepEqual([viaRegistry.result.text, problems(viaRegistry.result)], ['', expected]);
    assert.deepEqual(problems(importTcpdump('')), [NO_SEGMENT]);
  });
});
