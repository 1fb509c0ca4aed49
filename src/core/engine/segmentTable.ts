// What the engine made of each segment, kept in columns of numbers rather than an object per
// segment: a script of 100,000 segments keeps about 50 bytes for each. Readers see the usual
// ReadonlyMap of SegmentInfo by line; each SegmentInfo is made when asked for.

import type { SegmentFate, SegmentInfo } from '../analysis';
import type { FlagName } from '../syntax/ast';
import { copyOf, STATE_INDEX } from './columns';
import { TCP_STATES, type TcpState } from '../states';

const FATES: readonly SegmentFate[] = ['delivered', 'lost', 'in-flight', 'dropped'];
const FATE_INDEX: Readonly<Record<SegmentFate, number>> = { delivered: 0, lost: 1, 'in-flight': 2, dropped: 3 };
const HAS_ACK = 4;
const INVALID = 8;

/** What few segments have: the ends of a participant with several connections, a later arrival. */
interface Later {
  srcEnd?: number;
  dstEnd?: number;
  deliveredAt?: number;
  arrival?: TcpState;
}

/** The numbers of one segment, as simulate.ts records them. */
export interface SegmentRow {
  readonly line: number;
  readonly src: number;
  readonly dst: number;
  readonly flags: ReadonlySet<FlagName>;
  readonly seq: number;
  /** Undefined without the ACK flag. */
  readonly ack: number | undefined;
  readonly len: number;
  readonly relSeq: number;
  readonly relAck: number | undefined;
  readonly fate: SegmentFate;
  readonly invalid: boolean;
  /** The sender's and receiver's states before and after the send (and an immediate arrival). */
  readonly srcBefore: TcpState;
  readonly srcAfter: TcpState;
  readonly dstBefore: TcpState;
  readonly dstAfter: TcpState;
}

export class SegmentTable implements ReadonlyMap<number, SegmentInfo> {
  private count = 0;
  private lines: Int32Array;
  private ends: Int32Array;
  /** The flags as the statement wrote them (the syntax tree's own set). */
  private flagSets: ReadonlySet<FlagName>[] = [];
  /** seq, ack, len, relSeq, relAck: five per row. */
  private numbers: Uint32Array;
  /** fate (two bits), has ack, invalid. */
  private bits: Uint8Array;
  /** srcBefore, srcAfter, dstBefore, dstAfter: four per row. */
  private states: Uint8Array;
  /** Row of each line, plus one (0: no segment on that line). */
  private rowOfLine: Int32Array;
  private readonly later = new Map<number, Later>();
  /** The participants' names, by index, for the words of `effect`. */
  private names: readonly string[] = [];

  /** `rows`: the segments expected, `lines`: the script's lines; both grow as needed. */
  constructor(rows: number, lines: number) {
    const n = Math.max(rows, 16);
    this.lines = new Int32Array(n);
    this.ends = new Int32Array(2 * n);
    this.numbers = new Uint32Array(5 * n);
    this.bits = new Uint8Array(n);
    this.states = new Uint8Array(4 * n);
    this.rowOfLine = new Int32Array(Math.max(lines, 16));
  }

  get size(): number {
    return this.count;
  }

  /** Records a segment; a second one on the same line takes the first's place. */
  add(r: SegmentRow): void {
    let row = this.rowOf(r.line);
    if (row < 0) {
      row = this.count++;
      if (row === this.lines.length) this.grow();
      if (r.line >= this.rowOfLine.length) this.rowOfLine = copyOf(this.rowOfLine, Math.max(r.line + 1, 2 * this.rowOfLine.length));
      this.rowOfLine[r.line] = row + 1;
    }
    this.later.delete(row);
    this.lines[row] = r.line;
    this.ends[2 * row] = r.src;
    this.ends[2 * row + 1] = r.dst;
    this.flagSets[row] = r.flags;
    const n = 5 * row;
    this.numbers[n] = r.seq;
    this.numbers[n + 1] = r.ack ?? 0;
    this.numbers[n + 2] = r.len;
    this.numbers[n + 3] = r.relSeq;
    this.numbers[n + 4] = r.relAck ?? 0;
    this.bits[row] = FATE_INDEX[r.fate] | (r.ack === undefined ? 0 : HAS_ACK) | (r.invalid ? INVALID : 0);
    const s = 4 * row;
    this.states[s] = STATE_INDEX[r.srcBefore];
    this.states[s + 1] = STATE_INDEX[r.srcAfter];
    this.states[s + 2] = STATE_INDEX[r.dstBefore];
    this.states[s + 3] = STATE_INDEX[r.dstAfter];
  }

