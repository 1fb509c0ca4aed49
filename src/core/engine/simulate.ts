// Runs a parsed script through the simulated endpoints, statement by statement, and records
// the diagnostics, the timeline of every endpoint's state and what each segment did.

import type { Analysis, EndpointInfo, EndpointSnapshot, EndpointUpdate, OwedSegment, ScriptOptions, SegmentFate, SegmentInfo, StepKind, TimelineStep } from '../analysis';
import type {
  CallStatement,
  DeliverStatement,
  ExpectStatement,
  Identifier,
  Script,
  SegmentStatement,
  Statement,
  WaitStatement,
} from '../syntax/ast';
import { compareDiagnostics, diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticData, type RelatedInformation } from '../diagnostics';
import type { Range } from '../syntax/range';
import { stateLabel, type TcpState } from '../states';
import { applyCall } from './calls';
import { cloneTcb, resetTcb, whyText, type Endpoint, type Obligation, type Segment, type Tcb } from './model';
import { declareEndpoints } from './endpoints';
import { endOfScript } from './endOfScript';
import { owe, owedFlags } from './obligations';
import { segmentArrives } from './segmentArrives';
import { sentBeforeItsCause } from './sentEarly';
import { StateHistory } from './history';
import type { NotArrived } from './outgoing';
import { sendSegment, type SendContext, type SendResult } from './send';
import { seqSub } from './seq';

export function simulate(script: Script, parseDiagnostics: readonly Diagnostic[], defaultMslMs: number): Analysis {
  return new Simulation(script, parseDiagnostics, defaultMslMs).run();
}

/**
 * A simulation fed a script piece by piece, for an importer that writes a script and needs to
 * know, as it goes, the state the engine has reached — without simulating it all again.
 */
export class SimulationFeed {
  private readonly simulation: Simulation;

  constructor(defaultMslMs: number) {
    this.simulation = new Simulation({ statements: [], lineCount: 0 }, [], defaultMslMs);
  }

  /** Runs the next piece: whole statements, parsed on their own (their lines count from the piece's start). */
  feed(piece: Script, parseDiagnostics: readonly Diagnostic[]): void {
    this.simulation.feed(piece, parseDiagnostics);
  }

  /** An endpoint's state after what was fed; undefined for a name never declared or used. */
  stateOf(name: string): TcpState | undefined {
    return this.simulation.stateOf(name);
  }
}

interface InFlight {
  readonly segment: Segment;
  delivered: boolean;
}

class Simulation {
  private readonly diags: Diagnostic[];
  private endpoints: Endpoint[] = [];
  private byName = new Map<string, Endpoint>();
  private readonly symbols = new Map<string, { value: number; line: number }>();
  private readonly timeline: TimelineStep[] = [];
  private readonly segments = new Map<number, SegmentInfo>();
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly errorLines = new Set<number>();
  private lineRanges: Map<number, Range> | undefined;
  private readonly parseErrorLines = new Set<number>();
  /** Each obligation as the timeline shows it, made once: steps share it while it stays open. */
  private readonly owedRecords = new WeakMap<Obligation, OwedSegment>();
  private readonly options: ScriptOptions;
  private readonly sendContext: SendContext;
  private now = 0;
  private readonly history = new StateHistory();
  /** Endpoints whose last `expect` failed. */
  private readonly expectFailed = new Set<number>();
  /** Segments lost or still in flight, newest last: an ACK for one of them is explained by it. */
  private readonly notArrived: NotArrived[] = [];

  constructor(
    private script: Script,
    parseDiagnostics: readonly Diagnostic[],
    defaultMslMs: number,
  ) {
    this.diags = parseDiagnostics.slice();
    for (const d of parseDiagnostics) {
      if (d.severity !== 'error') continue;
      this.errorLines.add(d.range.start.line);
      this.parseErrorLines.add(d.range.start.line);
    }
    this.options = readOptions(script, defaultMslMs);
    const self = this;
    this.sendContext = {
      get now() {
        return self.now;
      },
      symbols: this.symbols,
      nextIss: (ep) => ep.declaredIsn ?? 0,
      rangeOfLine: (line) => this.rangeOfLine(line),
      notArrived: (from, to) => this.notArrived.filter((n) => n.segment.src === from && n.segment.dst === to),
    };
  }

