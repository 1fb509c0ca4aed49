// Reads a whole `tcpdump -n` text and sorts its TCP segments into connections (a 4-tuple and
// its incarnation: a new SYN after a FIN or RST starts a new connection on the same 4-tuple),
// each with the side that opened it: the sender of the SYN is the client.

import { parseTcpdumpLine, type TcpdumpLine, type TcpdumpPacket } from './tcpdumpLine';

export interface Capture {
  /** The input lines as written. */
  readonly raw: readonly string[];
  /** One entry per input line (index = line − 1). */
  readonly lines: readonly TcpdumpLine[];
  readonly connections: readonly Connection[];
  /** Lines of packets that repeat the previous one (`-i any` shows a loopback packet Out and In). */
  readonly repeats: ReadonlySet<number>;
}

export interface Connection {
  /** `addr.port` of each side as tcpdump prints it. */
  readonly client: string;
  readonly server: string;
  readonly clientAddress: string;
  readonly serverAddress: string;
  /** How the client was told: by its SYN, by the server's SYN+ACK, or guessed from the ports. */
  readonly clientBy: 'syn' | 'syn-ack' | 'ports';
  readonly packets: readonly TcpdumpPacket[];
}

export function readCapture(text: string): Capture {
  const rows = text.split(/\r\n|\n|\r/);
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const lines = joinVerbose(rows).map((row, i) => (row === undefined ? ({ kind: 'continuation' } as const) : parseTcpdumpLine(row, i + 1)));
  return groupConnections(rows, lines);
}

/** Sorts the packets of `lines` into connections, in order of first appearance. */
export function groupConnections(raw: readonly string[], lines: readonly TcpdumpLine[]): Capture {
  const current = new Map<string, Incarnation>();
  const all: Incarnation[] = [];
  const repeats = new Set<number>();
  for (const l of lines) {
    if (l.kind !== 'packet') continue;
    const p = l.packet;
    const key = p.src < p.dst ? `${p.src} ${p.dst}` : `${p.dst} ${p.src}`;
    let incarnation = current.get(key);
    const prev = incarnation?.packets[incarnation.packets.length - 1];
    if (prev && isRepeat(prev, p)) {
      repeats.add(p.line);
      continue;
    }
    if (incarnation === undefined || startsAnother(incarnation, p)) {
      incarnation = { packets: [], closed: false, syns: new Set() };
      current.set(key, incarnation);
      all.push(incarnation);
    }
    incarnation.packets.push(p);
    const f = p.segment.flags;
    if (f.has('FIN') || f.has('RST')) incarnation.closed = true;
    if (f.has('SYN') && p.segment.seq !== undefined) incarnation.syns.add(`${p.src} ${p.segment.seq}`);
  }
  return { raw, lines, connections: all.map((i) => connectionOf(i.packets)), repeats };
}

interface Incarnation {
  readonly packets: TcpdumpPacket[];
  /** A FIN or RST has been seen. */
  closed: boolean;
  /** `src seq` of its SYNs, to tell a retransmitted SYN from a new one. */
  readonly syns: Set<string>;
}

/** A SYN (without ACK) after a FIN or RST, that is not one the connection already sent, opens a new one. */
function startsAnother(incarnation: Incarnation, p: TcpdumpPacket): boolean {
  const f = p.segment.flags;
  return incarnation.closed && f.has('SYN') && !f.has('ACK') && !incarnation.syns.has(`${p.src} ${p.segment.seq}`);
}

/**
 * `-v` prints the IP header on one line and the TCP part, indented, on the next: the two are
 * read as one line, reported under the first; the second becomes `undefined`.
 */
function joinVerbose(rows: readonly string[]): (string | undefined)[] {
  const out: (string | undefined)[] = rows.slice();
  for (let i = 0; i + 1 < rows.length; i++) {
    if (/ IP6? \(.*\)$/.test(rows[i]) && /^\s+\S+ > \S+: /.test(rows[i + 1])) {
      out[i] = `${rows[i]} ${rows[i + 1].trim()}`;
      out[i + 1] = undefined;
      i++;
    }
  }
  return out;
}

/** The same segment seen twice with different directions (`-i any` on loopback). */
function isRepeat(a: TcpdumpPacket, b: TcpdumpPacket): boolean {
  if (a.direction === undefined || b.direction === undefined || a.direction === b.direction) return false;
  const x = a.segment;
  const y = b.segment;
  return (
    a.src === b.src &&
    x.seq === y.seq &&
    x.ack === y.ack &&
    x.len === y.len &&
    x.win === y.win &&
    [...x.flags].join() === [...y.flags].join() &&
    x.ts?.val === y.ts?.val
  );
}

function connectionOf(packets: TcpdumpPacket[]): Connection {
  const first = packets[0];
  const syn = packets.find((p) => p.segment.flags.has('SYN') && !p.segment.flags.has('ACK'));
  const synAck = packets.find((p) => p.segment.flags.has('SYN') && p.segment.flags.has('ACK'));
  let clientIsSrc: boolean;
  let clientBy: Connection['clientBy'];
  if (syn) {
    clientIsSrc = syn.src === first.src;
    clientBy = 'syn';
  } else if (synAck) {
    clientIsSrc = synAck.dst === first.src;
    clientBy = 'syn-ack';
  } else {
    // Servers listen on the lower, well-known port; clients get a high ephemeral one.
    const srcPort = Number(/\.(\d+)$/.exec(first.src)?.[1] ?? NaN);
    const dstPort = Number(/\.(\d+)$/.exec(first.dst)?.[1] ?? NaN);
    clientIsSrc = !(srcPort < dstPort);
    clientBy = 'ports';
  }
  return clientIsSrc
    ? { client: first.src, server: first.dst, clientAddress: first.srcAddress, serverAddress: first.dstAddress, clientBy, packets }
    : { client: first.dst, server: first.src, clientAddress: first.dstAddress, serverAddress: first.srcAddress, clientBy, packets };
}
