// The pcap and pcapng importer on capture files written byte by byte: every container form and
// link type gives the same scenario, the TCP options, times, connections, and every problem
// with its packet number.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTERS, analyze, describeCaptureConnection, importCapture, importInput, listCaptureConnections, type ImportResult } from '../../src/core';
import { run } from '../../src/cli/run';
import { OPT, ethernet, loopback, pcap, pcapng, sll, sll2, tcpPacket, type CaptureRecordSpec, type TcpSpec } from './helpers/captureBytes';

const C = { sport: 40000, dport: 80 };
const S = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000 };

/** A whole connection: handshake with options, five bytes each way, close. Times in µs. */
const CONVERSATION: ReadonlyArray<readonly [number, TcpSpec]> = [
  [0, { ...C, seq: 1000, flags: 'S', win: 64240, options: [...OPT.mss(1460), ...OPT.sackOK(), ...OPT.ts(100, 0), 1, ...OPT.wscale(7)] }],
  [150, { ...S, seq: 5000, ack: 1001, flags: 'SA', win: 65160, options: [...OPT.mss(1460), ...OPT.sackOK(), ...OPT.ts(200, 100), 1, ...OPT.wscale(7)] }],
  [300, { ...C, seq: 1001, ack: 5001, flags: 'A', win: 502, options: OPT.ts(101, 200) }],
  [1300, { ...C, seq: 1001, ack: 5001, flags: 'PA', win: 502, payload: 5, options: OPT.ts(102, 200) }],
  [1400, { ...S, seq: 5001, ack: 1006, flags: 'A', win: 509, options: OPT.ts(201, 102) }],
  [2500, { ...S, seq: 5001, ack: 1006, flags: 'PA', win: 509, payload: 5, options: OPT.ts(202, 102) }],
  [2600, { ...C, seq: 1006, ack: 5006, flags: 'FA', win: 502, options: OPT.ts(103, 202) }],
  [2700, { ...S, seq: 5006, ack: 1007, flags: 'FA', win: 509, options: OPT.ts(203, 103) }],
  [2800, { ...C, seq: 1007, ack: 5007, flags: 'A', win: 502, options: OPT.ts(104, 203) }],
];

const T0 = 1_700_000_000_000_000n;

function records(frame: (ip: Uint8Array) => Uint8Array, unitsPerUs = 1n, v6 = false): CaptureRecordSpec[] {
  return CONVERSATION.map(([us, spec]) => {
    const ip = tcpPacket(v6 ? { ...spec, src: spec.src === '10.0.0.2' ? 'fd00::2' : 'fd00::1', dst: spec.dst === '10.0.0.1' ? 'fd00::1' : 'fd00::2', v6 } : spec);
    return { time: (T0 + BigInt(us)) * unitsPerUs, data: frame(ip) };
  });
}

const BODY = [
  'client -> server: SYN seq=0 win=64240 mss=1460 wscale=7 sackOK ts=100/0',
  'server -> client: SYN+ACK seq=0 ack=1 win=65160 mss=1460 wscale=7 sackOK ts=200/100',
  'client -> server: ACK seq=1 ack=1 win=64256 ts=101/200',
  'wait 1ms',
  'client -> server: PSH+ACK seq=1 ack=1 len=5 win=64256 ts=102/200',
  'server -> client: ACK seq=1 ack=6 win=65152 ts=201/102',
  'wait 2ms',
  'server -> client: PSH+ACK seq=1 ack=6 len=5 win=65152 ts=202/102',
  'client -> server: FIN+ACK seq=6 ack=6 win=64256 ts=103/202',
  'server -> client: FIN+ACK seq=6 ack=7 win=65152 ts=203/103',
  'client -> server: ACK seq=7 ack=7 win=64256 ts=104/203',
];

function body(result: ImportResult): string[] {
  const lines = result.text.split('\n');
  return lines.slice(lines.indexOf('') + 1, -1);
}

