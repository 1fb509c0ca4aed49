// The plain text of the diagram's labels, before escaping: a segment's flags, fields,
// payload and markers, as the script wrote them or with the engine's resolved numbers.

import type { SegmentInfo } from '../../analysis';
import type { Field, SegmentStatement, SeqExpr } from '../../syntax/ast';

/** Longest payload shown, in characters, including the `…` that marks a cut. */
export const PAYLOAD_MAX_CHARS = 24;

export type NumberStyle = 'as-written' | 'absolute';

/**
 * `SYN+ACK seq=x ack=y+1 "GET /" retransmit`, then ` (lost)` or ` (delayed: d1)`, with
 * `✗ ` in front of an invalid segment. With `absolute`, seq/ack/len are the engine's.
 */
export function segmentLabel(
  segment: SegmentStatement,
  info: SegmentInfo | undefined,
  numbers: NumberStyle,
  invalid: boolean,
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
  if (numbers === 'absolute' && info !== undefined) {
    add(`seq=${info.seq}`);
    if (info.ack !== undefined) add(`ack=${info.ack}`);
    if (info.len > 0) add(`len=${info.len}`);
    for (const field of segment.fields) {
      if (field.kind !== 'seq' && field.kind !== 'ack' && field.kind !== 'len') add(fieldText(field));
    }
  } else {
    for (const field of segment.fields) add(fieldText(field));
  }
  if (segment.payload !== undefined) add(`"${truncatePayload(segment.payload.raw)}"`);
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
 * The payload as written, cut to PAYLOAD_MAX_CHARS characters (code points) with `…`.
 * A cut never splits an escape such as `\r` or `\x0d`.
 */
export function truncatePayload(raw: string): string {
  let count = 0;
  let cut = -1;
  for (let i = 0; i < raw.length; count++) {
    if (count === PAYLOAD_MAX_CHARS - 1) cut = i;
    if (count === PAYLOAD_MAX_CHARS) return withoutPartialEscape(raw.slice(0, cut)) + '…';
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
