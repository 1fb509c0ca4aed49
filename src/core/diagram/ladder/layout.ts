// Lays out an analysed script as a timing ladder (model.ts). One pass over the statements
// puts every event on the time axis (clock.ts); a second pass, once every label is known,
// places the lanes across and the labels beside them. Never throws; the output grows
// linearly with the script.

import type { Analysis } from '../../analysis';
import type { SegmentStatement, SimultaneousStatement, Statement } from '../../syntax/ast';
import { stateLabel, type StateNaming, type TcpState } from '../../states';
import { seconds } from '../../language/markdown';
import { segmentLabel, type NumberStyle } from '../mermaid/labels';
import { fitText, textWidth } from '../svg/fontMetrics';
import { BLOCK_STAGGER, BREAK_MS, gapHeight, LOSS_SHARE, STEP } from './clock';
import { freeStretches, placeLabels, round, spacingFor } from './labels';
import { FONT, MARGIN, placeLanes, type LaneExtent } from './lanes';
import type {
  LadderCall,
  LadderEvent,
  LadderFate,
  LadderGap,
  LadderModel,
  LadderNote,
  LadderSection,
  LadderStateLabel,
  LadderStateSpan,
} from './model';
import { stateLabelSides } from './sides';
import { deriveTimers } from './timers';

export interface LadderOptions {
  readonly naming?: StateNaming;
  /** Overrides the script's `option numbers=`. */
  readonly numbers?: NumberStyle;
}

/** A segment with its times; x is filled in once the lanes are placed. */
export interface TimedSegment {
  /** Its index in the model's `segments`. */
  readonly index: number;
  readonly line: number;
  readonly src: number;
  readonly dst: number;
  readonly y1: number;
  y2: number;
  /** Share of the way to the receiver where the line ends (1 = at its lane). */
  reach: number;
  fate: LadderFate;
  arrivalLine: number;
  /** The label's text (its parts: the statement and its SegmentInfo, analysis.segments.get(line), are not kept). */
  readonly label: string;
  readonly invalid: boolean;
  readonly retransmit: boolean;
  readonly keepalive: boolean;
}

const NOTE_MAX_WIDTH = 420;
/** Between a note and the state label that may sit just above it. */
const NOTE_GAP = 12;
const SECTION_HEIGHT = Math.round(STEP * 0.75);
const CALL_HEIGHT = Math.round(STEP * 0.6);

export function layoutLadder(analysis: Analysis, options: LadderOptions = {}): LadderModel {
  return new LadderLayout(analysis, options).run();
}

class LadderLayout {
  private readonly naming: StateNaming;
  private readonly numbers: NumberStyle;
  private readonly columns = new Map<string, number>();
  private readonly errorLines = new Set<number>();
  /**
   * Each line's steps of the timeline, as a run of them (most lines have one run: no list
   * of their own to keep alive), and the lines whose steps are scattered.
   */
  private readonly firstStep: Int32Array;
  private readonly stepCount: Int32Array;
  private readonly scattered = new Map<number, number[]>();
  private readonly segments: TimedSegment[] = [];
  private readonly delayed = new Map<string, TimedSegment[]>();
  private readonly changes: { lane: number; y: number; state: TcpState; line: number; arrival: boolean }[] = [];
  private readonly gaps: LadderGap[] = [];
  private readonly sections: { line: number; title: string; y1: number }[] = [];
  private readonly notes: { line: number; text: string; lanes: number[]; y: number }[] = [];
  private readonly calls: { line: number; lane: number; text: string; y: number }[] = [];
  /** The step-through's events as the model holds them, y not yet shifted below the headers. */
  private readonly events: { kind: LadderEvent['kind']; y: number; line: number; segment: number | undefined }[] = [];
  /** Each endpoint's state after the steps applied so far. */
  private readonly current: (TcpState | undefined)[];
  private clock = 0;

