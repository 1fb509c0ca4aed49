// The tcpdump importer: every form of tcpdump -n text, the exact .tcpflow it becomes, its
// connections, its problems (with input lines), and that no input line is lost.

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, describeConnection, importTcpdump, listConnections, type ImportResult, type TcpdumpOptions } from '../../src/core';
import { finalStates } from './helpers/analysis';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tcpdump');

function capture(...rows: string[]): string {
  return rows.map((r) => `${r}\n`).join('');
}

/** The imported script's lines after the header (which ends with the first blank line). */
function body(result: ImportResult): string[] {
  const all = result.text.split('\n');
  assert.equal(all.pop(), '', 'the script ends with a newline');
  return all.slice(all.indexOf('') + 1);
}

/** The header's participant lines. */
function participants(result: ImportResult): string[] {
  return result.text.split('\n').filter((l) => l.startsWith('participant'));
}

function problems(result: ImportResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}: ${d.message}`);
}

/** Imports and checks: the script's diagnostics (`code line`) and its final states. */
function check(text: string, options?: TcpdumpOptions): { result: ImportResult; diagnostics: string[]; states: string } {
  const result = importTcpdump(text, options);
  const analysis = analyze(result.text);
  return {
    result,
    diagnostics: analysis.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`),
    states: finalStates(analysis),
  };
}

/** A loopback connection as `tcpdump -n -S -tt` prints it: handshake, data both ways, close from the client. */
const ABSOLUTE = capture(
  '1700000000.000100 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [S], seq 1000, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
  '1700000000.000200 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65483, options [mss 65495,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
  '1700000000.000300 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 5001, win 512, options [nop,nop,TS val 3 ecr 2], length 0',
  '1700000000.001300 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [P.], seq 1001:1006, ack 5001, win 512, options [nop,nop,TS val 4 ecr 2], length 5',
  '1700000000.001400 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [.], ack 1006, win 512, options [nop,nop,TS val 5 ecr 4], length 0',
  '1700000000.003400 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [P.], seq 5001:5006, ack 1006, win 512, options [nop,nop,TS val 6 ecr 4], length 5',
  '1700000000.003500 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 5006, win 512, options [nop,nop,TS val 7 ecr 6], length 0',
  '1700000000.103500 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [F.], seq 1006, ack 5006, win 512, options [nop,nop,TS val 8 ecr 6], length 0',
  '1700000000.103800 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [F.], seq 5006, ack 1007, win 512, options [nop,nop,TS val 9 ecr 8], length 0',
  '1700000000.103900 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 5007, win 512, options [nop,nop,TS val 10 ecr 9], length 0',
);

/** The same connection without -S (relative numbers after the handshake) and with clock times. */
const RELATIVE = capture(
  '10:00:00.000100 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [S], seq 1000, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
  '10:00:00.000200 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65483, options [mss 65495,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
  '10:00:00.000300 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 1, win 512, options [nop,nop,TS val 3 ecr 2], length 0',
  '10:00:00.001300 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [P.], seq 1:6, ack 1, win 512, options [nop,nop,TS val 4 ecr 2], length 5',
  '10:00:00.001400 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [.], ack 6, win 512, options [nop,nop,TS val 5 ecr 4], length 0',
  '10:00:00.003400 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [P.], seq 1:6, ack 6, win 512, options [nop,nop,TS val 6 ecr 4], length 5',
  '10:00:00.003500 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 6, win 512, options [nop,nop,TS val 7 ecr 6], length 0',
  '10:00:00.103500 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [F.], seq 6, ack 6, win 512, options [nop,nop,TS val 8 ecr 6], length 0',
  '10:00:00.103800 IP 127.0.0.1.8080 > 127.0.0.1.40000: Flags [F.], seq 6, ack 7, win 512, options [nop,nop,TS val 9 ecr 8], length 0',
  '10:00:00.103900 IP 127.0.0.1.40000 > 127.0.0.1.8080: Flags [.], ack 7, win 512, options [nop,nop,TS val 10 ecr 9], length 0',
);

