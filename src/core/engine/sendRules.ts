// The checks a segment passes on its way out, one function per rule, in the order SEND_RULES
// runs them. Each names the RFC 9293 section (or the RFC) it holds the sender to. A rule reads
// the sender's TCB and never changes it: it resolves the segment's numbers, reports, and says
// whether checking goes on, stops, or goes on under a reading of the sender it adopts.

import { flagsText, receivedText, segLen, sentText, whyText, type Tcb } from './model';
import { answers, owedFlags, owedText } from './obligations';
import { written, type Outgoing } from './outgoing';
import { seqAdd, seqInWindow, seqLt, seqSub } from './seq';
import { stateLabel } from '../states';
import type { SegmentStatement } from '../syntax/ast';

/**
 * What happens after a rule: `next` rule; `stop`, the segment is judged (it is sent with its
 * numbers as written and the sender's state stays as it was); or adopt a reading of the
 * sender's state that the script evidently follows, then go on.
 */
export type Verdict = 'next' | 'stop' | Reading;

/** A SYN reached a CLOSED endpoint that answers it as if listening: it is taken to be listening. */
export interface Reading {
  readonly adopt: 'listening';
  /** The SYN's seq. */
  readonly syn: number;
}

export interface SendRule {
  /** What the rule checks, in words a reviewer can hold against the RFC. */
  readonly checks: string;
  /** The section of RFC 9293 (or the other RFC) that it follows. */
  readonly rfc: string;
  readonly run: (o: Outgoing) => Verdict;
}

/** The send rules, in the order they run. */
export const SEND_RULES: readonly SendRule[] = [
  { checks: 'len= agrees with the payload string', rfc: 'RFC 9293 §3.1 (the segment text)', run: lengthMatchesPayload },
  { checks: 'options only on a SYN, with valid values', rfc: 'RFC 9293 §3.7.1, RFC 7323 §2.3, RFC 2018', run: optionsOnSyn },
  { checks: 'no SYN with FIN or RST, no FIN with RST', rfc: 'RFC 9293 §3.10.7.4 (a SYN or RST ends the processing of a segment)', run: flagCombination },
  { checks: 'every segment after the SYN carries ACK', rfc: 'RFC 9293 §3.10.7.4 (fifth: a segment without ACK is dropped)', run: ackFlag },
  { checks: 'the reply the receiver of an earlier segment owes', rfc: 'RFC 9293 §3.10.7.1–3.10.7.4', run: repliesOwed },
  { checks: 'a RST is never answered', rfc: 'RFC 9293 §3.10.7.1, §3.5.2', run: noReplyToRst },
  { checks: "the sender's state allows the segment", rfc: 'RFC 9293 §3.10.1 OPEN, §3.10.2 SEND, §3.10.4 CLOSE, §3.10.5 ABORT', run: stateAllowsSend },
  { checks: 'seq is SND.NXT (ISS on a SYN, SND.UNA… on a retransmission)', rfc: 'RFC 9293 §3.4, §3.8.1', run: sequenceNumber },
  { checks: 'ack is RCV.NXT', rfc: 'RFC 9293 §3.4, §3.10.7.4', run: acknowledgmentNumber },
  { checks: 'a keep-alive probe: at most one byte, on an idle connection', rfc: 'RFC 9293 §3.8.4, RFC 1122 §4.2.3.6', run: keepAlive },
];

/** Also run on segments that are not otherwise checked: the bytes sent are the payload's. */
export function lengthMatchesPayload(o: Outgoing): Verdict {
  const { lenField, payloadLen } = o;
  if (!lenField || payloadLen === undefined || lenField.value.value === payloadLen) return 'next';
  o.report('tcp.len-mismatch', lenField.range, `len=${lenField.value.value} but the payload string is ${payloadLen} byte${payloadLen === 1 ? '' : 's'} long: expected len=${payloadLen}`, {
    data: { expected: String(payloadLen), replace: { range: lenField.value.range, text: String(payloadLen) } },
  });
  return 'next';
}

