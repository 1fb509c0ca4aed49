// How the parser stores a segment line. A big script is mostly segment lines, and a tree of
// plain objects (an Identifier, a Range and two Positions per token) kept ~1.3 kB per line
// alive. A SegmentNode keeps the line's numbers and names in one object and makes the
// SegmentStatement's parts (identifiers, ranges, the flag set…) as plain objects when they
// are read, so every reader sees the interfaces of ast.ts unchanged. A node is immutable;
// each read of a part returns a new, equal object.

import {
  FLAG_NAMES,
  type Arrow,
  type FlagName,
  type FlagSet,
  type Identifier,
  type Marker,
  type NumberValue,
  type SegmentStatement,
  type SeqExpr,
  type StringLiteral,
  type Field,
} from './ast';
import { range, type Range } from './range';
import { flagSetOf } from './segmentWords';

export const ARROWS: readonly Arrow[] = ['->', '-x', '~>'];

const NO_MARKERS: readonly Marker[] = Object.freeze([]);
const NO_FLAG_ITEMS: FlagSet['items'] = Object.freeze([]);

/** What few segment lines have: ports, flags written unusually, markers, a label. */
export interface SegmentExtras {
  readonly srcPort?: NumberValue;
  readonly dstPort?: NumberValue;
  /** The flag items when they are not three-letter names one character apart (`S.`, `SYN ACK` is fine). */
  readonly flagItems?: FlagSet['items'];
  readonly markers?: readonly Marker[];
  readonly label?: Identifier;
  /** Where the arrow, the receiver and the flags start, when too far apart for SegmentNode's layout. */
  readonly positions?: { readonly arrow: number; readonly dst: number; readonly flags: number };
}

/** The widest blank (or port) between two of the layout's tokens. */
const MAX_GAP = 127;

/**
 * Where a segment's tokens start, as one number: the arrow's index in ARROWS in the low 2 bits,
 * then three 7-bit gaps: the sender's name to the arrow, the arrow to the receiver, the receiver's
 * name to the first flag. Undefined when a gap is wider: the node keeps the positions apart.
 */
export function segmentLayout(arrow: Arrow, srcEnd: number, arrowStart: number, dstStart: number, dstEnd: number, flagsStart: number): number | undefined {
  const toArrow = arrowStart - srcEnd;
  const toDst = dstStart - arrowStart - 2;
  const toFlags = flagsStart - dstEnd;
  if (toArrow > MAX_GAP || toDst > MAX_GAP || toFlags > MAX_GAP) return undefined;
  return ARROWS.indexOf(arrow) | (toArrow << 2) | (toDst << 9) | (toFlags << 16);
}

/**
 * Flags written the common way — three-letter names, each one character (`+`, `,`, `/` or a
 * blank) after the previous — are stored as one number: their count in the low 4 bits, then
 * 3 bits per flag (its index in FLAG_NAMES) in the order written.
 */
export function packedFlags(indices: ArrayLike<number>, starts: ArrayLike<number>, ends: ArrayLike<number>, count: number): number {
  let code = count;
  for (let i = 0; i < count; i++) {
    if (ends[i] - starts[i] !== 3 || (i > 0 && starts[i] !== ends[i - 1] + 1)) return -1;
    code |= indices[i] << (4 + 3 * i);
  }
  return code;
}

export class SegmentNode implements SegmentStatement {
  declare readonly kind: 'segment';

  constructor(
    readonly line: number,
    /** Where the statement starts on its line: the sender's name starts there too. */
    private readonly startCharacter: number,
    private readonly endCharacter: number,
    /** The sender's name: `senderName` reads it without making the Identifier. */
    readonly srcName: string,
    readonly dstName: string,
    /** segmentLayout; when `extras.positions` holds them, just the arrow's index in ARROWS. */
    private readonly layout: number,
    /** packedFlags, or -1 when `extras.flagItems` holds the flags. */
    private readonly flagCode: number,
    readonly fields: readonly Field[],
    readonly payloadRaw: string | undefined,
    private readonly payloadBytes: number,
    /** The payload's start × 2, + 1 when its closing quote was written. */
    private readonly payloadCode: number,
    private readonly extras: SegmentExtras | undefined,
  ) {}

  get range(): Range {
    return range(this.line, this.startCharacter, this.endCharacter);
  }

