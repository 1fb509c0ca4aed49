// The sending side of a segment: the send rules (sendRules.ts) decide whether this endpoint
// may send it now and with which seq and ack; applySend.ts then says what sending it does to
// the sender. Nothing here reaches the receiver: simulate.ts delivers the segment.

import type { SegmentStatement } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics';
import { adopt, applyJudged, applyLenient, applySend } from './applySend';
import { cloneTcb, type Endpoint, type Segment, type Tcb } from './model';
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
  return checkSegment(ctx, src, dst, t, stmt, lenient, true).send();
}

/**
 * Resolves and checks one segment against the sender's TCB `t`. Unless `inPlace`, `t` is left
 * as it was: a reading the rules adopt is taken on a copy. `send()` then applies it.
 */
export function checkSegment(ctx: SendContext, src: Endpoint, dst: Endpoint, t: Tcb, stmt: SegmentStatement, lenient = false, inPlace = false): CheckedSegment {
  const o = new Outgoing(ctx, src, dst, t, stmt);
  if (!src.checked || o.duplicate || lenient) {
    checkUnchecked(o, lenient);
    return new CheckedSegment(o, 'unchecked');
  }
  for (const rule of SEND_RULES) {
    const verdict = rule.run(o);
    if (verdict === 'stop') {
      o.fillAsWritten();
      return new CheckedSegment(o, 'judged');
    }
    if (verdict !== 'next') {
      if (!inPlace && o.t === t) o.t = cloneTcb(t);
      adopt(o.t, verdict, ctx, src, dst);
    }
  }
  return new CheckedSegment(o, 'sent');
}

/** A segment checked and resolved, not yet sent. */
export class CheckedSegment {
  constructor(
    private readonly o: Outgoing,
    private readonly how: 'unchecked' | 'judged' | 'sent',
  ) {}

  get errors(): number {
    return this.o.errors;
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.o.diagnostics;
  }

  get stmt(): SegmentStatement {
    return this.o.stmt;
  }

  /** Did a reading the rules adopted leave the TCB checked against behind? */
  get adopted(): boolean {
    return this.o.t !== this.o.checkedAgainst;
  }

  /** Sends it: changes the TCB it was checked against (or the copy a reading was adopted on), or else `onto`, a copy of it. */
  send(onto?: Tcb): SendResult {
    const o = this.o;
    if (onto !== undefined && !this.adopted) o.t = onto;
    if (this.how === 'unchecked') {
      if (!o.duplicate) applyLenient(o.t, o.segment);
    } else if (this.how === 'judged') {
      applyJudged(o);
    } else {
      applySend(o);
    }
    return { segment: o.segment, diagnostics: o.diagnostics, errors: o.errors, judged: this.how === 'judged', bindings: o.bindings, tcb: o.t };
  }
}

/**
 * A packet injector, an old duplicate or a line with a syntax error: take the numbers as
 * written, fill the rest, check nothing but the payload's length.
 */
function checkUnchecked(o: Outgoing, lenient: boolean): void {
  const { segment, t, seqField, ackField } = o;
  lengthMatchesPayload(o);
  segment.diagnosed = lenient;
  const autoSeq = segment.syn ? t.iss : t.sndNxt;
  segment.seq = seqField ? o.resolve(seqField.expr, o.duplicate ? seqAdd(autoSeq, 100000) : autoSeq) : autoSeq;
  segment.ackNo = ackField ? o.resolve(ackField.expr, t.rcvNxt) : t.rcvNxt;
}
