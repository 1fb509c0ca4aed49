// Reads the records of a pcap or pcapng file over the bytes as they are (views, no copies):
// pcap in either byte order with micro- or nanosecond times; pcapng sections (each with its
// own byte order), interfaces with their link type and timestamp resolution, enhanced, simple
// and obsolete packet blocks. Blocks it has no use for are skipped by their length.
//
// Written here rather than taken from npm: the registry's readers read pcap only or pcapng
// only, through Node streams, so none runs in the browser (vscode.dev) on a Uint8Array.

/** One captured packet: its bytes are a view into the file. */
export interface CaptureRecord {
  /** 1-based, in file order: what problems and the script refer to. */
  readonly number: number;
  /** Microseconds since the epoch; undefined when the block has none (simple packet block). */
  readonly timeUs: number | undefined;
  /** LINKTYPE_* of the interface that captured it. */
  readonly linkType: number;
  readonly data: Uint8Array;
  /** The packet's length on the wire; more than `data.length` when the snap length cut it. */
  readonly originalLength: number;
}

/** Something the file itself gets wrong; `number` is the packet it stops at or concerns (0: the file). */
export interface CaptureFileProblem {
  readonly number: number;
  readonly message: string;
}

export type CaptureFormat = 'pcap' | 'pcapng';

const PCAP_US = 0xa1b2c3d4;
const PCAP_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER = 0x1a2b3c4d;

/** pcap or pcapng by the magic number at the start, or undefined. */
export function captureFormat(bytes: Uint8Array): CaptureFormat | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  const be = view.getUint32(0, false);
  const le = view.getUint32(0, true);
  if (be === PCAPNG_SHB) return 'pcapng';
  if (be === PCAP_US || be === PCAP_NS || le === PCAP_US || le === PCAP_NS) return 'pcap';
  return undefined;
}

/**
 * Calls `onRecord` for every packet, in order, and `onProblem` for what is wrong with the
 * file (a reader stops at a record that runs past the end: nothing after it can be trusted).
 */
export function readCaptureFile(bytes: Uint8Array, onRecord: (r: CaptureRecord) => void, onProblem: (p: CaptureFileProblem) => void): void {
  const format = captureFormat(bytes);
  if (format === 'pcap') readPcap(bytes, onRecord, onProblem);
  else if (format === 'pcapng') readPcapng(bytes, onRecord, onProblem);
  else onProblem({ number: 0, message: 'not a pcap or pcapng file: its first four bytes are no magic number of either' });
}

function readPcap(bytes: Uint8Array, onRecord: (r: CaptureRecord) => void, onProblem: (p: CaptureFileProblem) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24) return onProblem({ number: 0, message: `the pcap file header is cut short: ${bytes.length} of 24 bytes` });
  const little = view.getUint32(0, true) === PCAP_US || view.getUint32(0, true) === PCAP_NS;
  const nano = view.getUint32(0, little) === PCAP_NS;
  // The link type is the low 16 bits; the bits above say whether frames end with an FCS.
  const linkInfo = view.getUint32(20, little);
  const linkType = linkInfo & 0xffff;
  const fcsBytes = linkInfo & 0x04000000 ? ((linkInfo >>> 28) & 0xf) * 2 : 0;
  let offset = 24;
  let number = 0;
  while (offset < bytes.length) {
    number++;
    if (offset + 16 > bytes.length) return onProblem({ number, message: `packet ${number}: the file ends inside its record header` });
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const original = view.getUint32(offset + 12, little);
    const start = offset + 16;
    if (captured > bytes.length - start) {
      return onProblem({ number, message: `packet ${number}: the file ends inside it (${bytes.length - start} of its ${captured} bytes are there)` });
    }
    const data = bytes.subarray(start, start + Math.max(0, captured - (captured === original ? fcsBytes : 0)));
    onRecord({ number, timeUs: seconds * 1_000_000 + (nano ? Math.round(fraction / 1000) : fraction), linkType, data, originalLength: original - fcsBytes });
    offset = start + captured;
  }
}

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per microsecond (1 for µs, 1000 for ns). */
  readonly unitsPerUs: number;
  readonly offsetUs: number;
}

