// The Timeline tab's step-through as the host posts it: columns of typed arrays, one entry
// per step and one row per connection end a step concerns, rather than an object per step.
// A 100,000-segment script has some 200,000 steps; as columns they cross to the webview as a
// few buffers (VS Code transfers typed arrays without JSON) and are read one step at a time.
// Shared by the host (which builds them) and the webview (which checks and reads them).

export const TIMELINE_STEP_KINDS = ['send', 'arrive', 'lose', 'call', 'wait'] as const;
export type TimelineStepKind = (typeof TIMELINE_STEP_KINDS)[number];

/** One event of the step-through. The webview marks the drawing by these lines (its `data-line`s). */
export interface TimelineStepView {
  readonly kind: TimelineStepKind;
  /** 0-based line of the statement the event belongs to (a `deliver` for a delayed arrival). */
  readonly line: number;
  /** 0-based line of the segment that leaves, arrives or is lost (its `g.segment`'s line). */
  readonly segment?: number;
  /** The connection ends the event concerns (the segment's two ends; every end for a call or a wait), after it. */
  readonly ends: readonly TimelineEndValues[];
}

/** A connection end's state and variables; null where it has no such sequence space yet. */
export interface TimelineEndValues {
  /** Index into TimelineView.ends. */
  readonly end: number;
  readonly state: string;
  readonly sndUna: number | null;
  readonly sndNxt: number | null;
  readonly rcvNxt: number | null;
}

/** Every step, in time order, as columns. */
export interface TimelineSteps {
  /** Per step: its kind, as an index into TIMELINE_STEP_KINDS. */
  readonly kinds: Uint8Array;
  /** Per step: TimelineStepView.line. */
  readonly lines: Int32Array;
  /** Per step: TimelineStepView.segment, or -1. */
  readonly segments: Int32Array;
  /** Step i's rows are rowStart[i] up to rowStart[i + 1] (one more entry than steps). */
  readonly rowStart: Int32Array;
  /** Per row: the end (index into TimelineView.ends), its state (index into stateNames), its variables. */
  readonly ends: Int32Array;
  readonly states: Uint8Array;
  readonly stateNames: readonly string[];
  /** Per row: which variables it has — bit 0 SND.UNA, bit 1 SND.NXT, bit 2 RCV.NXT. */
  readonly known: Uint8Array;
  readonly sndUna: Uint32Array;
  readonly sndNxt: Uint32Array;
  readonly rcvNxt: Uint32Array;
}

export function stepCount(steps: TimelineSteps): number {
  return steps.kinds.length;
}

/** Step `i` as an object (for the step panel and the marks). */
export function stepAt(steps: TimelineSteps, i: number): TimelineStepView {
  const ends: TimelineEndValues[] = [];
  for (let row = steps.rowStart[i]; row < steps.rowStart[i + 1]; row++) {
    const known = steps.known[row];
    ends.push({
      end: steps.ends[row],
      state: steps.stateNames[steps.states[row]],
      sndUna: (known & 1) !== 0 ? steps.sndUna[row] : null,
      sndNxt: (known & 2) !== 0 ? steps.sndNxt[row] : null,
      rcvNxt: (known & 4) !== 0 ? steps.rcvNxt[row] : null,
    });
  }
  const segment = steps.segments[i];
  const kind = TIMELINE_STEP_KINDS[steps.kinds[i]];
  return segment >= 0 ? { kind, line: steps.lines[i], segment, ends } : { kind, line: steps.lines[i], ends };
}

/** Builds the columns a step at a time (the host). */
export class TimelineStepsBuilder {
  private readonly kinds: number[] = [];
  private readonly lines: number[] = [];
  private readonly segments: number[] = [];
  private readonly rowStart: number[] = [0];
  private readonly ends: number[] = [];
  private readonly states: number[] = [];
  private readonly stateIndex = new Map<string, number>();
  private readonly known: number[] = [];
  private readonly sndUna: number[] = [];
  private readonly sndNxt: number[] = [];
  private readonly rcvNxt: number[] = [];

  add(step: TimelineStepView): void {
    this.kinds.push(TIMELINE_STEP_KINDS.indexOf(step.kind));
    this.lines.push(step.line);
    this.segments.push(step.segment ?? -1);
    for (const end of step.ends) {
      let state = this.stateIndex.get(end.state);
      if (state === undefined) this.stateIndex.set(end.state, (state = this.stateIndex.size));
      this.ends.push(end.end);
      this.states.push(state);
      this.known.push((end.sndUna !== null ? 1 : 0) | (end.sndNxt !== null ? 2 : 0) | (end.rcvNxt !== null ? 4 : 0));
      this.sndUna.push(end.sndUna ?? 0);
      this.sndNxt.push(end.sndNxt ?? 0);
      this.rcvNxt.push(end.rcvNxt ?? 0);
    }
    this.rowStart.push(this.ends.length);
  }

  /** Each column in a buffer of its own: VS Code transfers a typed array's whole buffer. */
  finish(): TimelineSteps {
    return {
      kinds: Uint8Array.from(this.kinds),
      lines: Int32Array.from(this.lines),
      segments: Int32Array.from(this.segments),
      rowStart: Int32Array.from(this.rowStart),
      ends: Int32Array.from(this.ends),
      states: Uint8Array.from(this.states),
      stateNames: [...this.stateIndex.keys()],
      known: Uint8Array.from(this.known),
      sndUna: Uint32Array.from(this.sndUna),
      sndNxt: Uint32Array.from(this.sndNxt),
      rcvNxt: Uint32Array.from(this.rcvNxt),
    };
  }
}

/** Checks columns received from the host: array types, lengths, and every index in range. */
export function isTimelineSteps(value: unknown, endCount: number): value is TimelineSteps {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const { kinds, lines, segments, rowStart, ends, states, stateNames, known, sndUna, sndNxt, rcvNxt } = v;
  if (!is(kinds, 'Uint8Array') || !is(lines, 'Int32Array') || !is(segments, 'Int32Array') || !is(rowStart, 'Int32Array')) return false;
  if (!is(ends, 'Int32Array') || !is(states, 'Uint8Array') || !is(known, 'Uint8Array')) return false;
  if (!is(sndUna, 'Uint32Array') || !is(sndNxt, 'Uint32Array') || !is(rcvNxt, 'Uint32Array')) return false;
  if (!Array.isArray(stateNames) || !stateNames.every((s) => typeof s === 'string')) return false;
  const count = kinds.length;
  const rows = ends.length;
  if (lines.length !== count || segments.length !== count || rowStart.length !== count + 1) return false;
  if ([states, known, sndUna, sndNxt, rcvNxt].some((column) => column.length !== rows)) return false;
  if (rowStart[0] !== 0 || rowStart[count] !== rows) return false;
  for (let i = 0; i < count; i++) {
    if (kinds[i] >= TIMELINE_STEP_KINDS.length || lines[i] < 0 || segments[i] < -1 || rowStart[i + 1] < rowStart[i]) return false;
  }
  for (let row = 0; row < rows; row++) {
    if (ends[row] < 0 || ends[row] >= endCount || states[row] >= stateNames.length || known[row] > 7) return false;
  }
  return true;
}

type Typed = { Uint8Array: Uint8Array; Int32Array: Int32Array; Uint32Array: Uint32Array };

/** By its tag, not instanceof: the arrays may come from another window of the page. */
function is<K extends keyof Typed>(value: unknown, kind: K): value is Typed[K] {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]`;
}
