// The RFC 9293 state machine (Figure 5) as a Mermaid stateDiagram-v2, with the path each
// endpoint of a script took through it. stateDiagram-v2 can style states (`classDef`,
// `class`) but not transitions (it has no `linkStyle`), so the text colours the states each
// endpoint visited, names the endpoints on the transitions they took, and marks the states
// at the cursor; the transitions are listed as data too, for a renderer that colours edges.

import type { Analysis, ConnectionEndInfo, SegmentInfo, StepKind } from '../analysis';
import { FLAG_NAMES } from '../syntax/ast';
import { escapeMermaidText } from './mermaid/escape';
import { stateLabel, TCP_STATES, type StateNaming, type TcpState } from '../states';

export interface StateDiagramOptions {
  readonly naming?: StateNaming;
  /** 0-based line: the states every endpoint is in after it are marked. */
  readonly cursorLine?: number;
}

export interface StateVisit {
  readonly state: TcpState;
  /** 0-based line where the endpoint entered the state; -1 for its initial state. */
  readonly line: number;
}

export interface StateDiagramEndpoint {
  readonly name: string;
  readonly label: string;
  /** The Mermaid class of the states only this endpoint visited (`ep0`…). */
  readonly className: string;
  readonly color: string;
  readonly path: readonly StateVisit[];
  /** The state after the cursor line; undefined without one. */
  readonly current?: TcpState;
}

export interface StateTransition {
  readonly from: TcpState;
  readonly to: TcpState;
  /** Event / action, as in RFC 9293 Figure 5, before escaping. */
  readonly label: string;
  /** False for a transition the script took that the figure leaves out (a reset, an abort). */
  readonly rfc: boolean;
  /** Endpoints (by column) that took it, in column order. */
  readonly takenBy: readonly number[];
}

export interface StateDiagram {
  readonly text: string;
  /** In the order of the Mermaid text, which is the order Mermaid draws the edges. */
  readonly transitions: readonly StateTransition[];
  readonly endpoints: readonly StateDiagramEndpoint[];
}

/** Readable on light and dark backgrounds; endpoints past the fifth reuse them. */
export const ENDPOINT_COLORS: readonly string[] = ['#2f81f7', '#e8710a', '#1a9e55', '#c2338f', '#8957e5'];

/** RFC 9293 Figure 5, with note 2's FIN-WAIT-1 → TIME-WAIT. */
const RFC_TRANSITIONS: readonly (readonly [TcpState, TcpState, string])[] = [
  ['CLOSED', 'LISTEN', 'passive OPEN / create TCB'],
  ['CLOSED', 'SYN-SENT', 'active OPEN / create TCB, snd SYN'],
  ['LISTEN', 'CLOSED', 'CLOSE / delete TCB'],
  ['LISTEN', 'SYN-RECEIVED', 'rcv SYN / snd SYN,ACK'],
  ['LISTEN', 'SYN-SENT', 'SEND / snd SYN'],
  ['SYN-SENT', 'CLOSED', 'CLOSE / delete TCB'],
  ['SYN-SENT', 'SYN-RECEIVED', 'rcv SYN / snd SYN,ACK'],
  ['SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK / snd ACK'],
  ['SYN-RECEIVED', 'LISTEN', 'rcv RST (after passive OPEN)'],
  ['SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN'],
  ['SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE / snd FIN'],
  ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE / snd FIN'],
  ['ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN / snd ACK'],
  ['FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN'],
  ['FIN-WAIT-1', 'CLOSING', 'rcv FIN / snd ACK'],
  ['FIN-WAIT-1', 'TIME-WAIT', 'rcv FIN, ACK of FIN / snd ACK'],
  ['FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN / snd ACK'],
  ['CLOSING', 'TIME-WAIT', 'rcv ACK of FIN'],
  ['CLOSE-WAIT', 'LAST-ACK', 'CLOSE / snd FIN'],
  ['LAST-ACK', 'CLOSED', 'rcv ACK of FIN'],
  ['TIME-WAIT', 'CLOSED', 'Timeout=2MSL / delete TCB'],
];

const INDENT = '  ';

export function toStateDiagram(analysis: Analysis, options: StateDiagramOptions = {}): StateDiagram {
  const naming = options.naming ?? 'rfc';
  const endpoints = analysis.endpoints;
  const transitions: { from: TcpState; to: TcpState; label: string; rfc: boolean; takenBy: Set<number> }[] = RFC_TRANSITIONS.map(
    ([from, to, label]) => ({ from, to, label, rfc: true, takenBy: new Set<number>() }),
  );
  const byKey = new Map(transitions.map((t) => [`${t.from} ${t.to}`, t]));
  const calls = new Map<number, string>();
  for (const s of analysis.script.statements) if (s.kind === 'call') calls.set(s.line, s.call);

  // Once a participant has several connections, there is one path per connection end.
  const columns = analysis.connections ? connectionColumns(analysis, analysis.connections) : endpoints;
  const paths: StateVisit[][] = columns.map((e) => [{ state: e.initial, line: -1 }]);
  for (const step of analysis.timeline) {
    for (const k of step.endsChanged ?? step.changed) {
      const path = paths[k];
      const to = step.endsChanged
        ? step.endUpdates?.find((u) => u.end === k)?.snapshot.state
        : step.updates.find((u) => u.endpoint === k)?.snapshot.state;
      if (path === undefined || to === undefined) continue;
      const from = path[path.length - 1].state;
      if (from === to) continue;
      path.push({ state: to, line: step.line });
      const key = `${from} ${to}`;
      let transition = byKey.get(key);
      if (transition === undefined) {
        transition = { from, to, label: '', rfc: false, takenBy: new Set() };
        transitions.push(transition);
        byKey.set(key, transition);
      }
      if (!transition.rfc) transition.label = joinLabel(transition.label, eventLabel(analysis, step.kind, step.line, k, calls));
      transition.takenBy.add(k);
    }
  }

  const current = paths.map((path) => (options.cursorLine === undefined ? undefined : stateAt(path, options.cursorLine)));
  const result: StateDiagramEndpoint[] = columns.map((e, k) => ({
    name: e.name,
    label: e.label,
    className: `ep${k}`,
    color: ENDPOINT_COLORS[k % ENDPOINT_COLORS.length],
    path: paths[k],
    current: current[k],
  }));

  const text = render(result, transitions, naming, current);
  return {
    text,
    transitions: transitions.map((t) => ({ from: t.from, to: t.to, label: t.label, rfc: t.rfc, takenBy: [...t.takenBy].sort((a, b) => a - b) })),
    endpoints: result,
  };
}