function optionsOnSyn(o: Outgoing): Verdict {
  const syn = o.segment.syn;
  const fields = o.stmt.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if ((f.kind === 'mss' || f.kind === 'wscale' || f.kind === 'sackOK') && !syn) {
      o.report('tcp.bad-option', f.range, `${f.kind === 'sackOK' ? 'sackOK' : f.kind.toUpperCase()} is only sent on a SYN or SYN+ACK (RFC 9293 §3.7.1, RFC 7323, RFC 2018); here it is ignored`);
    } else if (f.kind === 'mss' && f.value.value === 0) {
      o.report('tcp.bad-option', f.range, 'an MSS of 0 would allow no data at all: the smallest MSS an IPv4 host must accept is 536 (RFC 9293 §3.7.1)');
    } else if (f.kind === 'wscale' && f.value.value > 14) {
      o.report('tcp.bad-option', f.range, `a window scale of ${f.value.value} is above the maximum of 14 (RFC 7323 §2.3); it is used as 14`);
    }
  }
  return 'next';
}

function flagCombination(o: Outgoing): Verdict {
  const { syn, fin, rst } = o.segment;
  if (!((syn && fin) || (syn && rst) || (fin && rst))) return 'next';
  const bad = syn && fin ? 'SYN with FIN' : syn && rst ? 'SYN with RST' : 'FIN with RST';
  o.report('tcp.bad-flags', o.stmt.flags.range, `${bad} is not a valid segment: ${syn ? 'a SYN opens a connection and carries no FIN or RST' : 'a RST aborts the connection, it carries no FIN'}`);
  o.segment.diagnosed = true;
  return 'next';
}

/** Does this segment carry out the replies owed to its receiver, or contradict one? */
function repliesOwed(o: Outgoing): Verdict {
  const { t, segment, src, dst, stmt } = o;
  let reading: Reading | undefined;
  for (const owed of t.obligations) {
    if (owed.to !== dst.index && owed.to !== -1) continue;
    const verdict = answers(owed, segment);
    if (verdict === 'yes') {
      o.discharged.push(owed);
      if (owed.kind === 'rst') o.rstOwed = owed;
      continue;
    }
    if (verdict !== 'no') continue;
    if (owed.optional) {
      // A reply the script was free to send and did not: forgotten.
      o.discharged.push(owed);
      continue;
    }
    if (segment.diagnosed) continue;
    const related = [{ range: owed.range, message: `${src.name} owes this reply because ${whyText(owed.why)}` }];
    if (owed.synToClosed !== undefined && segment.syn && segment.ack) {
      o.report('tcp.not-listening', stmt.flags.range, `${src.name} is CLOSED, not listening, when the SYN (line ${owed.line + 1}) arrives: it must answer with a RST, not ${flagsText(segment.flags)}. Declare ${src.name} with \`listen\` (or add \`${src.name}: listen\` before line ${owed.line + 1}) if it is a server`, {
        related,
        data: src.declaredAt !== undefined
          ? { participant: { name: src.name, addListen: true } }
          : { insertLine: { before: owed.line, text: `${src.name}: listen` } },
      });
      o.discharged.push(owed);
      segment.diagnosed = true;
      reading = { adopt: 'listening', syn: owed.synToClosed };
      continue;
    }
    o.report('tcp.reply-mismatch', stmt.flags.range, `${src.name} must answer with ${owedText(owed)} here, because ${whyText(owed.why)}; it sends ${flagsText(segment.flags)} instead`, {
      related,
      data: { expected: owedText(owed), replace: { range: stmt.flags.range, text: owedFlags(owed) } },
    });
    // The reply is not owed any more (it was reported), but the next line may still send it.
    o.discharged.push(owed);
    o.stillAllowed.push({ ...owed, optional: true });
    segment.diagnosed = true;
    return 'stop';
  }
  return reading ?? 'next';
}

function noReplyToRst(o: Outgoing): Verdict {
  const { t, segment, src, dst } = o;
  if (t.rstFrom !== dst.index || o.rstOwed || !(segment.rst || (t.state === 'CLOSED' && !segment.syn))) return 'next';
  o.report('tcp.rst-reply', o.stmt.flags.range, `${src.name} answers the RST from ${dst.name} (line ${t.rstLine + 1}) with ${flagsText(segment.flags)}: a RST is never answered${t.state === 'CLOSED' ? `; ${src.name} is CLOSED now and can only open a new connection with a SYN` : ''}`, {
    related: [{ range: o.ctx.rangeOfLine(t.rstLine), message: 'the RST' }],
  });
  segment.diagnosed = true;
  return 'stop';
}

