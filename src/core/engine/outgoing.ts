// A segment on its way out: what the script wrote, the sender's TCB it is checked against,
// and the numbers the send rules resolve for it. The rules (sendRules.ts) read and fill it;
// send.ts runs them and then applies the send.

import type { Field, SegmentStatement, SeqExpr } from '../syntax/ast';
import { diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticData, type RelatedInformation } from '../diagnostics';
import type { Range } from '../syntax/range';
import { flagNamesOf, payloadBytesOf } from '../syntax/segmentNode';
import type { Endpoint, Obligation, Segment, Tcb } from './model';
import { seqAdd, seqSub } from './seq';

export interface SymbolTable {
  get(name: string): { value: number; line: number } | undefined;
}

export interface SendContext {
  readonly now: number;
  readonly symbols: SymbolTable;
  readonly nextIss: (ep: Endpoint) => number;
  /** The range of the statement on a line, for related information. */
  readonly rangeOfLine: (line: number) => Range;
  /** Segments from endpoint `from` to `to` that were lost or are still in flight. */
  readonly notArrived: (from: number, to: number) => readonly NotArrived[];
}

export interface NotArrived {
  readonly segment: Segment;
  /** "was lost (-x)", "has not arrived yet (`deliver d` delivers it)". */
  readonly how: string;
}

export type SeqField = Extract<Field, { expr: SeqExpr }>;
export type NumberField = Extract<Field, { value: unknown }>;

export class Outgoing {
  readonly diagnostics: Diagnostic[] = [];
  /** Errors found, those not reported as repeats included: how badly this reading fits. */
  errors = 0;
  bindings: Map<string, { value: number; line: number }> | undefined;
  readonly seqField: SeqField | undefined;
  readonly ackField: SeqField | undefined;
  readonly lenField: NumberField | undefined;
  readonly retransmit: boolean;
  readonly keepalive: boolean;
  readonly duplicate: boolean;
  /** The payload string's length in bytes, when there is one. */
  readonly payloadLen: number | undefined;
  readonly segment: Segment;
  /** Replies owed to the receiver that this segment carries out, and the owed RST among them. */
  readonly discharged: Obligation[] = [];
  rstOwed: Obligation | undefined;
  /** Replies reported as not carried out, which a later segment may still carry out. */
  readonly stillAllowed: Obligation[] = [];
  /** The TCB the segment was checked against; `t` is a copy of it once the rules adopt a reading. */
  readonly checkedAgainst: Tcb;
  /** The ISS the sender picks with this SYN (a new incarnation, or no declared isn). */
  chosenIss: number | undefined;

  constructor(
    readonly ctx: SendContext,
    readonly src: Endpoint,
    readonly dst: Endpoint,
    /** The sender's TCB: the send rules read it, only send.ts changes it (or a copy it makes). */
    public t: Tcb,
    readonly stmt: SegmentStatement,
  ) {
    this.checkedAgainst = t;
    let seqField: SeqField | undefined;
    let ackField: SeqField | undefined;
    let lenField: NumberField | undefined;
    let winField: NumberField | undefined;
    let mssField: NumberField | undefined;
    const fields = stmt.fields;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.kind === 'seq') seqField = f;
      else if (f.kind === 'ack') ackField = f;
      else if (f.kind === 'len') lenField = f;
      else if (f.kind === 'win') winField = f;
      else if (f.kind === 'mss') mssField = f;
    }
    this.seqField = seqField;
    this.ackField = ackField;
    this.lenField = lenField;
    let retransmit = false;
    let keepalive = false;
    let duplicate = false;
    const markers = stmt.markers;
    for (let i = 0; i < markers.length; i++) {
      const m = markers[i];
      if (m.name === 'retransmit') retransmit = true;
      else if (m.name === 'keepalive') keepalive = true;
      else duplicate = true;
    }
    this.retransmit = retransmit;
    this.keepalive = keepalive;
    this.duplicate = duplicate;
    this.payloadLen = payloadBytesOf(stmt);
    const flags = flagNamesOf(stmt);
    this.segment = {
      line: stmt.line,
      stmt,
      src: src.index,
      dst: dst.index,
      flags,
      syn: flags.has('SYN'),
      ack: flags.has('ACK'),
      fin: flags.has('FIN'),
      rst: flags.has('RST'),
      seq: 0,
      ackNo: 0,
      // When len= and the payload disagree, the payload's bytes are what is sent.
      dataLen: this.payloadLen ?? lenField?.value.value ?? 0,
      wnd: winField?.value.value,
      mss: mssField?.value.value,
      diagnosed: false,
      ignored: false,
    };
  }

  /** Reports a finding; after the segment's first error, a further error would only repeat it and is dropped. */
  report(code: DiagnosticCode, range: Range, message: string, extra?: { related?: RelatedInformation[]; data?: DiagnosticData }): void {
    const d = diagnostic(code, range, message, extra);
    if (d.severity === 'error' && this.errors++ > 0) return;
    this.diagnostics.push(d);
  }

  /** The value of a seq/ack expression; an unbound symbol is bound so that it equals `expected`. */
  resolve(expr: SeqExpr, expected: number): number {
    if (expr.symbol === undefined) return expr.offset >>> 0;
    const bound = this.bindings?.get(expr.symbol) ?? this.ctx.symbols.get(expr.symbol);
    if (bound) return seqAdd(bound.value, expr.offset);
    const value = seqSub(expected, expr.offset);
    (this.bindings ??= new Map()).set(expr.symbol, { value, line: this.stmt.line });
    return expected;
  }

  /** The correction a quick fix writes: in terms of the same symbol where it is bound. */
  suggestion(expr: SeqExpr, expected: number): string {
    if (expr.symbol !== undefined) {
      const bound = this.bindings?.get(expr.symbol) ?? this.ctx.symbols.get(expr.symbol);
      if (bound) {
        const delta = (expected - bound.value) | 0;
        if (Math.abs(delta) < 1 << 20) return delta === 0 ? expr.symbol : `${expr.symbol}${delta > 0 ? '+' : '-'}${Math.abs(delta)}`;
      }
    }
    return String(expected);
  }

  /** Takes seq and ack as written (SND.NXT and RCV.NXT where absent) once the checks are abandoned. */
  fillAsWritten(): void {
    const autoSeq = this.segment.syn ? this.t.iss : this.t.sndNxt;
    this.segment.seq = this.seqField ? this.resolve(this.seqField.expr, autoSeq) : autoSeq;
    this.segment.ackNo = this.ackField ? this.resolve(this.ackField.expr, this.t.rcvNxt) : this.t.rcvNxt;
  }
}

/** `x+2 (= 1002)` for a symbolic value, the number otherwise. */
export function written(expr: SeqExpr, value: number): string {
  if (expr.symbol === undefined) return String(value);
  const off = expr.offset === 0 ? '' : expr.offset > 0 ? `+${expr.offset}` : `${expr.offset}`;
  return `${expr.symbol}${off} (= ${value})`;
}
