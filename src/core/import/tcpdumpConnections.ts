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
  /** Its packets, when they were kept (see ConnectionSorter). */
  readonly packets: readonly TcpdumpPacket[];
  /** How many packets it has, kept or not. */
  readonly count: number;
  /** 1-based line (packet number) of its first packet. */
  readonly firstLine: number;
  /** From its first packet to its last, when the times are known. */
  readonly durationUs: number | undefined;
  /** How it ends, by what the capture shows: `closed` (a FIN each way), `half-closed`, `reset`, `open`, `SYN only`. */
  readonly ending: 'closed' | 'half-closed' | 'reset' | 'open' | 'SYN only';
}

export function readCapture(text: string): Capture {
  const rows = text.split(/\r\n|\n|\r/);
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const lines = joinVerbose(rows).map((row, i) => (row === undefined ? ({ kind: 'continuation' } as const) : parseTcpdumpLine(row, i + 1)));
  return groupConnections(rows, lines);
}

/** Sorts the packets of `lines` into connections, in order of first appearance. */
export function groupConnections(raw: readonly string[], lines: readonly TcpdumpLine[]): Capture {
  const sorter = new ConnectionSorter();
  const repeats = new Set<number>();
  for (const l of lines) if (l.kind === 'packet' && sorter.add(l.packet) === undefined) repeats.add(l.packet.line);
  return { raw, lines, connections: sorter.connections(), repeats };
}

/**
 * Sorts packets, one at a time, into connections. Only the packets of the connections `keep`
 * accepts are kept (a large capture keeps those of the one to import); the rest is counted.
 */
export class ConnectionSorter {
  private readonly current = new Map<string, Incarnation>();
  private readonly all: Incarnation[] = [];

  constructor(private readonly keep: (index: number) => boolean = () => true) {}

  /** The packet's connection (0-based), or undefined for the second copy of the packet before. */
  add(p: TcpdumpPacket): number | undefined {
    const key = p.src < p.dst ? `${p.src} ${p.dst}` : `${p.dst} ${p.src}`;
    let incarnation = this.current.get(key);
    if (incarnation && isRepeat(incarnation.last, p)) return undefined;
    if (incarnation === undefined || startsAnother(incarnation, p)) {
      const index = this.all.length;
      incarnation = { index, kept: this.keep(index), packets: [], count: 0, first: p, last: p, closed: false, syns: new Set(), fins: new Set() };
      this.current.set(key, incarnation);
      this.all.push(incarnation);
    }
    incarnation.count++;
    incarnation.last = p;
    if (incarnation.kept) incarnation.packets.push(p);
    const f = p.segment.flags;
    if (f.has('RST')) incarnation.reset = true;
    if (f.has('FIN')) incarnation.fins.add(p.src);
    if (f.has('FIN') || f.has('RST')) incarnation.closed = true;
    if (f.has('SYN') && p.segment.seq !== undefined) incarnation.syns.add(`${p.src} ${p.segment.seq}`);
    if (f.has('SYN') && !f.has('ACK')) incarnation.syn ??= p;
    if (f.has('SYN') && f.has('ACK')) incarnation.synAck ??= p;
    return incarnation.index;
  }

  /** The connection a packet of this 4-tuple would go to now (0-based), or -1. */
  indexOf(p: TcpdumpPacket): number {
    const key = p.src < p.dst ? `${p.src} ${p.dst}` : `${p.dst} ${p.src}`;
    return this.current.get(key)?.index ?? -1;
  }

  connections(): Connection[] {
    return this.all.map(connectionOf);
  }
}

interface Incarnation {
  readonly index: number;
  readonly kept: boolean;
  readonly packets: TcpdumpPacket[];
  count: number;
  readonly first: TcpdumpPacket;
  last: TcpdumpPacket;
  syn?: TcpdumpPacket;
  synAck?: TcpdumpPacket;
  /** A FIN or RST has been seen. */
  closed: boolean;
  reset?: boolean;
  /** The senders of FINs. */
  readonly fins: Set<string>;
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

function connectionOf(c: Incarnation): Connection {
  const { first, syn, synAck } = c;
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
  const ending = c.reset ? 'reset' : c.fins.size === 2 ? 'closed' : c.fins.size === 1 ? 'half-closed' : syn && !synAck && c.count === 1 ? 'SYN only' : 'open';
  const summary = {
    clientBy,
    packets: c.packets,
    count: c.count,
    firstLine: first.line,
    durationUs: first.time && c.last.time ? c.last.time.us - first.time.us : undefined,
    ending,
  } as const;
  return clientIsSrc
    ? { client: first.src, server: first.dst, clientAddress: first.srcAddress, serverAddress: first.dstAddress, ...summary }
    : { client: first.dst, server: first.src, clientAddress: first.dstAddress, serverAddress: first.srcAddress, ...summary };
}