  constructor(
    private readonly analysis: Analysis,
    options: LadderOptions,
  ) {
    this.naming = options.naming ?? 'rfc';
    this.numbers = options.numbers ?? analysis.options.numbers;
    analysis.endpoints.forEach((e, k) => this.columns.set(e.name, k));
    for (const d of analysis.diagnostics) if (d.severity === 'error') this.errorLines.add(d.range.start.line);
    let lines = 0;
    for (const step of analysis.timeline) lines = Math.max(lines, step.line + 1);
    this.firstStep = new Int32Array(lines);
    this.stepCount = new Int32Array(lines);
    analysis.timeline.forEach((step, i) => {
      const line = step.line;
      const list = this.scattered.get(line);
      if (list !== undefined) list.push(i);
      else if (this.stepCount[line] === 0) {
        this.firstStep[line] = i;
        this.stepCount[line] = 1;
      } else if (this.firstStep[line] + this.stepCount[line] === i) this.stepCount[line]++;
      else this.scattered.set(line, [...Array.from({ length: this.stepCount[line] }, (_, k) => this.firstStep[line] + k), i]);
    });
    this.current = analysis.endpoints.map((e) => e.initial);
  }

  run(): LadderModel {
    this.clock = STEP / 2;
    for (const statement of this.analysis.script.statements) this.statement(statement);
    for (const list of this.delayed.values()) for (const s of list) this.neverDelivered(s);
    // Every arrival, loss and stop is at or before the clock once the last statement is laid out.
    const end = this.clock + STEP / 2;
    return this.finish(end);
  }

  private statement(statement: Statement): void {
    switch (statement.kind) {
      case 'segment': {
        const s = this.timed(statement, this.clock, this.clock + STEP);
        this.clock += STEP;
        this.apply(statement.line, (k) => (s !== undefined && k === s.dst && arrives(s) ? s.y2 : (s?.y1 ?? this.clock)), s !== undefined && arrives(s) ? s.dst : -1);
        return;
      }
      case 'simultaneous':
        this.simultaneous(statement);
        return;
      case 'deliver': {
        const waiting = this.delayed.get(statement.label.name);
        const s = waiting?.shift();
        const y = this.clock + STEP;
        this.clock = y;
        if (s !== undefined) {
          s.y2 = y;
          s.arrivalLine = statement.line;
          this.events.push({ kind: 'arrive', y, line: statement.line, segment: s.index });
        }
        this.apply(statement.line, () => y);
        return;
      }
      case 'wait': {
        const d = statement.duration;
        const ms = d.mslMultiple !== undefined ? d.mslMultiple * this.analysis.options.mslMs : d.ms;
        const height = gapHeight(ms);
        const label = waitLabel(statement.duration.text, statement.duration.mslMultiple, ms);
        this.gaps.push({ line: statement.line, y1: this.clock, y2: this.clock + height, label, broken: ms >= BREAK_MS });
        this.clock += height;
        this.events.push({ kind: 'wait', y: this.clock, line: statement.line, segment: undefined });
        this.apply(statement.line, () => this.clock);
        return;
      }
      case 'call': {
        const lane = this.columns.get(statement.endpoint.name);
        const y = this.clock + CALL_HEIGHT / 2;
        if (lane !== undefined) this.calls.push({ line: statement.line, lane, text: `${statement.call}()`, y });
        this.events.push({ kind: 'call', y, line: statement.line, segment: undefined });
        this.apply(statement.line, () => y);
        this.clock += CALL_HEIGHT;
        return;
      }
      case 'note': {
        const lanes = statement.endpoints.map((e) => this.columns.get(e.name)).filter((k): k is number => k !== undefined);
        if (lanes.length > 0) {
          this.notes.push({ line: statement.line, text: statement.text, lanes, y: this.clock + NOTE_GAP });
          this.clock += STEP + NOTE_GAP;
        }
        return;
      }
      case 'section':
        this.sections.push({ line: statement.line, title: statement.title, y1: this.clock });
        this.clock += SECTION_HEIGHT;
        return;
      case 'expect':
        this.apply(statement.line, () => this.clock);
        return;
      case 'title':
      case 'participant':
      case 'option':
        return;
    }
  }