/**
 * A FIN or data the state does not allow is dropped by both sides and the rest of the segment
 * (its ACK) goes on; a FIN or data segment with nothing allowed left is ignored by both. Any
 * other segment is sent as written, the sender's state unchanged (a second SYN is taken as
 * the retransmission the quick fix marks it as).
 */
function stateAllowsSend(o: Outgoing): Verdict {
  const { t, segment, stmt } = o;
  const why = forbiddenBecause(t, o);
  if (!why) return 'next';
  o.report('tcp.invalid-send', stmt.flags.range, `${o.src.name} is ${stateLabel(t.state)} and cannot send ${flagsText(segment.flags)}${segment.dataLen ? ` with ${segment.dataLen} byte${segment.dataLen === 1 ? '' : 's'} of data` : ''}: ${why}`, {
    data: markRetransmitFix(t, o, stmt),
  });
  segment.diagnosed = true;
  if (segment.syn || segment.rst || (!segment.fin && segment.dataLen === 0)) return 'stop';
  if (!segment.ack || forbiddenBecause(t, o, { fin: false, dataLen: 0 }) !== undefined) {
    segment.ignored = true;
    return 'stop';
  }
  segment.fin = false;
  segment.dataLen = 0;
  return 'next';
}

function ackFlag(o: Outgoing): Verdict {
  const { t, segment, stmt, ackField } = o;
  if (segment.ack || segment.rst) return 'next';
  const withAck = flagsText(new Set([...segment.flags, 'ACK']));
  const data = { addFlags: ['ACK'], replace: { range: stmt.flags.range, text: withAck } };
  if (t.state !== 'CLOSED' && t.state !== 'LISTEN' && t.state !== 'SYN-SENT') {
    o.report('tcp.missing-ack-flag', stmt.flags.range, `${o.src.name} is ${stateLabel(t.state)}: it has received ${o.dst.name}'s SYN, so every segment it sends except a RST carries ACK (ack=${t.rcvNxt}); expected ${withAck}`, { data });
    segment.diagnosed = true;
    // What the author evidently meant: both sides take it as carrying the ACK.
    segment.ack = true;
  } else if (ackField) {
    o.report('tcp.missing-ack-flag', ackField.range, `ack=… is given but the ACK flag is not set: add ACK or remove the field`, { data });
    segment.diagnosed = true;
  }
  return 'next';
}

function sequenceNumber(o: Outgoing): Verdict {
  const { t, segment, src, seqField, rstOwed } = o;
  const issFree = segment.syn && !t.issBound && (src.declaredIsn === undefined || t.incarnation > 0) && seqField?.expr.symbol === undefined;
  let expected: number;
  if (rstOwed) expected = rstOwed.seq ?? t.sndNxt;
  else if (segment.syn) expected = issFree && seqField ? seqField.expr.offset >>> 0 : t.iss;
  else if (o.keepalive) expected = seqSub(t.sndNxt, 1);
  else if (o.retransmit) expected = t.sndUna;
  else expected = t.sndNxt;
  segment.seq = expected;
  if (seqField) {
    const got = o.resolve(seqField.expr, expected);
    segment.seq = got;
    const okRetransmit = o.retransmit && !segment.syn && seqInWindow(got, t.sndUna, Math.max(1, seqSub(t.sndNxt, t.sndUna)));
    if (got !== expected && !okRetransmit && !segment.diagnosed) {
      o.report('tcp.bad-seq', seqField.expr.range, `seq=${written(seqField.expr, got)} but ${expectedSeqBecause(o, expected)}: expected seq=${expected}`, {
        data: { expected: String(expected), replace: { range: seqField.expr.range, text: o.suggestion(seqField.expr, expected) } },
      });
      segment.diagnosed = true;
      // A retransmission of bytes already acknowledged (or never sent) changes nothing on either side.
      if (o.retransmit && !segment.syn) {
        segment.ignored = true;
        return 'stop';
      }
      segment.seq = expected;
    }
  }
  if (issFree && t.iss !== segment.seq) o.chosenIss = segment.seq;
  return 'next';
}