  run(): Analysis {
    this.declare();
    const statements = this.script.statements;
    for (let i = 0; i < statements.length; i++) {
      const stmt = statements[i];
      const next = statements[i + 1];
      if (stmt.kind === 'segment' && next?.kind === 'segment' && this.readSwapped(stmt, next)) i++;
      else this.statement(stmt);
    }
    this.finish();
    this.diags.sort(compareDiagnostics);
    return {
      script: this.script,
      diagnostics: this.diags,
      endpoints: this.endpoints.map(toInfo),
      timeline: this.timeline,
      segments: this.segments,
      symbols: this.symbols,
      options: this.options,
    };
  }

  feed(piece: Script, parseDiagnostics: readonly Diagnostic[]): void {
    this.script = piece;
    this.lineRanges = undefined;
    this.parseErrorLines.clear();
    for (const d of parseDiagnostics) if (d.severity === 'error') this.parseErrorLines.add(d.range.start.line);
    this.declare();
    for (const stmt of piece.statements) this.statement(stmt);
  }

  stateOf(name: string): TcpState | undefined {
    return this.byName.get(name)?.tcb.state;
  }

  /** Declares the endpoints the current script (or piece) names, keeping those of earlier pieces. */
  private declare(): void {
    ({ list: this.endpoints, byName: this.byName } = declareEndpoints(
      this.script,
      {
        report: (code, range, message, extra) => this.report(code, range, message, extra),
        rangeOfLine: (line) => this.rangeOfLine(line),
        durationMs: (d) => this.durationMs(d),
      },
      { list: this.endpoints, byName: this.byName },
    ));
  }

  /** The range of the statement on a line, for related information; indexed on first use. */
  private rangeOfLine(line: number): Range {
    if (!this.lineRanges) {
      this.lineRanges = new Map();
      for (const stmt of this.script.statements) {
        this.lineRanges.set(stmt.line, stmt.range);
        if (stmt.kind === 'simultaneous') for (const inner of stmt.segments) this.lineRanges.set(inner.line, inner.range);
      }
    }
    return this.lineRanges.get(line) ?? { start: { line, character: 0 }, end: { line, character: 0 } };
  }

  private endpoint(id: Identifier): Endpoint {
    return this.byName.get(id.name)!;
  }

  // ---- statements ------------------------------------------------------------------------

  private statement(stmt: Statement): void {
    switch (stmt.kind) {
      case 'segment':
        this.segmentStatement(stmt);
        break;
      case 'simultaneous':
        this.simultaneous(stmt.segments, stmt.endLine ?? stmt.segments[stmt.segments.length - 1]?.line ?? stmt.line);
        break;
      case 'call':
        this.call(stmt);
        break;
      case 'deliver':
        this.deliverStatement(stmt);
        break;
      case 'wait':
        this.wait(stmt);
        break;
      case 'expect':
        this.expect(stmt);
        break;
      default:
        break;
    }
  }

  /** `stepLine`: the line the timeline records it at, when it is read after a later line. */
  private segmentStatement(stmt: SegmentStatement, stepLine = stmt.line): void {
    const involved = this.involved([stmt]);
    const before = this.states(involved);
    const seg = this.send(stmt);
    if (!seg) return;
    if (stmt.arrow === '->') {
      const dropped = this.arrive(seg);
      this.record(seg, dropped ? 'dropped' : 'delivered', before);
      this.step(stepLine, 'arrive', before, involved);
    } else {
      this.record(seg, stmt.arrow === '-x' ? 'lost' : 'in-flight', before);
      if (stmt.arrow === '~>') this.hold(stmt, seg);
      this.step(stepLine, 'send', before, involved);
    }
  }

