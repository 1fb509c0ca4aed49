// Parses a segment line: `<src> <arrow> <dst>[:] <flags> [fields…] ["payload"] [markers…] [as <label>]`.
// After the flags, fields, the payload and markers come in any order; `as <label>` comes last.

import {
  FLAG_NAMES,
  type Field,
  type FieldKind,
  type FlagName,
  type Identifier,
  type Marker,
  type SegmentStatement,
} from './ast';
import { readPort } from './parseConnection';
import { readNumber, readSeqExpr } from './parseValues';
import { range, type Range } from './range';
import { Char, shorten, type Scanner } from './scanner';
import { ARROWS, NumberField, SegmentNode, SeqField, packedFlags, segmentLayout, type SegmentExtras } from './segmentNode';
import {
  FIELD_NAMES,
  MARKER_NAMES,
  compactFlag,
  fieldAt,
  flagAt,
  isCompactFlags,
  isFlagSeparator,
  joinedFlags,
  markerAt,
} from './segmentWords';
import { closest, listOf } from './suggest';

const FLAG_HINT = `expected a flag: ${FLAG_NAMES.join(', ')} (or packetdrill's S, S., F., P., R. and .)`;
/** Many segments have no field: they share one empty list. */
const NO_FIELDS: readonly Field[] = Object.freeze([]);

/** Parses the segment at the line's start; undefined when its sender, arrow or receiver is missing. */
export function parseSegment(sc: Scanner, reader: SegmentItems): SegmentStatement | undefined {
  const srcStart = sc.pos;
  const srcEnd = sc.identEnd(srcStart);
  const srcPort = readPort(sc, srcEnd);
  const arrowStart = sc.spacesEnd(srcPort ? sc.pos : srcEnd);
  const arrow = sc.arrowAt(arrowStart);
  if (srcEnd === srcStart || arrow === undefined) return undefined;
  const arrowEnd = arrowStart + 2;
  sc.pos = arrowEnd;
  sc.skipSpaces();
  const dstStart = sc.pos;
  const dstEnd = sc.identEnd(dstStart);
  if (dstEnd === dstStart) {
    if (sc.atEnd()) {
      sc.report('syntax.missing', arrowStart, arrowEnd, `a segment needs a receiver after '${arrow}', e.g. client ${arrow} server: ACK`);
    } else {
      const found = Math.max(sc.tokenEnd(dstStart, Char.Colon), dstStart + 1);
      sc.report(
        'syntax.unexpected-token',
        dstStart,
        found,
        `expected the receiver's name after '${arrow}', found '${shorten(sc.slice(dstStart, found))}'`,
      );
    }
    return undefined;
  }
  const srcName = sc.name(srcStart, srcEnd);
  const dstName = sc.name(dstStart, dstEnd);
  sc.pos = dstEnd;
  const dstPort = readPort(sc, dstEnd);
  sc.skipSpaces();
  if (sc.peek() === Char.Colon) sc.pos++;
  const flagsAt = sc.spacesEnd(sc.pos);
  reader.read();
  if (reader.flagWords === 0) {
    sc.report('syntax.missing', dstStart, dstEnd, `a segment needs its flags after '${dstName}', e.g. ACK or SYN+ACK`);
  }
  const count = reader.flagCount;
  const flagCode = packedFlags(reader.flagIndices, reader.flagStarts, reader.flagEnds, count);
  const flagsStart = count === 0 ? flagsAt : reader.flagStarts[0];
  const layout = segmentLayout(arrow, srcEnd, arrowStart, dstStart, dstEnd, flagsStart);
  // The node keeps characters within the line, as ranges do, not offsets in the text.
  const base = sc.lineStart;
  const markers = reader.markers;
  const extras: SegmentExtras | undefined =
    srcPort !== undefined || dstPort !== undefined || flagCode < 0 || markers.length > 0 || reader.label !== undefined || layout === undefined
      ? {
          ...(srcPort && { srcPort }),
          ...(dstPort && { dstPort }),
          ...(flagCode < 0 && { flagItems: reader.flagItems() }),
          ...(markers.length > 0 && { markers: markers.slice() }),
          ...(reader.label && { label: reader.label }),
          ...(layout === undefined && { positions: { arrow: arrowStart - base, dst: dstStart - base, flags: flagsStart - base } }),
        }
      : undefined;
  const payload = reader.payloadRaw;
  return new SegmentNode(
    sc.line,
    srcStart - base,
    sc.end - base,
    srcName,
    dstName,
    layout ?? ARROWS.indexOf(arrow),
    flagCode,
    reader.fields.length === 0 ? NO_FIELDS : reader.fields.slice(),
    payload,
    reader.payloadBytes,
    reader.payloadCode,
    extras,
  );
}

