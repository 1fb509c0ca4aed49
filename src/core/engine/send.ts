// The sending side of a segment: the send rules (sendRules.ts) decide whether this endpoint
// may send it now and with which seq and ack; applySend.ts then says what sending it does to
// the sender. Nothing here reaches the receiver: simulate.ts delivers the segment.

import type { SegmentStatement } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics';
import { adopt, applyJudged, applyLenient, applySend } from './applySend';
import type { Endpoint, Segment, Tcb } from './model';
import { Outgoing, type SendContext } from './outgoing';
import { lengthMatchesPayload, SEND_RULES } from './sendRules';
import { seqAdd } from './seq';

export type { SendContext } from './outgoing';

/** What sending produced; nothing is committed to the script's state until the caller chooses it. */
export interface SendResult {
  readonly segment: Segment;
  readonly diagnostics: Diagnostic[];
  /** How many errors the checks found, repeats that were not reported included. */
  readonly errors: number;
  /** A rule stopped the checks: the sender's state does not take the segment in. */
  readonly judged: boolean;
  readonly bindings: ReadonlyMap<string, { value: number; line: number }> | undefined;
  /** The sender's TCB after the send (the one passed in, mutated). */
  readonly tcb: Tcb;
}

/**
 * Resolves and checks one segment from `src` to `dst` against the sender's TCB `t`
 * (mutated to the state after the send).
 */
export function sendSegment(ctx: SendContext, src: Endpoint, dst: Endpoint, t: Tcb, stmt: SegmentStatement, lenient = false): SendResult {
  const o = new Outgoing(ctx, src, dst, t, stmt);
  let judged = false;
  if (!src.checked || o.duplicate || lenient) {
    sendUnchecked(o, lenient);
  } else {
    for (const rule of SEND_RULES) {
      const verdict = rule.run(o);
      if (verdict === 'stop') {
        judged = true;
        break;
      }
      if (verdict !== 'next') adopt(t, verdict, ctx, src, dst);
    }
    if (judged) {
      o.fillAsWritten();
      applyJudged(o);
    } else {
      applySend(o);
    }
  }
  return { segment: o.segment, diagnostics: o.diagnostics, errors: o.errors, judged, bindings: o.bindings, tcb: t };
}

/**
 * A packet injector, an old duplicate or a line with a syntax error: take the numbers as
 * written, fill the rest, check nothing but the payload's length.
 */
function sendUnchecked(o: Outgoing, lenient: boolean): void {
  const { segment, t, seqField, ackField } = o;
  lengthMatchesPayload(o);
  segment.diagnosed = lenient;
  const autoSeq = segment.syn ? t.iss : t.sndNxt;
  segment.seq = seqField ? o.resolve(seqField.expr, o.duplicate ? seqAdd(autoSeq, 100000) : autoSeq) : autoSeq;
  segment.ackNo = ackField ? o.resolve(ackField.expr, t.rcvNxt) : t.rcvNxt;
  if (!o.duplicate) applyLenient(t, segment);
}