  /** The endpoints segments are between: the only ones sending and receiving them changes. */
  private involved(stmts: readonly SegmentStatement[]): number[] {
    const out = new Set<number>();
    for (const stmt of stmts) out.add(this.endpoint(stmt.src).index).add(this.endpoint(stmt.dst).index);
    return [...out].sort((a, b) => a - b);
  }

  /** A segment written just before the peer's segment it follows is read after it (sentEarly.ts). */
  private readSwapped(stmt: SegmentStatement, next: SegmentStatement): boolean {
    if (stmt.arrow !== '->' || next.arrow !== '->' || this.errorLines.has(stmt.line) || this.errorLines.has(next.line)) return false;
    const src = this.endpoint(stmt.src);
    const dst = this.endpoint(stmt.dst);
    if (src === dst || this.endpoint(next.src) !== dst || this.endpoint(next.dst) !== src) return false;
    const arrival = (receiver: Endpoint) => ({ now: this.now, twoMslMs: 2 * this.options.mslMs, nextIss: receiver.declaredIsn ?? 0 });
    const early = sentBeforeItsCause(this.sendContext, arrival, src, dst, stmt, next);
    if (!early) return false;
    this.push(early);
    this.segmentStatement(next);
    this.segmentStatement(stmt, next.line);
    return true;
  }

  /** Every segment is sent, in order, before any is delivered, in order. */
  private simultaneous(stmts: readonly SegmentStatement[], endLine: number): void {
    const sent: Array<{ seg: Segment; before: TcpState[] }> = [];
    const all = this.involved(stmts);
    for (const stmt of stmts) {
      const involved = this.involved([stmt]);
      const before = this.states(involved);
      const seg = this.send(stmt);
      if (!seg) continue;
      this.record(seg, stmt.arrow === '-x' ? 'lost' : 'in-flight', before);
      if (stmt.arrow === '~>') this.hold(stmt, seg);
      this.step(stmt.line, 'send', before, involved);
      sent.push({ seg, before });
    }
    const before = this.states(all);
    let delivered = false;
    for (const { seg } of sent) {
      if (seg.stmt.arrow !== '->') continue;
      const dropped = this.arrive(seg);
      this.updateFate(seg, dropped ? 'dropped' : 'delivered', endLine === seg.line ? undefined : endLine);
      delivered = true;
    }
    if (delivered) this.step(endLine, 'arrive', before, all);
  }

  private hold(stmt: SegmentStatement, seg: Segment): void {
    if (!stmt.label) return;
    const list = this.inFlight.get(stmt.label.name);
    const entry = { segment: seg, delivered: false };
    if (list) list.push(entry);
    else this.inFlight.set(stmt.label.name, [entry]);
  }

  private deliverStatement(stmt: DeliverStatement): void {
    const list = this.inFlight.get(stmt.label.name);
    const entry = list?.find((e) => !e.delivered);
    if (!entry) {
      const message = list
        ? `'${stmt.label.name}' was already delivered (line ${list[list.length - 1].segment.line + 1} sent it; a segment arrives once)`
        : `no segment was sent with \`~> … as ${stmt.label.name}\` before this line${this.inFlight.size ? ` (in flight: ${[...this.inFlight.entries()].filter(([, l]) => l.some((e) => !e.delivered)).map(([k]) => k).join(', ') || 'none'})` : ''}`;
      this.report('tcp.deliver-unknown', stmt.label.range, message);
      return;
    }
    entry.delivered = true;
    this.history.delivered(entry.segment);
    this.notArrived.splice(this.notArrived.findIndex((n) => n.segment === entry.segment), 1);
    const involved = this.involved([entry.segment.stmt]);
    const before = this.states(involved);
    const dropped = this.arrive(entry.segment);
    this.updateFate(entry.segment, dropped ? 'dropped' : 'delivered', stmt.line);
    this.step(stmt.line, 'arrive', before, involved);
  }

