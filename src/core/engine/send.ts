// The sending side of a segment: may this endpoint send it now (RFC 9293 §3.10.1–3.10.6 and
// the replies owed under §3.10.7), with which seq and ack, and what sending it does to the sender.

import type { Field, SegmentStatement, SeqExpr } from '../syntax/ast';
import { diagnostic, type Diagnostic, type DiagnosticCode, type RelatedInformation } from '../diagnostics';
import type { Range } from '../syntax/range';
import { stateLabel } from '../states';
import { flagsText, receivedText, resetTcb, sentText, whyText, type Endpoint, type Obligation, type Segment, type Tcb } from './model';
import { seqAdd, seqInWindow, seqLt, seqMax, seqSub } from './seq';

export interface SymbolTable {
  get(name: string): { value: number; line: number } | undefined;
}

export interface SendContext {
  readonly now: number;
  readonly symbols: SymbolTable;
  readonly nextIss: (ep: Endpoint) => number;
  /** The range of the statement on a line, for related information. */
  readonly rangeOfLine: (line: number) => Range;
}

/** What sending produced; nothing is committed to the script's state until the caller chooses it. */
export interface SendResult {
  readonly segment: Segment;
  readonly diagnostics: Diagnostic[];
  readonly bindings: ReadonlyMap<string, { value: number; line: number }> | undefined;
  /** The sender's TCB after the send (the one passed in, mutated). */
  readonly tcb: Tcb;
}

type SeqField = Extract<Field, { expr: SeqExpr }>;
type NumberField = Extract<Field, { value: unknown }>;

function field(stmt: SegmentStatement, kind: 'seq' | 'ack'): SeqField | undefined;
function field(stmt: SegmentStatement, kind: NumberField['kind']): NumberField | undefined;
function field(stmt: SegmentStatement, kind: Field['kind']): Field | undefined {
  for (const f of stmt.fields) if (f.kind === kind) return f;
  return undefined;
}

/**
 * Resolves and checks one segment from `src` to `dst` against the sender's TCB `t`
 * (mutated to the state after the send).
 */
