// Converts a pcap or pcapng capture file into a .tcpflow scenario, one connection at a time,
// the way the tcpdump text importer does (same connections, numbers, order, loss and gaps):
// each packet is decoded into the record a line of tcpdump text gives, and packet numbers
// stand where the text importer has line numbers.
//
// A large file is read twice over the same bytes: once to sort every packet into its
// connection (keeping only counts), once to keep the chosen connection's packets. What is
// held in memory beyond the file is a few bytes per packet and the one connection.

import { captureFormat, readCaptureFile, type CaptureFileProblem, type CaptureRecord } from './captureFile';
import { LINK_TYPES, linkPayload } from './captureLink';
import { tcpSegment } from './captureSegment';
import { importAllConnections } from './allConnections';
import { importConnection } from './tcpdump';
import { ConnectionSorter, type Capture, type Connection } from './tcpdumpConnections';
import type { TcpdumpLine, TcpdumpPacket } from './tcpdumpLine';
import type { ImportDiagnostic, ImportResult } from './types';

export { captureFormat };

export interface CaptureOptions {
  /** 1-based, as `listCaptureConnections` numbers them. Needed when the capture holds several. */
  readonly connection?: number;
  /** Written as the script's `title`. */
  readonly title?: string;
  /** Every connection, as one scenario with a participant per host (`connection` is then ignored). */
  readonly all?: boolean;
}

export interface CaptureConnection {
  /** 1-based. */
  readonly index: number;
  /** `ip:port` (`[ip6]:port`) of the side that opened it, and of the other. */
  readonly client: string;
  readonly server: string;
  readonly packets: number;
  readonly firstPacket: number;
  readonly durationUs: number | undefined;
  /** How the capture shows it ending. */
  readonly ending: Connection['ending'];
}

/** The TCP connections of a capture file, in order of first appearance. */
export function listCaptureConnections(bytes: Uint8Array): CaptureConnection[] {
  return read(bytes, () => false).capture.connections.map(summary);
}

/** `2: 10.0.0.1:40000 > 10.0.0.2:80 (12 packets, 1.204 s, closed; from packet 7)` */
export function describeCaptureConnection(c: CaptureConnection): string {
  const duration = c.durationUs === undefined ? '' : `, ${(c.durationUs / 1e6).toFixed(3)} s`;
  return `${c.index}: ${c.client} > ${c.server} (${c.packets} packet${c.packets === 1 ? '' : 's'}${duration}, ${c.ending}; from packet ${c.firstPacket})`;
}

/** Pure: bytes in, text out. Never throws. */
export function importCapture(bytes: Uint8Array, options: CaptureOptions = {}): ImportResult {
  const format = captureFormat(bytes) ?? 'capture';
  const chosen = options.connection;
  const listed = read(bytes, () => false);
  const count = listed.capture.connections.length;
  // Only a valid choice is kept in the second pass; any other is refused by importConnection.
  const keep = chosen ?? (count === 1 ? 1 : 0);
  const { capture, problems, skipped } = options.all ? read(bytes, () => true) : keep >= 1 && keep <= count ? read(bytes, (i) => i === keep - 1) : listed;
  const words = { from: `a ${format} capture`, keptAs: '' };
  const result = options.all
    ? importAllConnections(capture, { title: options.title, numbers: 'absolute' }, words)
    : importConnection(capture, { connection: chosen, title: options.title, numbers: 'absolute' }, words);
  const fileProblems: ImportDiagnostic[] = problems.map((p) => ({ code: 'import.malformed', severity: 'error', line: p.number, message: p.message }));
  if (result.text === '') {
    // Nothing imported: each packet that could not be read may be why, and is reported (the
    // malformed ones are, by importConnection; the fragments and the like are added here).
    const unreadable = count > 0 ? [] : capture.lines.flatMap((l, i): ImportDiagnostic[] => (l.kind === 'other' && !l.malformed ? [problemOf(l, i + 1)] : []));
    const noTcp = count === 0 && skipped.size > 0 ? ` (${describeSkipped(skipped)})` : '';
    const reasons = result.diagnostics.map((d) => (d.code === 'import.no-connection' ? { ...d, message: `no TCP segment in the ${format} file${noTcp}` } : d));
    return { text: '', lineMap: [], diagnostics: [...fileProblems, ...unreadable, ...reasons].sort(byLine), unit: 'packet' };
  }
  // What is not TCP is said once, in a comment above the participants, not packet by packet.
  const note = skipped.size > 0 ? [`# Not TCP, left out: ${describeSkipped(skipped)}.`] : [];
  const lines = result.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('participant'));
  return {
    text: [...lines.slice(0, at), ...note, ...lines.slice(at)].join('\n'),
    lineMap: [...result.lineMap.slice(0, at), ...note.map(() => undefined), ...result.lineMap.slice(at)],
    diagnostics: [...fileProblems, ...result.diagnostics].sort(byLine),
    unit: 'packet',
  };
}

