// The state notes on the lifelines, read from the analysis timeline as the emitter walks
// down the script. A line's steps are taken together: an endpoint that changes several times
// on one line is shown once, in its final state, and not at all when it ends the line in the
// state it began with. Compact: all of a line's changes share one note, drawn over the
// lifelines it concerns (never beside the outer ones, which would widen the diagram), so a
// segment costs one row of notes however many endpoints it moves. Once a participant has
// several connections, the notes follow every connection end, one note per lifeline, and the
// end of a host with several says its peer briefly: `↔bob: SYN-RECEIVED` over the server.
// Per lifeline, because a note across three lanes would seem to concern the one between, and
// a long note on the outer lane would widen the diagram past legibility at a side panel.

import type { ConnectionEndInfo, EndpointInfo, TimelineStep } from '../../analysis';
import { readStatesAfter } from '../../engine/steps';
import { stateLabel, type StateNaming, type TcpState } from '../../states';
import { escapeMermaidText } from './escape';
import type { DiagramOutput } from './output';

export type StateNotesMode = 'changes' | 'all' | 'none';

export class StateNotes {
  /** By connection end (by endpoint while each participant has one): the state the notes have shown. */
  private readonly current: (TcpState | undefined)[];
  /** Every end's state after the steps read so far (`current` is what the notes have shown). */
  private readonly after: (TcpState | undefined)[];
  private readonly before: (TcpState | undefined)[];
  private readonly lastChange: number[];
  /** The column of each end, and its connection seen from its own lifeline (`↔bob`) when its participant has several. */
  private readonly columns: readonly number[];
  private readonly endLabels: readonly (string | undefined)[] | undefined;
  private readonly labels = new Map<TcpState, string>();
  private readonly names: readonly string[];
  private next = 0;

  constructor(
    private readonly out: DiagramOutput,
    endpoints: readonly EndpointInfo[],
    private readonly timeline: readonly TimelineStep[],
    private readonly mode: StateNotesMode,
    private readonly naming: StateNaming,
    connections?: readonly ConnectionEndInfo[],
  ) {
    this.columns = connections ? connections.map((c) => c.participant) : endpoints.map((_, k) => k);
    // Only a participant with several connections needs to say which one a note is about.
    const several = (p: number) => (connections ?? []).filter((c) => c.participant === p).length > 1;
    this.endLabels = connections?.map((c) => (several(c.participant) ? escapeMermaidText(peerPart(c.label, endpoints[c.participant]?.name ?? '')) : undefined));
    this.names = endpoints.map((e) => escapeMermaidText(e.label));
    this.current = this.columns.map((_, k) => endpoints[k]?.initial);
    this.after = this.current.slice();
    this.before = this.current.slice();
    this.lastChange = this.current.map(() => -1);
  }

  /** Every endpoint's initial state, at the top of the diagram. */
  initial(endpoints: readonly EndpointInfo[]): void {
    if (this.mode === 'none' || endpoints.length === 0) return;
    const line = endpoints.length === 1 ? (endpoints[0].declaredAt ?? -1) : -1;
    this.note(endpoints.map((_, k) => k), line, true);
  }

  /**
   * Shows what the steps up to `line` changed, line by line. With `everyEndpointAt`
   * (a line where segments were sent or arrived) and mode `all`, every endpoint's state
   * after that line is shown instead of the changes alone.
   */
  through(line: number, everyEndpointAt?: number): void {
    const steps = this.timeline;
    const showAll = this.mode === 'all' && everyEndpointAt !== undefined;
    let shownAll = false;
    while (this.next < steps.length && steps[this.next].line <= line) {
      const stepLine = steps[this.next].line;
      // Most lines change no state: no list for them.
      let changed: number[] | undefined;
      for (; this.next < steps.length && steps[this.next].line === stepLine; this.next++) {
        const step = steps[this.next];
        if (step.endUpdates) for (const { end, snapshot } of step.endUpdates) this.after[end] = snapshot.state;
        else readStatesAfter(step, this.after);
        const ends = step.endsChanged ?? step.changed;
        for (let j = 0; j < ends.length; j++) {
          const k = ends[j];
          if (k < this.current.length && this.lastChange[k] !== stepLine) {
            this.lastChange[k] = stepLine;
            this.before[k] = this.current[k];
            (changed ??= []).push(k);
          }
        }
      }
      if (changed !== undefined) for (const k of changed) this.current[k] = this.after[k];
      if (showAll && stepLine === everyEndpointAt) {
        this.all(stepLine);
        shownAll = true;
      } else if (this.mode !== 'none' && changed !== undefined) {
        changed.sort((a, b) => a - b);
        this.note(changed.filter((k) => this.current[k] !== this.before[k]), stepLine);
      }
    }
    if (showAll && !shownAll) this.all(everyEndpointAt);
  }

  private all(line: number): void {
    this.note(this.current.flatMap((state, k) => (state === undefined ? [] : [k])), line);
  }

  /**
   * The note(s) for the states of ends `ks`. While each participant has one connection: one
   * note over the one lifeline, or across them; two endpoints read left to right (`SYN-SENT |
   * LISTEN`), more are named (`client SYN-SENT, proxy LISTEN`). Once a participant has several
   * connections: one note per lifeline, left to right, an end of a host with several written
   * `↔peer: STATE` (its ends on one line joined by `, `). `initial`: the note at the top, across
   * every lifeline, names no connection (none exists yet).
   */
  private note(ks: readonly number[], source: number, initial = false): void {
    if (ks.length === 0) return;
    const order = [...ks].sort((a, b) => this.columns[a] - this.columns[b] || a - b);
    const state = (k: number) => this.label(this.current[k]!);
    if (this.endLabels !== undefined && !initial) {
      for (let i = 0; i < order.length; ) {
        const column = this.columns[order[i]];
        const texts: string[] = [];
        for (; i < order.length && this.columns[order[i]] === column; i++) {
          const end = this.endLabels[order[i]];
          texts.push(end === undefined ? state(order[i]) : `${end}: ${state(order[i])}`);
        }
        this.out.note(`Note over p${column}: ${texts.join(', ')}`, source);
      }
      return;
    }
    const first = this.columns[order[0]];
    const last = this.columns[order[order.length - 1]];
    let text: string;
    if (order.length === 1) text = state(order[0]);
    else if (this.endLabels === undefined && this.current.length === 2) text = `${state(0)} | ${state(1)}`;
    else text = order.map((k) => `${this.names[this.columns[k]]} ${state(k)}`).join(', ');
    this.out.note(`Note over ${first === last ? `p${first}` : `p${first},p${last}`}: ${text}`, source);
  }

  private label(state: TcpState): string {
    let label = this.labels.get(state);
    if (label === undefined) {
      label = escapeMermaidText(stateLabel(state, this.naming));
      this.labels.set(state, label);
    }
    return label;
  }
}

/** A connection's label as its own lifeline reads it: `server↔bob` over the server is `↔bob`, `client:51001↔server` is `:51001↔server`. */
function peerPart(label: string, own: string): string {
  return label.startsWith(own) ? label.slice(own.length) : label;
}