function problems(result: ImportResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}: ${d.message}`);
}

function clean(result: ImportResult): void {
  assert.deepEqual(problems(result), []);
  assert.deepEqual(analyze(result.text).diagnostics.map((d) => d.message), []);
}

describe('importCapture (pcap and pcapng files)', () => {
  it('turns a pcap file of Ethernet frames into exactly this script', () => {
    const result = importCapture(pcap(records(ethernet), { linkType: 1 }), { title: 'web.pcap' });
    clean(result);
    assert.equal(
      result.text,
      [
        '# Imported from a pcap capture by tcpflow.',
        '# client and server are the two TCPs of the capture, both checked against RFC 9293.',
        "# Sequence numbers are relative to each side's initial sequence number (ISN), as Wireshark shows them.",
        '# Windows are the advertised value shifted by the window scale of the SYNs (RFC 7323 §2.3).',
        'title web.pcap',
        'participant client 10.0.0.1:40000   # ISN 1000',
        'participant server 10.0.0.2:80 listen   # ISN 5000',
        '',
        ...BODY,
        '',
      ].join('\n'),
    );
    assert.equal(result.unit, 'packet');
    assert.deepEqual(result.lineMap.slice(8), [1, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9]);
  });

  const variants: ReadonlyArray<readonly [string, Uint8Array]> = [
    ['pcap, big-endian, nanoseconds, raw IP', pcap(records((ip) => ip, 1000n), { linkType: 101, nano: true, bigEndian: true })],
    ['pcap, Linux cooked SLL', pcap(records((ip) => sll(ip, 0)), { linkType: 113 })],
    ['pcap, BSD null in little-endian', pcap(records((ip) => loopback(ip, 2, true)), { linkType: 0 })],
    ['pcap, OpenBSD loop (network order)', pcap(records((ip) => loopback(ip, 2, false)), { linkType: 108 })],
    ['pcap, Ethernet with two VLAN tags', pcap(records((ip) => ethernet(ip, [100, 200])), { linkType: 1 })],
    ['pcap, raw IPv4 (228)', pcap(records((ip) => ip), { linkType: 228 })],
    ['pcapng, little-endian, µs, unknown blocks between', pcapng([{ interfaces: [{ linkType: 1 }], records: records(ethernet), unknownBlocks: 3 }])],
    [
      'pcapng, big-endian, two interfaces (Ethernet, SLL2 at ns resolution), obsolete packet blocks',
      pcapng([
        {
          bigEndian: true,
          interfaces: [{ linkType: 1 }, { linkType: 276, tsresol: 9 }],
          records: records((ip) => sll2(ip, 0), 1000n).map((r, i) => (i % 2 ? { ...r, iface: 1 } : { ...r, iface: 0, time: r.time / 1000n, data: r.data.subarray(20), block: 'pb' as const })).map((r) => (r.iface === 0 ? { ...r, data: ethernet(r.data) } : r)),
        },
      ]),
    ],
    ['pcapng, binary resolution 2^-20', pcapng([{ interfaces: [{ linkType: 1, tsresol: 0x80 | 20 }], records: records(ethernet).map((r) => ({ ...r, time: (r.time * 1048576n) / 1_000_000n })) }])],
    ['pcapng, two sections of different byte order', pcapng([
      { interfaces: [{ linkType: 1 }], records: records(ethernet).slice(0, 4) },
      { bigEndian: true, interfaces: [{ linkType: 101 }], records: records((ip) => ip).slice(4) },
    ])],
  ];
  for (const [name, bytes] of variants) {
    it(`reads the same script from ${name}`, () => {
      const result = importCapture(bytes);
      clean(result);
      assert.deepEqual(body(result), BODY);
    });
  }

  it('reads IPv4 options and IPv6 extension headers (hop-by-hop, destination options)', () => {
    const v4 = importCapture(pcap(records((ip) => ip).map((r) => r), { linkType: 101 }));
    const withOptions = CONVERSATION.map(([us, spec]) => ({ time: T0 + BigInt(us), data: tcpPacket({ ...spec, ipOptions: [0x94, 4, 0, 0] }) }));
    assert.deepEqual(body(importCapture(pcap(withOptions, { linkType: 101 }))), body(v4));
    const v6 = CONVERSATION.map(([us, spec]) => ({
      time: T0 + BigInt(us),
      data: tcpPacket({ ...spec, v6: true, src: spec.sport === 80 ? 'fd00::2' : 'fd00::1', dst: spec.sport === 80 ? 'fd00::1' : 'fd00::2', extensions: [[0, [1, 4, 0, 0, 0, 0]], [60, [1, 4, 0, 0, 0, 0]]] }),
    }));
    const result = importCapture(pcap(v6, { linkType: 229 }));
    clean(result);
    assert.deepEqual(body(result), BODY);
    assert.deepEqual(result.text.split('\n').filter((l) => l.startsWith('participant')), [
      'participant client [fd00::1]:40000   # ISN 1000',
      'participant server [fd00::2]:80 listen   # ISN 5000',
    ]);
  });

  it('keeps SACK blocks, Fast Open cookies and other options in a comment', () => {
    const result = importCapture(
      pcap(
        [
          { time: T0, data: tcpPacket({ ...C, seq: 1, flags: 'S', options: [...OPT.tfo(), 1, 1] }) },
          { time: T0 + 10n, data: tcpPacket({ ...S, seq: 9, ack: 2, flags: 'SA', options: [...OPT.tfo(0xde, 0xad, 0xbe, 0xef), 1, 1] }) },
          { time: T0 + 20n, data: tcpPacket({ ...C, seq: 2, ack: 10, flags: 'A', options: [...OPT.sack([20, 30], [40, 50]), 19, 18, ...new Array(16).fill(0)] }) },
        ],
        { linkType: 101 },
      ),
    );
    assert.deepEqual(body(result), [
      'client -> server: SYN seq=0 win=65535   # tfo cookiereq',
      'server -> client: SYN+ACK seq=0 ack=1 win=65535   # tfo cookie deadbeef',
      'client -> server: ACK seq=1 ack=1 win=65535   # sack 2 {20:30}{40:50}; md5 signature',
    ]);
  });

  it('lists the connections with packets, duration and how each ends, a reused 4-tuple as a new one', () => {
    const second = CONVERSATION.map(([us, spec]) => ({ time: T0 + 300_000_000n + BigInt(us), data: ethernet(tcpPacket({ ...spec, seq: spec.seq + 70000, ack: spec.ack === undefined ? undefined : spec.ack + 70000 })) }));
    const other = { time: T0 + 5n, data: ethernet(tcpPacket({ src: '10.0.0.3', dst: '10.0.0.2', sport: 5555, dport: 443, seq: 7, flags: 'S' })) };
    const reset = { time: T0 + 6n, data: ethernet(tcpPacket({ src: '10.0.0.2', dst: '10.0.0.3', sport: 443, dport: 5555, seq: 0, ack: 8, flags: 'RA' })) };
    const bytes = pcap([...records(ethernet).slice(0, 1), other, reset, ...records(ethernet).slice(1), ...second], { linkType: 1 });
    assert.deepEqual(listCaptureConnections(bytes).map(describeCaptureConnection), [
      '1: 10.0.0.1:40000 > 10.0.0.2:80 (9 packets, 0.003 s, closed; from packet 1)',
      '2: 10.0.0.3:5555 > 10.0.0.2:443 (2 packets, 0.000 s, reset; from packet 2)',
      '3: 10.0.0.1:40000 > 10.0.0.2:80 (9 packets, 0.003 s, closed; from packet 12)',
    ]);
    assert.deepEqual(problems(importCapture(bytes)), [
      'error import.choose-connection 0: the capture holds 3 connections; choose one by its number:\n' +
        '  1: 10.0.0.1:40000 > 10.0.0.2:80 (9 segments, from line 1)\n' +
        '  2: 10.0.0.3:5555 > 10.0.0.2:443 (2 segments, from line 2)\n' +
        '  3: 10.0.0.1:40000 > 10.0.0.2:80 (9 segments, from line 12)',
    ]);
    const third = importCapture(bytes, { connection: 3 });
    clean(third);
    assert.deepEqual(body(third), BODY);
    assert.deepEqual(third.lineMap.slice(-1), [20]);
  });

  it('reports what it cannot read, each with its packet number, and counts what is not TCP', () => {
    const good = records(ethernet);
    const udp = ethernet(tcpPacket({ ...C, seq: 0, flags: 'A' }).map((b, i) => (i === 9 ? 17 : b)));
    const arp = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x06, 0, 1]);
    const fragment = ethernet(tcpPacket({ ...C, seq: 0, flags: 'A', fragment: 0x2000 | 100 }));
    const cut = ethernet(tcpPacket({ ...C, seq: 1001, ack: 5001, flags: 'A', options: OPT.ts(1, 2) })).subarray(0, 60);
    const v6fragment = ethernet(tcpPacket({ ...C, v6: true, seq: 0, flags: 'A', extensions: [[44, [0, 9, 0, 0, 0, 1]]] }));
    const bytes = pcap(
      [
        ...good.slice(0, 3),
        { time: T0 + 400n, data: udp },
        { time: T0 + 500n, data: arp },
        { time: T0 + 600n, data: fragment },
        { time: T0 + 700n, data: cut, original: 86 },
        { time: T0 + 800n, data: v6fragment },
        ...good.slice(3),
      ],
      { linkType: 1 },
    );
    const result = importCapture(bytes);
    assert.deepEqual(problems(result), [
      'info import.unsupported 6: packet 6: an IPv4 fragment (offset 800, more follow) of a TCP segment 10.0.0.1 > 10.0.0.2: fragments are not reassembled',
      'error import.malformed 7: packet 7: the snap length cut it inside its TCP options (26 of 32 bytes captured)',
      'info import.unsupported 8: packet 8: an IPv6 fragment (offset 8, more follow) fd00::1 > fd00::2: fragments are not reassembled',
    ]);
    assert.ok(result.text.includes('\n# Not TCP, left out: 1 packet IP protocol 17, 1 packet not IP (ethertype 0x0806).\nparticipant client'), result.text);
    assert.deepEqual(body(result).filter((l) => l.startsWith('#')), [
      '# packet 6, 54 bytes   (packet 6: an IPv4 fragment (offset 800, more follow) of a TCP segment 10.0.0.1 > 10.0.0.2: fragments are not reassembled)',
      '# packet 7, 86 bytes   (packet 7: the snap length cut it inside its TCP options (26 of 32 bytes captured))',
      '# packet 8, 82 bytes   (packet 8: an IPv6 fragment (offset 8, more follow) fd00::1 > fd00::2: fragments are not reassembled)',
    ]);
    assert.deepEqual(body(result).filter((l) => !l.startsWith('#')), BODY);
  });

  it('stops at a damaged file, saying where, and keeps what came before', () => {
    const whole = pcap(records(ethernet), { linkType: 1 });
    const result = importCapture(whole.subarray(0, whole.length - 10));
    assert.deepEqual(problems(result), ['error import.malformed 9: packet 9: the file ends inside it (56 of its 66 bytes are there)']);
    assert.deepEqual(body(result), BODY.slice(0, -1));
    const ng = pcapng([{ interfaces: [{ linkType: 1 }], records: records(ethernet) }]);
    const damaged = ng.slice();
    const view = new DataView(damaged.buffer);
    const last = ng.length - view.getUint32(ng.length - 4, true);
    view.setUint32(last + 4, 9999, true);
    assert.deepEqual(problems(importCapture(damaged)), [
      `error import.malformed 9: a block at byte ${last} claims 9999 bytes, past the end of the file (${ng.length - last} left)`,
    ]);
    assert.deepEqual(problems(importCapture(pcap([], { linkType: 147 }))), ['error import.no-connection 0: no TCP segment in the pcap file']);
    assert.deepEqual(problems(importCapture(pcap(records((ip) => ip).slice(0, 1), { linkType: 147 }))), [
      'error import.no-connection 0: no TCP segment in the pcap file (1 packet link type 147, which tcpflow does not read (it reads BSD null/loopback, Ethernet, raw IP, OpenBSD loopback, Linux cooked (SLL), raw IPv4, raw IPv6, Linux cooked v2 (SLL2)))',
    ]);
  });

  it('is picked by its magic number, whatever the file is called', () => {
    const bytes = pcap(records(ethernet), { linkType: 1 });
    const imported = importInput({ bytes, text: '' }, { fileName: 'capture.txt' });
    assert.equal(imported.format, 'pcap');
    assert.ok(imported.format !== undefined && imported.result.text.includes('# Imported from a pcap capture by tcpflow.'));
  });
});

describe('tcpflow import with a capture file', () => {
  async function cli(argv: string[], files: { [name: string]: Uint8Array }): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const missing = (path: string) => Object.assign(new Error(`ENOENT: '${path}'`), { code: 'ENOENT' });
    const code = await run(argv, {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      readFile: async (path) => {
        if (!files[path]) throw missing(path);
        return new TextDecoder().decode(files[path]);
      },
      readBytes: async (path) => {
        if (!files[path]) throw missing(path);
        return files[path];
      },
      readStdin: async () => '',
      version: 'test',
    });
    return { code, stdout, stderr };
  }

  const two = pcap([...records(ethernet), ethernet(tcpPacket({ src: '10.0.0.3', dst: '10.0.0.2', sport: 5555, dport: 443, seq: 7, flags: 'S' }))].map((r, i) => (r instanceof Uint8Array ? { time: T0 + 9000n + BigInt(i), data: r } : r)), { linkType: 1 });

  it('lists the connections with --list', async () => {
    assert.deepEqual(await cli(['import', '--list', 'two.pcapng'], { 'two.pcapng': two }), {
      code: 0,
      stdout: '1: 10.0.0.1:40000 > 10.0.0.2:80 (9 packets, 0.003 s, closed; from packet 1)\n2: 10.0.0.3:5555 > 10.0.0.2:443 (1 packet, 0.000 s, SYN only; from packet 10)\n',
      stderr: '',
    });
  });

  it('imports the connection chosen with --connection, and names packets as file#packet', async () => {
    const result = await cli(['import', '--connection', '2', 'two.cap'], { 'two.cap': two });
    assert.equal(result.code, 0);
    assert.ok(result.stdout.includes('client -> server: SYN seq=0 win=65535\n'), result.stdout);
    assert.equal(
      result.stderr,
      '<stdout>:9:1: warning tcp.reply-missing: server never sends a RST+ACK (seq=0 ack=1) to client, owed because it reached an endpoint in CLOSED, which answers with a RST (RFC 9293 §3.10.7.1) [two.cap#10]\n' +
        '<stdout>:9:1: info tcp.unfinished: the script ends mid-handshake: client is SYN-SENT [two.cap#10]\n' +
        'two.cap: imported from pcap, 0 import problems; the script has 0 errors, 1 warning, 1 info\n',
    );
  });
});

describe('the import command in package.json', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { menus: { 'explorer/context': Array<{ command: string; when: string }> } };
  };

  it("is on the explorer's context menu of packetdrill scripts and capture files, and no other", () => {
    const entry = manifest.contributes.menus['explorer/context'].find((m) => m.command === 'tcpflow.importFile');
    const match = /^resourceExtname =~ \/(.*)\/(i?)$/.exec(entry?.when ?? '');
    assert.ok(match, entry?.when);
    const pattern = new RegExp(match[1], match[2]);
    const offered = ['.pkt', '.pcap', '.pcapng', '.cap', '.PCAP', '.txt', '.tcpflow', '.pcapngx', '.c'].filter((ext) => pattern.test(ext));
    assert.deepEqual(offered, ['.pkt', '.pcap', '.pcapng', '.cap', '.PCAP']);
    assert.deepEqual(IMPORTERS.find((i) => i.format === 'pcap')?.extensions, ['pcap', 'pcapng', 'cap']);
  });
});