  get src(): Identifier {
    const start = this.startCharacter;
    return { name: this.srcName, range: range(this.line, start, start + this.srcName.length) };
  }

  get srcPort(): NumberValue | undefined {
    return this.extras?.srcPort;
  }

  get arrow(): Arrow {
    return ARROWS[this.layout & 3];
  }

  private get arrowStart(): number {
    const explicit = this.extras?.positions;
    return explicit !== undefined ? explicit.arrow : this.startCharacter + this.srcName.length + ((this.layout >> 2) & MAX_GAP);
  }

  private get dstStart(): number {
    const explicit = this.extras?.positions;
    return explicit !== undefined ? explicit.dst : this.arrowStart + 2 + ((this.layout >> 9) & MAX_GAP);
  }

  /** Where the first flag starts; where the flags would be when none was written. */
  private get flagsStart(): number {
    const explicit = this.extras?.positions;
    return explicit !== undefined ? explicit.flags : this.dstStart + this.dstName.length + ((this.layout >> 16) & MAX_GAP);
  }

  get arrowRange(): Range {
    const start = this.arrowStart;
    return range(this.line, start, start + 2);
  }

  get dst(): Identifier {
    const start = this.dstStart;
    return { name: this.dstName, range: range(this.line, start, start + this.dstName.length) };
  }

  get dstPort(): NumberValue | undefined {
    return this.extras?.dstPort;
  }

  get flags(): FlagSet {
    return new SegmentFlags(this.line, this.flagCode, this.flagsStart, this.extras?.flagItems);
  }

  /** The flags as written, joined by `+` (`PSH+ACK`): one string shared by every segment whose flags are written alike. */
  get flagsText(): string {
    const code = this.flagCode;
    if (code < 0) return joinFlags(this.extras!.flagItems!);
    let text = flagTexts.get(code);
    if (text === undefined) {
      text = joinFlags(new SegmentFlags(this.line, code, 0, undefined).items);
      flagTexts.set(code, text);
    }
    return text;
  }

  /** The flag set alone (shared by every segment with the same flags), without the items' ranges. */
  get flagNames(): ReadonlySet<FlagName> {
    const code = this.flagCode;
    return flagSetOf(code < 0 ? bitsOfItems(this.extras!.flagItems!) : bitsOfCode(code));
  }

  get payload(): StringLiteral | undefined {
    const raw = this.payloadRaw;
    if (raw === undefined) return undefined;
    const start = this.payloadCode >> 1;
    return { raw, byteLength: this.payloadBytes, range: range(this.line, start, start + 1 + raw.length + (this.payloadCode & 1)) };
  }

  get payloadByteLength(): number | undefined {
    return this.payloadRaw === undefined ? undefined : this.payloadBytes;
  }

  get markers(): readonly Marker[] {
    return this.extras?.markers ?? NO_MARKERS;
  }

  get label(): Identifier | undefined {
    return this.extras?.label;
  }

  toJSON(): SegmentStatement {
    return segmentObject(this);
  }
}
(SegmentNode.prototype as { kind: string }).kind = 'segment';

// Readers that need only a segment's names or flags, not their ranges: for a SegmentNode
// these read its fields instead of making an Identifier or a FlagSet each time.

export function senderName(s: SegmentStatement): string {
  return s instanceof SegmentNode ? s.srcName : s.src.name;
}

export function receiverName(s: SegmentStatement): string {
  return s instanceof SegmentNode ? s.dstName : s.dst.name;
}

export function flagNamesOf(s: SegmentStatement): ReadonlySet<FlagName> {
  return s instanceof SegmentNode ? s.flagNames : s.flags.flags;
}

/** The flags as written, joined by `+` (`PSH+ACK`; `''` for none). */
export function flagsTextOf(s: SegmentStatement): string {
  return s instanceof SegmentNode ? s.flagsText : joinFlags(s.flags.items);
}

/** The payload as written, without its quotes, when there is one. */
export function payloadRawOf(s: SegmentStatement): string | undefined {
  return s instanceof SegmentNode ? s.payloadRaw : s.payload?.raw;
}

/** The payload's length in bytes, when there is one. */
export function payloadBytesOf(s: SegmentStatement): number | undefined {
  return s instanceof SegmentNode ? s.payloadByteLength : s.payload?.byteLength;
}

const flagTexts = new Map<number, string>();