/**
 * Reads what follows the receiver: the flags, then fields, payload and markers, then the label.
 * One per parse, reused for every segment line.
 */
export class SegmentItems {
  /** What was read, copied out by parseSegment: the lists are reused from line to line. */
  flagBits = 0;
  /** The flags in the order written: index in FLAG_NAMES, start and end offsets. */
  flagCount = 0;
  readonly flagIndices = new Int32Array(FLAG_NAMES.length);
  readonly flagStarts = new Int32Array(FLAG_NAMES.length);
  readonly flagEnds = new Int32Array(FLAG_NAMES.length);
  readonly fields: Field[] = [];
  readonly markers: Marker[] = [];
  /** The payload's text as written, its UTF-8 length, and its start × 2 (+ 1 when closed). */
  payloadRaw: string | undefined;
  payloadBytes = 0;
  payloadCode = 0;
  label: Identifier | undefined;
  /** Words read in the flags' place, known or not: no flags at all is reported only when 0. */
  flagWords = 0;

  /** True until the first field, payload, marker or label: words there are flags. */
  private inFlags = true;
  /** Offset of a `+`/`,`/`/` still waiting for its flag, or -1. */
  private separatorAt = -1;
  /** Bit i set when FIELD_NAMES[i] was written, to catch repeats. */
  private fieldsSeen = 0;

  constructor(private readonly sc: Scanner) {}

  /** Reads the current line from the read position; the results are in the public fields. */
  read(): void {
    const sc = this.sc;
    this.flagBits = 0;
    this.flagCount = 0;
    // Emptied only when filled: setting the length of an array lets its storage go.
    if (this.fields.length !== 0) this.fields.length = 0;
    if (this.markers.length !== 0) this.markers.length = 0;
    this.payloadRaw = undefined;
    this.payloadBytes = 0;
    this.payloadCode = 0;
    this.label = undefined;
    this.flagWords = 0;
    this.inFlags = true;
    this.separatorAt = -1;
    this.fieldsSeen = 0;
    for (;;) {
      sc.skipSpaces();
      if (sc.atEnd()) break;
      const start = sc.pos;
      const c = sc.peek();
      if (this.inFlags && isFlagSeparator(c)) {
        this.separator(start);
        continue;
      }
      if (c === Char.Quote) {
        this.endFlags();
        this.readPayload();
        continue;
      }
      const wordEnd = sc.wordEnd(start);
      if (wordEnd > start && sc.charAt(wordEnd) === Char.Equals) {
        this.endFlags();
        this.readField(start, wordEnd);
        continue;
      }
      const end = this.inFlags ? sc.tokenEnd(start, Char.Plus, Char.Comma, Char.Slash) : sc.tokenEnd(start);
      sc.pos = end;
      if (end === wordEnd && end - start === 2 && sc.slice(start, end) === 'as') {
        this.endFlags();
        this.readLabel(start, end);
        break;
      }
      if (wordEnd === start) {
        sc.report('syntax.unexpected-token', start, end, this.unexpectedMessage(sc.slice(start, end)));
        continue;
      }
      this.readWord(start, end);
    }
    this.endFlags();
  }

  private separator(at: number): void {
    const sc = this.sc;
    sc.pos = at + 1;
    if (this.flagWords === 0 || this.separatorAt >= 0) {
      sc.report('syntax.unexpected-token', at, at + 1, `unexpected '${sc.slice(at, at + 1)}': flags are joined like SYN+ACK`);
    } else {
      this.separatorAt = at;
    }
  }

  private unexpectedMessage(token: string): string {
    const expected = this.inFlags
      ? 'flags (SYN, ACK…), fields (seq=…), a "payload", markers or as <label>'
      : 'fields (seq=…), a "payload", markers (retransmit, keepalive, duplicate) or as <label>';
    return `unexpected '${shorten(token)}': expected ${expected}`;
  }

  /** The flags end at the first thing that is not one; a dangling separator wants a flag. */
  private endFlags(): void {
    if (this.separatorAt >= 0) {
      const sc = this.sc;
      const at = this.separatorAt;
      sc.report('syntax.missing', at, at + 1, `a flag must follow '${sc.slice(at, at + 1)}', e.g. SYN+ACK`);
      this.separatorAt = -1;
    }
    this.inFlags = false;
  }