/** Why the segment's seq is `expected`, in words: put together only for a message. */
function expectedSeqBecause(o: Outgoing, expected: number): string {
  const { t, segment, src, rstOwed } = o;
  if (rstOwed) return `a RST answering line ${rstOwed.line + 1} takes its seq from ${rstOwed.ack === undefined ? "that segment's ack" : 'zero, as that segment had no ACK'}`;
  if (segment.syn) return `${src.name}'s ${segment.ack ? 'SYN+ACK' : 'SYN'} carries its initial sequence number ISS=${t.iss}`;
  if (o.keepalive) return `a keep-alive probe is sent with SND.NXT−1 = ${expected}`;
  if (o.retransmit) {
    return t.sndUna === t.sndNxt
      ? `a retransmission re-sends unacknowledged data, and ${src.name} has none: everything up to SND.NXT=${t.sndNxt} is acknowledged, so it changes nothing`
      : `a retransmission re-sends unacknowledged data, from SND.UNA=${t.sndUna} up to SND.NXT=${t.sndNxt}`;
  }
  return `${src.name}'s next sequence number is SND.NXT=${t.sndNxt}${t.sndOrigin ? ` (${sentText(t.sndOrigin)})` : ''}`;
}

function acknowledgmentNumber(o: Outgoing): Verdict {
  const { t, segment, src, dst, ackField, rstOwed } = o;
  let expected: number | undefined;
  if (rstOwed && rstOwed.ack !== undefined) expected = rstOwed.ack;
  else if (segment.ack) expected = t.rcvNxt;
  if (!ackField || expected === undefined) {
    segment.ackNo = expected ?? 0;
    return 'next';
  }
  const got = o.resolve(ackField.expr, expected);
  segment.ackNo = got;
  if (got === expected || segment.diagnosed) return 'next';
  const fix = { expected: String(expected), replace: { range: ackField.expr.range, text: o.suggestion(ackField.expr, expected) } };
  const d = t.dropped;
  const missing = o.ctx.notArrived(dst.index, src.index).find((n) => seqAdd(n.segment.seq, segLen(n.segment)) === got);
  if (missing) {
    o.report('tcp.bad-ack', ackField.expr.range, `ack=${written(ackField.expr, got)} acknowledges the ${flagsText(missing.segment.flags)} on line ${missing.segment.line + 1}, but that segment ${missing.how}: ${src.name} has received only up to ${expected}. Expected ack=${expected}`, {
      related: [{ range: o.ctx.rangeOfLine(missing.segment.line), message: `the segment ${src.name} has not received` }],
      data: fix,
    });
  } else if (d && d.from === dst.index && got === d.wouldRcvNxt) {
    o.report('tcp.unexpected-segment', ackField.expr.range, `ack=${written(ackField.expr, got)} acknowledges the segment on line ${d.line + 1}, but ${src.name} could not accept it: ${d.why}. Expected ack=${expected}`, {
      related: [{ range: o.ctx.rangeOfLine(d.line), message: `the segment ${src.name} discarded` }],
      data: fix,
    });
  } else {
    const never = seqLt(dst.tcb.sndNxt, got) && dst.tcb.state !== 'CLOSED';
    const origin = t.rcvOrigin ? `${dst.name}'s ${receivedText(t.rcvOrigin)}` : `${src.name} has received nothing from ${dst.name} yet`;
    const head = never
      ? `ack=${written(ackField.expr, got)} acknowledges data ${dst.name} never sent (${dst.name}'s SND.NXT is ${dst.tcb.sndNxt})`
      : `ack=${written(ackField.expr, got)} but ${origin}`;
    o.report('tcp.bad-ack', ackField.expr.range, `${head}: expected ack=${expected}`, { data: fix });
  }
  segment.diagnosed = true;
  segment.ackNo = expected;
  return 'next';
}