  private call(stmt: CallStatement): void {
    const ep = this.endpoint(stmt.endpoint);
    const before = this.states([ep.index]);
    ep.alt = undefined;
    const problem = applyCall(ep, stmt, this.now);
    if (problem) this.report('tcp.invalid-call', stmt.callRange, problem);
    this.step(stmt.line, 'call', before, [ep.index]);
  }

  private wait(stmt: WaitStatement): void {
    const before = this.states();
    this.now += this.durationMs(stmt.duration);
    for (const ep of this.endpoints) {
      expireTimers(ep.tcb, this.now);
      if (ep.alt) expireTimers(ep.alt.tcb, this.now);
    }
    this.step(stmt.line, 'wait', before);
  }

  /** Several wrong states in one `expect` are one mistake (a segment moved past it): one diagnostic. */
  private expect(stmt: ExpectStatement): void {
    const before = this.states();
    const wrong: Array<{ item: ExpectStatement['items'][number]; ep: Endpoint; actual: TcpState }> = [];
    for (const item of stmt.items) {
      if (!item.state) continue;
      const ep = this.endpoint(item.endpoint);
      const actual = ep.tcb.state;
      if (actual === item.state) {
        ep.alt = undefined;
        this.expectFailed.delete(ep.index);
        continue;
      }
      if (ep.alt && ep.alt.tcb.state === item.state) {
        ep.tcb = ep.alt.tcb;
        ep.alt = undefined;
        this.expectFailed.delete(ep.index);
        continue;
      }
      wrong.push({ item, ep, actual });
    }
    // Once an endpoint's state differs from the author's, later expectations of it differ for the
    // same reason: they are reported again only after one of its expectations has held.
    const fresh = wrong.filter((w) => !this.expectFailed.has(w.ep.index));
    for (const w of wrong) {
      this.expectFailed.add(w.ep.index);
      // What the engine thinks the endpoint owes follows from the state the author disagrees with.
      w.ep.tcb.obligations = w.ep.tcb.obligations.map((o) => (o.optional ? o : { ...o, optional: true }));
    }
    if (fresh.length > 0) {
      const first = fresh[0].item;
      const last = fresh[fresh.length - 1].item;
      const range = { start: first.stateRange.start, end: last.stateRange.end };
      const message = fresh
        .map(({ item, ep, actual }) => `${ep.name} is ${stateLabel(actual)} here, not ${stateLabel(item.state!)}${this.history.explain(ep.index, actual)}${this.explainState(ep)}`)
        .join('; ');
      const items = stmt.items.slice(stmt.items.indexOf(first), stmt.items.indexOf(last) + 1);
      const text = items.map((item, i) => `${i === 0 ? '' : `, ${item.endpoint.name} `}${fresh.find((w) => w.item === item)?.actual ?? item.state ?? ''}`).join('');
      this.report('tcp.expect-failed', range, message, { data: { expected: text, replace: { range, text } } });
    }
    if (this.states().some((s, i) => s !== before[i])) this.step(stmt.line, 'expect', before);
  }

  // ---- the two halves of a segment ------------------------------------------------------

  /** The sender's half: checks, then the sender's state after sending. */
  private send(stmt: SegmentStatement): Segment | undefined {
    const src = this.endpoint(stmt.src);
    const dst = this.endpoint(stmt.dst);
    if (src === dst) {
      this.report('endpoint.self', stmt.dst.range, `${src.name} sends a segment to itself: a segment goes from one endpoint to another`);
      return undefined;
    }
    // A line the parser could only partly read is not judged again: its mistake has its diagnostic.
    const lenient = this.parseErrorLines.has(stmt.line);
    let result;
    if (src.alt) {
      const primary = sendSegment(this.sendContext, src, dst, cloneTcb(src.tcb), stmt, lenient);
      const alternative = primary.errors > 0 ? sendSegment(this.sendContext, src, dst, cloneTcb(src.alt.tcb), stmt, lenient) : undefined;
      // The other behaviour is adopted when the script fits it better (with a mistake, when that is its only one).
      result = alternative && misfit(alternative) < misfit(primary) ? alternative : primary;
      src.tcb = result.tcb;
      src.alt = undefined;
    } else {
      result = sendSegment(this.sendContext, src, dst, src.tcb, stmt, lenient);
    }
    for (const d of result.diagnostics) this.push(d);
    // A mistake reported anywhere on the line (an unknown endpoint, len against the payload)
    // makes the receiver owe nothing for it.
    if (this.errorLines.has(stmt.line)) result.segment.diagnosed = true;
    if (result.bindings) for (const [name, b] of result.bindings) this.symbols.set(name, b);
    return result.segment;
  }

