// Reading one packetdrill statement: its time, then a packet (`<` in, `>` out), a syscall,
// a shell command or a Python block. Pure text in, plain data out; nothing is judged here.

import type { FlagName } from '../syntax/ast';
import type { WireSegment } from './script';
import { compactFlag } from '../syntax/segmentWords';

/**
 * When a statement happens (microseconds). A range `a~b` (any time in between) and a
 * blocking call's `a...b` (starts at a, returns at b) are read as starting at `a`.
 */
export type PdTime = { readonly kind: 'none' } | { readonly kind: 'any' } | { readonly kind: 'at'; readonly relative: boolean; readonly us: number };

export type PdStatement =
  | {
      readonly kind: 'packet';
      readonly time: PdTime;
      readonly inbound: boolean;
      readonly segment: WireSegment;
      /** TCP over UDP (`…/udp(9811 > 1)`, RFC 9293 has no say): `udp <local port>:<remote port>`, '' for none. */
      readonly encapsulation: string;
    }
  | { readonly kind: 'syscall'; readonly time: PdTime; readonly name: string; readonly args: readonly string[]; readonly result: string }
  | { readonly kind: 'shell'; readonly time: PdTime }
  | { readonly kind: 'python'; readonly time: PdTime; readonly code: string }
  | { readonly kind: 'option' }
  /** Something packetdrill knows but .tcpflow cannot express (UDP, ICMP, a flagless segment…). */
  | { readonly kind: 'unsupported'; readonly time: PdTime; readonly why: string }
  | { readonly kind: 'malformed'; readonly why: string };

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const TIME = new RegExp(String.raw`^(\*|[+-]?${NUMBER})(?:\s*(?:~|\.\.\.)\s*[+-]?${NUMBER})?(?=\s|$)`);