  /** The flags read, as the items of a FlagSet. */
  flagItems(): { readonly flag: FlagName; readonly range: Range }[] {
    const { line, lineStart } = this.sc;
    const items: { readonly flag: FlagName; readonly range: Range }[] = [];
    for (let i = 0; i < this.flagCount; i++) {
      items.push({ flag: FLAG_NAMES[this.flagIndices[i]], range: range(line, this.flagStarts[i] - lineStart, this.flagEnds[i] - lineStart) });
    }
    return items;
  }

  private addFlag(flag: FlagName, start: number, end: number, misplaced: boolean): void {
    const sc = this.sc;
    const index = FLAG_NAMES.indexOf(flag);
    const bit = 1 << index;
    if (this.flagBits & bit) {
      sc.report('syntax.duplicate', start, end, `flag ${flag} is given twice`);
      return;
    }
    if (misplaced) {
      sc.report('syntax.misplaced', start, end, `flag ${flag} must come with the other flags, right after the receiver`);
    }
    this.flagBits |= bit;
    const i = this.flagCount++;
    this.flagIndices[i] = index;
    this.flagStarts[i] = start;
    this.flagEnds[i] = end;
  }

  /** A bare word: a flag, `sackOK`, a marker, or a mistake. */
  private readWord(start: number, end: number): void {
    const sc = this.sc;
    const flag = flagAt(sc, start, end);
    if (flag !== undefined) {
      this.addFlag(flag, start, end, !this.inFlags);
      this.separatorAt = -1;
      this.flagWords++;
      return;
    }
    if (isCompactFlags(sc.text, start, end)) {
      for (let i = start; i < end; i++) this.addFlag(compactFlag(sc.text.charCodeAt(i))!, i, i + 1, !this.inFlags);
      this.separatorAt = -1;
      this.flagWords++;
      return;
    }
    const field = fieldAt(sc, start, end);
    if (field === 'sackOK') {
      this.endFlags();
      if (this.firstOf('sackOK', start, end)) this.fields.push({ kind: 'sackOK', range: sc.range(start, end) });
      return;
    }
    if (field !== undefined) {
      this.endFlags();
      sc.report('syntax.missing', start, end, `field ${field} needs a value, e.g. ${field}=${field === 'ts' ? '100/0' : '1'}`);
      return;
    }
    const marker = markerAt(sc, start, end);
    if (marker !== undefined) {
      this.endFlags();
      for (const written of this.markers) {
        if (written.name === marker) {
          sc.report('syntax.duplicate', start, end, `marker ${marker} is given twice`);
          return;
        }
      }
      this.markers.push({ name: marker, range: sc.range(start, end) });
      return;
    }
    this.unknownWord(sc.slice(start, end), start, end);
  }

  private unknownWord(word: string, start: number, end: number): void {
    const sc = this.sc;
    const shown = shorten(word);
    const upper = word.toUpperCase();
    // `s.` → `S.`; longer all-letter words (`see`) are words, not compact flags in the wrong case.
    const flag = word.length <= 2 && isCompactFlags(upper) ? upper : (joinedFlags(word) ?? closest(word, FLAG_NAMES));
    const marker = flag === undefined ? closest(word, MARKER_NAMES) : undefined;
    if (this.inFlags && marker === undefined) {
      this.separatorAt = -1;
      this.flagWords++;
      const hint = flag === undefined ? FLAG_HINT : `did you mean ${flag}?`;
      sc.report(
        'syntax.unknown-flag',
        start,
        end,
        `unknown flag '${shown}': ${hint}`,
        flag === undefined ? undefined : sc.replacement(start, end, flag),
      );
      return;
    }
    const hint = marker === undefined ? `expected ${listOf(MARKER_NAMES)}` : `did you mean ${marker}?`;
    sc.report(
      'syntax.unknown-marker',
      start,
      end,
      `unknown marker '${shown}': ${hint}`,
      marker === undefined ? undefined : sc.replacement(start, end, marker),
    );
  }

  private readPayload(): void {
    const sc = this.sc;
    const start = sc.pos;
    const raw = sc.scanStringText();
    if (this.payloadRaw !== undefined) {
      sc.report('syntax.duplicate', start, sc.pos, 'a segment has one payload string; join the two into one');
      return;
    }
    this.payloadRaw = raw;
    this.payloadBytes = sc.stringBytes;
    this.payloadCode = (start - sc.lineStart) * 2 + (sc.pos - start - 1 - raw.length);
  }

  /** Marks `kind` as written; false, with a diagnostic, when it already was. */
  private firstOf(kind: FieldKind, start: number, end: number): boolean {
    const bit = 1 << FIELD_NAMES.indexOf(kind);
    if (this.fieldsSeen & bit) {
      this.sc.report('syntax.duplicate', start, end, `field ${kind} is given twice`);
      return false;
    }
    this.fieldsSeen |= bit;
    return true;
  }

