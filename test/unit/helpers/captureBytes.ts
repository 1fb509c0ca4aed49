// Writes capture files byte by byte for the tests and the benchmark: TCP segments in IPv4 or
// IPv6 packets, framed by each link type, in pcap (either byte order, µs or ns) or pcapng
// (sections, interfaces with a timestamp resolution, enhanced/simple/obsolete packet blocks).

export interface TcpSpec {
  readonly src?: string;
  readonly dst?: string;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack?: number;
  /** Flag letters: S A F R P U E C. */
  readonly flags: string;
  readonly win?: number;
  readonly options?: readonly number[];
  readonly payload?: number;
  readonly v6?: boolean;
  /** IPv4 options (padded to words) or IPv6 extension headers: [next-header type, body bytes]. */
  readonly ipOptions?: readonly number[];
  readonly extensions?: ReadonlyArray<readonly [number, readonly number[]]>;
  /** IPv4 flags+offset field (fragments). */
  readonly fragment?: number;
}

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20, E: 0x40, C: 0x80 };

function bytesOf(address: string, v6: boolean): number[] {
  if (!v6) return address.split('.').map(Number);
  const [head, tail = ''] = address.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = address.includes('::') ? groups(tail) : [];
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The IP packet of one TCP segment (checksums left 0: nothing reads them). */
export function tcpPacket(spec: TcpSpec): Uint8Array {
  const v6 = spec.v6 ?? false;
  const options = [...(spec.options ?? [])];
  while (options.length % 4) options.push(0);
  const tcpLength = 20 + options.length + (spec.payload ?? 0);
  const tcp = new Uint8Array(tcpLength);
  const dv = new DataView(tcp.buffer);
  dv.setUint16(0, spec.sport);
  dv.setUint16(2, spec.dport);
  dv.setUint32(4, spec.seq >>> 0);
  dv.setUint32(8, (spec.ack ?? 0) >>> 0);
  tcp[12] = ((20 + options.length) / 4) << 4;
  tcp[13] = [...spec.flags].reduce((bits, f) => bits | FLAG_BITS[f], 0);
  dv.setUint16(14, spec.win ?? 65535);
  tcp.set(options, 20);
  if (!v6) {
    const ipOptions = [...(spec.ipOptions ?? [])];
    while (ipOptions.length % 4) ipOptions.push(0);
    const header = 20 + ipOptions.length;
    const ip = new Uint8Array(header + tcpLength);
    const iv = new DataView(ip.buffer);
    ip[0] = 0x40 | (header / 4);
    iv.setUint16(2, ip.length);
    iv.setUint16(6, spec.fragment ?? 0x4000);
    ip[8] = 64;
    ip[9] = 6;
    ip.set(bytesOf(spec.src ?? '10.0.0.1', false), 12);
    ip.set(bytesOf(spec.dst ?? '10.0.0.2', false), 16);
    ip.set(ipOptions, 20);
    ip.set(tcp, header);
    return ip;
  }
  const extensions = spec.extensions ?? [];
  const extBytes: number[] = [];
  extensions.forEach(([type, body], i) => {
    const next = i + 1 < extensions.length ? extensions[i + 1][0] : 6;
    if (type === 44) extBytes.push(next, 0, ...body.slice(0, 6));
    else {
      const padded = [...body];
      while ((padded.length + 2) % 8) padded.push(0);
      extBytes.push(next, (padded.length + 2) / 8 - 1, ...padded);
    }
  });
  const ip = new Uint8Array(40 + extBytes.length + tcpLength);
  const iv = new DataView(ip.buffer);
  ip[0] = 0x60;
  iv.setUint16(4, extBytes.length + tcpLength);
  ip[6] = extensions.length ? extensions[0][0] : 6;
  ip[7] = 64;
  ip.set(bytesOf(spec.src ?? 'fd00::1', true), 8);
  ip.set(bytesOf(spec.dst ?? 'fd00::2', true), 24);
  ip.set(extBytes, 40);
  ip.set(tcp, 40 + extBytes.length);
  return ip;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function etherType(ip: Uint8Array): number {
  return ip[0] >> 4 === 6 ? 0x86dd : 0x0800;
}

export function ethernet(ip: Uint8Array, vlans: readonly number[] = []): Uint8Array {
  const head = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  for (const id of vlans) head.push(0x81, 0x00, id >> 8, id & 0xff);
  const type = etherType(ip);
  return concat([new Uint8Array([...head, type >> 8, type & 0xff]), ip]);
}

/** Linux cooked v1; packet type 0 = to us, 4 = outgoing. */
export function sll(ip: Uint8Array, packetType: number): Uint8Array {
  const type = etherType(ip);
  return concat([new Uint8Array([0, packetType, 0, 772, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, type >> 8, type & 0xff].map((x) => x & 0xff)), ip]);
}

/** Linux cooked v2. */
export function sll2(ip: Uint8Array, packetType: number): Uint8Array {
  const type = etherType(ip);
  return concat([new Uint8Array([type >> 8, type & 0xff, 0, 0, 0, 0, 0, 1, 3, 4, packetType, 6, 0, 0, 0, 0, 0, 0, 0, 0]), ip]);
}

/** BSD null (family in the writer's byte order) or loop (network order). */
export function loopback(ip: Uint8Array, family: number, littleEndian: boolean): Uint8Array {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, family, littleEndian);
  return concat([head, ip]);
}

export interface CaptureRecordSpec {
  /** In the file's units: µs or ns for pcap, the interface's for pcapng. */
  readonly time: bigint;
  readonly data: Uint8Array;
  /** On-wire length, when more than the data (a snap length cut). */
  readonly original?: number;
  readonly iface?: number;
  readonly block?: 'epb' | 'spb' | 'pb';
}

export function pcap(records: readonly CaptureRecordSpec[], options: { readonly linkType: number; readonly nano?: boolean; readonly bigEndian?: boolean }): Uint8Array {
  const le = !options.bigEndian;
  const unit = options.nano ? 1_000_000_000n : 1_000_000n;
  const head = new Uint8Array(24);
  const hv = new DataView(head.buffer);
  hv.setUint32(0, options.nano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  hv.setUint16(4, 2, le);
  hv.setUint16(6, 4, le);
  hv.setUint32(16, 262144, le);
  hv.setUint32(20, options.linkType, le);
  const parts: Uint8Array[] = [head];
  for (const r of records) {
    const rh = new Uint8Array(16);
    const rv = new DataView(rh.buffer);
    rv.setUint32(0, Number(r.time / unit), le);
    rv.setUint32(4, Number(r.time % unit), le);
    rv.setUint32(8, r.data.length, le);
    rv.setUint32(12, r.original ?? r.data.length, le);
    parts.push(rh, r.data);
  }
  return concat(parts);
}

function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const padded = Math.ceil(body.length / 4) * 4;
  const out = new Uint8Array(12 + padded);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, out.length, le);
  out.set(body, 8);
  v.setUint32(8 + padded, out.length, le);
  return out;
}