  /** The receiver's half (RFC 9293 §3.10.7). Returns true when the receiver discarded it. */
  private arrive(seg: Segment): boolean {
    const dst = this.endpoints[seg.dst];
    // A segment that both sides ignore leaves the receiver as it was.
    if (seg.ignored) {
      this.history.notReceived(seg, 'was ignored, as its error left no sensible reading');
      return true;
    }
    const carried = dst.alt?.carries ? dst.alt : undefined;
    dst.alt = undefined;
    if (carried) {
      const t = carried.tcb;
      const r = segmentArrives(t, seg, { now: this.now, twoMslMs: 2 * this.options.mslMs, nextIss: dst.declaredIsn ?? 0 });
      if (dst.checked && r.reply) owe(t, seg, r.reply, seg.diagnosed);
    }
    const t = dst.tcb;
    const result = segmentArrives(t, seg, {
      now: this.now,
      twoMslMs: 2 * this.options.mslMs,
      nextIss: dst.declaredIsn ?? 0,
    });
    if (result.dropped) this.history.notReceived(seg, `was discarded: ${result.dropped}`);
    if (seg.rst) {
      t.rstFrom = seg.src;
      t.rstLine = seg.line;
    }
    t.dropped = result.dropped && result.wouldRcvNxt !== undefined
      ? { from: seg.src, line: seg.line, wouldRcvNxt: result.wouldRcvNxt, why: result.dropped }
      : undefined;
    if (!dst.checked) {
      t.obligations = [];
      return result.dropped !== undefined;
    }
    if (result.reply) owe(t, seg, result.reply, seg.diagnosed);
    if (result.alt) dst.alt = result.alt;
    else if (carried) dst.alt = carried;
    return result.dropped !== undefined;
  }

  // ---- end of script ----------------------------------------------------------------------

  private finish(): void {
    endOfScript(this.script, this.endpoints, this.errorLines.size > 0, (code, range, message, extra) => this.report(code, range, message, extra));
  }

  // ---- recording ---------------------------------------------------------------------------

  /** The states of `involved` (every endpoint when absent), at their indexes. */
  private states(involved?: readonly number[]): TcpState[] {
    if (involved === undefined) return this.endpoints.map((e) => e.tcb.state);
    const states: TcpState[] = [];
    for (const k of involved) states[k] = this.endpoints[k].tcb.state;
    return states;
  }

  /** Records what the step changed among `involved` (every endpoint when absent, for waits and expects). */
  private step(line: number, kind: StepKind, before: readonly TcpState[], involved?: readonly number[]): void {
    const changed: number[] = [];
    const updates: EndpointUpdate[] = [];
    const visit = (k: number) => {
      const ep = this.endpoints[k];
      if (ep.tcb.state !== before[k]) {
        changed.push(k);
        this.history.changed(k, line);
      }
      const previous = ep.snapshot;
      const now = snapshot(ep);
      if (now !== previous) updates.push({ endpoint: k, snapshot: now });
    };
    if (involved === undefined) for (let k = 0; k < this.endpoints.length; k++) visit(k);
    else for (const k of involved) visit(k);
    this.timeline.push({ line, kind, updates, changed, owed: this.owed() });
  }

