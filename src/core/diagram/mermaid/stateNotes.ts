// The state notes on the lifelines, read from the analysis timeline as the emitter walks
// down the script. A line's steps are taken together: an endpoint that changes several times
// on one line is shown once, in its final state, and not at all when it ends the line in the
// state it began with. Compact: all of a line's changes share one note, drawn over the
// lifelines it concerns (never beside the outer ones, which would widen the diagram), so a
// segment costs one row of notes however many endpoints it moves.

import type { EndpointInfo, TimelineStep } from '../../analysis';
import { stateLabel, type StateNaming, type TcpState } from '../../states';
import { escapeMermaidText } from './escape';
import type { DiagramOutput } from './output';

export type StateNotesMode = 'changes' | 'all' | 'none';

export class StateNotes {
  private readonly current: TcpState[];
  /** Every endpoint's state after the steps read so far (`current` is what the notes have shown). */
  private readonly after: TcpState[];
  private readonly before: TcpState[];
  private readonly lastChange: number[];
  private readonly labels = new Map<TcpState, string>();
  private readonly names: readonly string[];
  private next = 0;

  constructor(
    private readonly out: DiagramOutput,
    endpoints: readonly EndpointInfo[],
    private readonly timeline: readonly TimelineStep[],
    private readonly mode: StateNotesMode,
    private readonly naming: StateNaming,
  ) {
    this.current = endpoints.map((e) => e.initial);
    this.names = endpoints.map((e) => escapeMermaidText(e.label));
    this.after = this.current.slice();
    this.before = this.current.slice();
    this.lastChange = this.current.map(() => -1);
  }

  /** Every endpoint's initial state, at the top of the diagram. */
  initial(endpoints: readonly EndpointInfo[]): void {
    if (this.mode === 'none' || endpoints.length === 0) return;
    const line = endpoints.length === 1 ? (endpoints[0].declaredAt ?? -1) : -1;
    this.note(endpoints.map((_, k) => k), line);
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
      const changed: number[] = [];
      for (; this.next < steps.length && steps[this.next].line === stepLine; this.next++) {
        const step = steps[this.next];
        for (const { endpoint, snapshot } of step.updates) if (endpoint < this.after.length) this.after[endpoint] = snapshot.state;
        for (const k of step.changed) {
          if (k < this.current.length && this.lastChange[k] !== stepLine) {
            this.lastChange[k] = stepLine;
            this.before[k] = this.current[k];
            changed.push(k);
          }
        }
      }
      for (const k of changed) this.current[k] = this.after[k];
      if (showAll && stepLine === everyEndpointAt) {
        this.all(stepLine);
        shownAll = true;
      } else if (this.mode !== 'none') {
        changed.sort((a, b) => a - b);
        this.note(changed.filter((k) => this.current[k] !== this.before[k]), stepLine);
      }
    }
    if (showAll && !shownAll) this.all(everyEndpointAt);
  }

  private all(line: number): void {
    this.note(this.current.map((_, k) => k), line);
  }

  /**
   * One note for the states of endpoints `ks` (in column order): over the one endpoint, or
   * across them. Two endpoints read left to right (`SYN-SENT | LISTEN`); with more, each state
   * is named (`client SYN-SENT, proxy LISTEN`).
   */
  private note(ks: readonly number[], source: number): void {
    if (ks.length === 0) return;
    const first = ks[0];
    const last = ks[ks.length - 1];
    let text: string;
    if (ks.length === 1) text = this.label(this.current[first]);
    else if (this.current.length === 2) text = `${this.label(this.current[0])} | ${this.label(this.current[1])}`;
    else text = ks.map((k) => `${this.names[k]} ${this.label(this.current[k])}`).join(', ');
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
