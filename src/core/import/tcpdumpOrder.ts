// When each captured segment reaches its receiver. A capture shows when segments passed the
// capture point, not when they arrived: a segment whose receiver goes on acknowledging less
// than its end was still on its way. It is sent with `~>` and delivered just before the
// receiver's first segment that acknowledges it. A segment re-sent before any acknowledgment
// covers it was lost (`-x`). Everything else arrives at once (`->`).

import { seqLe, seqLt } from '../engine/seq';
import type { Arrow, SegmentMarker, WireSegment } from './script';
import { seqLength } from './sides';

/** Delivered at once, lost, or delivered just before segment `deliverBefore`. */
export interface Fate {
  readonly arrow: Arrow;
  readonly deliverBefore?: number;
}

/** `sideOf[i]` is the sender of segment i; `markers[i]` its marker. Numbers as written. */
export function arrivals(segments: readonly WireSegment[], sideOf: readonly number[], markers: readonly (SegmentMarker | undefined)[]): Fate[] {
  const n = segments.length;
  const acksFrom = (j: number, side: number) => sideOf[j] !== side && segments[j].flags.has('ACK') && segments[j].ack !== undefined;
  return segments.map((s, i) => {
    const from = sideOf[i];
    const length = seqLength(s);
    if (s.seq === undefined || length === 0) return { arrow: '->' };
    const end = (s.seq + length) >>> 0;
    let cover: number | undefined;
    for (let j = i + 1; j < n && cover === undefined; j++) if (acksFrom(j, from) && seqLe(end, segments[j].ack!)) cover = j;
    let lost = false;
    let notYet = false;
    for (let k = i + 1; k < (cover ?? n); k++) {
      const r = segments[k];
      if (sideOf[k] === from && markers[k] === 'retransmit' && r.seq !== undefined && overlaps(r.seq, seqLength(r), s.seq, length)) lost = true;
      if (acksFrom(k, from)) notYet = true;
    }
    if (lost) return { arrow: '-x' };
    if (notYet && cover !== undefined) return { arrow: '~>', deliverBefore: cover };
    return { arrow: '->' };
  });
}

function overlaps(aSeq: number, aLen: number, bSeq: number, bLen: number): boolean {
  return seqLt(aSeq, (bSeq + bLen) >>> 0) && seqLt(bSeq, (aSeq + aLen) >>> 0);
}