  /** The segment on `line` travelled between these connection ends. */
  betweenEnds(line: number, srcEnd: number, dstEnd: number): void {
    const row = this.rowOf(line);
    if (row >= 0) this.later.set(row, { ...this.later.get(row), srcEnd, dstEnd });
  }

  /** The segment on `line` arrived later (`~>` or `simultaneous`): its fate, where, and the receiver's state then. */
  arrived(line: number, fate: SegmentFate, deliveredAt: number | undefined, arrival: TcpState): void {
    const row = this.rowOf(line);
    if (row < 0) return;
    this.bits[row] = (this.bits[row] & ~3) | FATE_INDEX[fate];
    this.later.set(row, { ...this.later.get(row), deliveredAt, arrival });
  }

  /**
   * The simulation is over: `names` are the participants' names. Gives back the room kept for
   * rows that never came, as the table lives as long as the analysis.
   */
  done(names: readonly string[]): void {
    this.names = names;
    const n = this.count;
    this.flagSets = this.flagSets.slice(0, n);
    if (this.lines.length - n <= n >> 4) return;
    this.lines = this.lines.slice(0, n);
    this.ends = this.ends.slice(0, 2 * n);
    this.numbers = this.numbers.slice(0, 5 * n);
    this.bits = this.bits.slice(0, n);
    this.states = this.states.slice(0, 4 * n);
  }

  get(line: number): SegmentInfo | undefined {
    const row = this.rowOf(line);
    return row < 0 ? undefined : new SegmentView(this, row);
  }

  has(line: number): boolean {
    return this.rowOf(line) >= 0;
  }

  forEach(callback: (value: SegmentInfo, key: number, map: ReadonlyMap<number, SegmentInfo>) => void, thisArg?: unknown): void {
    for (let row = 0; row < this.count; row++) callback.call(thisArg, new SegmentView(this, row), this.lines[row], this);
  }

  *entries(): MapIterator<[number, SegmentInfo]> {
    for (let row = 0; row < this.count; row++) yield [this.lines[row], new SegmentView(this, row)];
  }

  *keys(): MapIterator<number> {
    for (let row = 0; row < this.count; row++) yield this.lines[row];
  }

  *values(): MapIterator<SegmentInfo> {
    for (let row = 0; row < this.count; row++) yield new SegmentView(this, row);
  }

  [Symbol.iterator](): MapIterator<[number, SegmentInfo]> {
    return this.entries();
  }

  /** The segments delivered by a later line (`deliveredAt` set), in the order `values` gives them. */
  delivered(): SegmentInfo[] {
    const rows: number[] = [];
    for (const [row, later] of this.later) if (later.deliveredAt !== undefined) rows.push(row);
    return rows.sort((a, b) => a - b).map((row) => new SegmentView(this, row));
  }

  // ---- what a SegmentView reads ----

  lineAt(row: number): number {
    return this.lines[row];
  }

  endAt(row: number, which: 0 | 1): number {
    return this.ends[2 * row + which];
  }

  flagsAt(row: number): ReadonlySet<FlagName> {
    return this.flagSets[row];
  }

  /** 0 seq, 1 ack, 2 len, 3 relSeq, 4 relAck. */
  numberAt(row: number, which: number): number {
    return this.numbers[5 * row + which];
  }

  hasAck(row: number): boolean {
    return (this.bits[row] & HAS_ACK) !== 0;
  }