  /** Every segment leaves before the first arrives; arrivals follow in the same order. */
  private simultaneous(block: SimultaneousStatement): void {
    const n = block.segments.length;
    const flight = STEP + (n - 1) * BLOCK_STAGGER;
    const timed = block.segments.map((statement, i) => {
      const y1 = this.clock + i * BLOCK_STAGGER;
      const s = this.timed(statement, y1, y1 + flight);
      this.apply(statement.line, () => y1);
      return s;
    });
    const endLine = block.endLine ?? block.segments[n - 1]?.line ?? block.line;
    for (const s of timed) {
      if (s !== undefined && arrives(s)) s.arrivalLine = endLine;
    }
    const lastArrival = (k: number) => {
      let y = -1;
      for (const s of timed) if (s !== undefined && s.dst === k && arrives(s)) y = Math.max(y, s.y2);
      return y;
    };
    this.clock += n === 0 ? 0 : flight + (n - 1) * BLOCK_STAGGER;
    if (endLine !== block.segments[n - 1]?.line) this.apply(endLine, (k) => (lastArrival(k) >= 0 ? lastArrival(k) : this.clock));
  }

  /** A segment statement on the time axis, with its send (and arrival or loss) event. */
  private timed(statement: SegmentStatement, y1: number, y2: number): TimedSegment | undefined {
    const info = this.analysis.segments.get(statement.line);
    const src = info?.src ?? this.columns.get(statement.src.name);
    const dst = info?.dst ?? this.columns.get(statement.dst.name);
    if (src === undefined || dst === undefined || src === dst) return undefined;
    const invalid = info !== undefined ? info.invalid : this.errorLines.has(statement.line);
    const fate: LadderFate = statement.arrow === '-x' ? 'lost' : statement.arrow === '~>' ? 'delayed' : info?.fate === 'dropped' ? 'dropped' : 'delivered';
    let retransmit = false;
    let keepalive = false;
    for (const marker of statement.markers) {
      if (marker.name === 'retransmit') retransmit = true;
      else if (marker.name === 'keepalive') keepalive = true;
    }
    const s: TimedSegment = {
      index: this.segments.length,
      line: statement.line,
      src,
      dst,
      y1,
      y2: fate === 'lost' ? y1 + (y2 - y1) * LOSS_SHARE : y2,
      reach: fate === 'lost' ? LOSS_SHARE : 1,
      fate,
      arrivalLine: statement.line,
      label: segmentLabel(statement, info, this.numbers, invalid),
      invalid,
      retransmit,
      keepalive,
    };
    this.segments.push(s);
    this.events.push({ kind: 'send', y: y1, line: statement.line, segment: s.index });
    if (fate === 'delayed') {
      const name = statement.label?.name ?? '';
      const list = this.delayed.get(name);
      if (list === undefined) this.delayed.set(name, [s]);
      else list.push(s);
    } else {
      // A segment's arrival or loss never moves once recorded: only `~>` segments, which have none yet, do.
      this.events.push({ kind: fate === 'lost' ? 'lose' : 'arrive', y: s.y2, line: statement.line, segment: s.index });
    }
    return s;
  }

  /** A `~>` segment no `deliver` took: it stops halfway, the script's end still ahead of it. */
  private neverDelivered(s: TimedSegment): void {
    s.fate = 'in-flight';
    s.reach = 0.5;
    s.y2 = s.y1 + STEP * 0.75;
  }

  /**
   * Records the state changes of `line`'s steps, each at the time `when` gives its endpoint;
   * `receiver` is the lane whose changes happen as the line's segment arrives (-1: none).
   */
  private apply(line: number, when: (lane: number) => number, receiver = -1): void {
    const list = this.scattered.get(line);
    if (list !== undefined) {
      for (const i of list) this.applyStep(i, line, when, receiver);
      return;
    }
    if (line >= this.stepCount.length) return;
    const first = this.firstStep[line];
    for (let i = first; i < first + this.stepCount[line]; i++) this.applyStep(i, line, when, receiver);
  }

