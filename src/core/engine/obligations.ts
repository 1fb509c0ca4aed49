// Replies an endpoint owes (RFC 9293 §3.10.7: the receiver of a segment "must" answer it) and
// segments an application call committed it to send: made on arrival, carried out or
// contradicted by the endpoint's next segments, reported if the script ends first.

import type { Obligation, Segment, Tcb } from './model';
import type { Reply } from './segmentArrives';

/**
 * The receiver of `seg` now owes `reply`, replacing what it owed that peer before; after a
 * segment with an error the reply is only allowed, never owed.
 */
export function owe(t: Tcb, seg: Segment, reply: Reply, optional: boolean): void {
  const obligation: Obligation = {
    kind: reply.kind,
    to: seg.src,
    seq: reply.seq,
    ack: reply.ack,
    line: seg.line,
    range: seg.stmt.range,
    why: reply.why,
    synToClosed: reply.synToClosed,
    optional: optional || undefined,
  };
  t.obligations = t.obligations.filter((o) => o.to !== seg.src || isIntent(o));
  t.obligations.push(obligation);
}

/** An obligation an application call made (connect, close, abort) rather than a received segment. */
export function isIntent(o: Obligation): boolean {
  return o.kind === 'syn' || o.kind === 'fin' || o.kind === 'abort-rst';
}

/** Does the segment carry out the obligation ('yes'), contradict it ('no'), or neither ('open')? */
export function answers(o: Obligation, seg: Segment): 'yes' | 'no' | 'open' {
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
