// The packetdrill importer: every construct of a packetdrill script, the exact .tcpflow it
// becomes, the problems it reports (with input lines), and that no input line is lost.

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, importPacketdrill, type ImportResult } from '../../src/core';
import { finalStates } from './helpers/analysis';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'packetdrill');

/** Input lines, each ended by a newline. */
function pkt(...rows: string[]): string {
  return rows.map((r) => `${r}\n`).join('');
}

const HEADER = [
  '# Imported from a packetdrill script by tcpflow.',
  '# local: the TCP under test, checked against RFC 9293.',
  '# remote: the peer the script plays, a packet injector (unchecked).',
  'participant local',
  'participant remote unchecked',
  '',
];

/** The imported script's lines after the header. */
function body(result: ImportResult): string[] {
  const all = result.text.split('\n');
  assert.equal(all.pop(), '', 'the script ends with a newline');
  const start = all.indexOf('') + 1;
  return all.slice(start);
}

/** `code line: message` of the import problems. */
function problems(result: ImportResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}: ${d.message}`);
}

/** `code line` of the imported script's own diagnostics. */
function checked(result: ImportResult): string[] {
  return analyze(result.text).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`);
}

/** The segment line a one-packet script becomes. */
function segmentOf(packet: string): string {
  const lines = body(importPacketdrill(pkt(packet))).filter((l) => l.includes(': '));
  assert.equal(lines.length, 1, lines.join('\n'));
  return lines[0];
}

const LISTEN = ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', '+0 bind(3, ..., ...) = 0', '+0 listen(3, 1) = 0'];
const PASSIVE_OPEN = [
  ...LISTEN,
  '+0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>',
  '+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>',
  '+.1 < . 1:1(0) ack 1 win 257',
  '+0 accept(3, ..., ...) = 4',
];