  private applyStep(i: number, line: number, when: (lane: number) => number, receiver: number): void {
    const step = this.analysis.timeline[i];
    // Most steps change variables but no state: their updates are not read (reading makes them).
    // With several connections per participant a lane's state is its ends', which `changed` does not follow.
    if (this.analysis.connections === undefined && step.changed.length === 0) return;
    const updates = step.updates;
    const current = this.current;
    // Compared with the states before the step, as the step's updates all happen at once.
    let changes: { lane: number; state: TcpState }[] | undefined;
    for (const { endpoint: k, snapshot } of updates) {
      const was = current[k];
      if (was !== undefined && was !== snapshot.state) (changes ??= []).push({ lane: k, state: snapshot.state });
    }
    for (const { endpoint: k, snapshot } of updates) current[k] = snapshot.state;
    if (changes !== undefined) for (const c of changes) this.changes.push({ lane: c.lane, y: when(c.lane), state: c.state, line, arrival: c.lane === receiver });
  }

  private finish(end: number): LadderModel {
    const analysis = this.analysis;
    const titleStatement = analysis.script.statements.find((s) => s.kind === 'title');
    const title = titleStatement?.text ?? analysis.options.title;
    const hasTitle = title !== undefined && title.trim() !== '';
    const headerTop = MARGIN + (hasTitle ? 34 : 0);
    const hasAddress = analysis.endpoints.some((e) => e.address !== undefined);
    const headerHeight = hasAddress ? 42 : 28;
    const laneTop = headerTop + headerHeight + 26;
    const shift = (y: number) => y + laneTop;
    const laneBottom = shift(end);

    const stateLabels = this.stateLabels(shift);
    const spans = this.stateSpans(shift, laneBottom);
    const timers = deriveTimers(analysis, this.segments, spans, shift);
    const noteTexts = this.notes.map((n) => fitText(n.text, NOTE_MAX_WIDTH, FONT.note));
    const extents: LaneExtent[] = analysis.endpoints.map((e, k) => ({
      header: Math.max(textWidth(e.label, FONT.header), textWidth(e.address ?? '', FONT.address)) + 28,
      states: widest(stateLabels, (s) => (s.lane === k ? textWidth(s.text, FONT.state) : 0)),
      timers: timers.filter((t) => t.lane === k),
      note: widest(this.notes, (n, i) => (n.lanes.length === 1 && n.lanes[0] === k ? textWidth(noteTexts[i], FONT.note) / 2 + 10 : 0)),
      call: widest(this.calls, (c) => (c.lane === k ? textWidth(c.text, FONT.call) : 0)),
    }));
    const stretches = freeStretches(this.segments);
    const widths = this.segments.map((s) => textWidth(s.label, FONT.segment));
    let spacing = 0;
    this.segments.forEach((s, i) => {
      spacing = Math.max(spacing, spacingFor(widths[i], stretches[i], Math.abs(s.dst - s.src) * s.reach));
    });
    const placed = placeLanes(extents, spacing, hasTitle ? textWidth(title ?? '', FONT.title) : 0);
    const x = placed.x;

    const calls: LadderCall[] = this.calls.map((c) => {
      const inner = placed.side[c.lane] === 'end' ? 'start' : 'end';
      return { line: c.line, lane: c.lane, text: c.text, at: { x: x[c.lane] + (inner === 'start' ? 8 : -8), y: shift(c.y) }, anchor: inner };
    });
    const segments = placeLabels(this.segments, stretches, widths, x, shift);
    const sides = stateLabelSides(
      stateLabels.map((s) => ({ lane: s.lane, text: s.text, y: s.textAt.y })),
      segments,
      calls.map((c) => ({ lane: c.lane, text: c.text, x: c.at.x, y: c.at.y, anchor: c.anchor })),
      x,
      placed.side,
    );
    const states: LadderStateLabel[] = stateLabels.map((s, i) => {
      const side = sides[i];
      return {
        ...s,
        at: { x: x[s.lane], y: s.at.y },
        textAt: { x: x[s.lane] + (side === 'end' ? -10 : 10), y: s.textAt.y },
        anchor: side,
      };
    });
    const notes: LadderNote[] = this.notes.map((n, i) => {
      const left = Math.min(...n.lanes.map((k) => x[k]));
      const right = Math.max(...n.lanes.map((k) => x[k]));
      const half = textWidth(noteTexts[i], FONT.note) / 2 + 10;
      const mid = (left + right) / 2;
      const x1 = Math.min(left - 14, mid - half);
      const x2 = Math.max(right + 14, mid + half);
      return { line: n.line, text: noteTexts[i], x1: round(x1), x2: round(x2), y: shift(n.y), height: STEP - 12 };
    });
    const sections: LadderSection[] = this.sections.map((s, i) => ({
      line: s.line,
      title: s.title,
      y1: shift(s.y1),
      y2: i + 1 < this.sections.length ? shift(this.sections[i + 1].y1) : laneBottom,
    }));
    // Shifted in place: a second copy of every event would double what the collector moves.
    const events: LadderEvent[] = this.events;
    let sorted = true;
    for (let i = 0; i < events.length; i++) {
      const e = this.events[i];
      e.y = shift(e.y);
      if (i > 0 && e.y < events[i - 1].y) sorted = false;
    }
    // Mostly in time order already; sorting is stable, so skipping it changes nothing.
    if (!sorted) events.sort((a, b) => a.y - b.y);
    return {
      width: placed.width,
      height: laneBottom + MARGIN + 8,
      title: hasTitle ? title : undefined,
      headerTop,
      laneTop,
      laneBottom,
      lanes: analysis.endpoints.map((e, k) => ({ name: e.name, label: e.label, address: e.address, x: x[k], headerWidth: Math.round(Math.max(72, extents[k].header)), line: e.declaredAt ?? e.firstUse })),
      segments,
      states,
      spans,
      timers: timers.map((t) => placed.timer(t)),
      gaps: this.gaps.map((g) => ({ ...g, y1: shift(g.y1), y2: shift(g.y2) })),
      sections,
      notes,
      calls,
      events,
    };
  }

