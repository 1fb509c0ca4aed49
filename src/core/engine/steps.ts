// The timeline's steps while each participant has one connection end (every script but those
// with several connections per participant): each step's changes kept in columns of numbers,
// about 80 bytes a step, rather than objects per endpoint and step. Readers see the usual
// TimelineStep; its updates are made when asked for.

import type { EndpointSnapshot, EndpointUpdate, OwedChange, StepKind, TimelineStep } from '../analysis';
import { TCP_STATES, type TcpState } from '../states';
import { copyOf, STATE_INDEX } from './columns';
import type { Tcb } from './model';

const KINDS: readonly StepKind[] = ['send', 'arrive', 'call', 'wait', 'timer', 'expect'];
const KIND_INDEX: Readonly<Record<StepKind, number>> = { send: 0, arrive: 1, call: 2, wait: 3, timer: 4, expect: 5 };

/** An entry: the endpoint (shifted left by two) with the two bits below, SND.UNA, SND.NXT, RCV.NXT, and its `rare` record. */
const ENTRY = 5;
/** The entry holds the endpoint's variables after the step. */
const UPDATED = 1;
/** The endpoint's state changed in the step. */
const CHANGED = 2;
/** What changes seldom: state, ISS, SND.WND, IRS, RCV.WND. */
const RARE = 5;

const NO_UPDATES: readonly EndpointUpdate[] = Object.freeze([]);
const NONE_CHANGED: readonly number[] = Object.freeze([]);

export class StepStore {
  private stepCount = 0;
  private lines: Int32Array;
  private kinds: Uint8Array;
  /** Each step's first entry; the step's entries run to the next step's first. */
  private firsts: Int32Array;
  private entries: Uint32Array;
  private entryCount = 0;
  private rare = new Uint32Array(16 * RARE);
  private rareCount = 0;
  private readonly owed = new Map<number, readonly OwedChange[]>();
  /** The step whose updates were made last, and those updates. */
  private readIndex = -1;
  private readUpdates = NO_UPDATES;
  /** While recording: each endpoint's last entry that holds its variables (-1: none yet), and its last rare record. */
  private lastEntry: number[] = [];
  private lastRare: number[] = [];

  /** `steps`: the steps expected; the store grows as needed. Most steps record one or two endpoints. */
  constructor(steps: number) {
    const n = Math.max(steps, 16);
    this.lines = new Int32Array(n);
    this.kinds = new Uint8Array(n);
    this.firsts = new Int32Array(n + 1);
    this.entries = new Uint32Array(2 * n * ENTRY);
  }

  /** Starts a step; entries follow, then `end`. */
  begin(line: number, kind: StepKind): void {
    const i = this.stepCount;
    if (i + 1 >= this.firsts.length) {
      const n = 2 * this.lines.length;
      this.lines = copyOf(this.lines, n);
      this.kinds = copyOf(this.kinds, n);
      this.firsts = copyOf(this.firsts, n + 1);
    }
    this.lines[i] = line;
    this.kinds[i] = KIND_INDEX[kind];
    this.firsts[i] = this.entryCount;
  }

  /** Ends the step begun last and makes its TimelineStep. */
  end(owedChanges: readonly OwedChange[] | undefined): TimelineStep {
    const i = this.stepCount++;
    this.firsts[i + 1] = this.entryCount;
    if (owedChanges) this.owed.set(i, owedChanges);
    return new CompactStep(this, i);
  }

  /** Do endpoint `e`'s variables differ from those the timeline last recorded of it? */
  differs(e: number, t: Tcb): boolean {
    const at = this.lastEntry[e];
    if (at === undefined || at < 0) return true;
    const x = this.entries;
    if (x[at + 1] !== t.sndUna || x[at + 2] !== t.sndNxt || x[at + 3] !== t.rcvNxt) return true;
    return !this.sameRare(x[at + 4], t);
  }

  /** Records endpoint `e` in the step: its variables when `updated`, and whether its state `changed`. */
  add(e: number, t: Tcb, updated: boolean, changed: boolean): void {
    if (this.entryCount + ENTRY > this.entries.length) this.entries = copyOf(this.entries, 2 * this.entries.length);
    const at = this.entryCount;
    this.entryCount += ENTRY;
    const x = this.entries;
    x[at] = e * 4 + (updated ? UPDATED : 0) + (changed ? CHANGED : 0);
    if (!updated) return;
    x[at + 1] = t.sndUna;
    x[at + 2] = t.sndNxt;
    x[at + 3] = t.rcvNxt;
    let r = this.lastRare[e];
    if (r === undefined || !this.sameRare(r, t)) {
      r = this.rareCount++;
      if ((r + 1) * RARE > this.rare.length) this.rare = copyOf(this.rare, 2 * this.rare.length);
      const y = this.rare;
      const o = r * RARE;
      y[o] = STATE_INDEX[t.state];
      y[o + 1] = t.iss;
      y[o + 2] = t.sndWnd;
      y[o + 3] = t.irs;
      y[o + 4] = t.rcvWnd;
      this.lastRare[e] = r;
    }
    x[at + 4] = r;
    this.lastEntry[e] = at;
  }