describe('importPacketdrill', () => {
  describe('a whole script', () => {
    it('turns a passive open into exactly this script', () => {
      const result = importPacketdrill(pkt(...PASSIVE_OPEN));
      assert.equal(
        result.text,
        pkt(
          ...HEADER,
          '# 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '# +0 bind(3, ..., ...) = 0',
          'local: listen   # +0 listen(3, 1) = 0',
          'remote -> local: SYN seq=0 win=32792 mss=1000 wscale=7 sackOK',
          'local -> remote: SYN+ACK seq=0 ack=1 mss=1460 wscale=8 sackOK',
          'wait 100ms',
          'remote -> local: ACK seq=1 ack=1 win=32896',
          '# +0 accept(3, ..., ...) = 4',
        ),
      );
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.lineMap, [undefined, undefined, undefined, undefined, undefined, undefined, 1, 2, 3, 4, 5, 6, 6, 7]);
      assert.deepEqual(checked(result), []);
      assert.equal(finalStates(analyze(result.text)), 'local ESTABLISHED, remote ESTABLISHED');
    });

    it('writes the title and the participant names it is given', () => {
      const result = importPacketdrill(pkt('0 < S 0:0(0)'), { title: 'syn.pkt', localName: 'kernel', remoteName: 'peer' });
      assert.deepEqual(result.text.split('\n').slice(0, 7), [
        '# Imported from a packetdrill script by tcpflow.',
        '# kernel: the TCP under test, checked against RFC 9293.',
        '# peer: the peer the script plays, a packet injector (unchecked).',
        'title syn.pkt',
        'participant kernel',
        'participant peer unchecked',
        '',
      ]);
      assert.deepEqual(body(result), ['peer -> kernel: SYN seq=0']);
    });

    it('makes the remote a listener when its first segment is a SYN+ACK (the kernel connects)', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>',
          '+.01 < S. 0:0(0) ack 1 win 5792 <mss 1460,sackOK,TS val 700 ecr 100,nop,wscale 7>',
          '+0 > . 1:1(0) ack 1 <nop,nop,TS val 200 ecr 700>',
        ),
      );
      assert.equal(result.text.split('\n')[4], 'participant remote unchecked listen');
      assert.deepEqual(body(result), [
        '# 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        'local: connect   # +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
        'local -> remote: SYN seq=0 mss=1460 wscale=8 sackOK ts=100/0',
        'wait 10ms',
        'remote -> local: SYN+ACK seq=0 ack=1 win=5792 mss=1460 wscale=7 sackOK ts=700/100',
        'local -> remote: ACK seq=1 ack=1 ts=200/700',
      ]);
      assert.deepEqual(checked(result), []);
      assert.equal(finalStates(analyze(result.text)), 'local ESTABLISHED, remote ESTABLISHED');
    });
  });

  describe('packets', () => {
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
      ['S.E', 'SYN+ECE+ACK'],
    ];
    for (const [letters, words] of flags) {
      it(`reads the flags ${letters} as ${words}`, () => {
        assert.equal(segmentOf(`0 > ${letters} 0:0(0)`), `local -> remote: ${words} seq=0`);
      });
    }

    it('sends < from the remote to the local kernel and > the other way', () => {
      assert.equal(segmentOf('0 < S 0:0(0)'), 'remote -> local: SYN seq=0');
      assert.equal(segmentOf('0 > S 0:0(0)'), 'local -> remote: SYN seq=0');
    });

    it('reads start:end(length) as seq and len, and ack, win and urg', () => {
      assert.equal(segmentOf('0 < P. 1:1001(1000) ack 1 win 257'), 'remote -> local: PSH+ACK seq=1 ack=1 len=1000 win=257');
      assert.equal(segmentOf('0 < U. 1:2(1) ack 1 urg 1'), 'remote -> local: URG+ACK seq=1 ack=1 len=1 urg=1');
    });

    it('reads the options .tcpflow has fields for and keeps the others in a comment', () => {
      assert.equal(
        segmentOf('0 < S 0:0(0) win 65535 <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7,eol>'),
        'remote -> local: SYN seq=0 win=65535 mss=1460 wscale=7 sackOK ts=100/0',
      );
      assert.equal(
        segmentOf('0 < . 1:1(0) ack 1 <nop,nop,sack 1001:2001 3001:4001,FO abcd>'),
        'remote -> local: ACK seq=1 ack=1   # sack 1001:2001 3001:4001; FO abcd',
      );
      assert.equal(segmentOf('0 > S. 0:0(0) ack 1 <...>'), 'local -> remote: SYN+ACK seq=0 ack=1   # ...');
    });

    it('keeps IP-level marks (ECN, TOS, encapsulation) in a comment', () => {
      assert.equal(segmentOf('0 < [ect0] S 0:0(0)'), 'remote -> local: SYN seq=0   # [ect0]');
      assert.equal(segmentOf('0 < (tos 0x10) S 0:0(0)'), 'remote -> local: SYN seq=0   # (tos 0x10)');
      assert.equal(segmentOf('0 > encap psp spi 23 P. 0:10(10)'), 'local -> remote: PSH+ACK seq=0 len=10   # encap psp spi 23');
    });

    it('keeps an option whose value is a name defined on the command line in a comment', () => {
      assert.equal(segmentOf('0 > S. 0:0(0) ack 1 <mss MSS,nop,wscale 8>'), 'local -> remote: SYN+ACK seq=0 ack=1 wscale=8   # mss MSS');
    });

    it('keeps an ack written without the ACK flag in a comment', () => {
      assert.equal(segmentOf('0 < S 0:0(0) ack 7'), 'remote -> local: SYN seq=0   # ack 7 without the ACK flag');
    });

    it('writes absolute numbers: SYNs as written, the rest relative to each side’s ISN', () => {
      const result = importPacketdrill(
        pkt(
          ...LISTEN,
          '+0 < S 1000:1000(0) win 32792',
          '+0 > S. 5000:5000(0) ack 1001',
          '+0 < . 1:1(0) ack 1 win 32792',
          '+0 accept(3, ..., ...) = 4',
          '+0 < P. 1:11(10) ack 1 win 32792',
          '+0 > . 1:1(0) ack 11',
          '+0 > P. 1:21(20) ack 11',
        ),
      );
      assert.deepEqual(body(result).filter((l) => l.includes('->')), [
        'remote -> local: SYN seq=1000 win=32792',
        'local -> remote: SYN+ACK seq=5000 ack=1001',
        'remote -> local: ACK seq=1001 ack=5001 win=32792',
        'remote -> local: PSH+ACK seq=1001 ack=5001 len=10 win=32792',
        'local -> remote: ACK seq=5001 ack=1011',
        'local -> remote: PSH+ACK seq=5001 ack=1011 len=20',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('counts relative numbers from the first SYN of each side: a later SYN does not re-base them', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 0:0(0) win 65535',
          '+.1 < S. 0:0(0) ack 1 win 32767',
          '+0 > . 1:1(0) ack 1 win 65535',
          '+.1 < S 65701:65701(0) win 32767',
          '+0 > . 1:1(0) ack 1 win 65535',
          '+0 close(3) = 0',
          '+0 > F. 1:1(0) ack 1 win 65535',
          '+0 < F. 1:1(0) ack 2 win 32767',
          '+0 > . 2:2(0) ack 2 win 65535',
        ),
      );
      assert.deepEqual(body(result).filter((l) => l.includes('->')), [
        'local -> remote: SYN seq=0 win=65535',
        'remote -> local: SYN+ACK seq=0 ack=1 win=32767',
        'local -> remote: ACK seq=1 ack=1 win=65535',
        'remote -> local: SYN seq=65701 win=32767',
        'local -> remote: ACK seq=1 ack=1 win=65535',
        'local -> remote: FIN+ACK seq=1 ack=1 win=65535',
        // Marked because it lies below the SYN's 65701, as a re-send would: the injector is not checked.
        'remote -> local: FIN+ACK seq=1 ack=2 win=32767 retransmit',
        'local -> remote: ACK seq=2 ack=2 win=65535',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('takes no base from the peer’s SYN in a simultaneous open (packetdrill counts from 0 then)', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 100:100(0)',
          '+0 < S 500:500(0)',
          '+0 > S. 100:100(0) ack 501',
          '+0 < . 501:501(0) ack 1',
        ),
      );
      assert.deepEqual(body(result).filter((l) => l.includes('->')), [
        'local -> remote: SYN seq=100',
        'remote -> local: SYN seq=500',
        'local -> remote: SYN+ACK seq=100 ack=501 retransmit',
        'remote -> local: ACK seq=501 ack=101',
      ]);
    });

    it('shifts windows by the scale both SYNs announced, but never a SYN’s', () => {
      const result = importPacketdrill(
        pkt(
          ...LISTEN,
          '+0 < S 0:0(0) win 1000 <wscale 2>',
          '+0 > S. 0:0(0) ack 1 win 2000 <wscale 3>',
          '+0 < . 1:1(0) ack 1 win 10',
          '+0 > . 1:1(0) ack 1 win 10',
        ),
      );
      assert.deepEqual(body(result).filter((l) => l.includes('->')), [
        'remote -> local: SYN seq=0 win=1000 wscale=2',
        'local -> remote: SYN+ACK seq=0 ack=1 win=2000 wscale=3',
        'remote -> local: ACK seq=1 ack=1 win=40',
        'local -> remote: ACK seq=1 ack=1 win=80',
      ]);
    });

    it('leaves windows unscaled when only one SYN had the option', () => {
      const result = importPacketdrill(pkt(...LISTEN, '+0 < S 0:0(0) win 1000 <wscale 2>', '+0 > S. 0:0(0) ack 1', '+0 < . 1:1(0) ack 1 win 10'));
      assert.equal(body(result).at(-1), 'remote -> local: ACK seq=1 ack=1 win=10');
    });

    it('marks re-sent sequence space as retransmit', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 0:0(0)',
          '+1 > S 0:0(0)',
          '+0 < S. 0:0(0) ack 1 win 5792',
          '+0 > . 1:1(0) ack 1',
          '+0 write(3, ..., 10) = 10',
          '+0 > P. 1:11(10) ack 1',
          '+.3 > P. 1:11(10) ack 1',
          '+0 < . 1:1(0) ack 11 win 5792',
          '+0 close(3) = 0',
          '+0 > F. 11:11(0) ack 1',
          '+.3 > F. 11:11(0) ack 1',
        ),
      );
      assert.deepEqual(body(result).filter((l) => l.startsWith('local ->')), [
        'local -> remote: SYN seq=0',
        'local -> remote: SYN seq=0 retransmit',
        'local -> remote: ACK seq=1 ack=1',
        'local -> remote: PSH+ACK seq=1 ack=1 len=10',
        'local -> remote: PSH+ACK seq=1 ack=1 len=10 retransmit',
        'local -> remote: FIN+ACK seq=11 ack=1',
        'local -> remote: FIN+ACK seq=11 ack=1 retransmit',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('marks a probe at SND.NXT − 1 as keepalive, and a probe of a zero window as such', () => {
      const result = importPacketdrill(
        pkt(
          ...PASSIVE_OPEN,
          '+2 > . 0:0(0) ack 1',
          '+0 < . 1:1(0) ack 1 win 0',
          '+.3 > . 0:0(0) ack 1',
        ),
      );
      assert.deepEqual(body(result).slice(-5), [
        'wait 2s',
        'local -> remote: ACK seq=0 ack=1 keepalive',
        'remote -> local: ACK seq=1 ack=1 win=0',
        'wait 300ms',
        'local -> remote: ACK seq=0 ack=1 keepalive   # zero-window probe',
      ]);
    });

    it('gives the local endpoint the keep-alive time set with TCP_KEEPIDLE', () => {
      const result = importPacketdrill(
        pkt(...PASSIVE_OPEN, '+0 setsockopt(4, SOL_TCP, TCP_KEEPIDLE, [5], 4) = 0', '+5 > . 0:0(0) ack 1', '+0 < . 1:1(0) ack 1 win 257'),
      );
      assert.equal(result.text.split('\n')[3], 'participant local keepalive=5s');
      assert.deepEqual(checked(result), []);
    });

    it('infers the keep-alive time from the first probe when the script does not set it', () => {
      const result = importPacketdrill(pkt(...PASSIVE_OPEN, '+75 > . 0:0(0) ack 1', '+0 < . 1:1(0) ack 1 win 257'));
      assert.equal(result.text.split('\n')[3], 'participant local keepalive=75s');
      assert.deepEqual(checked(result), []);
    });
  });

  describe('time', () => {
    it('turns relative, absolute, any-time, ranged and blocking times into wait lines', () => {
      const result = importPacketdrill(
        pkt(
          '0 < S 0:0(0)',
          '+.1 < S 0:0(0)',
          '0.300 < S 0:0(0)',
          '* < S 0:0(0)',
          '+0.0005 < S 0:0(0)',
          '1.0~1.5 < S 0:0(0)',
          '+2...2.5 < S 0:0(0)',
          '+1 < S 0:0(0)',
          '0.5 < S 0:0(0)',
        ),
      );
      assert.deepEqual(
        body(result).filter((l) => l.startsWith('wait')),
        ['wait 100ms', 'wait 200ms', 'wait 0.5ms', 'wait 699.5ms', 'wait 2s', 'wait 1s'],
      );
      assert.deepEqual(result.lineMap.filter((_, i) => result.text.split('\n')[i].startsWith('wait')), [2, 3, 5, 6, 7, 8]);
    });
  });

  describe('system calls', () => {
    it('turns listen, connect, close and shutdown(SHUT_WR) into calls, with the syscall as a comment', () => {
      const result = importPacketdrill(
        pkt(
          ...PASSIVE_OPEN,
          '+0 shutdown(4, SHUT_WR) = 0',
          '+0 > F. 1:1(0) ack 1',
          '+0 < F. 1:1(0) ack 2 win 257',
          '+0 > . 2:2(0) ack 2',
        ),
      );
      assert.deepEqual(body(result).slice(-4), [
        'local: shutdown   # +0 shutdown(4, SHUT_WR) = 0',
        'local -> remote: FIN+ACK seq=1 ack=1',
        'remote -> local: FIN+ACK seq=1 ack=2 win=32896',
        'local -> remote: ACK seq=2 ack=2',
      ]);
      assert.deepEqual(checked(result), []);
      assert.equal(finalStates(analyze(result.text)), 'local TIME-WAIT, remote CLOSED');
    });

    it('aborts on close() after SO_LINGER {onoff=1, linger=0}', () => {
      const result = importPacketdrill(
        pkt(...PASSIVE_OPEN, '+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0', '+0 close(4) = 0', '+0 > R. 1:1(0) ack 1'),
      );
      assert.deepEqual(body(result).slice(-3), [
        '# +0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0',
        'local: abort   # +0 close(4) = 0',
        'local -> remote: RST+ACK seq=1 ack=1',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('lets an accepted socket inherit SO_LINGER from its listener', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0',
          ...PASSIVE_OPEN.slice(1),
          '+0 close(4) = 0',
          '+0 > R. 1:1(0) ack 1',
        ),
      );
      assert.equal(body(result).at(-2), 'local: abort   # +0 close(4) = 0');
    });

    it('closes with a FIN without SO_LINGER, or with linger on', () => {
      const result = importPacketdrill(
        pkt(...PASSIVE_OPEN, '+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=5}, 8) = 0', '+0 close(4) = 0', '+0 > F. 1:1(0) ack 1'),
      );
      assert.equal(body(result).at(-2), 'local: close   # +0 close(4) = 0');
    });

    it('closes a listener with no connection yet, and only comments on it once there is one', () => {
      const before = importPacketdrill(pkt(...LISTEN, '+0 close(3) = 0'));
      assert.deepEqual(body(before).slice(-1), ['local: close   # +0 close(3) = 0']);
      const after = importPacketdrill(pkt(...PASSIVE_OPEN, '+0 close(3) = 0'));
      assert.deepEqual(body(after).slice(-1), [
        '# +0 close(3) = 0   (it closes the listening socket; the connection (local is ESTABLISHED) is not affected)',
      ]);
      assert.deepEqual(checked(after), []);
    });

    it('keeps a call the state does not allow as a comment that says why', () => {
      const result = importPacketdrill(
        pkt(
          ...PASSIVE_OPEN,
          '+0 shutdown(4, SHUT_WR) = 0',
          '+0 > F. 1:1(0) ack 1',
          '+0 < F. 1:1(0) ack 2 win 257',
          '+0 > . 2:2(0) ack 2',
          '+0 close(4) = 0',
          '+0 shutdown(4, SHUT_RDWR) = 0',
          '+0 listen(4, 1) = 0',
          '+0 connect(4, ..., ...) = 0',
        ),
      );
      assert.deepEqual(body(result).slice(-4), [
        '# +0 close(4) = 0   (local is TIME-WAIT: the descriptor is released, nothing is sent)',
        '# +0 shutdown(4, SHUT_RDWR) = 0   (local is TIME-WAIT: there is nothing left to shut down)',
        '# +0 listen(4, 1) = 0   (local is TIME-WAIT: it cannot start to listen)',
        '# +0 connect(4, ..., ...) = 0   (local is TIME-WAIT: no new connection is opened)',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('keeps calls that move data or set up sockets as plain comments', () => {
      const calls = [
        '+0 setsockopt(4, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0',
        '+0 fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
        '+0 write(4, ..., 1000) = 1000',
        '+0 read(4, ..., 1000) = 1000',
        '+0 send(4, ..., 10, 0) = 10',
        '+0 recv(4, ..., 10, 0) = 10',
        '+0 shutdown(4, SHUT_RD) = 0',
      ];
      const result = importPacketdrill(pkt(...PASSIVE_OPEN, ...calls));
      assert.deepEqual(body(result).slice(-calls.length), calls.map((c) => `# ${c}`));
      assert.deepEqual(result.diagnostics, []);
    });

    it('starts a new pair of endpoints for a socket opened after the first connection', () => {
      const result = importPacketdrill(
        pkt(
          ...PASSIVE_OPEN,
          '+0 close(4) = 0',
          '+0 > F. 1:1(0) ack 1',
          '+0 < F. 1:1(0) ack 2 win 257',
          '+0 > . 2:2(0) ack 2',
          '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 5',
          '+0 connect(5, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 0:0(0)',
          '+0 < S. 0:0(0) ack 1 win 5792',
          '+0 > . 1:1(0) ack 1',
          '+0 close(3) = 0',
        ),
      );
      assert.deepEqual(result.text.split('\n').slice(3, 10), [
        '# Each new socket is a connection of its own: local2/remote2.',
        'participant local',
        'participant remote unchecked',
        'participant local2',
        'participant remote2 unchecked listen',
        '',
        '# 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      ]);
      assert.deepEqual(body(result).slice(-8), [
        'section Connection 2',
        "# a new socket: local2 is the kernel's new endpoint, remote2 its peer",
        '# +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 5',
        'local2: connect   # +0 connect(5, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
        'local2 -> remote2: SYN seq=0',
        'remote2 -> local2: SYN+ACK seq=0 ack=1 win=5792',
        'local2 -> remote2: ACK seq=1 ack=1',
        '# +0 close(3) = 0   (it closes the listening socket; the connection (local is TIME-WAIT) is not affected)',
      ]);
      assert.deepEqual(checked(result), []);
      assert.equal(finalStates(analyze(result.text)), 'local TIME-WAIT, remote CLOSED, local2 ESTABLISHED, remote2 ESTABLISHED');
    });

    it('takes ETIMEDOUT for the kernel giving up on the connection without a word: a crash', () => {
      const result = importPacketdrill(pkt(...PASSIVE_OPEN, '+3 write(4, ..., 24) = -1 ETIMEDOUT (Connection timed out)', '+0 close(4) = 0'));
      assert.deepEqual(body(result).slice(-3), [
        'wait 3s',
        'local: crash   # +3 write(4, ..., 24) = -1 ETIMEDOUT (Connection timed out)',
        '# +0 close(4) = 0   (local is CLOSED: the descriptor is released, nothing is sent)',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('calls connect only once per socket', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 connect(3, ..., ...) = -1 EALREADY (Operation already in progress)',
          '+0 > S 0:0(0)',
        ),
      );
      assert.deepEqual(body(result), [
        '# 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        'local: connect   # +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
        '# +0 connect(3, ..., ...) = -1 EALREADY (Operation already in progress)',
        'local -> remote: SYN seq=0',
      ]);
    });
  });

  describe('what .tcpflow cannot express', () => {
    it('keeps each such line as a # packetdrill: comment and says why, with its line', () => {
      const result = importPacketdrill(
        pkt(
          '--tolerance_usecs=10000',
          '`sysctl -q net.ipv4.tcp_timestamps=0`',
          '0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3',
          '+0 < udp (1000)',
          '+0 > icmp unreachable port',
          '+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0',
          '+0 poll([{fd=3, events=POLLIN, revents=0}], 1, 0) = 0',
          '+0 < - 0:0(0) win 100',
          '+0 %{ print(tcpi_rto) }%',
        ),
      );
      assert.deepEqual(body(result), [
        '# packetdrill: --tolerance_usecs=10000',
        '# packetdrill: `sysctl -q net.ipv4.tcp_timestamps=0`',
        '# 0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3',
        '# packetdrill: +0 < udp (1000)',
        '# packetdrill: +0 > icmp unreachable port',
        '# packetdrill: +0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0',
        '# packetdrill: +0 poll([{fd=3, events=POLLIN, revents=0}], 1, 0) = 0',
        '# packetdrill: +0 < - 0:0(0) win 100',
        '# packetdrill: +0 %{ print(tcpi_rto) }%',
      ]);
      assert.deepEqual(problems(result), [
        'info import.unsupported 1: a packetdrill command-line option: not imported',
        'info import.unsupported 2: a shell command: not run, not imported',
        'info import.unsupported 4: not a TCP segment but UDP: .tcpflow models TCP only',
        'info import.unsupported 5: not a TCP segment but ICMP: .tcpflow models TCP only',
        'info import.unsupported 6: getsockopt(): a call with no counterpart in .tcpflow; not imported',
        'info import.unsupported 7: poll(): a call with no counterpart in .tcpflow; not imported',
        'info import.unsupported 8: a segment with no flags (-): .tcpflow segments carry at least one flag',
        'info import.unsupported 9: a Python block: not run, not imported',
      ]);
    });

    it('keeps a Python block that spans lines line by line, and imports its tcpi_state assertions as expect', () => {
      const result = importPacketdrill(
        pkt(
          ...PASSIVE_OPEN,
          '+0 %{',
          'assert tcpi_state == TCP_ESTABLISHED, tcpi_state',
          'assert tcpi_rto // 1000 == 300',
          '}%',
        ),
      );
      assert.deepEqual(body(result).slice(-5), [
        '# packetdrill: +0 %{',
        '# packetdrill: assert tcpi_state == TCP_ESTABLISHED, tcpi_state',
        '# packetdrill: assert tcpi_rto // 1000 == 300',
        '# packetdrill: }%',
        'expect local ESTABLISHED',
      ]);
      assert.deepEqual(result.lineMap.slice(-5), [8, 9, 10, 11, 8]);
      assert.deepEqual(problems(result), ['info import.unsupported 8: a Python block: not run; its tcpi_state assertion is imported as an expect line']);
      assert.deepEqual(checked(result), []);
    });

    it('reads Linux state names in tcpi_state assertions', () => {
      const result = importPacketdrill(pkt('0 %{ assert tcpi_state == TCP_SYN_RECV }%', '0 %{ assert TCP_FIN_WAIT1 == tcpi_state }%', '0 %{ assert tcpi_state == TCP_CLOSE }%'));
      assert.deepEqual(body(result).filter((l) => l.startsWith('expect')), [
        'expect local SYN-RECEIVED',
        'expect local FIN-WAIT-1',
        'expect local CLOSED',
      ]);
    });

    it('imports only the #ifdef branch of the defined platform (FreeBSD by default) and keeps the other as comments', () => {
      const script = pkt(
        ...PASSIVE_OPEN,
        '#ifdef STANDARD',
        '+0 > R. 1:1(0) ack 1',
        '#else',
        '+0.1 > . 1:1(0) ack 1',
        '#endif',
        '#ifndef FreeBSD',
        '+0 < R 1:1(0)',
        '#endif',
      );
      const result = importPacketdrill(script);
      assert.deepEqual(body(result).slice(-9), [
        '# #ifdef STANDARD   (not imported: defined FreeBSD)',
        '# packetdrill: +0 > R. 1:1(0) ack 1',
        '# #else',
        'wait 100ms',
        'local -> remote: ACK seq=1 ack=1',
        '# #endif',
        '# #ifndef FreeBSD   (not imported: defined FreeBSD)',
        '# packetdrill: +0 < R 1:1(0)',
        '# #endif',
      ]);
      assert.deepEqual(problems(result), []);
      assert.deepEqual(checked(result), []);
      const standard = importPacketdrill(script, { defines: ['STANDARD'] });
      assert.deepEqual(body(standard).filter((l) => l.startsWith('local ->') || l.startsWith('remote -> local: R')), [
        'local -> remote: SYN+ACK seq=0 ack=1 mss=1460 wscale=8 sackOK',
        'local -> remote: RST+ACK seq=1 ack=1',
        'remote -> local: RST seq=1',
      ]);
    });

    it('reads nplab packetdrill’s any-sequence-number form ...(len) as a segment without seq', () => {
      assert.equal(segmentOf('0 > S. ...(0) ack 1 win 65535'), 'local -> remote: SYN+ACK ack=1 win=65535   # ...(0): any seq');
    });

    it('keeps TCP over UDP segments of another flow (other UDP ports, or none) out of the connection', () => {
      const result = importPacketdrill(
        pkt(
          '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
          '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
          '+0 > S 0:0(0) win 65535/udp(9811 > 1)',
          '+0 < S. 0:0(0) ack 1 win 32767/udp(1 > 9811)',
          '+0 > . 1:1(0) ack 1 win 65535/udp(9811 > 1)',
          '+0 < F. 1:1(0) ack 1 win 32767',
          '+0 > R 1:1(0) win 0',
          '+0 < F. 1:1(0) ack 1 win 32767/udp(2 > 9811)',
          '+0 < F. 1:1(0) ack 1 win 32767/udp(1 > 9811)',
          '+0 > . 1:1(0) ack 2 win 65535/udp(9811 > 1)',
        ),
      );
      assert.deepEqual(body(result).slice(-8), [
        'local -> remote: SYN seq=0 win=65535   # over UDP 9811 > 1',
        'remote -> local: SYN+ACK seq=0 ack=1 win=32767   # over UDP 1 > 9811',
        'local -> remote: ACK seq=1 ack=1 win=65535   # over UDP 9811 > 1',
        '# packetdrill: +0 < F. 1:1(0) ack 1 win 32767',
        '# packetdrill: +0 > R 1:1(0) win 0',
        '# packetdrill: +0 < F. 1:1(0) ack 1 win 32767/udp(2 > 9811)',
        'remote -> local: FIN+ACK seq=1 ack=1 win=32767   # over UDP 1 > 9811',
        'local -> remote: ACK seq=1 ack=2 win=65535   # over UDP 9811 > 1',
      ]);
      assert.deepEqual(problems(result), [
        'info import.unsupported 6: a segment of another flow: no UDP encapsulation, where the connection uses UDP ports 9811 (local) and 1 (remote); not imported',
        'info import.unsupported 7: a segment of another flow: no UDP encapsulation, where the connection uses UDP ports 9811 (local) and 1 (remote); not imported',
        'info import.unsupported 8: a segment of another flow: UDP ports 9811 (local) and 2 (remote), where the connection uses UDP ports 9811 (local) and 1 (remote); not imported',
      ]);
      assert.deepEqual(checked(result), []);
    });

    it('keeps a backquoted shell command that spans lines', () => {
      const result = importPacketdrill(pkt('`echo one', 'echo two`', '0 < S 0:0(0)'));
      assert.deepEqual(body(result), ['# packetdrill: `echo one', '# packetdrill: echo two`', 'remote -> local: SYN seq=0']);
      assert.deepEqual(result.lineMap.slice(-3), [1, 2, 3]);
    });
  });

  describe('comments', () => {
    it('keeps // and /* */ comments, on their own lines or after a statement', () => {
      const result = importPacketdrill(
        pkt(
          '// A line comment.',
          '/* A block comment',
          ' * over two lines. */',
          '0 < S 0:0(0)   // the SYN',
          '+0 listen(3, 1) = 0 // too late',
          '+0 < . 1:1(0) ack 1 /* inline */',
        ),
      );
      assert.deepEqual(body(result), [
        '# A line comment.',
        '# A block comment',
        '# over two lines.',
        'remote -> local: SYN seq=0   # the SYN',
        'local: listen   # +0 listen(3, 1) = 0; too late',
        'remote -> local: ACK seq=1 ack=1   # inline',
      ]);
    });

    it('keeps // inside a Python block as code', () => {
      const result = importPacketdrill(pkt('0 %{ x = 7 // 2 }%'));
      assert.deepEqual(body(result), ['# packetdrill: 0 %{ x = 7 // 2 }%']);
    });
  });

  describe('malformed input', () => {
    const cases: [string, string][] = [
      ['hello world', 'expected a time, then a packet (\'<\' or \'>\'), a syscall, a `shell command` or a %{ python }% block'],
      ['+0 hello', "expected a packet ('<' or '>'), a syscall, a `shell command` or a %{ python }% block after the time"],
      ['+0 < X 0:0(0)', "unknown TCP flag 'X' in 'X': packetdrill's flags are S F R P . U E W, or - for none"],
      ['+0 <', "a packet needs its TCP flags after '<', e.g. S, S., . or P."],
      ['+0 < S 1:10(5)', "'1:10(5)' is inconsistent: 10 − 1 is 9, not the length 5"],
      ['+0 < S 0:0(0) <mss 1460', "the TCP options '<mss 1460' are not closed with '>'"],
      ['+0 < S 0:0(0) <mss 70000>', "'mss 70000': an MSS is a number from 0 to 65535"],
      ['+0 < . 1:1(0) ack', "'ack' needs a number from 0 to 4294967295, found ''"],
      ['+0 < . 1:1(0) ack 4294967296', "'ack' needs a number from 0 to 4294967295, found '4294967296'"],
      ['+0 < . 1:1(0) frob 3', "unexpected 'frob' in the packet: expected ack <n>, win <n>, urg <n> or <options>"],
      ['+0 close(4)', "close(…) needs its expected result, e.g. '= 0'"],
      ['+0 close(4 = 0', "the arguments of close( are not closed with ')'"],
    ];
    for (const [line, message] of cases) {
      it(`reports '${line}' as an error on its line and keeps it`, () => {
        const result = importPacketdrill(pkt('0 < S 0:0(0)', line));
        assert.deepEqual(problems(result), [`error import.malformed 2: ${message}`]);
        assert.deepEqual(body(result), ['remote -> local: SYN seq=0', `# packetdrill: ${line}`]);
        assert.deepEqual(result.lineMap.slice(-1), [2]);
      });
    }

    it('reports an unclosed multi-line statement at the line it starts on', () => {
      const result = importPacketdrill(pkt('0 < S 0:0(0)', '+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1,', 'linger=0}, 8'));
      assert.deepEqual(problems(result), ["error import.malformed 2: the arguments of setsockopt( are not closed with ')'"]);
      assert.deepEqual(result.lineMap.slice(-2), [2, 3]);
    });
  });

  describe('the fixtures (test/fixtures/packetdrill)', () => {
    /**
     * What checking each imported fixture reports; every other fixture validates clean. None
     * now: repeated unanswered keep-alive probes (the idle time counts from the last segment
     * received) and zero-window probes (seq = SND.UNA − 1, written `keepalive`) are accepted.
     */
    const EXPECTED: Record<string, string[]> = {};
    const STATES: Record<string, string> = {
      'active-open.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'close-unread-data.pkt': 'local CLOSED, remote CLOSED',
      'closed-port.pkt': 'local CLOSED, remote CLOSED',
      'connection-refused.pkt': 'local CLOSED, remote CLOSED',
      'data-both-ways.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'fin-from-local.pkt': 'local TIME-WAIT, remote CLOSED',
      'fin-from-remote.pkt': 'local CLOSED, remote TIME-WAIT',
      'half-close.pkt': 'local TIME-WAIT, remote CLOSED',
      'keepalive.pkt': 'local CLOSED, remote CLOSED',
      'linger-abort.pkt': 'local CLOSED, remote CLOSED',
      'passive-open.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'rst-challenge-ack.pkt': 'local CLOSED, remote ESTABLISHED',
      'simultaneous-close.pkt': 'local TIME-WAIT, remote CLOSED',
      'syn-ack-retransmit.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'syn-challenge-ack.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'syn-retransmit.pkt': 'local ESTABLISHED, remote ESTABLISHED',
      'time-wait.pkt': 'local TIME-WAIT, remote CLOSED',
      'zero-window.pkt': 'local ESTABLISHED, remote ESTABLISHED',
    };
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.pkt')).sort();

    it('has every fixture listed', () => {
      assert.deepEqual(files, Object.keys(STATES).sort());
    });

    for (const file of files) {
      it(`${file}: imports without errors, validates as expected and loses no line`, () => {
        const text = readFileSync(join(FIXTURES, file), 'utf8');
        const result = importPacketdrill(text, { title: file });
        assert.deepEqual(result.diagnostics.filter((d) => d.severity !== 'info'), []);
        const analysis = analyze(result.text);
        assert.deepEqual(
          analysis.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`),
          EXPECTED[file] ?? [],
          analysis.diagnostics.map((d) => d.message).join('\n'),
        );
        assert.equal(finalStates(analysis), STATES[file]);
        const inputLines = text.split('\n').length - 1;
        const mapped = new Set(result.lineMap.filter((l) => l !== undefined));
        assert.deepEqual(
          Array.from({ length: inputLines }, (_, i) => i + 1).filter((l) => !mapped.has(l)),
          [],
          'input lines missing from the imported script',
        );
        assert.equal(result.lineMap.length, result.text.split('\n').length - 1);
      });
    }
  });
});