function joinFlags(items: FlagSet['items']): string {
  let text = items.length > 0 ? items[0].flag : '';
  for (let i = 1; i < items.length; i++) text += `+${items[i].flag}`;
  return text;
}

/** A segment's flags: the set is shared by every segment with the same flags; items and range are made when read. */
class SegmentFlags implements FlagSet {
  readonly flags: ReadonlySet<FlagName>;

  constructor(
    private readonly line: number,
    private readonly code: number,
    private readonly start: number,
    private readonly written: FlagSet['items'] | undefined,
  ) {
    this.flags = flagSetOf(code < 0 ? bitsOfItems(written!) : bitsOfCode(code));
  }

  get items(): FlagSet['items'] {
    if (this.written !== undefined) return this.written;
    const count = this.code & 15;
    if (count === 0) return NO_FLAG_ITEMS;
    const items: { readonly flag: FlagName; readonly range: Range }[] = [];
    for (let i = 0; i < count; i++) {
      const at = this.start + 4 * i;
      items.push({ flag: FLAG_NAMES[(this.code >> (4 + 3 * i)) & 7], range: range(this.line, at, at + 3) });
    }
    return items;
  }

  toJSON(): FlagSet {
    return flagSetObject(this);
  }

  get range(): Range {
    if (this.written !== undefined) {
      const items = this.written;
      return { start: items[0].range.start, end: items[items.length - 1].range.end };
    }
    const count = this.code & 15;
    return range(this.line, this.start, count === 0 ? this.start : this.start + 4 * count - 1);
  }
}

function bitsOfCode(code: number): number {
  let bits = 0;
  for (let i = 0, count = code & 15; i < count; i++) bits |= 1 << ((code >> (4 + 3 * i)) & 7);
  return bits;
}

function bitsOfItems(items: FlagSet['items']): number {
  let bits = 0;
  for (const item of items) bits |= 1 << FLAG_NAMES.indexOf(item.flag);
  return bits;
}

/** `seq=` and `ack=`: the expression's numbers, its range made when read. */
export class SeqField {
  constructor(
    readonly kind: 'seq' | 'ack',
    private readonly line: number,
    private readonly start: number,
    private readonly end: number,
    private readonly symbol: string | undefined,
    private readonly offset: number,
  ) {}

  get range(): Range {
    return range(this.line, this.start, this.end);
  }

  get expr(): SeqExpr {
    const where = range(this.line, this.start + this.kind.length + 1, this.end);
    return this.symbol === undefined ? { offset: this.offset, range: where } : { symbol: this.symbol, offset: this.offset, range: where };
  }

  toJSON(): Field {
    return fieldObject(this);
  }
}

/** `len=`, `win=`, `mss=`, `wscale=`, `urg=`: one number. */
export class NumberField {
  constructor(
    readonly kind: 'len' | 'win' | 'mss' | 'wscale' | 'urg',
    private readonly line: number,
    private readonly start: number,
    private readonly end: number,
    private readonly number: number,
  ) {}

  get range(): Range {
    return range(this.line, this.start, this.end);
  }

  get value(): NumberValue {
    return { value: this.number, range: range(this.line, this.start + this.kind.length + 1, this.end) };
  }

  toJSON(): Field {
    return fieldObject(this);
  }
}

/**
 * A segment as plain data, each part read once: what JSON shows and what a deep comparison
 * with a segment written as an object literal needs.
 */
export function segmentObject(s: SegmentStatement): SegmentStatement {
  const { srcPort, dstPort, flags } = s;
  return {
    kind: 'segment',
    line: s.line,
    range: s.range,
    src: s.src,
    ...(srcPort && { srcPort }),
    arrow: s.arrow,
    arrowRange: s.arrowRange,
    dst: s.dst,
    ...(dstPort && { dstPort }),
    flags: flagSetObject(flags),
    fields: s.fields.map(fieldObject),
    payload: s.payload,
    markers: s.markers,
    label: s.label,
  };
}

export function flagSetObject(flags: FlagSet): FlagSet {
  return { flags: flags.flags, items: flags.items, range: flags.range };
}

export function fieldObject(f: Field): Field {
  switch (f.kind) {
    case 'seq':
    case 'ack':
      return { kind: f.kind, expr: f.expr, range: f.range };
    case 'len':
    case 'win':
    case 'mss':
    case 'wscale':
    case 'urg':
      return { kind: f.kind, value: f.value, range: f.range };
    default:
      return f;
  }
}
