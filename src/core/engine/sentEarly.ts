// A segment written one line too early: the sender's state does not allow it yet (or its
// numbers are not yet right), but the next line is the peer's segment it answers (a SYN+ACK written before the SYN, an ACK before
// the SYN+ACK). The engine then reads the two lines in the order they happen, so that the
// one misplaced line gives one diagnostic and both endpoints go on as the author meant.

import { diagnostic, type Diagnostic } from '../diagnostics';
import type { SegmentStatement } from '../syntax/ast';
import type { Range } from '../syntax/range';
import { flagNamesOf } from '../syntax/segmentNode';
import { cloneTcb, type Endpoint, type Segment } from './model';
import { owe } from './obligations';
import { segmentArrives, type ArrivalContext } from './segmentArrives';
import { checkSegment, sendSegment, type CheckedSegment, type SendContext } from './send';

/**
 * The error `stmt` has where it is written, when it is one that reading it one line later
 * may mend; undefined otherwise. Checks without errors are handed to `keep`: the line's own
 * turn, if it follows at once, need not check it again.
 */
export function firstError(ctx: SendContext, src: Endpoint, dst: Endpoint, stmt: SegmentStatement, keep?: (checked: CheckedSegment) => void): Diagnostic | undefined {
  if (src === dst || !src.checked || !dst.checked) return undefined;
  const checked = checkSegment(ctx, src, dst, src.tcb, stmt);
  const first = checked.errors === 0 ? undefined : checked.diagnostics.find((d) => d.severity === 'error');
  if (!first) keep?.(checked);
  // The other behaviour the sender keeps in reserve may allow it where it stands.
  if (!first || (src.alt && sendSegment(ctx, src, dst, cloneTcb(src.alt.tcb), stmt).errors === 0)) return undefined;
  // A segment missing only its ACK flag already has a reading that fits where it stands; a
  // SYN from a synchronized state is the exception: it is a new connection's, opened a line too early.
  const opening = flagNamesOf(stmt).has('SYN') && !['SYN-SENT', 'SYN-RECEIVED'].includes(src.tcb.state);
  return first.code !== 'tcp.missing-ack-flag' || opening ? first : undefined;
}

/** A `deliver` line: the peer's segment, sent earlier with `~>`, arrives there. */
export interface Delivery {
  readonly held: Segment;
  readonly line: number;
  readonly range: Range;
}

/**
 * The diagnostic for `stmt` (whose error where it stands is `first`) when it is sendable right
 * after `next` (the peer's segment it answers, sent or delivered there), or undefined when that reading does not hold.
 */
export function sentBeforeItsCause(
  ctx: SendContext,
  arrival: (receiver: Endpoint) => ArrivalContext,
  src: Endpoint,
  dst: Endpoint,
  stmt: SegmentStatement,
  next: SegmentStatement | Delivery,
  first: Diagnostic,
): Diagnostic | undefined {
  if (src === dst || !src.checked || !dst.checked) return undefined;
  const srcTcb = cloneTcb(src.tcb);
  const clean = (r: ReturnType<typeof sendSegment>) => r.errors === 0 && r.diagnostics.length === 0;
  let peer: Segment;
  if ('held' in next) peer = next.held;
  else {
    let reply = sendSegment(ctx, dst, src, cloneTcb(dst.tcb), next);
    if (!clean(reply) && dst.alt) reply = sendSegment(ctx, dst, src, cloneTcb(dst.alt.tcb), next);
    if (!clean(reply)) return undefined;
    peer = reply.segment;
  }
  const arrived = segmentArrives(srcTcb, peer, arrival(src));
  if (arrived.reply) owe(srcTcb, peer, arrived.reply, false);
  const fits = (t: typeof srcTcb) => clean(sendSegment(ctx, src, dst, t, stmt));
  // Either reading of the peer's segment will do: the simulation adopts the one the line fits.
  if (!fits(srcTcb) && !(arrived.alt && fits(cloneTcb(arrived.alt.tcb)))) return undefined;
  const cause = 'held' in next ? `where the ${dst.name} segment it follows (line ${next.held.line + 1}) is delivered` : `the ${dst.name} segment it follows`;
  return diagnostic(first.code, first.range, `${first.message}. It is read as sent after line ${next.line + 1}, ${cause}: move it below that line`, {
    related: [{ range: next.range, message: `the segment ${src.name} answers` }],
  });
}
