// Reading one line of `tcpdump -n` text: the timestamp in any of tcpdump's forms (`-t`,
// default, `-tt`, `-tttt`), the addresses (IPv4 or IPv6 `addr.port`) and the TCP fields.
// Numbers are kept as printed; whether they are relative is decided for the whole capture.

import type { FlagName } from '../syntax/ast';
import type { WireSegment } from './script';
import { uint32 } from './packetdrillSyntax';
import { compactFlag } from '../syntax/segmentWords';

export interface TcpdumpPacket {
  /** 1-based input line. */
  readonly line: number;
  /** Microseconds; since midnight for a clock time, since the epoch otherwise. */
  readonly time?: { readonly us: number; readonly clock: boolean };
  /** `addr.port` as printed, and as a participant address (`10.0.0.1:80`, `[::1]:80`). */
  readonly src: string;
  readonly dst: string;
  readonly srcAddress: string;
  readonly dstAddress: string;
  /** `-i any` prints the direction: the same packet may show up as Out and as In. */
  readonly direction?: string;
  /** seq and ack as printed (undefined when not printed: tcpdump shows no seq on a pure ACK). */
  readonly segment: WireSegment;
}

export type TcpdumpLine =
  | { readonly kind: 'blank' }
  /** The TCP half of a `-v` packet, read together with the line before it. */
  | { readonly kind: 'continuation' }
  /** A packet of a capture file that is not written: another connection's, or not TCP. */
  | { readonly kind: 'omitted' }
  /** tcpdump's own messages (`listening on lo…`, `12 packets captured`). */
  | { readonly kind: 'chatter' }
  | { readonly kind: 'packet'; readonly packet: TcpdumpPacket }
  | { readonly kind: 'other'; readonly why: string; readonly malformed: boolean };

const CHATTER =
  /^(?:tcpdump: |listening on |reading from (?:file|pcap)|\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface))|dropped privs)/;