function byLine(a: ImportDiagnostic, b: ImportDiagnostic): number {
  return a.line - b.line;
}

function problemOf(l: Extract<TcpdumpLine, { kind: 'other' }>, line: number): ImportDiagnostic {
  return { code: l.malformed ? 'import.malformed' : 'import.unsupported', severity: l.malformed ? 'error' : 'info', line, message: l.why };
}

function describeSkipped(skipped: ReadonlyMap<string, number>): string {
  return [...skipped].map(([why, n]) => `${n} packet${n === 1 ? '' : 's'} ${why}`).join(', ');
}

function summary(c: Connection, i: number): CaptureConnection {
  return { index: i + 1, client: c.clientAddress, server: c.serverAddress, packets: c.count, firstPacket: c.firstLine, durationUs: c.durationUs, ending: c.ending };
}

const OMITTED: TcpdumpLine = { kind: 'omitted' };

interface Read {
  readonly capture: Capture;
  readonly problems: readonly CaptureFileProblem[];
  /** Packets that are not TCP, counted by what they are. */
  readonly skipped: ReadonlyMap<string, number>;
}

/** One pass over the file: every packet sorted into its connection; only those `keep` accepts are held. */
function read(bytes: Uint8Array, keep: (index: number) => boolean): Read {
  const sorter = new ConnectionSorter(keep);
  const lines: TcpdumpLine[] = [];
  const raw: string[] = [];
  const repeats = new Set<number>();
  const problems: CaptureFileProblem[] = [];
  const skipped = new Map<string, number>();
  const kept = new Set<number>();
  const onRecord = (r: CaptureRecord) => {
    const decoded = decode(r);
    if ('packet' in decoded) {
      const p = decoded.packet;
      const index = sorter.add(p);
      // A second copy (`-i any` on loopback) belongs to the connection of the 4-tuple's latest packet.
      const own = index === undefined ? kept.has(sorter.indexOf(p)) : keep(index);
      if (index !== undefined && own) kept.add(index);
      if (index === undefined) repeats.add(r.number);
      if (own) {
        lines[r.number - 1] = { kind: 'packet', packet: p };
        if (index === undefined) raw[r.number - 1] = describePacket(r.number, p);
      } else {
        lines[r.number - 1] = OMITTED;
      }
      return;
    }
    if ('skip' in decoded) {
      skipped.set(decoded.skip, (skipped.get(decoded.skip) ?? 0) + 1);
      lines[r.number - 1] = OMITTED;
      return;
    }
    const malformed = 'malformed' in decoded;
    lines[r.number - 1] = { kind: 'other', why: `packet ${r.number}: ${malformed ? decoded.malformed : decoded.unsupported}`, malformed };
    raw[r.number - 1] = `packet ${r.number}, ${r.originalLength} bytes`;
  };
  readCaptureFile(bytes, onRecord, (p) => problems.push(p));
  for (let i = 0; i < lines.length; i++) lines[i] ??= OMITTED;
  return { capture: { raw, lines, connections: sorter.connections(), repeats }, problems, skipped };
}

function describePacket(number: number, p: TcpdumpPacket): string {
  return `packet ${number}: ${p.srcAddress} > ${p.dstAddress}${p.direction ? ` (${p.direction})` : ''}`;
}

type Decoded = { readonly packet: TcpdumpPacket } | { readonly skip: string } | { readonly unsupported: string } | { readonly malformed: string };

function decode(r: CaptureRecord): Decoded {
  const link = linkPayload(r.linkType, r.data);
  if ('skip' in link) return LINK_TYPES.has(r.linkType) ? link : { skip: link.skip };
  if ('malformed' in link) return link;
  const cut = r.data.length < r.originalLength;
  return tcpSegment(link.ip, link.version, r.number, r.timeUs, link.direction, cut);
}
