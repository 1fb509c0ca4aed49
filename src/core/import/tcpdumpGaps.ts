// Bytes a capture misses. tcpdump drops packets when it cannot keep up ("packets dropped by
// kernel"); the connection then shows a sender's sequence numbers jumping ahead, or the peer
// acknowledging bytes the capture never showed — and the sender later carrying on from there
// (without that, an ack of unsent data is a real anomaly and is left for the check to report).
// Each gap gets a synthesized segment, so that the segments around it can still be checked.

import { seqAdd, seqLt, seqSub } from '../engine/seq';
import type { WireSegment } from './script';
import { seqLength } from './sides';
import type { TcpdumpPacket } from './tcpdumpLine';

/** A segment to write: a captured one, or one synthesized for a gap (no `packet`). */
export interface Entry {
  /** 1-based input line: the packet's own, or the one where the gap showed. */
  readonly line: number;
  readonly side: number;
  readonly segment: WireSegment;
  readonly packet?: TcpdumpPacket;
  readonly time?: TcpdumpPacket['time'];
  /** For a synthesized segment: how many bytes the capture missed. */
  readonly missing?: number;
}

/** `written[i]` holds packet i's numbers as written (relative to each side's ISN). */
export function withGaps(packets: readonly TcpdumpPacket[], sideOf: readonly number[], written: readonly WireSegment[]): Entry[] {
  const sndNxt: (number | undefined)[] = [undefined, undefined];
  const lastAck: (number | undefined)[] = [undefined, undefined];
  const entries: Entry[] = [];
  const later = furthestLaterSeq(sideOf, written);
  const fill = (side: number, upTo: number, p: TcpdumpPacket) => {
    const from = sndNxt[side];
    if (from === undefined || !seqLt(from, upTo)) return;
    const missing = seqSub(upTo, from);
    const flags = new Set(['ACK'] as const);
    const segment: WireSegment = { flags, seq: from, ack: lastAck[side], len: missing, sackOK: false, extras: [] };
    entries.push({ line: p.line, side, segment, time: p.time, missing });
    sndNxt[side] = upTo;
  };
  packets.forEach((p, i) => {
    const side = sideOf[i];
    const s = written[i];
    if (!s.flags.has('SYN') && !s.flags.has('RST') && s.seq !== undefined) fill(side, s.seq, p);
    const peerGoesOn = (ack: number) => {
      const furthest = later[i][1 - side];
      return furthest !== undefined && !seqLt(furthest, ack);
    };
    if (s.flags.has('ACK') && !s.flags.has('SYN') && !s.flags.has('RST') && s.ack !== undefined && peerGoesOn(s.ack)) fill(1 - side, s.ack, p);
    entries.push({ line: p.line, side, segment: s, packet: p, time: p.time });
    if (s.flags.has('SYN') && s.seq !== undefined) sndNxt[side] = undefined;
    if (s.seq !== undefined && !s.flags.has('RST')) {
      const end = seqAdd(s.seq, seqLength(s));
      const known = sndNxt[side];
      sndNxt[side] = known === undefined || seqLt(known, end) ? end : known;
    }
    if (s.flags.has('ACK') && s.ack !== undefined) lastAck[side] = s.ack;
  });
  return entries;
}

/** For each packet, the highest seq each side sends from there on (before a new SYN), if any. */
function furthestLaterSeq(sideOf: readonly number[], written: readonly WireSegment[]): (number | undefined)[][] {
  const result: (number | undefined)[][] = new Array(written.length);
  const furthest: (number | undefined)[] = [undefined, undefined];
  for (let i = written.length - 1; i >= 0; i--) {
    const s = written[i];
    const side = sideOf[i];
    if (s.flags.has('SYN')) furthest[side] = undefined;
    else if (s.seq !== undefined && !s.flags.has('RST')) {
      const known = furthest[side];
      furthest[side] = known === undefined || seqLt(known, s.seq) ? s.seq : known;
    }
    result[i] = [furthest[0], furthest[1]];
  }
  return result;
}
