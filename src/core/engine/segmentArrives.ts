// The receiving side of a segment: RFC 9293 §3.10.7 (SEGMENT ARRIVES), state by state.
// It updates the receiver's TCB and says what reply, if any, the RFC obliges it to send.

import { cloneTcb, resetTcb, segLen, type Alternative, type Segment, type Tcb, type Why } from './model';
import { seqAdd, seqInWindow, seqLe, seqLt, seqMax } from './seq';

export interface Reply {
  readonly kind: 'syn-ack' | 'ack' | 'rst';
  readonly seq?: number;
  readonly ack?: number;
  /** Worded on demand: most replies are made and never explained. */
  readonly why: Why;
  readonly synToClosed?: number;
}

export interface Arrival {
  reply?: Reply;
  /** The connection was reset (to CLOSED, or back to LISTEN). */
  reset?: boolean;
  /** Why the segment was discarded, when it was. */
  dropped?: string;
  /** RCV.NXT had the segment been accepted (for `tcp.unexpected-segment`). */
  wouldRcvNxt?: number;
  /** The same arrival under another behaviour the RFCs allow. */
  alt?: Alternative;
}

export interface ArrivalContext {
  readonly now: number;
  readonly twoMslMs: number;
  /** The ISS the receiver picks if this segment makes it answer a SYN. */
  readonly nextIss: number;
}

export function segmentArrives(t: Tcb, seg: Segment, ctx: ArrivalContext): Arrival {
  t.lastActivity = ctx.now;
  t.lastArrivalLine = seg.line;
  switch (t.state) {
    case 'CLOSED':
      return arriveClosed(seg);
    case 'LISTEN':
      return arriveListen(t, seg, ctx);
    case 'SYN-SENT':
      return arriveSynSent(t, seg, ctx);
    default: {
      if (t.state !== 'TIME-WAIT' || !seg.syn || seg.ack || seg.rst || !seqLt(t.rcvNxt, seg.seq)) return arriveSynchronized(t, seg, ctx);
      const reopen = reopenFromTimeWait(t, seg);
      const arrival = arriveSynchronized(t, seg, ctx);
      arrival.alt = reopen;
      return arrival;
    }
  }
}

/**
 * RFC 1122 §4.2.2.13 (and RFC 6191): TIME-WAIT may accept a new SYN whose seq lies beyond
 * RCV.NXT and reopen the connection, with an ISS above anything the old one used. BSD and
 * Linux do (the SYN goes to the listener); RFC 9293 answers it with an ACK instead.
 */
function reopenFromTimeWait(t: Tcb, seg: Segment): { tcb: Tcb; why: string } {
  const alt = cloneTcb(t);
  const iss = t.sndNxt;
  resetTcb(alt, 'CLOSED', iss);
  alt.state = 'SYN-RECEIVED';
  alt.irs = seg.seq;
  alt.rcvNxt = seqAdd(seg.seq, 1);
  alt.rcvOrigin = { what: 'SYN', line: seg.line, seq: seg.seq, len: 0 };
  alt.peer = seg.src;
  alt.lastActivity = t.lastActivity;
  takeWindow(alt, seg);
  return { tcb: alt, why: 'RFC 1122 §4.2.2.13: TIME-WAIT accepts a new SYN above RCV.NXT and reopens the connection' };
}

/**
 * FreeBSD with net.inet.tcp.drop_synfin=1 drops a SYN that carries FIN in LISTEN and
 * SYN-SENT; RFC 9293 leaves the combination open and processes the SYN. The endpoint stays
 * as it was, until its next send or expect shows which one the script follows.
 */
function dropSynFin(t: Tcb): Alternative {
  return { tcb: cloneTcb(t), why: 'FreeBSD net.inet.tcp.drop_synfin: a SYN with FIN is dropped', carries: true };
}