export function sendSegment(ctx: SendContext, src: Endpoint, dst: Endpoint, t: Tcb, stmt: SegmentStatement, lenient = false): SendResult {
  const diags: Diagnostic[] = [];
  let bindings: Map<string, { value: number; line: number }> | undefined;
  const flags = stmt.flags.flags;
  const syn = flags.has('SYN');
  const ack = flags.has('ACK');
  const fin = flags.has('FIN');
  const rst = flags.has('RST');
  const line = stmt.line;
  const srcName = src.name;
  const dstName = dst.name;
  const report = (code: DiagnosticCode, r: Range, message: string, extra?: Parameters<typeof diagnostic>[3]) =>
    diags.push(diagnostic(code, r, message, extra));

  // One pass over the fields and markers.
  let lenField: NumberField | undefined;
  let winField: NumberField | undefined;
  let mssField: NumberField | undefined;
  let seqField: SeqField | undefined;
  let ackField: SeqField | undefined;
  for (const f of stmt.fields) {
    if (f.kind === 'seq') seqField = f;
    else if (f.kind === 'ack') ackField = f;
    else if (f.kind === 'len') lenField = f;
    else if (f.kind === 'win') winField = f;
    else if (f.kind === 'mss') mssField = f;
  }
  let retransmit = false;
  let keepalive = false;
  let duplicate = false;
  for (const m of stmt.markers) {
    if (m.name === 'retransmit') retransmit = true;
    else if (m.name === 'keepalive') keepalive = true;
    else duplicate = true;
  }
  const payloadLen = stmt.payload?.byteLength;
  let dataLen = lenField ? lenField.value.value : (payloadLen ?? 0);
  if (lenField && payloadLen !== undefined && lenField.value.value !== payloadLen) {
    report('tcp.len-mismatch', lenField.range, `len=${lenField.value.value} but the payload string is ${payloadLen} byte${payloadLen === 1 ? '' : 's'} long: expected len=${payloadLen}`, {
      data: { expected: String(payloadLen), replace: { range: lenField.value.range, text: String(payloadLen) } },
    });
    dataLen = payloadLen;
  }


  const resolve = (expr: SeqExpr, expected: number): number => {
    if (expr.symbol === undefined) return expr.offset >>> 0;
    const bound = bindings?.get(expr.symbol) ?? ctx.symbols.get(expr.symbol);
    if (bound) return seqAdd(bound.value, expr.offset);
    const value = seqSub(expected, expr.offset);
    (bindings ??= new Map()).set(expr.symbol, { value, line });
    return expected;
  };
  const suggestion = (expr: SeqExpr, expected: number): string => {
    if (expr.symbol !== undefined) {
      const bound = bindings?.get(expr.symbol) ?? ctx.symbols.get(expr.symbol);
      if (bound) {
        const delta = (expected - bound.value) | 0;
        if (Math.abs(delta) < 1 << 20) return delta === 0 ? expr.symbol : `${expr.symbol}${delta > 0 ? '+' : '-'}${Math.abs(delta)}`;
      }
    }
    return String(expected);
  };

  const segment: Segment = {
    line,
    stmt,
    src: src.index,
    dst: dst.index,
    flags,
    syn,
    ack,
    fin,
    rst,
    seq: 0,
    ackNo: 0,
    dataLen,
    wnd: winField?.value.value,
    mss: mssField?.value.value,
    diagnosed: false,
  };

  // A packet injector, an old duplicate or a line with a syntax error: take the numbers as
  // written, fill the rest, check nothing.
  if (!src.checked || duplicate || lenient) {
    segment.diagnosed = lenient;
    const autoSeq = syn ? t.iss : t.sndNxt;
    segment.seq = seqField ? resolve(seqField.expr, duplicate ? seqAdd(autoSeq, 100000) : autoSeq) : autoSeq;
    segment.ackNo = ackField ? resolve(ackField.expr, t.rcvNxt) : t.rcvNxt;
    if (!duplicate) applyLenient(t, segment, dst.index);
    return { segment, diagnostics: diags, bindings, tcb: t };
  }

  checkOptions(stmt, syn, report);
  if ((syn && fin) || (syn && rst) || (fin && rst)) {
    const bad = syn && fin ? 'SYN with FIN' : syn && rst ? 'SYN with RST' : 'FIN with RST';
    report('tcp.bad-flags', stmt.flags.range, `${bad} is not a valid segment: ${syn ? 'a SYN opens a connection and carries no FIN or RST' : 'a RST aborts the connection, it carries no FIN'}`);
    segment.diagnosed = true;
  }

  // Replies owed to this peer: does this segment carry one out, or contradict it?
  const discharged: Obligation[] = [];
  let rstOwed: Obligation | undefined;
  for (const o of t.obligations) {
    if (o.to !== dst.index && o.to !== -1) continue;
    const verdict = answers(o, segment);
    if (verdict === 'yes') {
      discharged.push(o);
      if (o.kind === 'rst') rstOwed = o;
    } else if (verdict === 'no' && !segment.diagnosed) {
      const related: RelatedInformation[] = [{ range: o.range, message: `${srcName} owes this reply because ${whyText(o.why)}` }];
      if (o.synToClosed !== undefined && syn && ack) {
        // The script answers as if listening: recover by making it so.
        report('tcp.not-listening', stmt.flags.range, `${srcName} is CLOSED, not listening, when the SYN (line ${o.line + 1}) arrives: it must answer with a RST, not ${flagsText(flags)}. Declare ${srcName} with \`listen\` (or add \`${srcName}: listen\` before line ${o.line + 1}) if it is a server`, {
          related,
          data: src.declaredAt !== undefined
            ? { participant: { name: srcName, addListen: true } }
            : { insertLine: { before: o.line, text: `${srcName}: listen` } },
        });
        const iss = ctx.nextIss(src);
        t.state = 'SYN-RECEIVED';
        t.passive = true;
        t.irs = o.synToClosed;
        t.rcvNxt = seqAdd(o.synToClosed, 1);
        t.iss = iss;
        t.sndUna = iss;
        t.sndNxt = iss;
        t.peer = dst.index;
        discharged.push(o);
        segment.diagnosed = true;
        continue;
      }
      report('tcp.reply-mismatch', stmt.flags.range, `${srcName} must answer with ${owedText(o)} here, because ${whyText(o.why)}; it sends ${flagsText(flags)} instead`, {
        related,
        data: { expected: owedText(o), replace: { range: stmt.flags.range, text: owedFlags(o) } },
      });
      discharged.push(o);
      segment.diagnosed = true;
      fill(t, segment, stmt, resolve);
      t.obligations = t.obligations.filter((x) => !discharged.includes(x));
      return { segment, diagnostics: diags, bindings, tcb: t };
    }
  }

  // A RST is never answered (RFC 9293 §3.10.7: "a reset must not be sent in response to a reset").
  if (t.rstFrom === dst.index && !rstOwed && (rst || (t.state === 'CLOSED' && !syn))) {
    report('tcp.rst-reply', stmt.flags.range, `${srcName} answers the RST from ${dstName} (line ${t.rstLine + 1}) with ${flagsText(flags)}: a RST is never answered${t.state === 'CLOSED' ? `; ${srcName} is CLOSED now and can only open a new connection with a SYN` : ''}`, {
      related: [{ range: ctx.rangeOfLine(t.rstLine), message: 'the RST' }],
    });
    segment.diagnosed = true;
    fill(t, segment, stmt, resolve);
    return { segment, diagnostics: diags, bindings, tcb: t };
  }

  const invalid = sendRule(t, segment, rstOwed !== undefined, retransmit, keepalive);
  if (invalid) {
    report('tcp.invalid-send', stmt.flags.range, `${srcName} is ${stateLabel(t.state)} and cannot send ${flagsText(flags)}${dataLen ? ` with ${dataLen} bytes of data` : ''}: ${invalid}`, {
      data: invalidFix(t, segment, retransmit, stmt),
    });
    segment.diagnosed = true;
    fill(t, segment, stmt, resolve);
    t.obligations = t.obligations.filter((x) => !discharged.includes(x));
    return { segment, diagnostics: diags, bindings, tcb: t };
  }

  if (!ack && !rst && t.state !== 'CLOSED' && t.state !== 'LISTEN' && t.state !== 'SYN-SENT') {
    report('tcp.missing-ack-flag', stmt.flags.range, `${srcName} is ${stateLabel(t.state)}: it has received ${dstName}'s SYN, so every segment it sends except a RST carries ACK (ack=${t.rcvNxt}); expected ${flagsText(new Set([...flags, 'ACK']))}`, {
      data: { addFlags: ['ACK'], replace: { range: stmt.flags.range, text: flagsText(new Set([...flags, 'ACK'])) } },
    });
    segment.diagnosed = true;
  } else if (ackField && !ack && !rst) {
    report('tcp.missing-ack-flag', ackField.range, `ack=… is given but the ACK flag is not set: add ACK or remove the field`, {
      data: { addFlags: ['ACK'], replace: { range: stmt.flags.range, text: flagsText(new Set([...flags, 'ACK'])) } },
    });
    segment.diagnosed = true;
  }

  // The sequence number.
  const issFree = syn && !t.issBound && (src.declaredIsn === undefined || t.incarnation > 0) && seqField?.expr.symbol === undefined;
  let expectedSeq: number;
  let seqWhy: string;
  if (rstOwed) {
    expectedSeq = rstOwed.seq ?? t.sndNxt;
    seqWhy = `a RST answering line ${rstOwed.line + 1} takes its seq from ${rstOwed.ack === undefined ? "that segment's ack" : 'zero, as that segment had no ACK'}`;
  } else if (syn) {
    expectedSeq = issFree && seqField ? seqField.expr.offset >>> 0 : t.iss;
    seqWhy = `${srcName}'s ${ack ? 'SYN+ACK' : 'SYN'} carries its initial sequence number ISS=${t.iss}`;
  } else if (keepalive) {
    expectedSeq = seqSub(t.sndNxt, 1);
    seqWhy = `a keep-alive probe is sent with SND.NXT−1 = ${expectedSeq}`;
  } else if (retransmit) {
    expectedSeq = t.sndUna;
    seqWhy = `a retransmission re-sends unacknowledged data, from SND.UNA=${t.sndUna} up to SND.NXT=${t.sndNxt}`;
  } else {
    expectedSeq = t.sndNxt;
    seqWhy = `${srcName}'s next sequence number is SND.NXT=${t.sndNxt}${t.sndOrigin ? ` (${sentText(t.sndOrigin)})` : ''}`;
  }
  if (seqField) {
    const got = resolve(seqField.expr, expectedSeq);
    segment.seq = got;
    const okRetransmit = retransmit && !syn && seqInWindow(got, t.sndUna, Math.max(1, seqSub(t.sndNxt, t.sndUna)));
    if (got !== expectedSeq && !okRetransmit && !segment.diagnosed) {
      report('tcp.bad-seq', seqField.expr.range, `seq=${written(seqField.expr, got)} but ${seqWhy}: expected seq=${expectedSeq}`, {
        data: { expected: String(expectedSeq), replace: { range: seqField.expr.range, text: suggestion(seqField.expr, expectedSeq) } },
      });
      segment.diagnosed = true;
      segment.seq = expectedSeq;
    }
  } else {
    segment.seq = expectedSeq;
  }
  if (syn && issFree && t.iss !== segment.seq) {
    // A new incarnation (or an endpoint with no declared isn) picks its ISS with its first SYN.
    const unsent = t.sndNxt === t.iss;
    t.iss = segment.seq;
    t.sndUna = t.iss;
    if (unsent) t.sndNxt = t.iss;
  }

  // The acknowledgment number.
  let expectedAck: number | undefined;
  if (rstOwed && rstOwed.ack !== undefined) expectedAck = rstOwed.ack;
  else if (ack) expectedAck = t.rcvNxt;
  if (ackField && expectedAck !== undefined) {
    const got = resolve(ackField.expr, expectedAck);
    segment.ackNo = got;
    if (got !== expectedAck && !segment.diagnosed) {
      const d = t.dropped;
      if (d && d.from === dst.index && got === d.wouldRcvNxt) {
        report('tcp.unexpected-segment', ackField.expr.range, `ack=${written(ackField.expr, got)} acknowledges the segment on line ${d.line + 1}, but ${srcName} could not accept it: ${d.why}. Expected ack=${expectedAck}`, {
          related: [{ range: ctx.rangeOfLine(d.line), message: `the segment ${srcName} discarded` }],
          data: { expected: String(expectedAck), replace: { range: ackField.expr.range, text: suggestion(ackField.expr, expectedAck) } },
        });
      } else {
        const never = seqLt(dst.tcb.sndNxt, got) && dst.tcb.state !== 'CLOSED';
        const origin = t.rcvOrigin ? `${dstName}'s ${receivedText(t.rcvOrigin)}` : `${srcName} has received nothing from ${dstName} yet`;
        const head = never
          ? `ack=${written(ackField.expr, got)} acknowledges data ${dstName} never sent (${dstName}'s SND.NXT is ${dst.tcb.sndNxt})`
          : `ack=${written(ackField.expr, got)} but ${origin}`;
        report('tcp.bad-ack', ackField.expr.range, `${head}: expected ack=${expectedAck}`, {
          data: { expected: String(expectedAck), replace: { range: ackField.expr.range, text: suggestion(ackField.expr, expectedAck) } },
        });
      }
      segment.diagnosed = true;
      segment.ackNo = expectedAck;
    }
  } else {
    segment.ackNo = expectedAck ?? 0;
  }

  if (keepalive) {
    const idle = ctx.now - t.lastActivity;
    if (dataLen > 1) {
      report('tcp.invalid-send', stmt.flags.range, `a keep-alive probe carries at most one byte (RFC 1122 §4.2.3.6), this one has ${dataLen}`);
      segment.diagnosed = true;
    } else if (t.sndUna !== t.sndNxt) {
      report('tcp.keepalive-early', stmt.markers.find((m) => m.name === 'keepalive')!.range, `${srcName} still has unacknowledged data (SND.UNA=${t.sndUna}, SND.NXT=${t.sndNxt}): keep-alive probes are sent only on an idle connection`);
    } else if (idle < src.keepaliveMs && t.sndWnd !== 0) {
      // A probe of a zero window (RFC 9293 §3.8.6.1) has the same shape and no idle time.
      report('tcp.keepalive-early', stmt.markers.find((m) => m.name === 'keepalive')!.range, `${srcName} has been idle for ${formatMs(idle)}, but its keep-alive idle time is ${formatMs(src.keepaliveMs)}: add \`wait ${formatMs(src.keepaliveMs - idle)}\` before the probe`, {
        data: { insertLine: { before: line, text: `wait ${formatMs(src.keepaliveMs - idle)}` } },
      });
    }
  }

  if (discharged.length) t.obligations = t.obligations.filter((x) => !discharged.includes(x));
  applySend(t, segment, dst.index, ctx, src, rstOwed !== undefined, retransmit || keepalive);
  return { segment, diagnostics: diags, bindings, tcb: t };
}

