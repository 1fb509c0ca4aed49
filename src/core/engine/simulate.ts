// Runs a parsed script through the simulated endpoints, statement by statement, and records
// the diagnostics, the timeline of every endpoint's state and what each segment did.

import type { Analysis, ConnectionEndInfo, EndpointInfo, EndpointSnapshot, EndpointUpdate, EndUpdate, OwedChange, OwedSegment, ScriptOptions, SegmentFate, StepKind, TimelineStep } from '../analysis';
import type {
  CallStatement,
  ConnectionRef,
  DeliverStatement,
  ExpectStatement,
  Identifier,
  Script,
  SegmentStatement,
  Statement,
  WaitStatement,
} from '../syntax/ast';
import { compareDiagnostics, diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticData, type RelatedInformation } from '../diagnostics';
import { connectionRefText } from '../syntax/parseConnection';
import { flagNamesOf, receiverName, senderName } from '../syntax/segmentNode';
import type { Range } from '../syntax/range';
import { stateLabel, type TcpState } from '../states';
import { applyCall } from './calls';
import { cloneTcb, resetTcb, whyText, type Endpoint, type Obligation, type Segment, type Tcb } from './model';
import { Connections, type Chosen, type ConnectionEnd, type EndName } from './connections';
import { declaringEndpoints } from './endpoints';
import { endOfScript } from './endOfScript';
import { owe, owedFlags } from './obligations';
import { segmentArrives, type ArrivalContext } from './segmentArrives';
import { firstError, sentBeforeItsCause } from './sentEarly';
import { StateHistory } from './history';
import type { NotArrived } from './outgoing';
import { sendSegment, type CheckedSegment, type SendContext, type SendResult } from './send';
import { SegmentTable } from './segmentTable';
import { StepStore } from './steps';
import { seqSub } from './seq';

export function simulate(script: Script, parseDiagnostics: readonly Diagnostic[], defaultMslMs: number): Analysis {
  return new Simulation(script, parseDiagnostics, defaultMslMs).run();
}