/** §3.10.7.1: everything but a RST is answered with a RST. */
function arriveClosed(seg: Segment): Arrival {
  if (seg.rst) return { dropped: 'a RST reaching a CLOSED endpoint is discarded (RFC 9293 §3.10.7.1)' };
  const why = 'it reached an endpoint in CLOSED, which answers with a RST (RFC 9293 §3.10.7.1)';
  if (seg.ack) return { reply: { kind: 'rst', seq: seg.ackNo, why }, dropped: why };
  const synToClosed = seg.syn ? seg.seq : undefined;
  return { reply: { kind: 'rst', seq: 0, ack: seqAdd(seg.seq, segLen(seg)), why, synToClosed }, dropped: why };
}

/** §3.10.7.2 */
function arriveListen(t: Tcb, seg: Segment, ctx: ArrivalContext): Arrival {
  if (seg.rst) return { dropped: 'LISTEN ignores a RST (RFC 9293 §3.10.7.2)' };
  if (seg.ack) {
    const why = 'an ACK reaching LISTEN is answered with a RST <SEQ=SEG.ACK> (RFC 9293 §3.10.7.2)';
    return { reply: { kind: 'rst', seq: seg.ackNo, why }, dropped: why };
  }
  if (!seg.syn) return { dropped: 'LISTEN discards a segment without SYN (RFC 9293 §3.10.7.2)' };
  const synFin = seg.fin ? dropSynFin(t) : undefined;
  t.irs = seg.seq;
  t.rcvNxt = seqAdd(seg.seq, 1);
  t.rcvOrigin = { what: 'SYN', line: seg.line, seq: seg.seq, len: 0 };
  t.iss = ctx.nextIss;
  t.sndUna = t.iss;
  t.sndNxt = t.iss;
  t.issBound = false;
  t.passive = true;
  t.peer = seg.src;
  t.state = 'SYN-RECEIVED';
  takeWindow(t, seg);
  const reply: Reply = {
    kind: 'syn-ack',
    why: () => `it received a SYN in LISTEN (line ${seg.line + 1}), which RFC 9293 §3.10.7.2 answers with SYN+ACK`,
  };
  if (synFin) return { reply, alt: synFin };
  if (seg.dataLen === 0) return { reply };
  // Data on the SYN: most stacks drop it (the sender re-sends it after the handshake); with
  // RFC 7413 Fast Open it is accepted at once and the SYN+ACK acknowledges it.
  const alt = cloneTcb(t);
  alt.rcvNxt = seqAdd(seg.seq, 1 + seg.dataLen);
  alt.rcvOrigin = { what: 'data', line: seg.line, seq: seqAdd(seg.seq, 1), len: seg.dataLen };
  return { reply, alt: { tcb: alt, why: 'RFC 7413: a Fast Open server accepts the data on the SYN' } };
}

