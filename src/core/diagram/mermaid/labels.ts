// The plain text of the diagram's labels, before escaping: a segment's flags, its seq and
// ack (as the script wrote them, relative to each side's ISN, absolute, or none), its other
// fields, its payload (shortened) and markers.

import type { SegmentInfo } from '../../analysis';
import type { Field, SegmentStatement, SeqExpr } from '../../syntax/ast';
import { flagsTextOf } from '../../syntax/segmentNode';

/**
 * Longest payload shown by default, in characters, including the `…` that marks a cut:
 * enough for a request line's start (`GET / HTTP/…`), short enough that one payload does
 * not push the lifelines apart.
 */
export const PAYLOAD_MAX_CHARS = 12;

/**
 * - `as-written`: seq/ack as the script writes them (`seq=x`, `ack=y+1`), the engine's
 *   relative numbers where it omits them, as a textbook figure shows every arrow's numbers;
 * - `relative`: the engine's numbers relative to each side's ISN, as Wireshark shows them;
 * - `absolute`: the engine's numbers, with len;
 * - `none`: flags, other fields and payload only.
 */
export type NumberStyle = 'as-written' | 'relative' | 'absolute' | 'none';

/**
 * `SYN+ACK seq=x ack=y+1 "GET /" retransmit`, then ` (lost)` or ` (delayed: d1)`, with
 * `✗ ` in front of an invalid segment. Payloads longer than `payloadChars` are cut.
 */
export function segmentLabel(
  segment: SegmentStatement,
  info: SegmentInfo | undefined,
  numbers: NumberStyle,
  invalid: boolean,
  payloadChars: number = PAYLOAD_MAX_CHARS,
): string {
  const parts = labelParts(segment, info, numbers);
  const payload = segment.payload;
  return composeLabel(parts, payload === undefined ? undefined : `"${truncatePayload(payload.raw, payloadChars)}"`, invalid);
}

/** A label without its payload: what comes before it and after it. */
export interface LabelParts {
  /** Flags, numbers and other fields, space-separated (`''` for none). */
  readonly head: string;
  /** The markers, space-separated (`''` for none). */
  readonly markers: string;
  /** ` (lost)`, ` (delayed: d1)`, ` (delayed)` or `''`. */
  readonly suffix: string;
}

/** Built by concatenation, without lists or closures: this runs once per segment on every keystroke. */
export function labelParts(segment: SegmentStatement, info: SegmentInfo | undefined, numbers: NumberStyle): LabelParts {
  let head = flagsTextOf(segment);
  const fields = segment.fields;
  const resolved = info !== undefined && (numbers === 'relative' || numbers === 'absolute');
  if (resolved) {
    head = joined(head, `seq=${numbers === 'absolute' ? info.seq : info.relSeq}`);
    const ack = numbers === 'absolute' ? info.ack : info.relAck;
    if (ack !== undefined) head = joined(head, `ack=${ack}`);
    if (info.len > 0) head = joined(head, `len=${info.len}`);
  } else if (numbers === 'as-written') {
    let seq: Field | undefined;
    let ack: Field | undefined;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      if (field.kind === 'seq') seq ??= field;
      else if (field.kind === 'ack') ack ??= field;
    }
    if (seq !== undefined) head = joined(head, fieldText(seq));
    else if (info !== undefined) head = joined(head, `seq=${info.relSeq}`);
    if (ack !== undefined) head = joined(head, fieldText(ack));
    else if (info?.relAck !== undefined) head = joined(head, `ack=${info.relAck}`);
  }
  // The written numbers not shown above: len as written, and seq/ack/len of a segment the
  // engine could not resolve when resolved numbers were asked for.
  const allWritten = !resolved && numbers !== 'as-written' && numbers !== 'none';
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const kind = field.kind;
    const isNumber = kind === 'seq' || kind === 'ack' || kind === 'len';
    if (!isNumber || allWritten || (kind === 'len' && numbers === 'as-written')) head = joined(head, fieldText(field));
  }
  let markers = '';
  const written = segment.markers;
  for (let i = 0; i < written.length; i++) markers = joined(markers, written[i].name);
  const suffix = segment.arrow === '-x' ? ' (lost)' : segment.arrow === '~>' ? (segment.label ? ` (delayed: ${segment.label.name})` : ' (delayed)') : '';
  return { head, markers, suffix };
}

/** The whole label from its parts and its payload part (`"…"` with the quotes), if any. */
export function composeLabel(parts: LabelParts, payload: string | undefined, invalid: boolean): string {
  let label = parts.head;
  if (payload !== undefined) label = joined(label, payload);
  if (parts.markers !== '') label = joined(label, parts.markers);
  label += parts.suffix;
  if (!invalid) return label;
  return label === '' ? '✗' : `✗ ${label}`;
}

function joined(label: string, part: string): string {
  return label === '' ? part : `${label} ${part}`;
}

export function fieldText(field: Field): string {
  switch (field.kind) {
    case 'seq':
    case 'ack':
      return `${field.kind}=${seqExprText(field.expr)}`;
    case 'sackOK':
      return 'sackOK';
    case 'ts':
      return field.ecr ? `ts=${field.val.value}/${field.ecr.value}` : `ts=${field.val.value}`;
    default:
      return `${field.kind}=${field.value.value}`;
  }
}

export function seqExprText(expr: SeqExpr): string {
  if (expr.symbol === undefined) return String(expr.offset);
  if (expr.offset > 0) return `${expr.symbol}+${expr.offset}`;
  if (expr.offset < 0) return `${expr.symbol}-${-expr.offset}`;
  return expr.symbol;
}

/**
 * The payload as written, cut to `max` characters (code points) with `…`.
 * A cut never splits an escape such as `\r` or `\x0d`.
 */
export function truncatePayload(raw: string, max: number = PAYLOAD_MAX_CHARS): string {
  const kept = cutPayload(raw, max);
  return kept === undefined ? raw : kept + '…';
}

/** What truncatePayload keeps before its `…`, or undefined when the payload is not cut. */
export function cutPayload(raw: string, max: number = PAYLOAD_MAX_CHARS): string | undefined {
  let count = 0;
  let cut = -1;
  for (let i = 0; i < raw.length; count++) {
    if (count === max - 1) cut = i;
    if (count === max) return withoutPartialEscape(raw.slice(0, cut));
    const c = raw.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length ? 2 : 1;
  }
  return undefined;
}

function withoutPartialEscape(kept: string): string {
  for (let i = 0; i < kept.length; i++) {
    if (kept.charCodeAt(i) !== 92) continue;
    const length = kept.charCodeAt(i + 1) === 120 ? 4 : 2;
    if (i + length > kept.length) return kept.slice(0, i);
    i += length - 1;
  }
  return kept;
}
