// From an IP packet to the TCP segment it carries, as the text importer's records: IPv4 with
// options, IPv6 with its extension headers, the TCP header and its options (MSS, window scale,
// SACK-permitted, timestamps as the language's fields; SACK blocks, Fast Open cookies and the
// rest as a comment). A fragment or a header cut by the snap length is reported, never guessed.

import type { FlagName } from '../syntax/ast';
import type { WireSegment } from './script';
import type { TcpdumpPacket } from './tcpdumpLine';

export type SegmentResult =
  | { readonly packet: TcpdumpPacket }
  | { readonly skip: string }
  | { readonly unsupported: string }
  | { readonly malformed: string };

const TCP = 6;
const FLAG_BITS: ReadonlyArray<readonly [number, FlagName]> = [
  [0x01, 'FIN'], [0x02, 'SYN'], [0x04, 'RST'], [0x08, 'PSH'], [0x10, 'ACK'], [0x20, 'URG'], [0x40, 'ECE'], [0x80, 'CWR'],
];

/** `line` is the packet number; `originalLength` the packet's length on the wire, to tell a cut from a damaged header. */
export function tcpSegment(ip: Uint8Array, version: 4 | 6, line: number, timeUs: number | undefined, direction: string | undefined, cut: boolean): SegmentResult {
  const located = version === 4 ? ipv4(ip, cut) : ipv6(ip, cut);
  if ('tcp' in located) {
    const { tcp, src, dst, payloadEnd } = located;
    return segment(ip.subarray(tcp, Math.min(payloadEnd, ip.length)), payloadEnd - tcp, src, dst, version, line, timeUs, direction, cut);
  }
  return located;
}

type Located = { readonly tcp: number; readonly payloadEnd: number; readonly src: string; readonly dst: string } | Exclude<SegmentResult, { packet: TcpdumpPacket }>;

function cutOrDamaged(cut: boolean, what: string, have: number, need: number): { malformed: string } {
  return { malformed: cut ? `the snap length cut it inside its ${what} (${have} of ${need} bytes captured)` : `its ${what} is cut short (${have} of ${need} bytes)` };
}