function readPcapng(bytes: Uint8Array, onRecord: (r: CaptureRecord) => void, onProblem: (p: CaptureFileProblem) => void): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let little = true;
  let interfaces: Interface[] = [];
  let offset = 0;
  let number = 0;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) return onProblem({ number: number + 1, message: `the file ends inside a block header, ${bytes.length - offset} bytes before its end` });
    const type = view.getUint32(offset, little);
    if (type === PCAPNG_SHB) {
      const order = view.getUint32(offset + 8, true);
      if (order !== PCAPNG_BYTE_ORDER && order !== 0x4d3c2b1a) {
        return onProblem({ number: number + 1, message: `a section header at byte ${offset} has no byte-order magic: the file is damaged` });
      }
      little = order === PCAPNG_BYTE_ORDER;
      interfaces = [];
    }
    const length = view.getUint32(offset + 4, little);
    if (length < 12 || length % 4 !== 0 || length > bytes.length - offset) {
      return onProblem({ number: number + 1, message: `a block at byte ${offset} claims ${length} bytes${length > bytes.length - offset ? `, past the end of the file (${bytes.length - offset} left)` : ', not a whole number of 32-bit words of at least 12'}` });
    }
    const body = offset + 8;
    const end = offset + length - 4;
    if (type === 1) {
      interfaces.push(readInterface(view, body, end, little));
    } else if (type === 6 || type === 2 || type === 3) {
      number++;
      const record = packetBlock(type, view, bytes, body, end, little, interfaces, number);
      if (typeof record === 'string') onProblem({ number, message: `packet ${number}: ${record}` });
      else onRecord(record);
    }
    offset += length;
  }
}

function readInterface(view: DataView, body: number, end: number, little: boolean): Interface {
  const linkType = view.getUint16(body, little);
  const snapLength = view.getUint32(body + 4, little);
  let unitsPerUs = 1;
  let offsetUs = 0;
  for (let o = body + 8; o + 4 <= end; ) {
    const code = view.getUint16(o, little);
    const len = view.getUint16(o + 2, little);
    if (code === 0) break;
    if (o + 4 + len > end) break;
    if (code === 9 && len >= 1) {
      // if_tsresol: the units are 10^-n seconds, or 2^-n with the high bit set.
      const r = view.getUint8(o + 4);
      const perSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
      unitsPerUs = perSecond / 1_000_000;
    } else if (code === 14 && len >= 8) {
      const high = view.getUint32(o + 4 + (little ? 4 : 0), little);
      const low = view.getUint32(o + 4 + (little ? 0 : 4), little);
      offsetUs = (high * 4294967296 + low) * 1_000_000;
    }
    o += 4 + Math.ceil(len / 4) * 4;
  }
  return { linkType, snapLength, unitsPerUs, offsetUs };
}

function packetBlock(type: number, view: DataView, bytes: Uint8Array, body: number, end: number, little: boolean, interfaces: readonly Interface[], number: number): CaptureRecord | string {
  if (type === 3) {
    // Simple packet block: interface 0, no timestamp; the data is what the block holds, up to the snap length.
    const iface = interfaces[0];
    if (!iface) return 'a simple packet block before any interface description';
    const original = view.getUint32(body, little);
    const room = end - body - 4;
    const captured = Math.min(original, room, iface.snapLength || room);
    return { number, timeUs: undefined, linkType: iface.linkType, data: bytes.subarray(body + 4, body + 4 + captured), originalLength: original };
  }
  const enhanced = type === 6;
  if (end - body < 20) return 'its block is too short for a packet block';
  const ifaceId = enhanced ? view.getUint32(body, little) : view.getUint16(body, little);
  const iface = interfaces[ifaceId];
  if (!iface) return `it names interface ${ifaceId}, which no interface description block declared`;
  const high = view.getUint32(body + 4, little);
  const low = view.getUint32(body + 8, little);
  const captured = view.getUint32(body + 12, little);
  const original = view.getUint32(body + 16, little);
  if (captured > end - body - 20) return `it claims ${captured} captured bytes in a block that holds ${end - body - 20}`;
  // Split so that nanosecond times since the epoch stay exact in a double.
  const timeUs = Math.round(high * (4294967296 / iface.unitsPerUs) + low / iface.unitsPerUs + iface.offsetUs);
  return { number, timeUs, linkType: iface.linkType, data: bytes.subarray(body + 20, body + 20 + captured), originalLength: original };
}
