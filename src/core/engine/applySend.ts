// What sending does to the sender's TCB (RFC 9293 §3.10.1–3.10.5: SND.NXT advances, a SYN or
// FIN moves the state), and the readings the send rules adopt when the script evidently
// follows one. Only here does the send side change the sender's state.

import { resetTcb, type Endpoint, type Segment, type Tcb } from './model';
import type { Outgoing, SendContext } from './outgoing';
import type { Reading } from './sendRules';
import { seqAdd, seqLt, seqMax } from './seq';

/** The sender's state after a segment that passed its checks (or whose mistake was repaired). */
export function applySend(o: Outgoing): void {
  const { t, segment: seg, ctx, src } = o;
  if (o.discharged.length) t.obligations = t.obligations.filter((x) => !o.discharged.includes(x));
  if (o.chosenIss !== undefined) {
    // A new incarnation (or an endpoint with no declared isn) picks its ISS with its first SYN.
    const unsent = t.sndNxt === t.iss;
    t.iss = o.chosenIss;
    t.sndUna = t.iss;
    if (unsent) t.sndNxt = t.iss;
  }
  // The keep-alive idle time counts from the last segment received (RFC 1122 §4.2.3.6), so
  // sending (probes included) does not restart it.
  t.rstFrom = -1;
  t.dropped = undefined;
  if (seg.wnd !== undefined) t.rcvWnd = seg.wnd;
  if (seg.rst) {
    if (!o.rstOwed) resetTcb(t, 'CLOSED', ctx.nextIss(src));
    return;
  }
  if (seg.syn) {
    t.issBound = true;
    // Data on a SYN (RFC 7413 Fast Open, or queued by RFC 9293) is sent too: SND.NXT covers it.
    if (!seg.ack && (t.state === 'CLOSED' || t.state === 'LISTEN')) {
      t.sndUna = t.iss;
      t.sndNxt = seqAdd(t.iss, 1 + seg.dataLen);
      t.state = 'SYN-SENT';
      t.passive = false;
      t.peer = seg.dst;
      t.sndOrigin = { what: 'SYN', line: seg.line, seq: t.iss, len: 0 };
    } else if (t.sndNxt === t.iss) {
      t.sndNxt = seqAdd(t.iss, 1 + seg.dataLen);
      t.sndOrigin = { what: 'SYN+ACK', line: seg.line, seq: t.iss, len: 0 };
    }
    t.obligations = t.obligations.filter((x) => x.kind !== 'syn');
    return;
  }
  const resend = o.retransmit || o.keepalive;
  const end = seqAdd(seg.seq, seg.dataLen);
  if (seg.dataLen > 0 && !resend && seqLt(t.sndNxt, end)) {
    t.sndNxt = end;
    t.sndOrigin = { what: 'data', line: seg.line, seq: seg.seq, len: seg.dataLen };
  } else if (seg.dataLen > 0) {
    t.sndNxt = seqMax(t.sndNxt, end);
  }
  if (seg.fin && !t.finSent) {
    t.finSent = true;
    t.finSeq = end;
    t.sndNxt = seqAdd(end, 1);
    t.sndOrigin = { what: 'FIN', line: seg.line, seq: end, len: 0 };
    if (t.state === 'ESTABLISHED' || t.state === 'SYN-RECEIVED') t.state = 'FIN-WAIT-1';
    else if (t.state === 'CLOSE-WAIT') t.state = 'LAST-ACK';
  }
}

/** A judged segment leaves the sender as it was, but for the replies it was owed and answered. */
export function applyJudged(o: Outgoing): void {
  if (o.discharged.length) o.t.obligations = o.t.obligations.filter((x) => !o.discharged.includes(x));
  o.t.obligations.push(...o.stillAllowed);
}

/** Adopts a reading of the sender that the script evidently follows. */
export function adopt(t: Tcb, reading: Reading, ctx: SendContext, src: Endpoint, dst: Endpoint): void {
  switch (reading.adopt) {
    case 'listening': {
      // It answers the SYN as a listening endpoint would: it was listening.
      const iss = ctx.nextIss(src);
      t.state = 'SYN-RECEIVED';
      t.passive = true;
      t.irs = reading.syn;
      t.rcvNxt = seqAdd(reading.syn, 1);
      t.iss = iss;
      t.sndUna = iss;
      t.sndNxt = iss;
      t.peer = dst.index;
      break;
    }
  }
}

/** An injector's send: follow what it wrote so that the numbers it sends next are filled sensibly. */
export function applyLenient(t: Tcb, seg: Segment): void {
  if (seg.rst) return;
  if (seg.syn) {
    if (!t.issBound || t.state === 'CLOSED' || t.state === 'LISTEN') {
      t.iss = seg.seq;
      t.issBound = true;
    }
    t.sndUna = t.iss;
    t.sndNxt = seqMax(t.sndNxt, seqAdd(t.iss, 1));
    if (t.state === 'CLOSED' || t.state === 'LISTEN') t.state = seg.ack ? 'SYN-RECEIVED' : 'SYN-SENT';
    t.peer = seg.dst;
    return;
  }
  const end = seqAdd(seg.seq, seg.dataLen + (seg.fin ? 1 : 0));
  t.sndNxt = seqMax(t.sndNxt, end);
  if (seg.fin) {
    t.finSent = true;
    t.finSeq = seqAdd(seg.seq, seg.dataLen);
    if (t.state === 'ESTABLISHED') t.state = 'FIN-WAIT-1';
    else if (t.state === 'CLOSE-WAIT') t.state = 'LAST-ACK';
  }
}