const EXPECTED_BODY = [
  'client -> server: SYN seq=0 win=65495 mss=65495 wscale=7 sackOK ts=1/0',
  'server -> client: SYN+ACK seq=0 ack=1 win=65483 mss=65495 wscale=7 sackOK ts=2/1',
  'client -> server: ACK ack=1 win=65536 ts=3/2',
  'wait 1ms',
  'client -> server: PSH+ACK seq=1 ack=1 len=5 win=65536 ts=4/2',
  'server -> client: ACK ack=6 win=65536 ts=5/4',
  'wait 2ms',
  'server -> client: PSH+ACK seq=1 ack=6 len=5 win=65536 ts=6/4',
  'client -> server: ACK ack=6 win=65536 ts=7/6',
  'wait 100ms',
  'client -> server: FIN+ACK seq=6 ack=6 win=65536 ts=8/6',
  'wait 1ms',
  'server -> client: FIN+ACK seq=6 ack=7 win=65536 ts=9/8',
  'client -> server: ACK ack=7 win=65536 ts=10/9',
];

/** Each example line shows one way tcpdump prints a SYN from 10.0.0.1:40000 to 10.0.0.2:80. */
function synLine(prefix: string): string {
  return `${prefix}IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 65535, length 0`;
}

describe('importTcpdump', () => {
  describe('a whole capture', () => {
    it('turns a -S -tt capture into exactly this script', () => {
      const { result, diagnostics, states } = check(ABSOLUTE);
      assert.equal(
        result.text,
        capture(
          '# Imported from tcpdump output by tcpflow.',
          '# client and server are the two TCPs of the capture, both checked against RFC 9293.',
          "# Sequence numbers are relative to each side's initial sequence number (ISN), as Wireshark shows them.",
          '# Windows are the advertised value shifted by the window scale of the SYNs (RFC 7323 §2.3).',
          'participant client 127.0.0.1:40000   # ISN 1000',
          'participant server 127.0.0.1:8080 listen   # ISN 5000',
          '',
          ...EXPECTED_BODY,
        ),
      );
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.lineMap, [...Array(7).fill(undefined), 1, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10]);
      assert.deepEqual(diagnostics, []);
      assert.equal(states, 'client TIME-WAIT, server CLOSED');
    });

    it('turns tcpdump’s relative numbers (no -S) into the same script', () => {
      const { result, diagnostics } = check(RELATIVE);
      assert.deepEqual(body(result), EXPECTED_BODY);
      assert.deepEqual(diagnostics, []);
    });

    it('can be told how the numbers were printed', () => {
      assert.deepEqual(body(importTcpdump(ABSOLUTE, { numbers: 'absolute' })), EXPECTED_BODY);
      assert.deepEqual(body(importTcpdump(RELATIVE, { numbers: 'relative' })), EXPECTED_BODY);
      assert.equal(body(importTcpdump(RELATIVE, { numbers: 'absolute' }))[2], 'client -> server: ACK ack=4294962297 win=65536 ts=3/2');
    });

    it('writes the title it is given', () => {
      assert.equal(importTcpdump(ABSOLUTE, { title: 'loopback.txt' }).text.split('\n')[4], 'title loopback.txt');
    });

    it('leaves out the server’s listen when it answers the SYN with a RST', () => {
      const { result, diagnostics, states } = check(
        capture(synLine('12:00:00.000001 '), '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0, length 0'),
      );
      assert.deepEqual(participants(result), ['participant client 10.0.0.1:40000   # ISN 7', 'participant server 10.0.0.2:80']);
      assert.deepEqual(body(result), ['client -> server: SYN seq=0 win=65535', 'server -> client: RST+ACK seq=0 ack=1 win=0']);
      assert.deepEqual(diagnostics, []);
      assert.equal(states, 'client CLOSED, server CLOSED');
    });
  });

  describe('line formats', () => {
    const forms: [string, string][] = [
      ['-t (no time)', ''],
      ['default clock', '12:00:00.000001 '],
      ['-tt epoch', '1700000000.000001 '],
      ['-tttt date and clock', '2024-05-01 12:00:00.000001 '],
      ['-tt --nano', '1700000000.000001234 '],
      ['-i any', '12:00:00.000001 eth0  Out '],
      ['-e link header', '12:00:00.000001 00:00:00:00:00:00 > 00:00:00:00:00:01, ethertype IPv4 (0x0800), length 74: '],
    ];
    for (const [name, prefix] of forms) {
      it(`reads ${name}`, () => {
        const line = prefix.includes('ethertype') ? `${prefix}10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 65535, length 0` : synLine(prefix);
        const result = importTcpdump(capture(line));
        assert.deepEqual(body(result), ['client -> server: SYN seq=0 win=65535']);
        assert.deepEqual(participants(result), ['participant client 10.0.0.1:40000   # ISN 7', 'participant server 10.0.0.2:80']);
      });
    }

    it('reads IPv6 addresses and writes them as [addr]:port', () => {
      const result = importTcpdump(capture('12:00:00.000001 IP6 fe80::1.40000 > 2001:db8::2.443: Flags [S], seq 7, win 65535, length 0'));
      assert.deepEqual(participants(result), ['participant client [fe80::1]:40000   # ISN 7', 'participant server [2001:db8::2]:443']);
    });

    it('reads the two lines of -v output as one segment', () => {
      const result = importTcpdump(
        capture(
          '12:00:00.000001 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)',
          '    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], cksum 0xfe30 (incorrect -> 0x1), seq 7, win 65535, options [mss 1460], length 0',
        ),
      );
      assert.deepEqual(body(result), ['client -> server: SYN seq=0 win=65535 mss=1460']);
      assert.deepEqual(result.lineMap.slice(-1), [1]);
    });

    it('reads every flag letter, and none', () => {
      const flags: [string, string][] = [
        ['S', 'SYN'],
        ['S.', 'SYN+ACK'],
        ['.', 'ACK'],
        ['P.', 'PSH+ACK'],
        ['F.', 'FIN+ACK'],
        ['FP.', 'FIN+PSH+ACK'],
        ['R', 'RST'],
        ['R.', 'RST+ACK'],
        ['U.', 'URG+ACK'],
        ['SEW', 'SYN+ECE+CWR'],
      ];
      for (const [letters, words] of flags) {
        const result = importTcpdump(capture(`IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [${letters}], seq 7, win 1, length 0`));
        assert.equal(/: (\S+) seq=/.exec(body(result)[0])?.[1], words, letters);
      }
      const none = importTcpdump(capture(synLine(''), 'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [none], seq 8, win 1, length 0'));
      assert.deepEqual(problems(none), ['info import.unsupported 2: a segment with no flags: .tcpflow segments carry at least one flag']);
      assert.equal(
        body(none)[1],
        '# tcpdump: IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [none], seq 8, win 1, length 0   (a segment with no flags: .tcpflow segments carry at least one flag)',
      );
    });

    it('keeps SACK blocks, unknown options and tcpdump’s payload decoding in a comment', () => {
      const result = importTcpdump(
        capture(
          synLine(''),
          'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 0, ack 8, win 100, length 0',
          'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 8:13, ack 1, win 100, options [nop,nop,sack 1 {20:30},unknown-99 0x01], length 5: HTTP: GET / HTTP/1.1',
        ),
      );
      assert.equal(body(result)[2], 'client -> server: PSH+ACK seq=1 ack=1 len=5 win=100   # sack 1 {20:30}; unknown-99 0x01; HTTP: GET / HTTP/1.1');
    });
  });

  describe('time', () => {
    it('rounds each time to the millisecond from the first segment, so waits add up exactly', () => {
      const times = ['10:00:00.000000', '10:00:00.000400', '10:00:00.000600', '10:00:00.001400', '10:00:02.001400', '10:00:02.001000'];
      const rows = times.map((t, i) => `${t} IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win ${i}, length 0`);
      const result = importTcpdump(capture(...rows));
      assert.deepEqual(body(result).filter((l) => l.startsWith('wait')), ['wait 1ms', 'wait 2s']);
    });

    it('carries a clock time over midnight', () => {
      const result = importTcpdump(
        capture(
          '23:59:59.999000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 1, length 0',
          '00:00:00.009000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0, length 0',
        ),
      );
      assert.deepEqual(body(result), ['client -> server: SYN seq=0 win=1', 'wait 10ms', 'server -> client: RST+ACK seq=0 ack=1 win=0']);
    });
  });

  describe('connections', () => {
    const TWO = capture(
      synLine('12:00:00.000001 '),
      '12:00:00.000002 IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 9, win 65535, length 0',
      '12:00:00.000003 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0, length 0',
      '12:00:00.000004 IP 10.0.0.2.80 > 10.0.0.1.40001: Flags [S.], seq 100, ack 10, win 65535, length 0',
    );

    it('lists the connections with the SYN sender as client and their segment counts', () => {
      assert.deepEqual(listConnections(TWO), [
        { index: 1, client: '10.0.0.1:40000', server: '10.0.0.2:80', segments: 2, firstLine: 1 },
        { index: 2, client: '10.0.0.1:40001', server: '10.0.0.2:80', segments: 2, firstLine: 2 },
      ]);
      assert.equal(describeConnection(listConnections(TWO)[0]), '1: 10.0.0.1:40000 > 10.0.0.2:80 (2 segments, from line 1)');
    });

    it('takes the client from the SYN+ACK, or from the ports, when the SYN is missing', () => {
      assert.deepEqual(listConnections(capture('IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 1, ack 8, win 1, length 0')), [
        { index: 1, client: '10.0.0.1:40000', server: '10.0.0.2:80', segments: 1, firstLine: 1 },
      ]);
      assert.deepEqual(listConnections(capture('IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 8, win 1, length 0')), [
        { index: 1, client: '10.0.0.1:40000', server: '10.0.0.2:80', segments: 1, firstLine: 1 },
      ]);
    });

    it('refuses to choose among several connections, and lists them', () => {
      const result = importTcpdump(TWO);
      assert.equal(result.text, '');
      assert.deepEqual(problems(result), [
        'error import.choose-connection 0: the capture holds 2 connections; choose one by its number:\n' +
          '  1: 10.0.0.1:40000 > 10.0.0.2:80 (2 segments, from line 1)\n' +
          '  2: 10.0.0.1:40001 > 10.0.0.2:80 (2 segments, from line 2)',
      ]);
    });

    it('imports the chosen connection and says how much it leaves out', () => {
      const result = importTcpdump(TWO, { connection: 2 });
      assert.equal(result.text.split('\n')[3], '# Connection 2 of 2; 2 segments of the other connections are left out.');
      assert.deepEqual(body(result), ['client -> server: SYN seq=0 win=65535', 'server -> client: SYN+ACK seq=0 ack=1 win=65535']);
      assert.deepEqual(result.lineMap.slice(-2), [2, 4]);
    });

    it('reports a connection that does not exist', () => {
      assert.deepEqual(problems(importTcpdump(TWO, { connection: 3 })), [
        'error import.unknown-connection 0: there is no connection 3; the capture holds 2:\n' +
          '  1: 10.0.0.1:40000 > 10.0.0.2:80 (2 segments, from line 1)\n' +
          '  2: 10.0.0.1:40001 > 10.0.0.2:80 (2 segments, from line 2)',
      ]);
    });

    it('reports a text without TCP segments', () => {
      const result = importTcpdump(capture('hello', '12:00:00.000002 IP 10.0.0.1.5353 > 224.0.0.251.5353: UDP, length 5'));
      assert.deepEqual(result, {
        text: '',
        lineMap: [],
        diagnostics: [
          {
            code: 'import.no-connection',
            severity: 'error',
            line: 0,
            message:
              "no TCP segment found: expected tcpdump -n lines such as '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0'",
          },
        ],
      });
    });

    it('drops the second copy of a segment -i any shows going out and coming in', () => {
      const { result, diagnostics } = check(
        capture(
          'lo    Out IP6 ::1.40000 > ::1.8080: Flags [S], seq 10, win 65476, length 0',
          'lo    In  IP6 ::1.40000 > ::1.8080: Flags [S], seq 10, win 65476, length 0',
          'lo    Out IP6 ::1.8080 > ::1.40000: Flags [R.], seq 0, ack 11, win 0, length 0',
        ),
      );
      assert.deepEqual(body(result), [
        'client -> server: SYN seq=0 win=65476',
        '# tcpdump: lo    In  IP6 ::1.40000 > ::1.8080: Flags [S], seq 10, win 65476, length 0   (the segment of the line before, seen again in the other direction)',
        'server -> client: RST+ACK seq=0 ack=1 win=0',
      ]);
      assert.deepEqual(diagnostics, []);
    });
  });

  describe('lines that are not imported', () => {
    it('keeps every other line as a comment with the reason, and reports it with its line', () => {
      const result = importTcpdump(
        capture(
          'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
          'listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
          synLine('12:00:00.000001 '),
          '12:00:00.000002 IP 10.0.0.1.5353 > 224.0.0.251.5353: UDP, length 5',
          '12:00:00.000003 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 1, seq 1, length 64',
          '\t0x0000:  4500 0034 0000 4000 4006 3cc2 7f00 0001  E..4..@.@.<.....',
          '12:00:00.000004 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
          '12:00:00.000005 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R., seq 0',
          '12:00:00.000006 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0',
          '12:00:00.000007 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:3, ack 8, win 0, length 5',
          '12:00:00.000008 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 99999999999, ack 8, win 0, length 0',
          '',
          '2 packets captured',
        ),
      );
      assert.deepEqual(body(result), [
        '# tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
        '# listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
        'client -> server: SYN seq=0 win=65535',
        '# tcpdump: 12:00:00.000002 IP 10.0.0.1.5353 > 224.0.0.251.5353: UDP, length 5   (not a TCP segment (UDP): only TCP is imported)',
        '# tcpdump: 12:00:00.000003 IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 1, seq 1, length 64   (not a TCP segment (ICMP): only TCP is imported)',
        '# tcpdump: 0x0000:  4500 0034 0000 4000 4006 3cc2 7f00 0001  E..4..@.@.<.....   (a hex dump line (-x/-X): payload bytes are not imported)',
        "# tcpdump: 12:00:00.000004 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28   (not an IP packet ('ARP'): only TCP segments are imported)",
        "# tcpdump: 12:00:00.000005 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R., seq 0   ('Flags [' is not closed with ']')",
        "# tcpdump: 12:00:00.000006 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0   (no 'length' field: expected e.g. 'Flags [P.], seq 1:6, ack 1, win 512, length 5')",
        "# tcpdump: 12:00:00.000007 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:3, ack 8, win 0, length 5   ('seq 1:3' covers 2 bytes but the segment has length 5)",
        "# tcpdump: 12:00:00.000008 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 99999999999, ack 8, win 0, length 0   ('seq 99999999999': sequence numbers go from 0 to 4294967295)",
        '',
        '# 2 packets captured',
      ]);
      assert.deepEqual(problems(result), [
        'info import.unsupported 4: not a TCP segment (UDP): only TCP is imported',
        'info import.unsupported 5: not a TCP segment (ICMP): only TCP is imported',
        'info import.unsupported 6: a hex dump line (-x/-X): payload bytes are not imported',
        "info import.unsupported 7: not an IP packet ('ARP'): only TCP segments are imported",
        "error import.malformed 8: 'Flags [' is not closed with ']'",
        "error import.malformed 9: no 'length' field: expected e.g. 'Flags [P.], seq 1:6, ack 1, win 512, length 5'",
        "error import.malformed 10: 'seq 1:3' covers 2 bytes but the segment has length 5",
        "error import.malformed 11: 'seq 99999999999': sequence numbers go from 0 to 4294967295",
      ]);
      assert.deepEqual(result.lineMap.slice(-13), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    });
  });

  describe('what the capture shows about order, loss and probes', () => {
    const HANDSHAKE = [
      '10:00:00.000000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, options [mss 1460], length 0',
      '10:00:00.010000 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [S.], seq 700, ack 101, win 65160, options [mss 1460], length 0',
      '10:00:00.020000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 701, win 64240, length 0',
    ];

    it('delivers a segment late when the receiver answers before it arrives (crossing FINs)', () => {
      const { result, diagnostics, states } = check(
        capture(
          ...HANDSHAKE,
          '10:00:00.300000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [F.], seq 101, ack 701, win 64240, length 0',
          '10:00:00.300010 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [F.], seq 701, ack 101, win 65160, length 0',
          '10:00:00.300020 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 702, win 64240, length 0',
          '10:00:00.310000 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 102, win 65160, length 0',
        ),
      );
      assert.deepEqual(body(result).slice(-7), [
        'wait 280ms',
        'client ~> server: FIN+ACK seq=1 ack=1 win=64240 as seg4',
        'server -> client: FIN+ACK seq=1 ack=1 win=65160',
        'client -> server: ACK ack=2 win=64240',
        'wait 10ms',
        'deliver seg4',
        'server -> client: ACK ack=2 win=65160',
      ]);
      assert.deepEqual(diagnostics, []);
      assert.equal(states, 'client TIME-WAIT, server TIME-WAIT');
    });

    it('loses a segment that is re-sent before it is acknowledged, and marks the re-send', () => {
      const { result, diagnostics } = check(
        capture(
          ...HANDSHAKE,
          '10:00:00.020100 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [P.], seq 101:201, ack 701, win 64240, length 100',
          '10:00:00.230100 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [P.], seq 101:201, ack 701, win 64240, length 100',
          '10:00:00.240000 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 201, win 65160, length 0',
        ),
      );
      assert.deepEqual(body(result).slice(-5), [
        'client -x server: PSH+ACK seq=1 ack=1 len=100 win=64240   # lost: re-sent before it was acknowledged',
        'wait 210ms',
        'client -> server: PSH+ACK seq=1 ack=1 len=100 win=64240 retransmit',
        'wait 10ms',
        'server -> client: ACK ack=101 win=65160',
      ]);
      assert.deepEqual(diagnostics, []);
    });

    it('recognises a keep-alive probe by its silence, repeated ack and answer, and infers the idle time', () => {
      const { result, diagnostics, states } = check(
        capture(
          ...HANDSHAKE,
          '10:00:45.020500 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 701, win 64240, length 0',
          '10:00:45.020600 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 101, win 65160, length 0',
        ),
      );
      assert.deepEqual(participants(result), [
        'participant client 10.0.0.1:51000 keepalive=45s   # ISN 100',
        'participant server 10.0.0.2:80 listen   # ISN 700',
      ]);
      assert.deepEqual(body(result).slice(-3), [
        'wait 45001ms',
        'client -> server: ACK ack=1 win=64240 keepalive',
        'server -> client: ACK ack=1 win=65160',
      ]);
      assert.deepEqual(diagnostics, []);
      assert.equal(states, 'client ESTABLISHED, server ESTABLISHED');
    });

    it('does not take a window update or a quick ACK for a probe', () => {
      const result = importTcpdump(
        capture(
          ...HANDSHAKE,
          '10:00:05.000000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 701, win 1000, length 0',
          '10:00:05.000100 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 701, win 1000, length 0',
        ),
      );
      assert.ok(!result.text.includes('keepalive'), result.text);
    });

    it('recognises a probe with its seq shown (-vv) and a zero-window probe', () => {
      const result = importTcpdump(
        capture(
          ...HANDSHAKE,
          '10:00:00.030000 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 101, win 0, length 0',
          '10:00:00.330000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], seq 100, ack 701, win 64240, length 0',
        ),
      );
      assert.deepEqual(body(result).slice(-1), ['client -> server: ACK seq=0 ack=1 win=64240 keepalive   # zero-window probe']);
      assert.deepEqual(participants(result)[0], 'participant client 10.0.0.1:51000   # ISN 100');
    });
  });

  describe('captures that miss segments', () => {
    const HANDSHAKE = [
      '10:00:00.000000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
      '10:00:00.000100 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [S.], seq 700, ack 101, win 65160, length 0',
      '10:00:00.000200 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [.], ack 701, win 64240, length 0',
      '10:00:00.000300 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [P.], seq 101:201, ack 701, win 64240, length 100',
    ];

    it('synthesizes the bytes a sender’s numbers jump over, and warns', () => {
      const { result, diagnostics } = check(
        capture(
          ...HANDSHAKE,
          '10:00:00.000400 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 401, win 65160, length 0',
          '10:00:00.000500 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [P.], seq 401:501, ack 701, win 64240, length 100',
          '10:00:00.000600 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 501, win 65160, length 0',
        ),
      );
      assert.deepEqual(body(result).slice(-5), [
        'client -> server: ACK seq=101 ack=1 len=200   # not in the capture: synthesized for the 200 bytes the capture misses',
        'server -> client: ACK ack=301 win=65160',
        'wait 1ms',
        'client -> server: PSH+ACK seq=301 ack=1 len=100 win=64240',
        'server -> client: ACK ack=401 win=65160',
      ]);
      assert.deepEqual(problems(result), [
        'warning import.capture-gap 5: the capture misses 200 bytes the client sent (tcpdump dropped packets?): a segment is synthesized for them',
      ]);
      assert.deepEqual(result.lineMap.slice(-5), [5, 5, 6, 6, 7]);
      assert.deepEqual(diagnostics, []);
    });

    it('leaves an acknowledgment of data never sent to the check when the sender does not go on from there', () => {
      const { result, diagnostics } = check(
        capture(...HANDSHAKE, '10:00:00.000400 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [.], ack 401, win 65160, length 0'),
      );
      assert.deepEqual(problems(result), []);
      assert.deepEqual(diagnostics.map((d) => d.split(':')[0]), ['tcp.bad-ack 11']);
    });
  });

  describe('captures that start late', () => {
    it('synthesizes the handshake when the capture starts after it, so both sides stay checked', () => {
      const { result, diagnostics, states } = check(
        capture(
          '10:00:00.000000 IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 3000:3100, ack 9000, win 500, length 100',
          '10:00:00.020000 IP 10.0.0.2.443 > 10.0.0.1.51000: Flags [.], ack 100, win 300, length 0',
          '10:00:00.030000 IP 10.0.0.2.443 > 10.0.0.1.51000: Flags [F.], seq 1, ack 100, win 300, length 0',
          '10:00:00.030100 IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [F.], seq 100, ack 2, win 500, length 0',
          '10:00:00.040000 IP 10.0.0.2.443 > 10.0.0.1.51000: Flags [.], ack 101, win 300, length 0',
        ),
      );
      assert.equal(
        result.text,
        capture(
          '# Imported from tcpdump output by tcpflow.',
          '# client and server are the two TCPs of the capture, both checked against RFC 9293.',
          "# Sequence numbers are relative to each side's initial sequence number (ISN), as Wireshark shows them.",
          '# The capture starts after the handshake: windows are left out, as their scale is unknown.',
          '# The capture does not show which side opened the connection: the side with the higher port is taken as the client.',
          'participant client 10.0.0.1:51000   # ISN not in the capture',
          'participant server 10.0.0.2:443 listen   # ISN not in the capture',
          '',
          'section Before the capture',
          '# Synthesized: the capture starts after the handshake. These three segments are not in it;',
          '# they bring both sides to ESTABLISHED with the sequence numbers the capture continues from.',
          'client -> server: SYN seq=0',
          'server -> client: SYN+ACK seq=0 ack=1',
          'client -> server: ACK seq=1 ack=1',
          'section Capture',
          'client -> server: PSH+ACK seq=1 ack=1 len=100',
          'wait 20ms',
          'server -> client: ACK ack=101',
          'wait 10ms',
          'server -> client: FIN+ACK seq=1 ack=101',
          'client -> server: FIN+ACK seq=101 ack=2',
          'wait 10ms',
          'server -> client: ACK ack=102',
        ),
      );
      assert.deepEqual(problems(result), [
        'warning import.mid-connection 1: the capture starts after the handshake: a handshake is synthesized so that both sides start ESTABLISHED at the numbers the capture shows',
      ]);
      assert.deepEqual(diagnostics, []);
      assert.equal(states, 'client CLOSED, server TIME-WAIT');
    });

    it('makes a side unchecked when only its SYN is missing, and says so', () => {
      const result = importTcpdump(
        capture(
          '10:00:00.000000 IP 10.0.0.1.51000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
          '10:00:00.030000 IP 10.0.0.2.80 > 10.0.0.1.51000: Flags [P.], seq 701:711, ack 101, win 65160, length 10',
        ),
      );
      assert.deepEqual(participants(result), [
        'participant client 10.0.0.1:51000   # ISN 100',
        'participant server 10.0.0.2:80 unchecked   # its SYN is not in the capture: what it sends is not checked',
      ]);
      assert.deepEqual(body(result).slice(-1), ['server -> client: PSH+ACK seq=1 ack=1 len=10 win=65160']);
      assert.deepEqual(problems(result), [
        "warning import.missing-syn 2: the server's SYN is not in the capture although its segments are: the server is imported unchecked",
      ]);
    });
  });

  describe('nothing is lost', () => {
    it('maps every input line to a line of the script, but the second line of a -v segment', () => {
      const text = capture(
        'listening on lo',
        '12:00:00.000001 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)',
        '    10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 65535, length 0',
        '',
        'garbage',
        synLine('12:00:00.000002 '),
      );
      const result = importTcpdump(text);
      assert.deepEqual(result.lineMap.filter((l) => l !== undefined), [1, 2, 4, 5, 6]);
    });
  });

  describe('the fixtures (test/fixtures/tcpdump, captured from Linux on loopback)', () => {
    const STATES: Record<string, string> = {
      'any-ipv6.txt': 'client TIME-WAIT, server CLOSED',
      'half-close.txt': 'client TIME-WAIT, server CLOSED',
      'keepalive.txt': 'client ESTABLISHED, server ESTABLISHED',
      'loopback-close.txt': 'client TIME-WAIT, server CLOSED',
      'relative-numbers.txt': 'client TIME-WAIT, server CLOSED',
      'reset.txt': 'client CLOSED, server CLOSED',
    };
    const files = readdirSync(FIXTURES).sort();

    it('has every fixture listed', () => {
      assert.deepEqual(files, Object.keys(STATES).sort());
    });

    for (const file of files) {
      it(`${file}: validates clean and maps every line`, () => {
        const text = readFileSync(join(FIXTURES, file), 'utf8');
        const { result, diagnostics, states } = check(text);
        assert.deepEqual(result.diagnostics, []);
        assert.deepEqual(diagnostics, []);
        assert.equal(states, STATES[file]);
        const inputLines = text.split('\n').length - 1;
        assert.deepEqual([...new Set(result.lineMap.filter((l) => l !== undefined))], Array.from({ length: inputLines }, (_, i) => i + 1));
      });
    }
  });
});
