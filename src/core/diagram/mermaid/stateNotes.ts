// The state notes beside the lifelines, read from the analysis timeline as the emitter
// walks down the script. A line's steps are taken together: an endpoint that changes
// several times on one line is shown once, in its final state, and not at all when it ends the
// line in the state it began with. Once a participant has several connections, the notes
// follow every connection end and say which one: `server↔bob: SYN-RECEIVED`.

import type { ConnectionEndInfo, EndpointInfo, TimelineStep } from '../../analysis';
import { stateLabel, type StateNaming, type TcpState } from '../../states';
import { escapeMermaidText } from './escape';
import type { DiagramOutput } from './output';

export type StateNotesMode = 'changes' | 'all' | 'none';

export class StateNotes {
  /** By connection end (by endpoint while each participant has one): its state, and the state before the line. */
  private readonly current: (TcpState | undefined)[];
  private readonly before: (TcpState | undefined)[];
  private readonly lastChange: number[];
  /** The column of each end, and what its notes start with (`server↔bob: `) when its participant has several. */
  private readonly columns: readonly number[];
  private readonly endLabels: readonly string[] | undefined;
  private readonly lastColumn: number;
  private readonly labels = new Map<TcpState, string>();
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
    this.endLabels = connections?.map((c) => (several(c.participant) ? `${escapeMermaidText(c.label)}: ` : ''));
    this.lastColumn = endpoints.length - 1;
    this.current = this.columns.map((_, k) => endpoints[k]?.initial);
    this.before = this.current.slice();
    this.lastChange = this.current.map(() => -1);
  }

  /** Every endpoint's initial state, at the top of the diagram. */
  initial(endpoints: readonly EndpointInfo[]): void {
    if (this.mode === 'none') return;
    endpoints.forEach((e, k) => this.note(k, e.initial, e.declaredAt ?? -1, true));
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
      let last = steps[this.next];
      for (; this.next < steps.length && steps[this.next].line === stepLine; this.next++) {
        last = steps[this.next];
        for (const k of last.endsChanged ?? last.changed) {
          if (k < this.current.length && this.lastChange[k] !== stepLine) {
            this.lastChange[k] = stepLine;
            this.before[k] = this.current[k];
            changed.push(k);
          }
        }
      }
      const states = last.ends ?? last.endpoints;
      for (let k = 0; k < this.current.length; k++) {
        const snapshot = states[k];
        if (snapshot !== undefined) this.current[k] = snapshot.state;
      }
      if (showAll && stepLine === everyEndpointAt) {
        this.all(stepLine);
        shownAll = true;
      } else if (this.mode !== 'none') {
        changed.sort((a, b) => a - b);
        for (const k of changed) if (this.current[k] !== this.before[k]) this.note(k, this.current[k]!, stepLine);
      }
    }
    if (showAll && !shownAll) this.all(everyEndpointAt);
  }

  private all(line: number): void {
    for (let k = 0; k < this.current.length; k++) {
      const state = this.current[k];
      if (state !== undefined) this.note(k, state, line);
    }
  }

  /** `initial`: the notes at the top name no connection (none exists yet). */
  private note(k: number, state: TcpState, source: number, initial = false): void {
    const column = this.columns[k];
    const where = column === 0 ? 'left of' : column === this.lastColumn ? 'right of' : 'over';
    const end = this.endLabels && !initial ? this.endLabels[k] : '';
    this.out.note(`Note ${where} p${column}: ${end}${this.label(state)}`, source);
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