/** The connection ends as columns: `server↔bob` for a participant with several, else the participant. */
function connectionColumns(analysis: Analysis, connections: readonly ConnectionEndInfo[]): { name: string; label: string; initial: TcpState }[] {
  return connections.map((c) => {
    const participant = analysis.endpoints[c.participant];
    const several = connections.filter((o) => o.participant === c.participant).length > 1;
    return { name: participant.name, label: several ? c.label : participant.label, initial: c.initial };
  });
}

/** `a` and `b` as alternatives, each once. */
function joinLabel(a: string, b: string): string {
  if (a === '') return b;
  return a.split(' or ').includes(b) ? a : `${a} or ${b}`;
}

function render(
  endpoints: readonly StateDiagramEndpoint[],
  transitions: readonly { from: TcpState; to: TcpState; label: string; takenBy: ReadonlySet<number> }[],
  naming: StateNaming,
  current: readonly (TcpState | undefined)[],
): string {
  const out: string[] = ['stateDiagram-v2'];
  const visitors = new Map<TcpState, Set<number>>();
  endpoints.forEach((e, k) => {
    for (const visit of e.path) {
      let set = visitors.get(visit.state);
      if (set === undefined) visitors.set(visit.state, (set = new Set()));
      set.add(k);
    }
  });
  const classes = new Map<string, TcpState[]>();
  for (const state of TCP_STATES) {
    const set = visitors.get(state);
    if (set === undefined) continue;
    const name = set.size === 1 ? `ep${[...set][0]}` : 'shared';
    classes.set(name, [...(classes.get(name) ?? []), state]);
  }
  const here = TCP_STATES.filter((s) => current.includes(s));

  for (const e of endpoints) {
    if (classes.has(e.className)) out.push(`${INDENT}classDef ${e.className} fill:${e.color}33,stroke:${e.color},stroke-width:2px`);
  }
  if (classes.has('shared')) out.push(`${INDENT}classDef shared fill:#8b949e33,stroke:#8b949e,stroke-width:2px,stroke-dasharray:6 3`);
  if (here.length > 0) out.push(`${INDENT}classDef here stroke-width:5px,font-weight:bold`);

  for (const state of TCP_STATES) out.push(`${INDENT}state "${escapeMermaidText(stateLabel(state, naming))}" as ${stateId(state)}`);
  for (const t of transitions) {
    const names = [...t.takenBy].sort((a, b) => a - b).map((k) => endpoints[k].label);
    const label = names.length > 0 ? `${t.label} · ${names.join(', ')}` : t.label;
    out.push(`${INDENT}${stateId(t.from)} --> ${stateId(t.to)} : ${escapeMermaidText(label)}`);
  }
  for (const [name, states] of classes) out.push(`${INDENT}class ${states.map(stateId).join(',')} ${name}`);
  if (here.length > 0) out.push(`${INDENT}class ${here.map(stateId).join(',')} here`);
  out.push('');
  return out.join('\n');
}

/** `SYN-RECEIVED` → `SYN_RECEIVED`: a Mermaid state id. */
function stateId(state: TcpState): string {
  return state.replace(/-/g, '_');
}

function stateAt(path: readonly StateVisit[], line: number): TcpState {
  let state = path[0].state;
  for (const visit of path) {
    if (visit.line > line) break;
    state = visit.state;
  }
  return state;
}

/** Words for a transition the figure does not draw: what happened on that line to endpoint `k`. */
function eventLabel(analysis: Analysis, kind: StepKind, line: number, k: number, calls: ReadonlyMap<number, string>): string {
  switch (kind) {
    case 'send':
    case 'arrive': {
      const segment = segmentOf(analysis, line, k);
      if (segment === undefined) return kind === 'send' ? 'snd segment' : 'rcv segment';
      return `${(segment.srcEnd ?? segment.src) === k ? 'snd' : 'rcv'} ${FLAG_NAMES.filter((f) => segment.flags.has(f)).join(',')}`;
    }
    case 'call':
      return (calls.get(line) ?? 'call').toUpperCase();
    case 'wait':
    case 'timer':
      return 'timeout';
    case 'expect':
      return 'expect';
  }
}

/** The segment sent or received by endpoint `k` on `line` (a segment line, or a `deliver`). */
function segmentOf(analysis: Analysis, line: number, k: number): SegmentInfo | undefined {
  const here = analysis.segments.get(line);
  if (here !== undefined && ((here.srcEnd ?? here.src) === k || (here.dstEnd ?? here.dst) === k)) return here;
  for (const segment of analysis.segments.values()) if (segment.deliveredAt === line && (segment.dstEnd ?? segment.dst) === k) return segment;
  return undefined;
}