export interface Section {
  readonly bigEndian?: boolean;
  /** Link type and if_tsresol byte (6 = µs when left out). */
  readonly interfaces: ReadonlyArray<{ readonly linkType: number; readonly tsresol?: number; readonly snapLength?: number }>;
  readonly records: readonly CaptureRecordSpec[];
  /** Blocks of types the reader does not use, written before the records. */
  readonly unknownBlocks?: number;
}

export function pcapng(sections: readonly Section[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const s of sections) {
    const le = !s.bigEndian;
    const shb = new Uint8Array(16);
    const sv = new DataView(shb.buffer);
    sv.setUint32(0, 0x1a2b3c4d, le);
    sv.setUint16(4, 1, le);
    sv.setUint32(8, 0xffffffff, le);
    sv.setUint32(12, 0xffffffff, le);
    parts.push(block(0x0a0d0d0a, shb, le));
    for (const i of s.interfaces) {
      const body = new Uint8Array(i.tsresol === undefined ? 8 : 20);
      const v = new DataView(body.buffer);
      v.setUint16(0, i.linkType, le);
      v.setUint32(4, i.snapLength ?? 262144, le);
      if (i.tsresol !== undefined) {
        v.setUint16(8, 9, le);
        v.setUint16(10, 1, le);
        body[12] = i.tsresol;
        // opt_endofopt at 16
      }
      parts.push(block(1, body, le));
    }
    for (let u = 0; u < (s.unknownBlocks ?? 0); u++) parts.push(block(0x0bad + u, new Uint8Array([1, 2, 3, 4, 5]), le));
    for (const r of s.records) {
      const kind = r.block ?? 'epb';
      if (kind === 'spb') {
        const body = new Uint8Array(4 + r.data.length);
        new DataView(body.buffer).setUint32(0, r.original ?? r.data.length, le);
        body.set(r.data, 4);
        parts.push(block(3, body, le));
        continue;
      }
      const body = new Uint8Array(20 + r.data.length);
      const v = new DataView(body.buffer);
      if (kind === 'epb') v.setUint32(0, r.iface ?? 0, le);
      else v.setUint16(0, r.iface ?? 0, le);
      v.setUint32(4, Number(r.time >> 32n), le);
      v.setUint32(8, Number(r.time & 0xffffffffn), le);
      v.setUint32(12, r.data.length, le);
      v.setUint32(16, r.original ?? r.data.length, le);
      body.set(r.data, 20);
      parts.push(block(kind === 'epb' ? 6 : 2, body, le));
    }
  }
  return concat(parts);
}

/** TCP option bytes. */
export const OPT = {
  mss: (v: number) => [2, 4, v >> 8, v & 0xff],
  wscale: (v: number) => [1, 3, 3, v],
  sackOK: () => [4, 2],
  ts: (val: number, ecr: number) => [1, 1, 8, 10, ...u32(val), ...u32(ecr)],
  sack: (...blocks: Array<[number, number]>) => [1, 1, 5, 2 + blocks.length * 8, ...blocks.flatMap(([a, b]) => [...u32(a), ...u32(b)])],
  tfo: (...cookie: number[]) => [34, 2 + cookie.length, ...cookie],
};

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}