  private owed(): readonly OwedSegment[] {
    if (this.endpoints.every((ep) => ep.tcb.obligations.length === 0)) return NOTHING_OWED;
    const owed: OwedSegment[] = [];
    for (const ep of this.endpoints) {
      for (const o of ep.tcb.obligations) {
        let record = this.owedRecords.get(o);
        if (!record) {
          record = new OwedRecord(ep.index, o);
          this.owedRecords.set(o, record);
        }
        owed.push(record);
      }
    }
    return owed;
  }

  private record(seg: Segment, fate: SegmentFate, before: readonly TcpState[]): void {
    const src = this.endpoints[seg.src];
    const dst = this.endpoints[seg.dst];
    if (fate === 'lost') {
      this.history.notReceived(seg, 'was lost (-x)');
      this.notArrived.push({ segment: seg, how: 'was lost (-x)' });
    } else if (fate === 'in-flight') {
      const how = `has not arrived yet${seg.stmt.label ? ` (\`deliver ${seg.stmt.label.name}\` delivers it)` : ''}`;
      this.history.notReceived(seg, how);
      this.notArrived.push({ segment: seg, how });
    }
    this.segments.set(
      seg.line,
      new SegmentRecord(seg, fate, this.errorLines.has(seg.line), src, dst, before[seg.src], before[seg.dst]),
    );
  }

  private updateFate(seg: Segment, fate: SegmentFate, deliveredAt: number | undefined): void {
    const record = this.segments.get(seg.line);
    if (!(record instanceof SegmentRecord)) return;
    record.fate = fate;
    record.deliveredAt = deliveredAt;
    record.arrival = this.endpoints[seg.dst].tcb.state;
  }

  private explainState(ep: Endpoint): string {
    const t = ep.tcb;
    if (t.state === 'TIME-WAIT') return ` (TIME-WAIT lasts 2MSL = ${Math.round((2 * this.options.mslMs) / 1000)}s; it ends after \`wait 2MSL\`)`;
    if (t.state === 'FIN-WAIT-1') return ' (its FIN has not been acknowledged yet)';
    return '';
  }

  private durationMs(d: { ms: number; mslMultiple?: number }): number {
    return d.mslMultiple !== undefined ? d.mslMultiple * this.options.mslMs : d.ms;
  }

  private push(d: Diagnostic): void {
    this.diags.push(d);
    if (d.severity === 'error') this.errorLines.add(d.range.start.line);
  }

  private report(code: DiagnosticCode, range: Range, message: string, extra?: { related?: RelatedInformation[]; data?: DiagnosticData }): void {
    this.push(diagnostic(code, range, message, extra));
  }
}

const NOTHING_OWED: readonly OwedSegment[] = [];

/** An obligation as the timeline shows it; its reason is put into words only when asked for. */
class OwedRecord implements OwedSegment {
  readonly to: number;
  readonly kind: OwedSegment['kind'];
  readonly flags: string;
  readonly seq: number | undefined;
  readonly ack: number | undefined;
  readonly line: number;

  constructor(
    readonly from: number,
    private readonly obligation: Obligation,
  ) {
    const o = obligation;
    this.to = o.to;
    this.kind = o.kind === 'syn' || o.kind === 'fin' || o.kind === 'abort-rst' ? 'intent' : 'reply';
    this.flags = owedFlags(o);
    this.seq = o.kind === 'rst' ? o.seq : undefined;
    this.ack = o.kind === 'rst' ? o.ack : undefined;
    this.line = o.line;
  }

  get why(): string {
    return whyText(this.obligation.why);
  }
}

/** What the engine made of a segment; its description is put into words only when asked for. */
class SegmentRecord implements SegmentInfo {
  readonly line: number;
  readonly src: number;
  readonly dst: number;
  readonly flags: Segment['flags'];
  readonly seq: number;
  readonly ack: number | undefined;
  readonly len: number;
  readonly relSeq: number;
  readonly relAck: number | undefined;
  deliveredAt: number | undefined;
  /** The receiver's state after a later arrival (`~>` or `simultaneous`). */
  arrival: TcpState | undefined;
  private readonly srcAfter: TcpState;
  private readonly dstAfter: TcpState;