/** `x+2 (= 1002)` for a symbolic value, the number otherwise. */
function written(expr: SeqExpr, value: number): string {
  if (expr.symbol === undefined) return String(value);
  const off = expr.offset === 0 ? '' : expr.offset > 0 ? `+${expr.offset}` : `${expr.offset}`;
  return `${expr.symbol}${off} (= ${value})`;
}

/** Does the segment carry out the obligation ('yes'), contradict it ('no'), or neither ('open')? */
function answers(o: Obligation, seg: Segment): 'yes' | 'no' | 'open' {
  switch (o.kind) {
    case 'rst':
    case 'abort-rst':
      return seg.rst ? 'yes' : 'no';
    case 'syn-ack':
      return seg.syn && seg.ack ? 'yes' : 'no';
    case 'syn':
      return seg.syn ? 'yes' : 'no';
    case 'ack':
      return seg.ack || seg.rst ? 'yes' : 'open';
    case 'fin':
      return seg.fin || seg.rst ? 'yes' : 'open';
  }
}

export function owedText(o: Obligation): string {
  switch (o.kind) {
    case 'rst':
      return o.ack !== undefined ? `a RST+ACK (seq=${o.seq} ack=${o.ack})` : `a RST (seq=${o.seq})`;
    case 'abort-rst':
      return 'a RST (it called abort)';
    case 'syn-ack':
      return 'a SYN+ACK';
    case 'syn':
      return 'a SYN';
    case 'ack':
      return 'an ACK';
    case 'fin':
      return 'a FIN';
  }
}

