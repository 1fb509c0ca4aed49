// The importers' robustness, held to the parser's bar: arbitrary and mutated inputs (tcpdump
// text, packetdrill scripts, pcap and pcapng bytes) never make them throw, finish on
// pathological inputs, and every problem names a line (or packet) the input has, or the input
// as a whole (0). Also the real Linux captures kept in test/fixtures/pcap import clean.

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { analyze, importCapture, importPacketdrill, importTcpdump, listCaptureConnections, type ImportResult } from '../../src/core';
import { mutatedScripts } from './helpers/edits';
import { OPT, ethernet, pcap, pcapng, sll2, tcpPacket } from './helpers/captureBytes';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const read = (dir: string) => readdirSync(join(FIXTURES, dir)).sort().map((f) => join(FIXTURES, dir, f));
const TEXTS = read('tcpdump').map((f) => readFileSync(f, 'utf8'));
const SCRIPTS = read('packetdrill').map((f) => readFileSync(f, 'utf8'));
const CAPTURES = read('pcap').map((f) => new Uint8Array(readFileSync(f)));

/** The most packets a file of this size can hold: every record or block takes at least 12 bytes. */
function recordsIn(bytes: Uint8Array): number {
  return Math.max(1, Math.floor(bytes.length / 12));
}

function checkReport(result: ImportResult, limit: number): void {
  for (const d of result.diagnostics) {
    assert.ok(Number.isInteger(d.line) && d.line >= 0 && d.line <= limit, `line ${d.line} of ${limit}: ${d.message}`);
    if (d.code === 'import.malformed' || d.code === 'import.unsupported') assert.ok(d.line >= 1 || result.unit === 'packet', `a line for: ${d.message}`);
    assert.ok(d.message.length > 0 && d.message.length < 2000);
  }
  for (const source of result.lineMap) assert.ok(source === undefined || (source >= 1 && source <= limit), `mapped to ${source} of ${limit}`);
  assert.equal(result.lineMap.length, result.text === '' ? 0 : result.text.split('\n').length - 1);
  if (result.text !== '') analyze(result.text);
}

function lineCount(text: string): number {
  return Math.max(1, text.split(/\r\n|\n|\r/).length);
}

/** Bytes of one of `seeds` with bytes overwritten, inserted, deleted, or the file cut. */
function mutatedBytes(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.uint8Array({ minLength: 1, maxLength: 8 })), { maxLength: 10 }))
    .map(([seed, edits]) => {
      let b = seed.slice();
      for (const [pos, kind, bytes] of edits) {
        const i = pos % (b.length + 1);
        if (kind === 0) b.set(bytes.subarray(0, Math.max(0, b.length - i)), i);
        else if (kind === 1) b = Uint8Array.from([...b.subarray(0, i), ...bytes, ...b.subarray(i)]);
        else if (kind === 2) b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + bytes.length)]);
        else b = b.subarray(0, i);
      }
      return b;
    });
}

const SYNTHETIC = [
  pcap([{ time: 1n, data: ethernet(tcpPacket({ sport: 1, dport: 2, seq: 1, flags: 'S', options: [...OPT.mss(1460), ...OPT.sack([1, 2])] }), [7]) }], { linkType: 1, bigEndian: true }),
  pcapng([{ interfaces: [{ linkType: 1 }, { linkType: 276, tsresol: 9 }], records: [{ time: 5n, iface: 1, data: sll2(tcpPacket({ sport: 1, dport: 2, seq: 1, flags: 'S', v6: true, extensions: [[0, [1, 4, 0, 0, 0, 0]]] }), 4) }], unknownBlocks: 1 }]),
];