/** §3.10.7.3 */
function arriveSynSent(t: Tcb, seg: Segment, _ctx: ArrivalContext): Arrival {
  if (seg.ack && (seqLe(seg.ackNo, t.iss) || seqLt(t.sndNxt, seg.ackNo))) {
    if (seg.rst) return { dropped: `the RST's ack=${seg.ackNo} does not acknowledge the SYN (seq ${t.iss}); it is discarded (RFC 9293 §3.10.7.3)` };
    const why = `its ack=${seg.ackNo} does not acknowledge the SYN sent with seq ${t.iss} (expected ack=${seqAdd(t.iss, 1)}); SYN-SENT answers an unacceptable ACK with a RST <SEQ=SEG.ACK> (RFC 9293 §3.10.7.3)`;
    return { reply: { kind: 'rst', seq: seg.ackNo, why }, dropped: why };
  }
  if (seg.rst) {
    if (!seg.ack) return { dropped: 'SYN-SENT discards a RST without ACK (RFC 9293 §3.10.7.3)' };
    resetTcb(t, 'CLOSED', t.iss);
    return { reset: true };
  }
  if (!seg.syn) return { dropped: 'SYN-SENT discards a segment without SYN or RST (RFC 9293 §3.10.7.3)' };
  const synFin = seg.fin && !seg.ack ? dropSynFin(t) : undefined;
  t.irs = seg.seq;
  t.rcvNxt = seqAdd(seg.seq, 1);
  t.rcvOrigin = { what: seg.ack ? 'SYN+ACK' : 'SYN', line: seg.line, seq: seg.seq, len: 0 };
  t.peer = seg.src;
  takeWindow(t, seg);
  if (seg.ack) {
    t.sndUna = seg.ackNo;
    t.state = 'ESTABLISHED';
    // Data (and a FIN) on the SYN+ACK are processed from the sixth step on (RFC 9293 §3.10.7.3).
    if (seg.dataLen > 0) {
      t.rcvNxt = seqAdd(t.rcvNxt, seg.dataLen);
      t.rcvOrigin = { what: 'data', line: seg.line, seq: seqAdd(seg.seq, 1), len: seg.dataLen };
    }
    if (seg.fin) {
      t.rcvNxt = seqAdd(t.rcvNxt, 1);
      t.state = 'CLOSE-WAIT';
    }
    return { reply: { kind: 'ack', why: () => `it received the SYN+ACK (line ${seg.line + 1}), which completes the handshake with an ACK` } };
  }
  t.state = 'SYN-RECEIVED';
  t.passive = false;
  return {
    alt: synFin,
    reply: {
      kind: 'syn-ack',
      why: () => `it received a SYN in SYN-SENT (line ${seg.line + 1}): a simultaneous open, answered with SYN+ACK <SEQ=ISS> (RFC 9293 §3.10.7.3)`,
    },
  };
}

