// The numbers a tcpdump capture shows, made into the ones the script writes: absolute first
// (undoing tcpdump's relative numbering), then relative to each side's ISN, as Wireshark
// shows them. A side whose numbers appear before its SYN gets an inferred ISN.

import { seqLt } from '../engine/seq';
import type { WireSegment } from './script';
import type { TcpdumpPacket } from './tcpdumpLine';

export interface WrittenNumbers {
  readonly written: readonly WireSegment[];
  /** Each side's ISN, from its first SYN; undefined when its SYN is not in the capture. */
  readonly isn: readonly (number | undefined)[];
  /** The side's numbers appear before its SYN does (or without one): the capture missed it. */
  readonly missingSyn: readonly boolean[];
}

interface Absolute {
  readonly seq?: number;
  readonly ack?: number;
}

/** `sideOf[i]` is the side (0 or 1) that sent packet i. */
export function writtenNumbers(packets: readonly TcpdumpPacket[], sideOf: readonly number[], mode: 'auto' | 'relative' | 'absolute'): WrittenNumbers {
  const relative = mode === 'relative' || (mode === 'auto' && looksRelative(packets, sideOf));
  const absolute = absoluteNumbers(packets, sideOf, relative);
  const isn: (number | undefined)[] = [undefined, undefined];
  const missingSyn = [false, false];
  const current = [0, 0];
  for (const side of [0, 1]) {
    const inferred = inferIsn(packets, sideOf, absolute, side);
    if (inferred !== undefined) {
      missingSyn[side] = true;
      current[side] = inferred;
    }
  }
  const written = packets.map((p, i) => {
    const s = p.segment;
    const from = sideOf[i];
    const abs = absolute[i];
    if (s.flags.has('SYN') && abs.seq !== undefined) {
      current[from] = abs.seq;
      if (isn[from] === undefined && !missingSyn[from]) isn[from] = abs.seq;
    }
    return {
      ...s,
      seq: abs.seq === undefined ? undefined : (abs.seq - current[from]) >>> 0,
      ack: abs.ack === undefined ? undefined : (abs.ack - current[1 - from]) >>> 0,
    };
  });
  return { written, isn, missingSyn };
}

/**
 * Undoes tcpdump's relative numbers (print-tcp.c): it prints the connection's first
 * ACK-bearing segment, and every SYN+ACK, absolute and measures the later ones from it.
 * A base tcpdump did not print (a pure ACK shows no seq) is taken as 0: the numbers then
 * stay consistent with each other, which is all that relative numbers need.
 */
function absoluteNumbers(packets: readonly TcpdumpPacket[], sideOf: readonly number[], relative: boolean): Absolute[] {
  const base = [0, 0];
  let recorded = false;
  return packets.map((p, i) => {
    const s = p.segment;
    const from = sideOf[i];
    if (!relative || !s.flags.has('ACK')) return { seq: s.seq, ack: s.ack };
    if (!recorded || s.flags.has('SYN')) {
      base[from] = s.seq ?? 0;
      base[1 - from] = ((s.ack ?? 1) - 1) >>> 0;
      recorded = true;
      return { seq: s.seq, ack: s.ack };
    }
    return {
      seq: s.seq === undefined ? undefined : (s.seq + base[from]) >>> 0,
      ack: s.ack === undefined ? undefined : (s.ack + base[1 - from]) >>> 0,
    };
  });
}

/**
 * After the segment tcpdump measures from, a relative ack counts from 1 (it covers the SYN);
 * an absolute one counts from the peer's number in that segment. The first ack that only one
 * reading allows, or that one reading makes smaller, decides: near the top of the sequence
 * space (an ISN of 4294967295) an absolute ack wraps to 0, which no relative ack can be.
 */
function looksRelative(packets: readonly TcpdumpPacket[], sideOf: readonly number[]): boolean {
  const base: (number | undefined)[] = [undefined, undefined];
  let recorded = false;
  for (let i = 0; i < packets.length; i++) {
    const s = packets[i].segment;
    if (!s.flags.has('ACK') || s.ack === undefined) continue;
    const from = sideOf[i];
    if (!recorded || s.flags.has('SYN')) {
      base[from] = s.seq;
      base[1 - from] = (s.ack - 1) >>> 0;
      recorded = true;
      continue;
    }
    const reference = base[1 - from];
    if (reference === undefined) continue;
    const asRelative = s.ack | 0;
    const asAbsolute = (s.ack - reference) | 0;
    if (asRelative >= 1 && asAbsolute >= 1) return asRelative < asAbsolute;
    if (asRelative >= 1 || asAbsolute >= 1) return asRelative >= 1;
  }
  return false;
}

/**
 * The ISN of a side whose numbers appear before its SYN (the capture started mid-connection):
 * one below the lowest of its sequence numbers and of the peer's acks before that SYN.
 * Undefined when nothing refers to its numbers before its SYN (a RST's seq does not count).
 */
function inferIsn(packets: readonly TcpdumpPacket[], sideOf: readonly number[], absolute: readonly Absolute[], side: number): number | undefined {
  const values: number[] = [];
  let needed = false;
  for (let i = 0; i < packets.length; i++) {
    const s = packets[i].segment;
    const abs = absolute[i];
    if (sideOf[i] === side && s.flags.has('SYN')) break;
    if (s.flags.has('RST')) continue;
    if (sideOf[i] === side) {
      needed = true;
      if (abs.seq !== undefined) values.push(abs.seq);
    } else if (s.flags.has('ACK') && abs.ack !== undefined) {
      needed = true;
      values.push(abs.ack);
    }
  }
  if (!needed) return undefined;
  if (values.length === 0) return 0;
  const lowest = values.reduce((a, b) => (seqLt(b, a) ? b : a));
  return (lowest - 1) >>> 0;
}