/** `simulate`, paused before each statement read for its endpoints, then before each statement run. */
export function simulateStatements(script: Script, parseDiagnostics: readonly Diagnostic[], defaultMslMs: number): Generator<number, Analysis, void> {
  return new Simulation(script, parseDiagnostics, defaultMslMs).simulating(true);
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
  private connections!: Connections;
  /** The snapshot the timeline last recorded of each connection end, and of each participant's bound end. */
  private readonly endRecorded: EndpointSnapshot[] = [];
  private readonly endpointRecorded: EndpointSnapshot[] = [];
  /** The segment line bound last, with what it was bound to. */
  private lastBound: { readonly stmt: SegmentStatement; readonly src: Chosen; readonly ends: readonly [ConnectionEnd, ConnectionEnd] } | undefined;
  /** The ends the segment being sent travels between. */
  private bound: readonly [ConnectionEnd, ConnectionEnd] | undefined;
  /** The two ends each sent segment travels between, for its (possibly later) arrival. */
  private readonly segmentEnds = new Map<Segment, readonly [ConnectionEnd, ConnectionEnd]>();
  /** The segment just sent between the `bound` ends: one delivered at once needs no entry in segmentEnds. */
  private boundSegment: Segment | undefined;
  private inBlock = false;
  private readonly symbols = new Map<string, { value: number; line: number }>();
  private readonly timeline: TimelineStep[] = [];
  /** The steps while each participant has one end; `manySteps` once some participant has several. */
  private readonly steps: StepStore;
  private manySteps = false;
  private readonly segments: SegmentTable;
  private readonly inFlight = new Map<string, InFlight[]>();
  private readonly errorLines = new Set<number>();
  private lineRanges: Map<number, Range> | undefined;
  private readonly parseErrorLines = new Set<number>();
  /** Each obligation as the timeline shows it, made once: steps share it while it stays open. */
  private readonly owedRecords = new WeakMap<Obligation, OwedSegment>();
  /** What the timeline last recorded each connection end owing. */
  private readonly owedRecorded: (readonly Obligation[])[] = [];
  private readonly options: ScriptOptions;
  private readonly sendContext: SendContext;
  private now = 0;
  private readonly history = new StateHistory();
  /** A line checked ahead of its turn that had no error, with its sender and the TCB it was checked against (sentEarly.ts `firstError`). */
  private checked: { readonly by: Endpoint; readonly tcb: Tcb; readonly checked: CheckedSegment } | undefined;
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
    this.segments = new SegmentTable(script.statements.length, script.lineCount);
    this.steps = new StepStore(script.statements.length);
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
    return this.simulating(false).next().value as Analysis;
  }

  /**
   * The simulation, resumable: with `stepped`, it pauses before each statement it declares the
   * endpoints of, then before each statement it runs, so that a caller can simulate a large
   * script a few statements at a time.
   */
  *simulating(stepped: boolean): Generator<number, Analysis, void> {
    yield* this.declaring(stepped);
    const statements = this.script.statements;
    for (let i = 0; i < statements.length; i++) {
      if (stepped) yield i;
      const stmt = statements[i];
      const next = statements[i + 1];
      if (stmt.kind === 'segment' && (next?.kind === 'segment' || next?.kind === 'deliver') && this.readSwapped(stmt, next)) i++;
      else this.statement(stmt);
    }
    this.finish();
    this.diags.sort(compareDiagnostics);
    this.segments.done(this.endpoints.map((e) => e.name));
    this.steps.done();
    return {
      script: this.script,
      diagnostics: this.diags,
      endpoints: this.endpoints.map(toInfo),
      ...(this.connections.many && { connections: this.connections.ends.map((e) => connectionInfo(e, this.connections, this.endpoints)) }),
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
    const ep = this.byName.get(name);
    return ep && this.endpoints[ep.index].tcb.state;
  }

  /** Declares the endpoints the current script (or piece) names, keeping those of earlier pieces. */
  private declare(): void {
    this.declaring(false).next();
  }

  /** `declare`, paused before each statement it reads when `stepped`. */
  private *declaring(stepped: boolean): Generator<number, void, void> {
    ({ list: this.endpoints, byName: this.byName } = yield* declaringEndpoints(
      this.script,
      {
        report: (code, range, message, extra) => this.report(code, range, message, extra),
        rangeOfLine: (line) => this.rangeOfLine(line),
        durationMs: (d) => this.durationMs(d),
      },
      { list: this.endpoints, byName: this.byName },
      stepped,
    ));
    if (this.connections) this.connections.declared();
    else this.connections = new Connections(this.endpoints);
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

  /** The end of the participant named `name` that the statement at hand is bound to. */
  private endpoint(name: string): Endpoint {
    return this.endpoints[this.byName.get(name)!.index];
  }

  private participant(id: Identifier): number {
    return this.byName.get(id.name)!.index;
  }

  /** Binds the sender and the receiver to the ends of the connection the segment belongs to. */
  private bindSegment(stmt: SegmentStatement, hint = true): void {
    const last = this.lastBound;
    if (last !== undefined && last.stmt === stmt && this.bound === last.ends) {
      // Bound for this line just before (to see whether it was written too early): nothing has moved since.
      this.boundSegment = undefined;
      if (hint && last.src.alsoMatched.length) this.hintFirstOfMany(last.src, stmt.src, stmt.srcPort === undefined, true);
      return;
    }
    this.lastBound = undefined;
    const src = this.byName.get(senderName(stmt))!.index;
    const dst = this.byName.get(receiverName(stmt))!.index;
    this.bound = undefined;
    this.boundSegment = undefined;
    if (src === dst) return;
    const srcPort = stmt.srcPort?.value;
    const dstPort = stmt.dstPort?.value;
    const flags = flagNamesOf(stmt);
    const syn = flags.has('SYN');
    const ack = flags.has('ACK');
    const chosen = this.connections.forSegment(
      { participant: src, port: srcPort, peer: dst, peerPort: dstPort },
      { participant: dst, port: dstPort, peer: src, peerPort: srcPort },
      syn && !ack,
      this.endpoints[src].checked,
      syn && ack && this.endpoints[src].checked,
    );
    this.connections.bind(chosen.src.end);
    this.connections.bind(chosen.dst.end);
    this.bound = [chosen.src.end, chosen.dst.end];
    this.lastBound = { stmt, src: chosen.src, ends: this.bound };
    if (hint && chosen.src.alsoMatched.length) this.hintFirstOfMany(chosen.src, stmt.src, stmt.srcPort === undefined, true);
  }

  /** The end an `expect` item or a call names; a bare name of a host with several connections gets a hint. */
  private bindNamed(id: Identifier, ref: ConnectionRef | undefined): ConnectionEnd {
    this.lastBound = undefined;
    const chosen = this.connections.named(this.endName(id, ref));
    this.connections.bind(chosen.end);
    this.hintFirstOfMany(chosen, id, ref === undefined);
    return chosen.end;
  }

  private endName(id: Identifier, ref: ConnectionRef | undefined): EndName {
    return {
      participant: this.participant(id),
      port: ref?.port?.value,
      peer: ref?.peer ? this.participant(ref.peer) : undefined,
      peerPort: ref?.peerPort?.value,
    };
  }

  /** `onSegment`: a segment's endpoint names its connection by its port alone. */
  private hintFirstOfMany(chosen: Chosen, id: Identifier, bare: boolean, onSegment = false): void {
    if (!chosen.alsoMatched.length || !bare) return;
    const explicit = (e: ConnectionEnd) => `${id.name}${onSegment ? (e.port === undefined ? '' : `:${e.port}`) : endSuffix(e, this.connections, this.endpoints)}`;
    const text = explicit(chosen.end);
    const others = chosen.alsoMatched.map(explicit).join(', ');
    this.report('endpoint.ambiguous', id.range, `${id.name} has ${chosen.alsoMatched.length + 1} connections here: '${id.name}' means the first, ${text} (the others: ${others})`, {
      data: { replace: { range: id.range, text } },
    });
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
    this.bindSegment(stmt);
    const involved = this.involvedEnds();
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

  /** The connection ends the bound segment is between: the only ones sending and receiving it changes. */
  private involvedEnds(): number[] {
    if (!this.bound) return [];
    const [a, b] = [this.bound[0].index, this.bound[1].index];
    return a < b ? [a, b] : [b, a];
  }

  /** A segment written just before the peer's segment it follows (sent or delivered there) is read after it (sentEarly.ts). */
  private readSwapped(stmt: SegmentStatement, next: SegmentStatement | DeliverStatement): boolean {
    if (next.kind === 'deliver') return this.readBeforeDelivery(stmt, next);
    if (stmt.arrow !== '->' || next.arrow !== '->' || this.errorLines.has(stmt.line) || this.errorLines.has(next.line)) return false;
    if (stmt.srcPort?.value !== next.dstPort?.value || stmt.dstPort?.value !== next.srcPort?.value) return false;
    if (senderName(stmt) !== receiverName(next) || receiverName(stmt) !== senderName(next) || senderName(stmt) === receiverName(stmt)) return false;
    this.bindSegment(stmt, false);
    const first = this.firstError(stmt);
    if (!first) return false;
    // Read in the order they happen, the two lines travel between the ends the peer's segment binds.
    this.bindSegment(next, false);
    const src = this.endpoint(senderName(stmt));
    const dst = this.endpoint(receiverName(stmt));
    const early = sentBeforeItsCause(this.sendContext, this.arrivalContext, src, dst, stmt, next, first);
    if (!early) return false;
    this.push(early);
    this.segmentStatement(next);
    this.segmentStatement(stmt, next.line);
    return true;
  }

  /**
   * The error the bound segment has where it is written, if reading it later may mend it. A send
   * that found no error is kept for the line's own turn, which follows at once.
   */
  private firstError(stmt: SegmentStatement): Diagnostic | undefined {
    const src = this.endpoint(senderName(stmt));
    return firstError(this.sendContext, src, this.endpoint(receiverName(stmt)), stmt, (checked) => {
      this.checked = { by: src, tcb: src.tcb, checked };
    });
  }

  /** What an arrival read ahead of its turn needs to know. */
  private readonly arrivalContext = (receiver: Endpoint): ArrivalContext => {
    // One object, brought up to date for each arrival: segmentArrives reads it and keeps nothing of it.
    const ctx = this.arrival;
    ctx.now = this.now;
    ctx.twoMslMs = 2 * this.options.mslMs;
    ctx.nextIss = receiver.declaredIsn ?? 0;
    return ctx;
  };
  private readonly arrival = { now: 0, twoMslMs: 0, nextIss: 0 };

  private readBeforeDelivery(stmt: SegmentStatement, next: DeliverStatement): boolean {
    const held = this.inFlight.get(next.label.name)?.find((e) => !e.delivered)?.segment;
    if (stmt.arrow !== '->' || !held || this.errorLines.has(stmt.line) || this.errorLines.has(next.line)) return false;
    if (senderName(held.stmt) !== receiverName(stmt) || receiverName(held.stmt) !== senderName(stmt) || senderName(stmt) === receiverName(stmt)) return false;
    this.bindSegment(stmt, false);
    const first = this.firstError(stmt);
    if (!first) return false;
    this.bindEnds(held);
    const early = sentBeforeItsCause(this.sendContext, this.arrivalContext, this.endpoint(senderName(stmt)), this.endpoint(receiverName(stmt)), stmt, { held, line: next.line, range: next.range }, first);
    if (!early) return false;
    this.push(early);
    this.deliverStatement(next);
    this.segmentStatement(stmt, next.line);
    return true;
  }

  /** Every segment is sent, in order, before any is delivered, in order. */
  private simultaneous(stmts: readonly SegmentStatement[], endLine: number): void {
    const sent: Array<{ seg: Segment; before: TcpState[] }> = [];
    const all = new Set<number>();
    this.inBlock = true;
    for (const stmt of stmts) {
      this.bindSegment(stmt);
      const involved = this.involvedEnds();
      for (const e of involved) all.add(e);
      const before = this.states(involved);
      const seg = this.send(stmt);
      if (!seg) continue;
      this.record(seg, stmt.arrow === '-x' ? 'lost' : 'in-flight', before);
      if (stmt.arrow === '~>') this.hold(stmt, seg);
      this.step(stmt.line, 'send', before, involved);
      sent.push({ seg, before });
    }
    this.inBlock = false;
    const arriving = [...all].sort((a, b) => a - b);
    const before = this.states(arriving);
    let delivered = false;
    for (const { seg } of sent) {
      if (seg.stmt.arrow !== '->') continue;
      this.bindEnds(seg);
      const dropped = this.arrive(seg);
      this.updateFate(seg, dropped ? 'dropped' : 'delivered', endLine === seg.line ? undefined : endLine);
      delivered = true;
    }
    if (delivered) this.step(endLine, 'arrive', before, arriving);
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
    this.bindEnds(entry.segment);
    this.history.delivered(entry.segment, this.receivingEnd(entry.segment));
    this.notArrived.splice(this.notArrived.findIndex((n) => n.segment === entry.segment), 1);
    const involved = this.involvedEnds();
    const before = this.states(involved);
    const dropped = this.arrive(entry.segment);
    this.updateFate(entry.segment, dropped ? 'dropped' : 'delivered', stmt.line);
    this.step(stmt.line, 'arrive', before, involved);
  }

  private call(stmt: CallStatement): void {
    this.lastBound = undefined;
    const ends = this.callEnds(stmt);
    const involved = ends.map((e) => e.index);
    const before = this.states(involved);
    let problem: string | undefined;
    for (const end of ends) {
      this.connections.bind(end);
      end.view.alt = undefined;
      problem ??= applyCall(end.view, stmt, this.now);
    }
    if (problem) this.report('tcp.invalid-call', stmt.callRange, problem);
    else if (stmt.call === 'listen') this.connections.markListener(this.participant(stmt.endpoint));
    this.step(stmt.line, 'call', before, involved);
  }

  /** A host crash ends all its connections; an open may start a new one; other calls work on the one named. */
  private callEnds(stmt: CallStatement): readonly ConnectionEnd[] {
    const name = this.endName(stmt.endpoint, stmt.connection);
    if (stmt.call === 'crash' && !stmt.connection) return this.connections.endsOf(name.participant);
    if (stmt.call === 'connect' || stmt.call === 'listen') return [this.connections.opening(name)];
    return [this.bindNamed(stmt.endpoint, stmt.connection)];
  }

  private wait(stmt: WaitStatement): void {
    const before = this.states();
    this.now += this.durationMs(stmt.duration);
    for (const { view: ep } of this.connections.ends) {
      expireTimers(ep.tcb, this.now);
      if (ep.alt) expireTimers(ep.alt.tcb, this.now);
    }
    this.step(stmt.line, 'wait', before);
  }

  /** Several wrong states in one `expect` are one mistake (a segment moved past it): one diagnostic. */
  private expect(stmt: ExpectStatement): void {
    const before: TcpState[] = [];
    const involved = new Set<number>();
    const wrong: Array<{ item: ExpectStatement['items'][number]; ep: Endpoint; end: ConnectionEnd; who: string; actual: TcpState }> = [];
    for (const item of stmt.items) {
      if (!item.state) continue;
      const end = this.bindNamed(item.endpoint, item.connection);
      const ep = end.view;
      if (!involved.has(end.index)) {
        involved.add(end.index);
        before[end.index] = ep.tcb.state;
      }
      const who = this.connections.many ? `${ep.name}${endSuffix(end, this.connections, this.endpoints)}` : ep.name;
      const actual = ep.tcb.state;
      if (actual === item.state) {
        ep.alt = undefined;
        this.expectFailed.delete(end.index);
        continue;
      }
      if (ep.alt && ep.alt.tcb.state === item.state) {
        ep.tcb = ep.alt.tcb;
        ep.alt = undefined;
        this.expectFailed.delete(end.index);
        continue;
      }
      wrong.push({ item, ep, end, who, actual });
    }
    // Once an endpoint's state differs from the author's, later expectations of it differ for the
    // same reason: they are reported again only after one of its expectations has held.
    const fresh = wrong.filter((w) => !this.expectFailed.has(w.end.index));
    for (const w of wrong) {
      this.expectFailed.add(w.end.index);
      // What the engine thinks the endpoint owes follows from the state the author disagrees with.
      w.ep.tcb.obligations = w.ep.tcb.obligations.map((o) => (o.optional ? o : { ...o, optional: true }));
    }
    if (fresh.length > 0) {
      const first = fresh[0].item;
      const last = fresh[fresh.length - 1].item;
      const range = { start: first.stateRange.start, end: last.stateRange.end };
      const message = fresh
        .map(({ item, ep, end, who, actual }) => `${who} is ${stateLabel(actual)} here, not ${stateLabel(item.state!)}${this.history.explain(end.index, actual)}${this.explainState(ep)}`)
        .join('; ');
      const items = stmt.items.slice(stmt.items.indexOf(first), stmt.items.indexOf(last) + 1);
      const text = items.map((item, i) => `${i === 0 ? '' : `, ${item.endpoint.name}${connectionRefText(item.connection)} `}${fresh.find((w) => w.item === item)?.actual ?? item.state ?? ''}`).join('');
      this.report('tcp.expect-failed', range, message, { data: { expected: text, replace: { range, text } } });
    }
    const named = [...involved].sort((a, b) => a - b);
    if (named.some((e) => this.connections.ends[e].view.tcb.state !== before[e])) this.step(stmt.line, 'expect', before, named);
  }

  // ---- the two halves of a segment ------------------------------------------------------

  /** The sender's half: checks, then the sender's state after sending. */
  private send(stmt: SegmentStatement): Segment | undefined {
    const src = this.endpoint(senderName(stmt));
    const dst = this.endpoint(receiverName(stmt));
    if (src === dst) {
      this.report('endpoint.self', stmt.dst.range, `${src.name} sends a segment to itself: a segment goes from one endpoint to another`);
      return undefined;
    }
    // A line the parser could only partly read is not judged again: its mistake has its diagnostic.
    const lenient = this.parseErrorLines.has(stmt.line);
    const kept = this.checked;
    this.checked = undefined;
    let result;
    if (kept && kept.by === src && kept.tcb === src.tcb && kept.checked.stmt === stmt && !kept.checked.adopted && !lenient) {
      // The line was checked already, to see whether it was written too early, and found right where it is.
      // With another behaviour in reserve, the send goes to a copy, as below.
      result = kept.checked.send(src.alt ? cloneTcb(src.tcb) : undefined);
      src.tcb = result.tcb;
      src.alt = undefined;
    } else if (src.alt) {
      const primary = sendSegment(this.sendContext, src, dst, cloneTcb(src.tcb), stmt, lenient);
      const alternative = primary.errors > 0 ? sendSegment(this.sendContext, src, dst, cloneTcb(src.alt.tcb), stmt, lenient) : undefined;
      // The other behaviour is adopted when the script fits it better (with a mistake, when that is its only one).
      result = alternative && misfit(alternative) < misfit(primary) ? alternative : primary;
      src.tcb = result.tcb;
      src.alt = undefined;
    } else {
      result = sendSegment(this.sendContext, src, dst, src.tcb, stmt, lenient);
    }
    for (const d of result.diagnostics) this.push(d.code === 'tcp.invalid-send' ? this.withMissed(d, src) : d);
    // A mistake reported anywhere on the line (an unknown endpoint, len against the payload)
    // makes the receiver owe nothing for it.
    if (this.errorLines.has(stmt.line)) result.segment.diagnosed = true;
    this.boundSegment = result.segment;
    // Only a segment that arrives later (`~>`, or inside simultaneous) needs its ends kept.
    if (this.bound && (stmt.arrow === '~>' || this.inBlock)) this.segmentEnds.set(result.segment, this.bound);
    if (result.bindings) for (const [name, b] of result.bindings) this.symbols.set(name, b);
    return result.segment;
  }

  /** The receiver's half (RFC 9293 §3.10.7). Returns true when the receiver discarded it. */
  private arrive(seg: Segment): boolean {
    const dst = this.endpoints[seg.dst];
    // A segment that both sides ignore leaves the receiver as it was.
    if (seg.ignored) {
      this.history.notReceived(seg, 'was ignored, as its error left no sensible reading', this.receivingEnd(seg));
      return true;
    }
    const carried = dst.alt?.carries ? dst.alt : undefined;
    dst.alt = undefined;
    if (carried) {
      const t = carried.tcb;
      const r = segmentArrives(t, seg, this.arrivalContext(dst));
      if (dst.checked && r.reply) owe(t, seg, r.reply, seg.diagnosed);
    }
    const t = dst.tcb;
    const result = segmentArrives(t, seg, this.arrivalContext(dst));
    if (result.dropped) this.history.notReceived(seg, `was discarded: ${result.dropped}`, this.receivingEnd(seg));
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
    const endOf = new Map<Endpoint, ConnectionEnd>();
    for (let e = this.connections.ends.length - 1; e >= 0; e--) endOf.set(this.connections.ends[e].view, this.connections.ends[e]);
    const peerEnd = (ep: Endpoint): Endpoint | undefined => {
      const end = endOf.get(ep);
      const peer = end && end.peer >= 0 ? this.connections.endsOf(end.peer).find((e) => e.peer === ep.index && e.port === end.peerPort && e.peerPort === end.port) : undefined;
      return peer?.view;
    };
    const missed = (ep: Endpoint) => {
      const end = endOf.get(ep);
      return end && this.history.missedSince(end.index, ep.tcb.state);
    };
    endOfScript(
      this.script,
      this.connections.ends.map((e) => e.view),
      this.endpoints,
      peerEnd,
      this.errorLines.size > 0,
      (code, range, message, extra) => this.report(code, range, message, extra),
      missed,
    );
  }

  /** The connection end a segment goes to, for the history of why its state is what it is. */
  private receivingEnd(seg: Segment): number {
    return this.endsOfSegment(seg)?.[1].index ?? seg.dst;
  }

  private endsOfSegment(seg: Segment): readonly [ConnectionEnd, ConnectionEnd] | undefined {
    return seg === this.boundSegment ? this.bound : this.segmentEnds.get(seg);
  }

  /** Binds both participants to the ends a held segment was sent between, for its arrival. */
  private bindEnds(seg: Segment): void {
    const ends = this.segmentEnds.get(seg);
    if (!ends) return;
    this.lastBound = undefined;
    this.connections.bind(ends[0]);
    this.connections.bind(ends[1]);
    this.bound = ends;
    this.boundSegment = seg;
  }

  // ---- recording ---------------------------------------------------------------------------

  /** The states of connection ends `involved` (every end when absent), at their indexes. */
  private states(involved?: readonly number[]): TcpState[] {
    const ends = this.connections.ends;
    if (involved === undefined) return ends.map((e) => e.view.tcb.state);
    const states: TcpState[] = [];
    for (const e of involved) states[e] = ends[e].view.tcb.state;
    return states;
  }

  /**
   * Records what the step changed among connection ends `involved` (every end when absent, for
   * waits). While each participant has one end, ends and endpoints are the same and a step holds
   * endpoint updates only; once one has several, it holds the changed ends too (`endUpdates`).
   */
  private step(line: number, kind: StepKind, before: readonly TcpState[], involved?: readonly number[]): void {
    const ends = this.connections.ends;
    if (!this.connections.many) {
      this.endpointStep(line, kind, before, involved);
      return;
    }
    if (!this.manySteps) this.startManySteps();
    const endsChanged: number[] = [];
    const endUpdates: EndUpdate[] = [];
    const visit = (e: number) => {
      const view = ends[e].view;
      if (view.tcb.state !== before[e]) {
        endsChanged.push(e);
        this.history.changed(e, line);
      }
      const now = snapshot(view);
      if (now !== this.endRecorded[e]) {
        this.endRecorded[e] = now;
        endUpdates.push({ end: e, snapshot: now });
      }
    };
    if (involved === undefined) for (let e = 0; e < ends.length; e++) visit(e);
    else for (const e of involved) visit(e);
    const owedChanges = this.owedChanges(involved);
    const participants = [...new Set((involved ?? ends.map((e) => e.index)).map((e) => ends[e].view.index))].sort((a, b) => a - b);
    const updates: EndpointUpdate[] = [];
    for (const k of participants) {
      const now = snapshot(this.endpoints[k]);
      if (now !== this.endpointRecorded[k]) {
        this.endpointRecorded[k] = now;
        updates.push({ endpoint: k, snapshot: now });
      }
    }
    const changed = [...new Set(endsChanged.map((e) => ends[e].view.index))].sort((a, b) => a - b);
    this.timeline.push({ line, kind, updates, changed, endUpdates, endsChanged, ...(owedChanges && { owedChanges }) });
  }

  /**
   * From the first step with several ends for a participant on, steps hold their updates as
   * objects; until then each participant's one end was recorded in the step store.
   */
  private startManySteps(): void {
    this.manySteps = true;
    const ends = this.connections.ends;
    for (let e = 0; e < ends.length; e++) {
      const recorded = this.steps.lastRecorded(e);
      if (recorded === undefined) continue;
      ends[e].view.snapshot = recorded;
      this.endRecorded[e] = recorded;
      this.endpointRecorded[e] = recorded;
    }
  }

  /**
   * A step while each participant has one end: ends are endpoints, so the step holds endpoint
   * updates only. Most steps change one or two endpoints and no state: the empty lists are shared.
   */
  private endpointStep(line: number, kind: StepKind, before: readonly TcpState[], involved?: readonly number[]): void {
    const ends = this.connections.ends;
    const steps = this.steps;
    steps.begin(line, kind);
    const count = involved === undefined ? ends.length : involved.length;
    for (let i = 0; i < count; i++) {
      const e = involved === undefined ? i : involved[i];
      const t = ends[e].view.tcb;
      const changed = t.state !== before[e];
      if (changed) this.history.changed(e, line);
      const updated = steps.differs(e, t);
      if (changed || updated) steps.add(e, t, updated, changed);
    }
    this.timeline.push(steps.end(this.owedChanges(involved)));
  }

  /**
   * The debts of ends `involved` (every end when absent) that differ from what the timeline last
   * recorded for them. Only an end that sends, receives, calls or waits gains or settles a debt,
   * so the others need no look.
   */
  private owedChanges(involved?: readonly number[]): OwedChange[] | undefined {
    const ends = this.connections.ends;
    let changes: OwedChange[] | undefined;
    const count = involved === undefined ? ends.length : involved.length;
    for (let i = 0; i < count; i++) {
      const e = involved === undefined ? i : involved[i];
      const { view } = ends[e];
      const now = view.tcb.obligations;
      const recorded = this.owedRecorded[e] ?? NO_OBLIGATIONS;
      if (sameDebts(now, recorded)) continue;
      this.owedRecorded[e] = now.length === 0 ? NO_OBLIGATIONS : now.slice();
      (changes ??= []).push({ end: e, owed: now.length === 0 ? NOTHING_OWED : now.map((o) => this.owedRecord(view.index, o)) });
    }
    return changes;
  }

  private owedRecord(from: number, o: Obligation): OwedSegment {
    let record = this.owedRecords.get(o);
    if (!record) {
      record = new OwedRecord(from, o);
      this.owedRecords.set(o, record);
    }
    return record;
  }

  private record(seg: Segment, fate: SegmentFate, before: readonly TcpState[]): void {
    const src = this.endpoints[seg.src];
    const dst = this.endpoints[seg.dst];
    if (fate === 'lost') {
      this.history.notReceived(seg, 'was lost (-x)', this.receivingEnd(seg));
      this.notArrived.push({ segment: seg, how: 'was lost (-x)' });
    } else if (fate === 'in-flight') {
      const how = `has not arrived yet${seg.stmt.label ? ` (\`deliver ${seg.stmt.label.name}\` delivers it)` : ''}`;
      this.history.notReceived(seg, how, this.receivingEnd(seg));
      this.notArrived.push({ segment: seg, how });
    }
    const ends = this.endsOfSegment(seg);
    const srcTcb = src.tcb;
    const dstTcb = dst.tcb;
    this.segments.add({
      line: seg.line,
      src: seg.src,
      dst: seg.dst,
      flags: seg.flags,
      seq: seg.seq,
      ack: seg.ack ? seg.ackNo : undefined,
      len: seg.dataLen,
      relSeq: seqSub(seg.seq, srcTcb.iss),
      relAck: seg.ack ? seqSub(seg.ackNo, dstTcb.iss) : undefined,
      fate,
      invalid: this.errorLines.has(seg.line),
      srcBefore: before[ends?.[0].index ?? seg.src],
      srcAfter: srcTcb.state,
      dstBefore: before[ends?.[1].index ?? seg.dst],
      dstAfter: dstTcb.state,
    });
    if (ends && this.connections.many) this.segments.betweenEnds(seg.line, ends[0].index, ends[1].index);
  }

  private updateFate(seg: Segment, fate: SegmentFate, deliveredAt: number | undefined): void {
    this.segments.arrived(seg.line, fate, deliveredAt, this.endpoints[seg.dst].tcb.state);
  }

  /** A sender's state that forbids its segment is often due to a segment that never reached it: name that one. */
  private withMissed(d: Diagnostic, src: Endpoint): Diagnostic {
    const why = this.history.missedSince(this.bound?.[0].index ?? src.index, src.tcb.state);
    return why ? { ...d, message: `${d.message}. ${why}` } : d;
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

const NOTHING_OWED: readonly OwedSegment[] = Object.freeze([]);
const NO_OBLIGATIONS: readonly Obligation[] = Object.freeze([]);

function sameDebts(a: readonly Obligation[], b: readonly Obligation[]): boolean {
  if (a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (!sameDebt(a[j], b[j])) return false;
  return true;
}

/** The same debt, though the engine may have remade its record (a reading adopted on a copy). */
function sameDebt(a: Obligation, b: Obligation): boolean {
  return a === b || (a.kind === b.kind && a.to === b.to && a.seq === b.seq && a.ack === b.ack && a.line === b.line && a.optional === b.optional && a.synToClosed === b.synToClosed);
}

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

/**
 * How the views name a connection end: `server↔bob`, with the ports where the pair has
 * several connections (`client:51001↔server:80`).
 */
function connectionInfo(e: ConnectionEnd, connections: Connections, participants: readonly Endpoint[]): ConnectionEndInfo {
  const name = participants[e.view.index].name;
  const twins = connections.endsOf(e.view.index).filter((o) => o.peer === e.peer).length > 1;
  const port = (p: number | undefined) => (twins && p !== undefined ? `:${p}` : '');
  return {
    participant: e.view.index,
    peer: e.peer,
    port: e.port,
    peerPort: e.peerPort,
    initial: e.initial,
    label: e.peer < 0 ? name : `${name}${port(e.port)}↔${participants[e.peer].name}${port(e.peerPort)}`,
  };
}

/** The explicit form of a bare name: `(bob)`, `:51001(server)`; a port the address gives goes unsaid. */
function endSuffix(e: ConnectionEnd, connections: Connections, participants: readonly Endpoint[]): string {
  const port = e.port === undefined || e.port === connections.defaultPort(e.view.index) ? '' : `:${e.port}`;
  if (e.peer < 0) return port;
  const peerPort = e.peerPort === undefined || e.peerPort === connections.defaultPort(e.peer) ? '' : `:${e.peerPort}`;
  return `${port}(${participants[e.peer].name}${peerPort})`;
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
  const statements = script.statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.kind === 'title') title = s.text;
    if (s.kind !== 'option') continue;
    const o = s.setting;
    if (o.key === 'msl') mslMs = o.duration.mslMultiple !== undefined ? o.duration.mslMultiple * defaultMslMs : o.duration.ms;
    else if (o.key === 'states') states = o.value;
    else numbers = o.value;
  }
  return { mslMs, states, numbers, title };
}