function ipv4(ip: Uint8Array, cut: boolean): Located {
  if (ip.length < 20) return cutOrDamaged(cut, 'IPv4 header', ip.length, 20);
  const headerLength = (ip[0] & 0x0f) * 4;
  if (headerLength < 20) return { malformed: `an IPv4 header length of ${headerLength} bytes (at least 20)` };
  if (ip.length < headerLength) return cutOrDamaged(cut, 'IPv4 header and its options', ip.length, headerLength);
  const total = (ip[2] << 8) | ip[3];
  if (total < headerLength) return { malformed: `an IPv4 total length of ${total}, less than its ${headerLength}-byte header` };
  const fragment = ((ip[6] << 8) | ip[7]) & 0x3fff;
  const src = `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  const dst = `${ip[16]}.${ip[17]}.${ip[18]}.${ip[19]}`;
  if (ip[9] !== TCP) return { skip: `IP protocol ${ip[9]}` };
  if (fragment !== 0) {
    const offset = (fragment & 0x1fff) * 8;
    return { unsupported: `an IPv4 fragment (offset ${offset}${fragment & 0x2000 ? ', more follow' : ', the last'}) of a TCP segment ${src} > ${dst}: fragments are not reassembled` };
  }
  return { tcp: headerLength, payloadEnd: total, src, dst };
}

/** Extension headers that may precede TCP, skipped by their length. */
const EXTENSIONS = new Set([0, 43, 60, 135, 139, 140]);

function ipv6(ip: Uint8Array, cut: boolean): Located {
  if (ip.length < 40) return cutOrDamaged(cut, 'IPv6 header', ip.length, 40);
  const payload = (ip[4] << 8) | ip[5];
  const src = ipv6Text(ip.subarray(8, 24));
  const dst = ipv6Text(ip.subarray(24, 40));
  if (payload === 0) return { unsupported: 'an IPv6 jumbogram (payload length 0): not read' };
  let next = ip[6];
  let offset = 40;
  for (;;) {
    if (next === TCP) return { tcp: offset, payloadEnd: 40 + payload, src, dst };
    if (next === 44) {
      if (ip.length < offset + 8) return cutOrDamaged(cut, 'IPv6 fragment header', ip.length - offset, 8);
      const field = (ip[offset + 2] << 8) | ip[offset + 3];
      if ((field & 0xfff9) !== 0) {
        return { unsupported: `an IPv6 fragment (offset ${(field >> 3) * 8}${field & 1 ? ', more follow' : ', the last'}) ${src} > ${dst}: fragments are not reassembled` };
      }
      next = ip[offset];
      offset += 8;
      continue;
    }
    if (next === 51) {
      if (ip.length < offset + 2) return cutOrDamaged(cut, 'IPv6 authentication header', ip.length - offset, 2);
      const length = (ip[offset + 1] + 2) * 4;
      next = ip[offset];
      offset += length;
      continue;
    }
    if (EXTENSIONS.has(next)) {
      if (ip.length < offset + 2) return cutOrDamaged(cut, 'IPv6 extension header', ip.length - offset, 2);
      const length = (ip[offset + 1] + 1) * 8;
      next = ip[offset];
      offset += length;
      if (offset > 40 + payload) return { malformed: 'its IPv6 extension headers run past its payload length' };
      continue;
    }
    if (next === 50) return { unsupported: `an IPsec ESP packet ${src} > ${dst}: its TCP segment is encrypted` };
    return { skip: `IPv6 next header ${next}` };
  }
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run of zero groups (two or more) as `::`. */
export function ipv6Text(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function segment(tcp: Uint8Array, tcpLength: number, src: string, dst: string, version: 4 | 6, line: number, timeUs: number | undefined, direction: string | undefined, cut: boolean): SegmentResult {
  if (tcp.length < 20) return cutOrDamaged(cut, 'TCP header', tcp.length, 20);
  const headerLength = (tcp[12] >> 4) * 4;
  if (headerLength < 20) return { malformed: `a TCP data offset of ${headerLength} bytes (at least 20)` };
  if (tcpLength < headerLength) return { malformed: `a TCP header of ${headerLength} bytes in an IP payload of ${tcpLength}` };
  if (tcp.length < headerLength) return cutOrDamaged(cut, 'TCP options', tcp.length, headerLength);
  const word = (i: number) => ((tcp[i] << 24) | (tcp[i + 1] << 16) | (tcp[i + 2] << 8) | tcp[i + 3]) >>> 0;
  const srcPort = (tcp[0] << 8) | tcp[1];
  const dstPort = (tcp[2] << 8) | tcp[3];
  const flags = new Set<FlagName>();
  for (const [bit, name] of FLAG_BITS) if (tcp[13] & bit) flags.add(name);
  const extras: string[] = [];
  if (tcp[12] & 0x01) extras.push('flag NS (RFC 3540, historic)');
  if (flags.size === 0) return { unsupported: 'a TCP segment with no flags: .tcpflow segments carry at least one flag' };
  const options = tcpOptions(tcp.subarray(20, headerLength), extras);
  if (typeof options === 'string') return { malformed: options };
  const segment: WireSegment = {
    flags,
    seq: word(4),
    ack: flags.has('ACK') ? word(8) : undefined,
    len: tcpLength - headerLength,
    win: (tcp[14] << 8) | tcp[15],
    urg: flags.has('URG') ? (tcp[18] << 8) | tcp[19] : undefined,
    ...options,
    extras,
  };
  const address = (host: string, port: number) => (version === 6 ? `[${host}]:${port}` : `${host}:${port}`);
  return {
    packet: {
      line,
      time: timeUs === undefined ? undefined : { us: timeUs, clock: false },
      src: `${src}.${srcPort}`,
      dst: `${dst}.${dstPort}`,
      srcAddress: address(src, srcPort),
      dstAddress: address(dst, dstPort),
      direction,
      segment,
    },
  };
}

type Options = Pick<WireSegment, 'mss' | 'wscale' | 'sackOK' | 'ts'>;

/** The options as fields, the ones the language has no field for pushed to `extras` as tcpdump names them. */
function tcpOptions(bytes: Uint8Array, extras: string[]): Options | string {
  let mss: number | undefined;
  let wscale: number | undefined;
  let sackOK = false;
  let ts: { val: number; ecr: number } | undefined;
  const word = (i: number) => ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
  for (let i = 0; i < bytes.length; ) {
    const kind = bytes[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    if (i + 1 >= bytes.length) return `TCP option ${kind} has no length byte`;
    const length = bytes[i + 1];
    if (length < 2 || i + length > bytes.length) return `TCP option ${kind} claims ${length} bytes where ${bytes.length - i} are left`;
    const body = i + 2;
    const fixed = (n: number) => length === n;
    if (kind === 2 && fixed(4)) mss = (bytes[body] << 8) | bytes[body + 1];
    else if (kind === 3 && fixed(3)) wscale = bytes[body];
    else if (kind === 4 && fixed(2)) sackOK = true;
    else if (kind === 8 && fixed(10)) ts = { val: word(body), ecr: word(body + 4) };
    else if (kind === 5 && (length - 2) % 8 === 0) {
      const blocks: string[] = [];
      for (let b = body; b < i + length; b += 8) blocks.push(`{${word(b)}:${word(b + 4)}}`);
      extras.push(`sack ${blocks.length} ${blocks.join('')}`);
    } else if (kind === 34) {
      const cookie = [...bytes.subarray(body, i + length)].map((x) => x.toString(16).padStart(2, '0')).join('');
      extras.push(cookie === '' ? 'tfo cookiereq' : `tfo cookie ${cookie}`);
    } else if (kind === 30) extras.push('mptcp');
    else if (kind === 19) extras.push('md5 signature');
    else if (kind === 29) extras.push('TCP-AO');
    else extras.push(`option ${kind} (${length} bytes)`);
    i += length;
  }
  return { mss, wscale, sackOK, ts };
}