  invalidAt(row: number): boolean {
    return (this.bits[row] & INVALID) !== 0;
  }

  fateAt(row: number): SegmentFate {
    return FATES[this.bits[row] & 3];
  }

  /** 0 srcBefore, 1 srcAfter, 2 dstBefore, 3 dstAfter. */
  stateAt(row: number, which: number): TcpState {
    return TCP_STATES[this.states[4 * row + which]];
  }

  laterAt(row: number): Later | undefined {
    return this.later.get(row);
  }

  nameOf(participant: number): string {
    return this.names[participant];
  }

  private rowOf(line: number): number {
    return line >= 0 && line < this.rowOfLine.length ? this.rowOfLine[line] - 1 : -1;
  }

  private grow(): void {
    const n = 2 * this.lines.length;
    this.lines = copyOf(this.lines, n);
    this.ends = copyOf(this.ends, 2 * n);
    this.numbers = copyOf(this.numbers, 5 * n);
    this.bits = copyOf(this.bits, n);
    this.states = copyOf(this.states, 4 * n);
  }
}



/** One segment of a SegmentTable, as readers see it; its description is put into words only when asked for. */
class SegmentView implements SegmentInfo {
  constructor(
    private readonly table: SegmentTable,
    private readonly row: number,
  ) {}

  get line(): number {
    return this.table.lineAt(this.row);
  }

  get src(): number {
    return this.table.endAt(this.row, 0);
  }

  get dst(): number {
    return this.table.endAt(this.row, 1);
  }

  get flags(): ReadonlySet<FlagName> {
    return this.table.flagsAt(this.row);
  }

  get seq(): number {
    return this.table.numberAt(this.row, 0);
  }

  get ack(): number | undefined {
    return this.table.hasAck(this.row) ? this.table.numberAt(this.row, 1) : undefined;
  }

  get len(): number {
    return this.table.numberAt(this.row, 2);
  }

  get relSeq(): number {
    return this.table.numberAt(this.row, 3);
  }

  get relAck(): number | undefined {
    return this.table.hasAck(this.row) ? this.table.numberAt(this.row, 4) : undefined;
  }

  get fate(): SegmentFate {
    return this.table.fateAt(this.row);
  }

  get invalid(): boolean {
    return this.table.invalidAt(this.row);
  }

  get srcEnd(): number | undefined {
    return this.table.laterAt(this.row)?.srcEnd;
  }

  get dstEnd(): number | undefined {
    return this.table.laterAt(this.row)?.dstEnd;
  }

  get deliveredAt(): number | undefined {
    return this.table.laterAt(this.row)?.deliveredAt;
  }

  /** The receiver's state after a later arrival (`~>` or `simultaneous`). */
  get arrival(): TcpState | undefined {
    return this.table.laterAt(this.row)?.arrival;
  }

  get effect(): string {
    const t = this.table;
    const row = this.row;
    const src = t.nameOf(this.src);
    const dst = t.nameOf(this.dst);
    const part = (name: string, b: TcpState, a: TcpState) => (b === a ? `${name} stays ${a}` : `${name} ${b} → ${a}`);
    let text = `${part(src, t.stateAt(row, 0), t.stateAt(row, 1))}; ${part(dst, t.stateAt(row, 2), t.stateAt(row, 3))}`;
    const arrival = this.arrival;
    if (arrival !== undefined) text += `; on arrival ${dst} is ${arrival}`;
    const fate = this.fate;
    if (fate === 'lost') text += '; lost in the network';
    if (fate === 'dropped') text += `; discarded by ${dst}`;
    return text;
  }
}

/** The segments that a later line delivered, in the map's order, read without making every segment's SegmentInfo. */
export function deliveredSegments(segments: ReadonlyMap<number, SegmentInfo>): SegmentInfo[] {
  if (segments instanceof SegmentTable) return segments.delivered();
  const delivered: SegmentInfo[] = [];
  for (const info of segments.values()) if (info.deliveredAt !== undefined) delivered.push(info);
  return delivered;
}