/** §3.10.7.4: SYN-RECEIVED and the synchronized states. */
function arriveSynchronized(t: Tcb, seg: Segment, ctx: ArrivalContext): Arrival {
  const ackAcceptable = seg.ack && seqLt(t.sndUna, seg.ackNo) && seqLe(seg.ackNo, t.sndNxt);

  if (t.state === 'SYN-RECEIVED' && seg.syn && seg.seq === t.irs) {
    // The peer's SYN again: crossing SYN+ACKs of a simultaneous open (Figure 7), or a retransmitted SYN.
    if (seg.ack && ackAcceptable) {
      t.sndUna = seg.ackNo;
      t.state = 'ESTABLISHED';
      takeWindow(t, seg);
      return {};
    }
    if (!seg.ack) {
      return {
        reply: { kind: 'syn-ack', why: () => `the SYN was received again (line ${seg.line + 1}) and is answered by re-sending the SYN+ACK` },
        dropped: 'a duplicate of the SYN already received',
      };
    }
  }

  // First: the sequence number (trimmed to the window, so a segment overlapping RCV.NXT is acceptable).
  const len = segLen(seg);
  if (!acceptable(t, seg.seq, len)) {
    if (seg.rst) return { dropped: `the RST's seq=${seg.seq} is outside the receive window [${t.rcvNxt}, ${seqAdd(t.rcvNxt, t.rcvWnd)}), so it is ignored (RFC 9293 §3.10.7.4, RFC 5961 §3.2)` };
    if (t.state === 'TIME-WAIT' && seg.fin) t.timeWaitUntil = ctx.now + ctx.twoMslMs;
    const why =
      seqLt(seg.seq, t.rcvNxt) && seqLe(seqAdd(seg.seq, len), t.rcvNxt)
        ? `its seq=${seg.seq}${len ? ` (len ${len})` : ''} is old: everything below ${t.rcvNxt} was already received, so RFC 9293 §3.10.7.4 answers with an ACK`
        : `its seq=${seg.seq} is outside the receive window [${t.rcvNxt}, ${seqAdd(t.rcvNxt, t.rcvWnd)}), so RFC 9293 §3.10.7.4 answers with an ACK`;
    return { reply: { kind: 'ack', why }, dropped: why, wouldRcvNxt: seqAdd(seg.seq, len) };
  }

  // Second: RST.
  if (seg.rst) {
    if (seg.seq === t.rcvNxt) {
      if (t.state === 'TIME-WAIT') {
        const alt = cloneTcb(t);
        resetTo(t);
        return { reset: true, alt: { tcb: alt, why: 'RFC 1337: TIME-WAIT ignores a RST' } };
      }
      resetTo(t);
      return { reset: true };
    }
    // RFC 5961 §3.2 answers with a challenge ACK and keeps the connection; RFC 793 resets it.
    // Either is accepted, so the challenge ACK is allowed but not owed.
    const alt = cloneTcb(t);
    resetTo(alt);
    return { alt: { tcb: alt, why: 'RFC 793: an in-window RST resets the connection' } };
  }

  // Fourth: SYN in a synchronized state.
  if (seg.syn) {
    if (t.state === 'SYN-RECEIVED' && t.passive) {
      resetTo(t);
      return { reset: true };
    }
    const alt = cloneTcb(t);
    resetTo(alt);
    return {
      reply: {
        kind: 'ack',
        why: () => `it is a SYN for a connection already in ${t.state}: RFC 9293 §3.10.7.4 (RFC 5961 §4) answers with a challenge ACK`,
      },
      alt: { tcb: alt, why: 'RFC 793: an in-window SYN resets the connection' },
      dropped: `a SYN in ${t.state} is answered with a challenge ACK and changes nothing (RFC 9293 §3.10.7.4, RFC 5961 §4)`,
    };
  }

  // Fifth: ACK.
  if (!seg.ack) return { dropped: `a segment without ACK is discarded in ${t.state} (RFC 9293 §3.10.7.4)` };
  takeWindow(t, seg);
  if (t.state === 'SYN-RECEIVED') {
    if (!ackAcceptable) {
      const why = `its ack=${seg.ackNo} does not acknowledge the SYN+ACK (expected ack=${t.sndNxt}); SYN-RECEIVED answers with a RST <SEQ=SEG.ACK> (RFC 9293 §3.10.7.4)`;
      return { reply: { kind: 'rst', seq: seg.ackNo, why }, dropped: why };
    }
    t.state = 'ESTABLISHED';
  }
  if (seqLt(t.sndNxt, seg.ackNo)) {
    const why = `its ack=${seg.ackNo} acknowledges data not yet sent (SND.NXT=${t.sndNxt}): RFC 9293 §3.10.7.4 answers with an ACK and drops it`;
    return { reply: { kind: 'ack', why }, dropped: why };
  }
  if (seqLt(t.sndUna, seg.ackNo)) t.sndUna = seg.ackNo;
  const finAcked = t.finSent && t.sndUna === t.sndNxt;
  switch (t.state) {
    case 'FIN-WAIT-1':
      if (finAcked) t.state = 'FIN-WAIT-2';
      break;
    case 'CLOSING':
      if (finAcked) enterTimeWait(t, ctx);
      break;
    case 'LAST-ACK':
      if (finAcked) {
        resetTo(t);
        return { reset: true };
      }
      break;
    default:
      break;
  }

  // Seventh: the segment text.
  let reply: Reply | undefined;
  if (seg.dataLen > 0) {
    if (t.state === 'ESTABLISHED' || t.state === 'FIN-WAIT-1' || t.state === 'FIN-WAIT-2') {
      reply = receiveData(t, seg);
    } else {
      return { dropped: `${t.state} ignores data: the peer has already sent its FIN (RFC 9293 §3.10.7.4, seventh)` };
    }
  }

  // Eighth: FIN, once everything before it has arrived (a FIN held with out-of-order data
  // counts when the data before it arrives).
  const heldFinNow = !seg.fin && t.heldFin !== undefined && t.heldFin === t.rcvNxt;
  if (seg.fin || heldFinNow) {
    const finSeq = seg.fin ? seqAdd(seg.seq, seg.dataLen) : t.rcvNxt;
    if (finSeq !== t.rcvNxt) {
      t.heldFin = finSeq;
      return { reply: { kind: 'ack', why: () => `its FIN (seq ${finSeq}) arrived before the data up to it (RCV.NXT=${t.rcvNxt})` } };
    }
    t.heldFin = undefined;
    t.rcvNxt = seqAdd(t.rcvNxt, 1);
    t.rcvOrigin = { what: 'FIN', line: seg.line, seq: finSeq, len: 0 };
    switch (t.state) {
      case 'ESTABLISHED':
        t.state = 'CLOSE-WAIT';
        break;
      case 'FIN-WAIT-1':
        if (t.finSent && t.sndUna === t.sndNxt) enterTimeWait(t, ctx);
        else t.state = 'CLOSING';
        break;
      case 'FIN-WAIT-2':
        enterTimeWait(t, ctx);
        break;
      case 'TIME-WAIT':
        t.timeWaitUntil = ctx.now + ctx.twoMslMs;
        break;
      default:
        break;
    }
    reply = { kind: 'ack', why: () => `it received a FIN (line ${seg.line + 1}), which RFC 9293 §3.10.7.4 acknowledges` };
  }
  return reply ? { reply } : {};
}

