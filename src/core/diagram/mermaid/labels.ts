// The plain text of the diagram's labels, before escaping: a segment's flags, its seq and
// ack (as the script wrote them, relative to each side's ISN, absolute, or none), its other
// fields, its payload (shortened) and markers.

import type { SegmentInfo } from '../../analysis';
import type { Field, SegmentStatement, SeqExpr } from '../../syntax/ast';

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
  // Built by concatenation: this runs once per segment on every keystroke.
  let label = '';
  const add = (part: string) => {
    label = label === '' ? part : `${label} ${part}`;
  };
  const items = segment.flags.items;
  if (items.length > 0) {
    let flags = items[0].flag as string;
    for (let i = 1; i < items.length; i++) flags += `+${items[i].flag}`;
    add(flags);
  }
  const resolved = info !== undefined && (numbers === 'relative' || numbers === 'absolute');
  if (resolved) {
    add(`seq=${numbers === 'absolute' ? info.seq : info.relSeq}`);
    const ack = numbers === 'absolute' ? info.ack : info.relAck;
    if (ack !== undefined) add(`ack=${ack}`);
    if (info.len > 0) add(`len=${info.len}`);
  } else if (numbers === 'as-written') {
    const seq = segment.fields.find((f) => f.kind === 'seq');
    const ack = segment.fields.find((f) => f.kind === 'ack');
    if (seq !== undefined) add(fieldText(seq));
    else if (info !== undefined) add(`seq=${info.relSeq}`);
    if (ack !== undefined) add(fieldText(ack));
    else if (info?.relAck !== undefined) add(`ack=${info.relAck}`);
  }
  // The written numbers not shown above: len as written, and seq/ack/len of a segment the
  // engine could not resolve when resolved numbers were asked for.
  const writtenNumbers = numbers === 'as-written' ? ['len'] : numbers === 'none' || resolved ? [] : ['seq', 'ack', 'len'];
  for (const field of segment.fields) {
    const isNumber = field.kind === 'seq' || field.kind === 'ack' || field.kind === 'len';
    if (!isNumber || writtenNumbers.includes(field.kind)) add(fieldText(field));
  }
  if (segment.payload !== undefined) add(`"${truncatePayload(segment.payload.raw, payloadChars)}"`);
  for (const marker of segment.markers) add(marker.name);
  if (segment.arrow === '-x') label += ' (lost)';
  else if (segment.arrow === '~>') label += segment.label ? ` (delayed: ${segment.label.name})` : ' (delayed)';
  if (!invalid) return label;
  return label === '' ? '✗' : `✗ ${label}`;
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
  let count = 0;
  let cut = -1;
  for (let i = 0; i < raw.length; count++) {
    if (count === max - 1) cut = i;
    if (count === max) return withoutPartialEscape(raw.slice(0, cut)) + '…';
    const c = raw.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length ? 2 : 1;
  }
  return raw;
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