describe('importer properties', () => {
  it('never throws on arbitrary text, as tcpdump output or as a packetdrill script', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        checkReport(importTcpdump(text), lineCount(text));
        checkReport(importPacketdrill(text), lineCount(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated tcpdump captures and packetdrill scripts, and reports each problem at a line they have', () => {
    fc.assert(fc.property(mutatedScripts(TEXTS), (text) => checkReport(importTcpdump(text), lineCount(text))), { numRuns: 300 });
    fc.assert(fc.property(mutatedScripts(SCRIPTS), (text) => checkReport(importPacketdrill(text), lineCount(text))), { numRuns: 300 });
  });

  it('never throws on arbitrary bytes, or bytes with a pcap or pcapng magic number in front', () => {
    const heads = [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x0a, 0x0d, 0x0d, 0x0a]];
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 400 }), (head, tail) => {
        const bytes = Uint8Array.from([...head, ...tail]);
        const result = importCapture(bytes);
        checkReport(result, recordsIn(bytes));
        listCaptureConnections(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on mutated real and synthetic captures, and reports each problem at a packet they have', () => {
    fc.assert(
      fc.property(mutatedBytes([...CAPTURES, ...SYNTHETIC]), fc.option(fc.integer({ min: -1, max: 4 })), (bytes, connection) => {
        const result = importCapture(bytes, { connection: connection ?? undefined });
        checkReport(result, recordsIn(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('finishes on pathological captures: huge claimed lengths, endless VLAN tags, option and header chains, zero-length blocks', () => {
    const vlanForever = new Uint8Array(60_000).fill(0x81).map((x, i) => (i % 4 === 1 ? 0 : x));
    const nops = tcpPacket({ sport: 1, dport: 2, seq: 1, flags: 'S', options: new Array(40).fill(1) });
    const chain = tcpPacket({ sport: 1, dport: 2, seq: 1, flags: 'S', v6: true, extensions: new Array(500).fill([60, [1, 4, 0, 0, 0, 0]]) });
    const claims = new Uint8Array(40);
    new DataView(claims.buffer).setUint32(0, 0xa1b2c3d4, true);
    new DataView(claims.buffer).setUint32(32, 0xffffffff, true);
    const zeroBlock = Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a]);
    const many = pcap(new Array(20_000).fill(0).map((_, i) => ({ time: BigInt(i), data: ethernet(nops) })), { linkType: 1 });
    const none = 'error import.no-connection 0: no TCP segment in the pcap file';
    const cases: Array<readonly [string, Uint8Array, readonly string[]]> = [
      ['vlan', pcap([{ time: 0n, data: vlanForever }], { linkType: 1 }), [none, 'error import.malformed 1: packet 1: the Ethernet header is cut at 60000 bytes']],
      ['nops', pcap([{ time: 0n, data: nops }], { linkType: 101 }), []],
      ['chain', pcap([{ time: 0n, data: chain }], { linkType: 229 }), []],
      ['claims', claims, [none, 'error import.malformed 1: packet 1: the file ends inside it (0 of its 4294967295 bytes are there)']],
      ['zero block', zeroBlock, ['error import.no-connection 0: no TCP segment in the pcapng file', 'error import.malformed 1: a block at byte 0 claims 0 bytes, not a whole number of 32-bit words of at least 12']],
    ];
    for (const [name, bytes, expected] of cases) {
      const result = importCapture(bytes);
      checkReport(result, recordsIn(bytes));
      assert.deepEqual(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}: ${d.message}`), expected, name);
    }
    const lone = importCapture(many);
    assert.equal(listCaptureConnections(many)[0].packets, 20_000);
    checkReport(lone, 20_000);
  });

  it('imports the real Linux captures in test/fixtures/pcap whole and clean', () => {
    for (const bytes of CAPTURES) {
      for (const c of listCaptureConnections(bytes)) {
        const result = importCapture(bytes, { connection: c.index });
        assert.deepEqual(result.diagnostics, []);
        assert.deepEqual(analyze(result.text).diagnostics, []);
        assert.equal(result.text.split('\n').filter((l) => /^(client|server) (->|-x|~>) /.test(l)).length, c.packets);
      }
    }
    assert.equal(CAPTURES.length, 6);
  });
});