/** `1.25` → 1250000 µs, exactly (no floating point). */
function microseconds(text: string): number {
  const [whole, fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const us = Number(whole || '0') * 1_000_000 + Number((fraction + '000000').slice(0, 6));
  return text.startsWith('-') ? -us : us;
}

function readTime(code: string): { time: PdTime; rest: string } {
  const m = TIME.exec(code);
  if (!m) return { time: { kind: 'none' }, rest: code };
  const rest = code.slice(m[0].length).trimStart();
  if (m[1] === '*') return { time: { kind: 'any' }, rest };
  return { time: { kind: 'at', relative: /^[+-]/.test(m[1]), us: microseconds(m[1]) }, rest };
}

export function parseStatement(code: string): PdStatement {
  const trimmed = code.trim();
  if (trimmed.startsWith('--')) return { kind: 'option' };
  const { time, rest } = readTime(trimmed);
  if (rest.startsWith('<') || rest.startsWith('>')) return parsePacket(time, rest.startsWith('<'), rest.slice(1).trim());
  if (rest.startsWith('`')) return { kind: 'shell', time };
  if (rest.startsWith('%{')) return { kind: 'python', time, code: rest };
  const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(rest);
  if (call) return parseSyscall(time, call[1], rest.slice(call[0].length));
  if (time.kind === 'none' && rest === trimmed) {
    return { kind: 'malformed', why: `expected a time, then a packet ('<' or '>'), a syscall, a \`shell command\` or a %{ python }% block` };
  }
  return { kind: 'malformed', why: `expected a packet ('<' or '>'), a syscall, a \`shell command\` or a %{ python }% block after the time` };
}

// ---- syscalls ------------------------------------------------------------------------------

/** `name(args) = result…`: the arguments split at their top-level commas. */
function parseSyscall(time: PdTime, name: string, afterParen: string): PdStatement {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  let i = 0;
  for (; i < afterParen.length; i++) {
    const c = afterParen[i];
    if (c === '"') {
      const end = afterParen.indexOf('"', i + 1);
      const stop = end < 0 ? afterParen.length - 1 : end;
      current += afterParen.slice(i, stop + 1);
      i = stop;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') {
      if (depth === 0 && c === ')') break;
      depth--;
    }
    if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  if (i >= afterParen.length) return { kind: 'malformed', why: `the arguments of ${name}( are not closed with ')'` };
  if (current.trim() !== '' || args.length > 0) args.push(current.trim());
  const after = afterParen.slice(i + 1).trim();
  const result = /^=\s*(.*)$/s.exec(after);
  if (!result) return { kind: 'malformed', why: `${name}(…) needs its expected result, e.g. '= 0'` };
  return { kind: 'syscall', time, name, args, result: result[1].trim() };
}

// ---- packets -------------------------------------------------------------------------------


const NOT_TCP = new Set(['udp', 'udplite', 'icmp', 'icmpv6', 'sctp', 'gre', 'mpls']);

interface Fields {
  flags: Set<FlagName>;
  seq?: number;
  ack?: number;
  len: number;
  win?: number;
  mss?: number;
  wscale?: number;
  sackOK: boolean;
  ts?: { val: number; ecr?: number };
  urg?: number;
  extras: string[];
}

function parsePacket(time: PdTime, inbound: boolean, text: string): PdStatement {
  let rest = text;
  let encapsulation = '';
  const udp = /\/udp\(\s*(\d+)\s*>\s*(\d+)\s*\)\s*$/.exec(rest);
  if (udp) {
    encapsulation = inbound ? `udp ${udp[2]}:${udp[1]}` : `udp ${udp[1]}:${udp[2]}`;
    rest = rest.slice(0, udp.index);
  }
  const extras: string[] = [];
  // IP-level decorations: `[ect0]`, `[ce]`, `(tos 0x10)`, `encap psp spi 23`…, which .tcpflow does not model.
  const DECORATION = /^(\[[^\]]*\]|\([^)]*\)|encap(?:\s+(?![SFRPUEW.-]+\s)\S+)*)\s*/;
  for (let m = DECORATION.exec(rest); m && m[0] !== ''; m = DECORATION.exec(rest)) {
    extras.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  const first = /^\S+/.exec(rest)?.[0] ?? '';
  if (NOT_TCP.has(first.toLowerCase())) return { kind: 'unsupported', time, why: `not a TCP segment but ${first.toUpperCase()}: .tcpflow models TCP only` };
  if (first === '') return { kind: 'malformed', why: `a packet needs its TCP flags after '${inbound ? '<' : '>'}', e.g. S, S., . or P.` };
  if (first === '-') return { kind: 'unsupported', time, why: 'a segment with no flags (-): .tcpflow segments carry at least one flag' };
  const f: Fields = { flags: new Set(), len: 0, sackOK: false, extras };
  for (const letter of first) {
    const flag = compactFlag(letter.charCodeAt(0));
    if (flag === undefined) {
      return { kind: 'malformed', why: `unknown TCP flag '${letter}' in '${first}': packetdrill's flags are S F R P . U E W, or - for none` };
    }
    f.flags.add(flag);
  }
  rest = rest.slice(first.length).trim();

  const seq = /^(\d+):(\d+)\((\d+)\)/.exec(rest);
  if (seq) {
    const start = uint32(seq[1]);
    const end = uint32(seq[2]);
    const len = uint32(seq[3]);
    if (start === undefined || end === undefined || len === undefined) return { kind: 'malformed', why: `'${seq[0]}': sequence numbers go from 0 to 4294967295` };
    if (((end - start) >>> 0) !== len) {
      return { kind: 'malformed', why: `'${seq[0]}' is inconsistent: ${end} − ${start} is ${((end - start) >>> 0)}, not the length ${len}` };
    }
    f.seq = start;
    f.len = len;
    rest = rest.slice(seq[0].length).trim();
  } else {
    // `...(len)`: any sequence number (nplab packetdrill); the seq is left to the sender's state.
    const any = /^\.\.\.\((\d+)\)/.exec(rest);
    const len = any ? uint32(any[1]) : undefined;
    if (any && len !== undefined) {
      f.len = len;
      f.extras.push(`${any[0]}: any seq`);
      rest = rest.slice(any[0].length).trim();
    }
  }

  while (rest !== '') {
    if (rest.startsWith('<')) {
      const close = rest.indexOf('>');
      if (close < 0) return { kind: 'malformed', why: `the TCP options '${rest}' are not closed with '>'` };
      const problem = readOptions(rest.slice(1, close), f);
      if (problem) return { kind: 'malformed', why: problem };
      rest = rest.slice(close + 1).trim();
      continue;
    }
    const m = /^(\S+)(?:\s+(\S+))?/.exec(rest)!;
    const word = m[1];
    if (word === 'ack' || word === 'win' || word === 'urg') {
      const value = m[2] === undefined ? undefined : uint32(m[2]);
      if (value === undefined) return { kind: 'malformed', why: `'${word}' needs a number from 0 to 4294967295, found '${m[2] ?? ''}'` };
      f[word] = value;
      rest = rest.slice(m[0].length).trim();
      continue;
    }
    if (word === '...') {
      f.extras.push('...');
      rest = rest.slice(3).trim();
      continue;
    }
    return { kind: 'malformed', why: `unexpected '${word}' in the packet: expected ack <n>, win <n>, urg <n> or <options>` };
  }
  if (udp) f.extras.push(`over UDP ${udp[1]} > ${udp[2]}`);
  return { kind: 'packet', time, inbound, segment: f, encapsulation };
}

/** `mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7`: what .tcpflow has a field for, the rest as extras. */
function readOptions(text: string, f: Fields): string | undefined {
  for (const raw of text.split(',')) {
    const option = raw.trim().replace(/\s+/g, ' ');
    if (option === 'nop' || option === 'eol' || option === '') continue;
    if (option === 'sackOK') {
      f.sackOK = true;
      continue;
    }
    // A value that is a name (`mss MSS`, defined on packetdrill's command line) is kept as written.
    let m = /^mss (\d\S*)$/.exec(option);
    if (m) {
      const v = uint32(m[1]);
      if (v === undefined || v > 0xffff) return `'${option}': an MSS is a number from 0 to 65535`;
      f.mss = v;
      continue;
    }
    m = /^wscale (\d\S*)$/.exec(option);
    if (m) {
      const v = uint32(m[1]);
      if (v === undefined || v > 255) return `'${option}': a window scale is a number from 0 to 14`;
      f.wscale = v;
      continue;
    }
    m = /^TS val (\d\S*)(?: ecr (\d\S*))?$/.exec(option);
    if (m) {
      const val = uint32(m[1]);
      const ecr = m[2] === undefined ? undefined : uint32(m[2]);
      if (val === undefined || (m[2] !== undefined && ecr === undefined)) return `'${option}': timestamps are numbers from 0 to 4294967295`;
      f.ts = { val, ecr };
      continue;
    }
    f.extras.push(option);
  }
  return undefined;
}

export function uint32(text: string): number | undefined {
  if (!/^(?:\d+|0x[0-9a-fA-F]+)$/.test(text)) return undefined;
  const v = Number(text);
  return v <= 0xffffffff ? v : undefined;
}