function keepAlive(o: Outgoing): Verdict {
  if (!o.keepalive) return 'next';
  const { t, segment, src, stmt } = o;
  const marker = stmt.markers.find((m) => m.name === 'keepalive')!;
  const idle = o.ctx.now - t.lastActivity;
  if (segment.dataLen > 1) {
    o.report('tcp.invalid-send', stmt.flags.range, `a keep-alive probe carries at most one byte (RFC 1122 §4.2.3.6), this one has ${segment.dataLen}`);
    segment.diagnosed = true;
  } else if (t.sndUna !== t.sndNxt) {
    // An early probe is not the probe the author meant: its answer is allowed, never owed.
    segment.diagnosed = true;
    o.report('tcp.keepalive-early', marker.range, `${src.name} still has unacknowledged data (SND.UNA=${t.sndUna}, SND.NXT=${t.sndNxt}): keep-alive probes are sent only on an idle connection`);
  } else if (idle < src.keepaliveMs && t.sndWnd !== 0) {
    // A probe of a zero window (RFC 9293 §3.8.6.1) has the same shape and no idle time.
    segment.diagnosed = true;
    // The idle time starts again when a segment arrives (RFC 1122 §4.2.3.6): say which one did.
    const since = t.lastArrivalLine === undefined ? '' : ` since ${o.dst.name}'s segment on line ${t.lastArrivalLine + 1} arrived`;
    o.report('tcp.keepalive-early', marker.range, `${src.name} has been idle for ${formatMs(idle)}${since}, but its keep-alive idle time is ${formatMs(src.keepaliveMs)}: add \`wait ${formatMs(src.keepaliveMs - idle)}\` before the probe`, {
      data: { insertLine: { before: stmt.line, text: `wait ${formatMs(src.keepaliveMs - idle)}` } },
    });
  }
  return 'next';
}

/** Why the sender's state does not allow this segment, or undefined when it does. */
function forbiddenBecause(t: Tcb, o: Outgoing, without?: { fin: false; dataLen: 0 }): string | undefined {
  const { syn, ack, rst } = o.segment;
  const { fin, dataLen } = without ?? o.segment;
  const s = t.state;
  if (rst) {
    if (o.rstOwed) return undefined;
    if (s === 'CLOSED') return 'it has no connection to reset (a RST from a CLOSED endpoint only answers a segment that reached it)';
    if (s === 'LISTEN') return 'it has no connection to reset; LISTEN sends a RST only in answer to an ACK';
    return undefined;
  }
  if (syn) {
    if (ack) {
      if (s === 'SYN-RECEIVED') return undefined;
      if (s === 'CLOSED' || s === 'LISTEN') return 'a SYN+ACK answers a SYN, and none has arrived';
      if (s === 'SYN-SENT') return 'it has sent a SYN and waits for the peer\'s SYN: a SYN+ACK follows only a received SYN';
      return `the connection is already ${s}: the handshake is over`;
    }
    if (s === 'CLOSED' || s === 'LISTEN') return undefined;
    if (s === 'SYN-SENT') return o.retransmit ? undefined : 'it has already sent its SYN: to send it again, mark it `retransmit`';
    return `the connection is already ${s}: a new SYN needs a new connection`;
  }
  switch (s) {
    case 'CLOSED':
      return 'a CLOSED endpoint sends only a SYN (to open a connection) or a RST (in answer to a segment)';
    case 'LISTEN':
      return 'a listening endpoint has no connection yet: it answers a SYN with SYN+ACK, or opens one with a SYN';
    case 'SYN-SENT':
      return 'the handshake is not complete: it waits for the peer\'s SYN+ACK before sending anything but its SYN';
    case 'SYN-RECEIVED':
      if (t.sndNxt === t.iss) return 'it must first answer the SYN with SYN+ACK';
      // RFC 7413: a Fast Open server that accepted data on the SYN may answer before the handshake ends.
      if (dataLen > 0 && t.rcvNxt === seqAdd(t.irs, 1)) return 'data waits until the handshake completes (ESTABLISHED)';
      return undefined;
    case 'ESTABLISHED':
    case 'CLOSE-WAIT':
      return undefined;
    default:
      break;
  }
  // FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT: its FIN is sent; only ACKs and re-sends remain.
  if (fin && !o.retransmit) return `it has already sent its FIN (seq ${t.finSeq}): to send it again, mark it \`retransmit\``;
  if (dataLen > 0 && !o.retransmit && !o.keepalive) return `it has already sent its FIN (seq ${t.finSeq}): no data may follow it`;
  if (!ack && !fin) return 'only ACKs and retransmissions remain after its FIN';
  return undefined;
}

/** A second SYN or FIN is allowed as a retransmission: the quick fix marks it so. */
function markRetransmitFix(t: Tcb, o: Outgoing, stmt: SegmentStatement) {
  const seg = o.segment;
  if (!o.retransmit && ((t.state === 'SYN-SENT' && seg.syn && !seg.ack) || (seg.fin && t.finSent))) {
    const end = stmt.range.end;
    return { replace: { range: { start: end, end }, text: ' retransmit' } };
  }
  return undefined;
}

function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