/** RFC 9293 §3.10.7.4 "first check sequence number", trimming what lies before RCV.NXT. */
function acceptable(t: Tcb, seq: number, len: number): boolean {
  if (len === 0) return t.rcvWnd === 0 ? seq === t.rcvNxt : seqInWindow(seq, t.rcvNxt, t.rcvWnd);
  if (t.rcvWnd === 0) return false;
  const last = seqAdd(seq, len - 1);
  return seqInWindow(seq, t.rcvNxt, t.rcvWnd) || seqInWindow(last, t.rcvNxt, t.rcvWnd);
}

/** Takes in the data; returns the reply owed, if any (in-order data may be acknowledged later). */
function receiveData(t: Tcb, seg: Segment): Reply | undefined {
  const start = seg.seq;
  const end = seqAdd(seg.seq, seg.dataLen);
  if (seqLe(start, t.rcvNxt)) {
    t.rcvNxt = seqMax(t.rcvNxt, end);
    absorbOutOfOrder(t);
    t.rcvOrigin = { what: 'data', line: seg.line, seq: start, len: seg.dataLen };
    // RFC 9293 §3.10.7.4 "should send an acknowledgment", which may be delayed (RFC 1122
    // §4.2.3.2) or piggybacked: allowed at any time, owed at none.
    return undefined;
  }
  insertRange(t.ooo, start, end);
  return {
    kind: 'ack',
    why: () => `its data (seq ${start}) arrived out of order, after a gap from ${t.rcvNxt}: RFC 9293 §3.10.7.4 answers with a duplicate ACK`,
  };
}

function absorbOutOfOrder(t: Tcb): void {
  while (t.ooo.length && seqLe(t.ooo[0][0], t.rcvNxt)) {
    t.rcvNxt = seqMax(t.rcvNxt, t.ooo[0][1]);
    t.ooo.shift();
  }
}

function insertRange(ranges: Array<[number, number]>, start: number, end: number): void {
  let i = 0;
  while (i < ranges.length && seqLt(ranges[i][0], start)) i++;
  ranges.splice(i, 0, [start, end]);
}

function takeWindow(t: Tcb, seg: Segment): void {
  if (seg.wnd !== undefined) t.sndWnd = seg.wnd;
  if (seg.mss !== undefined && seg.mss > 0) t.peerMss = seg.mss;
}

function enterTimeWait(t: Tcb, ctx: ArrivalContext): void {
  t.state = 'TIME-WAIT';
  t.timeWaitUntil = ctx.now + ctx.twoMslMs;
}

/** The connection is gone: a passively opened one returns to LISTEN, anything else to CLOSED. */
function resetTo(t: Tcb): void {
  const backToListen = t.state === 'SYN-RECEIVED' && t.passive;
  resetTcb(t, backToListen ? 'LISTEN' : 'CLOSED', t.iss);
}