  /** `name=value`; the value runs to the next blank or string. */
  private readField(nameStart: number, nameEnd: number): void {
    const sc = this.sc;
    const valueStart = nameEnd + 1;
    const valueEnd = sc.tokenEnd(valueStart);
    sc.pos = valueEnd;
    const kind = fieldAt(sc, nameStart, nameEnd);
    if (kind === undefined) {
      const name = sc.slice(nameStart, nameEnd);
      const suggestion = closest(name, FIELD_NAMES);
      sc.report(
        'syntax.unknown-field',
        nameStart,
        nameEnd,
        `unknown field '${shorten(name)}': ${suggestion === undefined ? `expected ${listOf(FIELD_NAMES)}` : `did you mean ${suggestion}?`}`,
        suggestion === undefined ? undefined : sc.replacement(nameStart, nameEnd, suggestion),
      );
      return;
    }
    if (!this.firstOf(kind, nameStart, valueEnd)) return;
    if (kind === 'sackOK') {
      sc.report('syntax.unexpected-token', nameEnd, valueEnd, `sackOK takes no value: write sackOK alone`);
      this.fields.push({ kind, range: sc.range(nameStart, nameEnd) });
      return;
    }
    if (valueStart === valueEnd) {
      sc.report('syntax.missing', nameStart, valueStart, `field ${kind} needs a value after '=', e.g. ${kind}=${kind === 'ts' ? '100/0' : '1'}`);
      return;
    }
    switch (kind) {
      case 'seq':
      case 'ack': {
        const expr = readSeqExpr(sc, valueStart, valueEnd, kind);
        if (expr !== undefined) this.fields.push(new SeqField(kind, sc.line, nameStart - sc.lineStart, valueEnd - sc.lineStart, expr.symbol, expr.offset));
        return;
      }
      case 'ts':
        this.readTimestamp(valueStart, valueEnd, sc.range(nameStart, valueEnd));
        return;
      default: {
        const value = readNumber(sc, valueStart, valueEnd, kind);
        if (value !== undefined) this.fields.push(new NumberField(kind, sc.line, nameStart - sc.lineStart, valueEnd - sc.lineStart, value.value));
      }
    }
  }

  /** `ts=<val>[/<ecr>]`. */
  private readTimestamp(start: number, end: number, range: Range): void {
    const sc = this.sc;
    let slash = start;
    while (slash < end && sc.text.charCodeAt(slash) !== Char.Slash) slash++;
    if (slash === start) {
      sc.report('syntax.missing', start, start + 1, `ts needs its value before '/', e.g. ts=100/0`);
      return;
    }
    const val = readNumber(sc, start, slash, 'ts');
    if (slash === end) {
      if (val !== undefined) this.fields.push({ kind: 'ts', val, range });
      return;
    }
    if (slash + 1 === end) {
      sc.report('syntax.missing', slash, end, `ts needs the echo reply after '/', e.g. ts=100/0`);
      return;
    }
    const ecr = readNumber(sc, slash + 1, end, 'ts echo reply');
    if (val !== undefined && ecr !== undefined) this.fields.push({ kind: 'ts', val, ecr, range });
  }

  /** `as <label>`, which ends the statement. */
  private readLabel(asStart: number, asEnd: number): void {
    const sc = this.sc;
    sc.skipSpaces();
    const start = sc.pos;
    if (sc.atEnd()) {
      sc.report('syntax.missing', asStart, asEnd, `a label must follow 'as', e.g. as syn1`);
      return;
    }
    const end = sc.identEnd(start);
    const tokenEnd = sc.runEnd(start);
    if (end === start || (end < tokenEnd && sc.charAt(end) !== Char.Quote)) {
      sc.report(
        'syntax.unexpected-token',
        start,
        tokenEnd,
        `expected a label name after 'as' (letters, digits and _), found '${shorten(sc.slice(start, tokenEnd))}'`,
      );
      sc.pos = sc.end;
      return;
    }
    this.label = sc.identifier(start, end);
    sc.pos = end;
    sc.skipSpaces();
    if (!sc.atEnd()) {
      sc.report(
        'syntax.unexpected-token',
        sc.pos,
        sc.end,
        `unexpected '${shorten(sc.slice(sc.pos, sc.end))}' after the label: 'as ${this.label.name}' comes last`,
      );
      sc.pos = sc.end;
    }
  }
}