  /** The initial states and every change, pushed down where changes on a lane come too close. */
  private stateLabels(shift: (y: number) => number): Omit<LadderStateLabel, 'anchor'>[] {
    const out: Omit<LadderStateLabel, 'anchor'>[] = [];
    const lastText = new Map<number, number>();
    const initial = this.analysis.endpoints.map((e, k) => ({ lane: k, y: -STEP / 4, state: e.initial, line: -1, arrival: false }));
    const changes = [...initial, ...this.changes].sort((a, b) => a.y - b.y);
    for (const c of changes) {
      const y = shift(c.y);
      const textY = Math.max(y + 4, (lastText.get(c.lane) ?? -Infinity) + 15);
      lastText.set(c.lane, textY);
      out.push({ lane: c.lane, state: c.state, text: stateLabel(c.state, this.naming), at: { x: 0, y: round(y) }, textAt: { x: 0, y: round(textY) }, line: c.line, arrival: c.arrival });
    }
    return out;
  }

  private stateSpans(shift: (y: number) => number, bottom: number): LadderStateSpan[] {
    const spans: LadderStateSpan[] = [];
    const open = this.analysis.endpoints.map((e) => ({ state: e.initial, y: shift(0) - STEP / 2, line: -1 }));
    const changes = [...this.changes].sort((a, b) => a.y - b.y);
    for (const c of changes) {
      const was = open[c.lane];
      const y = round(shift(c.y));
      if (y > was.y) spans.push({ lane: c.lane, state: was.state, y1: round(was.y), y2: y, line: was.line, endLine: c.line });
      open[c.lane] = { state: c.state, y, line: c.line };
    }
    open.forEach((o, k) => {
      if (bottom > o.y) spans.push({ lane: k, state: o.state, y1: round(o.y), y2: round(bottom), line: o.line, endLine: -1 });
    });
    return spans.sort((a, b) => a.lane - b.lane || a.y1 - b.y1);
  }
}

/** The largest of `f` over `items`, 0 for none (a loop: a spread of 100,000 arguments overflows the stack). */
function widest<T>(items: readonly T[], f: (item: T, index: number) => number): number {
  let max = 0;
  items.forEach((item, i) => {
    max = Math.max(max, f(item, i));
  });
  return max;
}

function arrives(s: TimedSegment): boolean {
  return s.fate === 'delivered' || s.fate === 'dropped';
}

function waitLabel(text: string, mslMultiple: number | undefined, ms: number): string {
  const time = seconds(ms).replace(/ \(.*\)$/, '');
  if (mslMultiple !== undefined) return `${text} = ${time}`;
  return `wait ${text}`;
}