  constructor(
    seg: Segment,
    public fate: SegmentFate,
    readonly invalid: boolean,
    private readonly srcEp: Endpoint,
    private readonly dstEp: Endpoint,
    /** The sender's and receiver's states before the send (and immediate arrival). */
    private readonly srcBefore: TcpState,
    private readonly dstBefore: TcpState,
  ) {
    this.srcAfter = srcEp.tcb.state;
    this.dstAfter = dstEp.tcb.state;
    this.line = seg.line;
    this.src = seg.src;
    this.dst = seg.dst;
    this.flags = seg.flags;
    this.seq = seg.seq;
    this.ack = seg.ack ? seg.ackNo : undefined;
    this.len = seg.dataLen;
    this.relSeq = seqSub(seg.seq, srcEp.tcb.iss);
    this.relAck = seg.ack ? seqSub(seg.ackNo, dstEp.tcb.iss) : undefined;
    this.deliveredAt = undefined;
    this.arrival = undefined;
  }

  get effect(): string {
    const [sb, sa, db, da] = [this.srcBefore, this.srcAfter, this.dstBefore, this.dstAfter];
    const part = (name: string, b: TcpState, a: TcpState) => (b === a ? `${name} stays ${a}` : `${name} ${b} → ${a}`);
    let text = `${part(this.srcEp.name, sb, sa)}; ${part(this.dstEp.name, db, da)}`;
    if (this.arrival !== undefined) text += `; on arrival ${this.dstEp.name} is ${this.arrival}`;
    if (this.fate === 'lost') text += '; lost in the network';
    if (this.fate === 'dropped') text += `; discarded by ${this.dstEp.name}`;
    return text;
  }
}

/** How badly a reading fits the segment: its errors, and one more when its state forbids the segment outright. */
function misfit(r: SendResult): number {
  return r.errors + (r.judged ? 1 : 0);
}

function expireTimers(t: Tcb, now: number): void {
  if (t.state === 'TIME-WAIT' && now >= t.timeWaitUntil) resetTcb(t, 'CLOSED', t.iss);
}

function snapshot(ep: Endpoint): EndpointSnapshot {
  const t = ep.tcb;
  const s = ep.snapshot;
  if (
    s &&
    s.state === t.state &&
    s.iss === t.iss &&
    s.sndUna === t.sndUna &&
    s.sndNxt === t.sndNxt &&
    s.sndWnd === t.sndWnd &&
    s.irs === t.irs &&
    s.rcvNxt === t.rcvNxt &&
    s.rcvWnd === t.rcvWnd
  ) {
    return s;
  }
  const fresh: EndpointSnapshot = {
    state: t.state,
    iss: t.iss,
    sndUna: t.sndUna,
    sndNxt: t.sndNxt,
    sndWnd: t.sndWnd,
    irs: t.irs,
    rcvNxt: t.rcvNxt,
    rcvWnd: t.rcvWnd,
  };
  ep.snapshot = fresh;
  return fresh;
}

function toInfo(ep: Endpoint): EndpointInfo {
  return {
    name: ep.name,
    label: ep.label,
    address: ep.address,
    unchecked: !ep.checked,
    declaredAt: ep.declaredAt,
    firstUse: ep.firstUse,
    initial: ep.initial,
  };
}

function readOptions(script: Script, defaultMslMs: number): ScriptOptions {
  let mslMs = defaultMslMs;
  let states: ScriptOptions['states'] = 'changes';
  let numbers: ScriptOptions['numbers'] = 'as-written';
  let title: string | undefined;
  for (const s of script.statements) {
    if (s.kind === 'title') title = s.text;
    if (s.kind !== 'option') continue;
    const o = s.setting;
    if (o.key === 'msl') mslMs = o.duration.mslMultiple !== undefined ? o.duration.mslMultiple * defaultMslMs : o.duration.ms;
    else if (o.key === 'states') states = o.value;
    else numbers = o.value;
  }
  return { mslMs, states, numbers, title };
}