/** The flags of the owed reply, as the formatter writes them. */
export function owedFlags(o: Obligation): string {
  switch (o.kind) {
    case 'rst':
      return o.ack !== undefined ? 'RST+ACK' : 'RST';
    case 'abort-rst':
      return 'RST';
    case 'syn-ack':
      return 'SYN+ACK';
    case 'syn':
      return 'SYN';
    case 'ack':
      return 'ACK';
    case 'fin':
      return 'FIN+ACK';
  }
}

/** Why the sender's state does not allow this segment, or undefined when it does. */
function sendRule(t: Tcb, seg: Segment, rstOwed: boolean, retransmit: boolean, keepalive: boolean): string | undefined {
  const { syn, ack, fin, rst, dataLen } = seg;
  const s = t.state;
  if (rst) {
    if (rstOwed) return undefined;
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
    if (s === 'SYN-SENT') return retransmit ? undefined : 'it has already sent its SYN: to send it again, mark it `retransmit`';
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
  if (fin && !retransmit) return `it has already sent its FIN (seq ${t.finSeq}): to send it again, mark it \`retransmit\``;
  if (dataLen > 0 && !retransmit && !keepalive) return `it has already sent its FIN (seq ${t.finSeq}): no data may follow it`;
  if (!ack && !fin) return 'only ACKs and retransmissions remain after its FIN';
  return undefined;
}

function invalidFix(t: Tcb, seg: Segment, retransmit: boolean, stmt: SegmentStatement) {
  if (!retransmit && ((t.state === 'SYN-SENT' && seg.syn && !seg.ack) || (seg.fin && t.finSent))) {
    const end = stmt.range.end;
    return { replace: { range: { start: end, end }, text: ' retransmit' } };
  }
  return undefined;
}

/** Fills seq/ack for a segment whose checks were abandoned, so the receiver sees what was meant. */
function fill(t: Tcb, seg: Segment, stmt: SegmentStatement, resolve: (e: SeqExpr, x: number) => number): void {
  const seqField = field(stmt, 'seq');
  const ackField = field(stmt, 'ack');
  const autoSeq = seg.syn ? t.iss : t.sndNxt;
  seg.seq = seqField ? resolve(seqField.expr, autoSeq) : autoSeq;
  seg.ackNo = ackField ? resolve(ackField.expr, t.rcvNxt) : t.rcvNxt;
}

function checkOptions(stmt: SegmentStatement, syn: boolean, report: (c: DiagnosticCode, r: Range, m: string) => void): void {
  for (const f of stmt.fields) {
    if ((f.kind === 'mss' || f.kind === 'wscale' || f.kind === 'sackOK') && !syn) {
      report('tcp.bad-option', f.range, `${f.kind === 'sackOK' ? 'sackOK' : f.kind.toUpperCase()} is only sent on a SYN or SYN+ACK (RFC 9293 §3.7.1, RFC 7323, RFC 2018); here it is ignored`);
    } else if (f.kind === 'mss' && f.value.value === 0) {
      report('tcp.bad-option', f.range, 'an MSS of 0 would allow no data at all: the smallest MSS an IPv4 host must accept is 536 (RFC 9293 §3.7.1)');
    } else if (f.kind === 'wscale' && f.value.value > 14) {
      report('tcp.bad-option', f.range, `a window scale of ${f.value.value} is above the maximum of 14 (RFC 7323 §2.3); it is used as 14`);
    }
  }
}

/** What sending does to the sender: SND.NXT advances, a SYN or FIN moves the state. */
function applySend(t: Tcb, seg: Segment, dst: number, ctx: SendContext, src: Endpoint, rstReply: boolean, resend: boolean): void {
  // The keep-alive idle time counts from the last segment received (RFC 1122 §4.2.3.6), so
  // sending (probes included) does not restart it.
  t.rstFrom = -1;
  t.dropped = undefined;
  if (seg.wnd !== undefined) t.rcvWnd = seg.wnd;
  if (seg.rst) {
    if (!rstReply) resetTcb(t, 'CLOSED', ctx.nextIss(src));
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
      t.peer = dst;
      t.sndOrigin = { what: 'SYN', line: seg.line, seq: t.iss, len: 0 };
    } else if (t.sndNxt === t.iss) {
      t.sndNxt = seqAdd(t.iss, 1 + seg.dataLen);
      t.sndOrigin = { what: 'SYN+ACK', line: seg.line, seq: t.iss, len: 0 };
    }
    t.obligations = t.obligations.filter((o) => o.kind !== 'syn');
    return;
  }
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

/** An injector's send: follow what it wrote so that the numbers it sends next are filled sensibly. */
function applyLenient(t: Tcb, seg: Segment, dst: number): void {
  if (seg.rst) return;
  if (seg.syn) {
    if (!t.issBound || t.state === 'CLOSED' || t.state === 'LISTEN') {
      t.iss = seg.seq;
      t.issBound = true;
    }
    t.sndUna = t.iss;
    t.sndNxt = seqMax(t.sndNxt, seqAdd(t.iss, 1));
    if (t.state === 'CLOSED' || t.state === 'LISTEN') t.state = seg.ack ? 'SYN-RECEIVED' : 'SYN-SENT';
    t.peer = dst;
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

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}


