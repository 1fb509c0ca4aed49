// Benchmark of the pcap/pcapng reader on a large generated capture: one small connection of
// interest among many bulk transfers. Runs in Node: `npm run bench:capture` (with --expose-gc
// for the heap figures). Prints MB/s of walking the records, of listing the connections and of
// importing the small one, against a baseline in the same run (a loop that reads every
// record header, doing nothing else). It asserts nothing: timings depend on the machine.

import { importCapture, listCaptureConnections } from '../../src/core';
import { readCaptureFile } from '../../src/core/import/captureFile';
import { ethernet, pcap, pcapng, tcpPacket, type CaptureRecordSpec } from '../unit/helpers/captureBytes';

const MB = 1024 * 1024;
const TARGET_BYTES = Number(process.env.CAPTURE_BENCH_MB ?? 128) * MB;

/** Bulk packets of 1448 data bytes over 200 connections, with the 10-packet connection spread through. */
function generate(): { records: CaptureRecordSpec[]; interesting: number } {
  const frames: Uint8Array[] = [];
  for (let c = 0; c < 200; c++) {
    frames.push(ethernet(tcpPacket({ src: '10.1.0.1', dst: '10.2.0.1', sport: 20000 + c, dport: 443, seq: 1, ack: 1, flags: 'A', payload: 1448 })));
  }
  const small: Uint8Array[] = [
    tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, seq: 1000, flags: 'S' }),
    tcpPacket({ src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000, seq: 5000, ack: 1001, flags: 'SA' }),
    tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, seq: 1001, ack: 5001, flags: 'A' }),
    tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, seq: 1001, ack: 5001, flags: 'PA', payload: 5 }),
    tcpPacket({ src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000, seq: 5001, ack: 1006, flags: 'A' }),
    tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, seq: 1006, ack: 5001, flags: 'FA' }),
    tcpPacket({ src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000, seq: 5001, ack: 1007, flags: 'FA' }),
    tcpPacket({ src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, seq: 1007, ack: 5002, flags: 'A' }),
  ].map((p) => ethernet(p));
  const per = frames[0].length + 16;
  const count = Math.floor(TARGET_BYTES / per);
  const every = Math.floor(count / small.length);
  const records: CaptureRecordSpec[] = [];
  const seq = new Array<number>(frames.length).fill(1);
  let s = 0;
  for (let i = 0; i < count; i++) {
    const time = 1_700_000_000_000_000n + BigInt(i * 10);
    if (i % every === 0 && s < small.length) {
      records.push({ time, data: small[s++] });
      continue;
    }
    const c = i % frames.length;
    // Each bulk packet its own bytes, its seq moving on, as a real transfer's.
    const frame = frames[c].slice();
    new DataView(frame.buffer).setUint32(14 + 20 + 4, seq[c]);
    seq[c] = (seq[c] + 1448) >>> 0;
    records.push({ time, data: frame });
  }
  return { records, interesting: 0 };
}

function time<T>(label: string, bytes: number, run: () => T, baselineMs?: number): { ms: number; value: T } {
  run();
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    value = run();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const ms = Math.min(...runs);
  const ratio = baselineMs === undefined ? '' : `  ${(ms / baselineMs).toFixed(2)}× the baseline`;
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(bytes / MB / (ms / 1000)).toFixed(0).padStart(6)} MB/s${ratio}`);
  return { ms, value };
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / MB;
}

function main(): void {
  const { records } = generate();
  for (const [format, bytes] of [
    ['pcap', pcap(records, { linkType: 1 })],
    ['pcapng', pcapng([{ interfaces: [{ linkType: 1, tsresol: 9 }], records: records.map((r) => ({ ...r, time: r.time * 1000n })) }])],
  ] as const) {
    console.log(`${format}: ${(bytes.length / MB).toFixed(0)} MB, ${records.length} packets, one 8-packet connection among 200 bulk transfers`);
    const baseline = time('baseline: walk the record headers only', bytes.length, () => {
      let n = 0;
      readCaptureFile(bytes, () => n++, () => undefined);
      return n;
    });
    time('list the connections (one pass)', bytes.length, () => listCaptureConnections(bytes).length, baseline.ms);
    const before = heapMb();
    const imported = time('import the small connection (two passes)', bytes.length, () => importCapture(bytes, { connection: 1 }), baseline.ms);
    const held = heapMb() - before;
    console.log(`  heap held by the import's result beyond the file: ${held.toFixed(1)} MB (file ${(bytes.length / MB).toFixed(0)} MB); ${imported.value.text.split('\n').length - 1} lines, ${imported.value.diagnostics.length} problems`);
  }
}

main();
