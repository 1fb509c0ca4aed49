// What an importer follows of each side's sequence space, to tell a retransmission or a
// keep-alive probe from a new segment and to apply window scaling (RFC 7323 §2.3).

import { seqAdd, seqLt, seqMax } from '../engine/seq';
import type { SegmentMarker, WireSegment } from './script';

export class SideState {
  /** The seq of its latest SYN. */
  iss: number | undefined;
  /** The highest sequence number it has sent, plus one. */
  sndNxt: number | undefined;
  /** How far the peer has acknowledged it. */
  ackedByPeer: number | undefined;
  /** The window scale its latest SYN announced. */
  wscale: number | undefined;
  /** Its SYN has been seen. */
  synSeen = false;
}

/** SEG.LEN: data plus one for SYN and one for FIN. */
export function seqLength(s: WireSegment): number {
  return s.len + (s.flags.has('SYN') ? 1 : 0) + (s.flags.has('FIN') ? 1 : 0);
}

/**
 * `retransmit` for a segment that re-sends sequence space already sent, `keepalive` for an
 * ACK with seq = SND.NXT − 1 and at most one byte once everything is acknowledged (RFC 1122
 * §4.2.3.6; Linux sends its zero-window probes the same way). `s.seq` is absolute.
 */
export function markerOf(side: SideState, s: WireSegment): SegmentMarker | undefined {
  if (s.seq === undefined || side.sndNxt === undefined) return undefined;
  const f = s.flags;
  if (f.has('SYN')) return side.iss === s.seq && side.synSeen ? 'retransmit' : undefined;
  if (f.has('RST')) return undefined;
  const probe =
    f.has('ACK') && !f.has('FIN') && s.len <= 1 && s.seq === seqAdd(side.sndNxt, -1) && side.ackedByPeer === side.sndNxt;
  if (probe) return 'keepalive';
  if (seqLength(s) > 0 && seqLt(s.seq, side.sndNxt)) return 'retransmit';
  return undefined;
}

/** Follows a segment `from` sends to `to`. */
export function follow(from: SideState, to: SideState, s: WireSegment): void {
  if (s.flags.has('SYN') && s.seq !== undefined) {
    if (from.iss !== s.seq || !from.synSeen) from.sndNxt = undefined;
    from.iss = s.seq;
    from.synSeen = true;
    from.wscale = s.wscale === undefined ? undefined : Math.min(s.wscale, 14);
  }
  if (s.seq !== undefined && !s.flags.has('RST')) {
    const end = seqAdd(s.seq, seqLength(s));
    from.sndNxt = from.sndNxt === undefined ? end : seqMax(from.sndNxt, end);
  }
  if (s.flags.has('ACK') && s.ack !== undefined) {
    to.ackedByPeer = to.ackedByPeer === undefined ? s.ack : seqMax(to.ackedByPeer, s.ack);
  }
}

/**
 * The window a segment really offers: after the handshake, when both SYNs carried the
 * option, the field is shifted by the sender's scale. SYNs are never scaled.
 */
export function effectiveWindow(from: SideState, to: SideState, s: WireSegment): number | undefined {
  if (s.win === undefined || s.flags.has('SYN')) return s.win;
  if (from.wscale === undefined || to.wscale === undefined) return s.win;
  return Math.min(s.win * 2 ** from.wscale, 0xffffffff);
}
