// A segment written one line too early: the sender's state does not allow it yet (or its
// numbers are not yet right), but the next line is the peer's segment it answers (a SYN+ACK written before the SYN, an ACK before
// the SYN+ACK). The engine then reads the two lines in the order they happen, so that the
// one misplaced line gives one diagnostic and both endpoints go on as the author meant.

import { diagnostic, type Diagnostic } from '../diagnostics';
import type { SegmentStatement } from '../syntax/ast';
import { cloneTcb, type Endpoint } from './model';
import { owe } from './obligations';
import { segmentArrives, type ArrivalContext } from './segmentArrives';
import { sendSegment, type SendContext, type SendResult } from './send';

/** Whether `sentBeforeItsCause` can judge a segment between these two: both checked, neither with another reading pending. */
export function mayBeSentEarly(src: Endpoint, dst: Endpoint): boolean {
  return !src.alt && !dst.alt && src.checked && dst.checked;
}

/**
 * The diagnostic for `stmt` when it is sendable right after `next` (the peer's reply to it
 * being impossible first), or undefined when that reading does not hold. `asWritten` is
 * `stmt` sent where it stands, on a copy of the sender's TCB: the caller keeps it, as it is
 * what sending the line does when this gives no diagnostic.
 */
export function sentBeforeItsCause(
  ctx: SendContext,
  arrival: (receiver: Endpoint) => ArrivalContext,
  src: Endpoint,
  dst: Endpoint,
  stmt: SegmentStatement,
  next: SegmentStatement,
  asWritten: SendResult,
): Diagnostic | undefined {
  if (!mayBeSentEarly(src, dst)) return undefined;
  const first = asWritten.diagnostics.find((d) => d.severity === 'error');
  // A segment missing only its ACK flag already has a reading that fits where it stands.
  if (!first || first.code === 'tcp.missing-ack-flag') return undefined;
  const srcTcb = cloneTcb(src.tcb);
  const reply = sendSegment(ctx, dst, src, cloneTcb(dst.tcb), next);
  if (reply.errors > 0 || reply.diagnostics.length > 0) return undefined;
  const arrived = segmentArrives(srcTcb, reply.segment, arrival(src));
  if (arrived.reply) owe(srcTcb, reply.segment, arrived.reply, false);
  const after = sendSegment(ctx, src, dst, srcTcb, stmt);
  if (after.errors > 0 || after.diagnostics.length > 0) return undefined;
  return diagnostic(first.code, first.range, `${first.message}. It is read as sent after line ${next.line + 1}, the ${dst.name} segment it follows: move it below that line`, {
    related: [{ range: next.range, message: `the segment ${src.name} answers` }],
  });
}