const CLOCK = /^(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s+/;
const EPOCH = /^(\d{9,})\.(\d{1,9})\s+/;
const IFACE = /^(\S+)\s+(In|Out|M|B|P)\s+(?=IP6? )/;
const LINK = /^(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2} > (?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}, ethertype (IPv[46]) \(0x[0-9a-fA-F]+\), length \d+: /;
const ADDRESSES = /^(\S+)\.([A-Za-z0-9-]+) > (\S+)\.([A-Za-z0-9-]+): /;

export function parseTcpdumpLine(text: string, line: number): TcpdumpLine {
  let rest = text.trimEnd();
  if (rest.trim() === '') return { kind: 'blank' };
  if (CHATTER.test(rest)) return { kind: 'chatter' };
  if (/^\s+0x[0-9a-fA-F]+:/.test(rest)) return { kind: 'other', why: 'a hex dump line (-x/-X): payload bytes are not imported', malformed: false };

  let time: TcpdumpPacket['time'];
  const clock = CLOCK.exec(rest);
  const epoch = clock ? null : EPOCH.exec(rest);
  if (clock) {
    const [, y, mo, d, h, mi, s, frac = ''] = clock;
    const days = y === undefined ? 0 : Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 86_400_000;
    const seconds = ((days * 24 + Number(h)) * 60 + Number(mi)) * 60 + Number(s);
    time = { us: seconds * 1_000_000 + fractionUs(frac), clock: y === undefined };
    rest = rest.slice(clock[0].length);
  } else if (epoch) {
    time = { us: Number(epoch[1]) * 1_000_000 + fractionUs(epoch[2]), clock: false };
    rest = rest.slice(epoch[0].length);
  }

  let direction: string | undefined;
  const iface = IFACE.exec(rest);
  if (iface) {
    direction = iface[2];
    rest = rest.slice(iface[0].length);
  }
  const link = LINK.exec(rest);
  let ipv6 = false;
  if (link) {
    ipv6 = link[1] === 'IPv6';
    rest = rest.slice(link[0].length);
  } else {
    const ip = /^(IP6?) /.exec(rest);
    if (!ip) {
      const first = /^[^\s,:]+/.exec(rest)?.[0] ?? '';
      return { kind: 'other', why: `not an IP packet ('${first}'): only TCP segments are imported`, malformed: false };
    }
    ipv6 = ip[1] === 'IP6';
    rest = rest.slice(ip[0].length);
  }
  // `-v` puts the IP header in parentheses before the addresses.
  if (rest.startsWith('(')) {
    const close = rest.indexOf(') ');
    if (close >= 0) rest = rest.slice(close + 2).trimStart();
  }

  const addresses = ADDRESSES.exec(rest);
  if (!addresses) return { kind: 'other', why: 'no source and destination ports: not a TCP segment (ICMP?)', malformed: false };
  const [, srcHost, srcPort, dstHost, dstPort] = addresses;
  rest = rest.slice(addresses[0].length);
  if (!rest.startsWith('Flags [')) {
    return { kind: 'other', why: `not a TCP segment (${/^[A-Za-z0-9-]+/.exec(rest)?.[0] ?? 'no Flags'}): only TCP is imported`, malformed: false };
  }
  // Only now that the line is known to be a TCP segment are the host and port where the last dot splits them.
  const impossible = impossibleEndpoint(srcHost, srcPort) ?? impossibleEndpoint(dstHost, dstPort);
  if (impossible !== undefined) return { kind: 'other', why: impossible, malformed: true };
  const parsed = parseTcp(rest);
  if (typeof parsed === 'string') return { kind: 'other', why: parsed, malformed: true };
  if (parsed.flags.has('SYN') && parsed.seq === undefined) {
    return { kind: 'other', why: "a SYN without 'seq': tcpdump always prints the sequence number a SYN carries", malformed: true };
  }
  if (parsed.flags.size === 0) return { kind: 'other', why: 'a segment with no flags: .tcpflow segments carry at least one flag', malformed: false };
  const address = (host: string, port: string) => (ipv6 || host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
  return {
    kind: 'packet',
    packet: {
      line,
      time,
      src: `${srcHost}.${srcPort}`,
      dst: `${dstHost}.${dstPort}`,
      srcAddress: address(srcHost, srcPort),
      dstAddress: address(dstHost, dstPort),
      direction,
      segment: parsed,
    },
  };
}

/**
 * Why an address or port cannot be one, or undefined. Numeric ports go up to 65535; an IPv4
 * address has four parts up to 255; an IPv6 address at most eight hex groups of up to four
 * digits, one `::`, perhaps ending in IPv4 form and a `%zone`. Names (tcpdump without -n)
 * are taken as printed.
 */
function impossibleEndpoint(host: string, port: string): string | undefined {
  if (/^\d+$/.test(port) && !(port.length <= 5 && Number(port) <= 65535)) return `port ${shortened(port)}: ports go from 0 to 65535`;
  if (/^[\d.]+$/.test(host)) {
    const parts = host.split('.');
    const fine = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
    return fine ? undefined : `'${shortened(host)}' is not an IPv4 address (four numbers from 0 to 255)`;
  }
  if (host.includes(':')) return ipv6Valid(host.replace(/%[\w.-]+$/, '')) ? undefined : `'${shortened(host)}' is not an IPv6 address`;
  return undefined;
}

function ipv6Valid(host: string): boolean {
  let text = host;
  let groups = 0;
  const v4 = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    if (impossibleEndpoint(v4[1], '0') !== undefined) return false;
    // The IPv4 form is two groups: one `0` placeholder stands in for the other when it follows a group.
    const afterGap = text.endsWith(`::${v4[1]}`);
    text = text.slice(0, text.length - v4[1].length) + (afterGap ? '' : '0');
    groups += afterGap ? 2 : 1;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  for (const half of halves) {
    if (half === '') continue;
    const parts = half.split(':');
    if (!parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p))) return false;
    groups += parts.length;
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

function shortened(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function fractionUs(digits: string): number {
  return Number((digits + '000000').slice(0, 6));
}


/** `Flags [P.], seq 1:6, ack 1, win 512, options […], length 5[: payload]`, or why not. */
function parseTcp(text: string): WireSegment | string {
  const close = text.indexOf(']');
  if (close < 0) return `'Flags [' is not closed with ']'`;
  const word = text.slice('Flags ['.length, close);
  const flags = new Set<FlagName>();
  const extras: string[] = [];
  if (word !== 'none') {
    for (const letter of word) {
      const flag = compactFlag(letter.charCodeAt(0));
      if (flag) flags.add(flag);
      else extras.push(`flag '${letter}'`);
    }
  }

  // `length N` is the last field; what follows it is tcpdump's decoding of the payload.
  let fields = text.slice(close + 1);
  let len: number | undefined;
  let payload = '';
  const length = /, length (\d+)(.*)$/s.exec(fields);
  if (length) {
    len = Number(length[1]);
    payload = length[2].replace(/^:\s*/, '').trim();
    fields = fields.slice(0, length.index);
  }

  let seq: number | undefined;
  let seqEnd: number | undefined;
  let ack: number | undefined;
  let win: number | undefined;
  let urg: number | undefined;
  let mss: number | undefined;
  let wscale: number | undefined;
  let sackOK = false;
  let ts: { val: number; ecr?: number } | undefined;
  for (const field of splitTopLevel(fields)) {
    if (field === '') continue;
    let m = /^seq (\d+)(?::(\d+))?$/.exec(field);
    if (m) {
      seq = uint32(m[1]);
      seqEnd = m[2] === undefined ? undefined : uint32(m[2]);
      if (seq === undefined || (m[2] !== undefined && seqEnd === undefined)) return `'${field}': sequence numbers go from 0 to 4294967295`;
      continue;
    }
    m = /^(ack|win|urg) (\d+)$/.exec(field);
    if (m) {
      const v = uint32(m[2]);
      if (v === undefined) return `'${field}': the number is above 4294967295`;
      if (m[1] === 'ack') ack = v;
      else if (m[1] === 'win') win = v;
      else urg = v;
      continue;
    }
    m = /^options \[(.*)\]$/.exec(field);
    if (m) {
      for (const raw of m[1].split(',')) {
        const option = raw.trim();
        let o: RegExpExecArray | null;
        if (option === 'nop' || option === 'eol' || option === '') continue;
        if (option === 'sackOK') sackOK = true;
        else if ((o = /^mss (\d+)$/.exec(option))) mss = Number(o[1]);
        else if ((o = /^wscale (\d+)$/.exec(option))) wscale = Number(o[1]);
        else if ((o = /^TS val (\d+) ecr (\d+)$/.exec(option))) ts = { val: Number(o[1]) >>> 0, ecr: Number(o[2]) >>> 0 };
        else extras.push(option);
      }
      continue;
    }
    if (/^cksum /.test(field)) continue;
    extras.push(field);
  }
  if (payload !== '') extras.push(payload);
  if (len === undefined) {
    if (seq !== undefined && seqEnd !== undefined) len = (seqEnd - seq) >>> 0;
    else return `no 'length' field: expected e.g. 'Flags [P.], seq 1:6, ack 1, win 512, length 5'`;
  }
  if (seq !== undefined && seqEnd !== undefined && ((seqEnd - seq) >>> 0) !== len) {
    return `'seq ${seq}:${seqEnd}' covers ${((seqEnd - seq) >>> 0)} bytes but the segment has length ${len}`;
  }
  return { flags, seq, ack, len, win, mss, wscale, sackOK, ts, urg, extras };
}

/** Splits at the commas outside brackets: `options [mss 1460,nop]` stays whole. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '[' || c === '{' || c === '(') depth++;
    else if ((c === ']' || c === '}' || c === ')') && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current.trim());
  return parts;
}