  /** Endpoint `e`'s variables as the timeline last recorded them; undefined when it never did. */
  lastRecorded(e: number): EndpointSnapshot | undefined {
    const at = this.lastEntry[e];
    return at === undefined || at < 0 ? undefined : this.snapshotAt(at);
  }

  /** The recording is over: gives back the room kept for steps that never came, as the store lives as long as the analysis. */
  done(): void {
    const n = this.stepCount;
    this.lastEntry = [];
    this.lastRare = [];
    if (this.lines.length - n > n >> 4) {
      this.lines = this.lines.slice(0, n);
      this.kinds = this.kinds.slice(0, n);
      this.firsts = this.firsts.slice(0, n + 1);
    }
    if (this.entries.length - this.entryCount > this.entryCount >> 4) this.entries = this.entries.slice(0, this.entryCount);
    if (this.rare.length - this.rareCount * RARE > (this.rareCount * RARE) >> 4) this.rare = this.rare.slice(0, this.rareCount * RARE);
  }

  // ---- what a CompactStep reads ----

  lineAt(i: number): number {
    return this.lines[i];
  }

  kindAt(i: number): StepKind {
    return KINDS[this.kinds[i]];
  }

  owedAt(i: number): readonly OwedChange[] | undefined {
    return this.owed.get(i);
  }

  updatesAt(i: number): readonly EndpointUpdate[] {
    // Readers often ask for a step's updates twice in a row (the ladder does): they get the same ones.
    if (i === this.readIndex) return this.readUpdates;
    let updates: EndpointUpdate[] | undefined;
    for (let at = this.firsts[i]; at < this.firsts[i + 1]; at += ENTRY) {
      if ((this.entries[at] & UPDATED) !== 0) (updates ??= []).push({ endpoint: this.entries[at] >>> 2, snapshot: this.snapshotAt(at) });
    }
    this.readIndex = i;
    this.readUpdates = updates ?? NO_UPDATES;
    return this.readUpdates;
  }

  /** Writes the state after step `i` of each endpoint it updates into `states` (those past its end are skipped). */
  statesAt(i: number, states: (TcpState | undefined)[]): void {
    const x = this.entries;
    for (let at = this.firsts[i]; at < this.firsts[i + 1]; at += ENTRY) {
      const endpoint = x[at] >>> 2;
      if ((x[at] & UPDATED) !== 0 && endpoint < states.length) states[endpoint] = TCP_STATES[this.rare[x[at + 4] * RARE]];
    }
  }

  changedAt(i: number): readonly number[] {
    let changed: number[] | undefined;
    for (let at = this.firsts[i]; at < this.firsts[i + 1]; at += ENTRY) {
      if ((this.entries[at] & CHANGED) !== 0) (changed ??= []).push(this.entries[at] >>> 2);
    }
    return changed ?? NONE_CHANGED;
  }

  private sameRare(r: number, t: Tcb): boolean {
    const y = this.rare;
    const o = r * RARE;
    return y[o] === STATE_INDEX[t.state] && y[o + 1] === t.iss && y[o + 2] === t.sndWnd && y[o + 3] === t.irs && y[o + 4] === t.rcvWnd;
  }

  private snapshotAt(at: number): EndpointSnapshot {
    const x = this.entries;
    const y = this.rare;
    const o = x[at + 4] * RARE;
    return { state: TCP_STATES[y[o]], iss: y[o + 1], sndUna: x[at + 1], sndNxt: x[at + 2], sndWnd: y[o + 2], irs: y[o + 3], rcvNxt: x[at + 3], rcvWnd: y[o + 4] };
  }
}

/** A step of a StepStore, as readers see it. */
class CompactStep implements TimelineStep {
  constructor(
    private readonly store: StepStore,
    private readonly index: number,
  ) {}

  statesInto(states: (TcpState | undefined)[]): void {
    this.store.statesAt(this.index, states);
  }

  get line(): number {
    return this.store.lineAt(this.index);
  }

  get kind(): StepKind {
    return this.store.kindAt(this.index);
  }

  get updates(): readonly EndpointUpdate[] {
    return this.store.updatesAt(this.index);
  }

  get changed(): readonly number[] {
    return this.store.changedAt(this.index);
  }

  get owedChanges(): readonly OwedChange[] | undefined {
    return this.store.owedAt(this.index);
  }

  get endUpdates(): undefined {
    return undefined;
  }

  get endsChanged(): undefined {
    return undefined;
  }
}

/**
 * Writes each endpoint's state after `step` into `states`, for the endpoints it updates (those
 * past the list's end are skipped): its updates' states, without making their snapshots.
 */
export function readStatesAfter(step: TimelineStep, states: (TcpState | undefined)[]): void {
  if (step instanceof CompactStep) step.statesInto(states);
  else for (const { endpoint, snapshot } of step.updates) if (endpoint < states.length) states[endpoint] = snapshot.state;
}
