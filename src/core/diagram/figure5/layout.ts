// RFC 9293 Figure 5 laid out the way the figure lays it out: CLOSED at the top, the opening
// states below it, ESTABLISHED in the middle, the closing states beneath, TIME-WAIT and a
// second CLOSED at the bottom, with the figure's own routes, so no two edges cross. The
// transitions a script takes that the figure leaves out (resets, aborts) are added as
// dashed curves. Pure data, in pixels; svg/figure5Svg.ts draws it.

import type { Analysis } from '../../analysis';
import { stateLabel, type StateNaming, type TcpState } from '../../states';
import { toStateDiagram } from '../stateMachine';

export type BoxId = TcpState | 'CLOSED-END';

export interface Figure5Box {
  readonly id: BoxId;
  readonly state: TcpState;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  /** Endpoints (by column) that were in this state at some point. */
  readonly visitedBy: readonly number[];
  /** Endpoints in this state after the cursor line. */
  readonly currentFor: readonly number[];
}

export interface Figure5Edge {
  readonly from: BoxId;
  readonly to: BoxId;
  /** `event` above the bar, `action` below it, as the figure writes them. */
  readonly event: string;
  readonly action: string;
  readonly rfc: boolean;
  /** Polyline points; a dashed quadratic curve (3 points: start, control, end) when not in the figure. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly labelAt: { readonly x: number; readonly y: number };
  readonly anchor: 'start' | 'middle' | 'end';
  readonly takenBy: readonly number[];
}

export interface Figure5Model {
  readonly width: number;
  readonly height: number;
  readonly boxWidth: number;
  readonly boxHeight: number;
  readonly boxes: readonly Figure5Box[];
  readonly edges: readonly Figure5Edge[];
  readonly endpoints: readonly { readonly name: string; readonly label: string }[];
}

export interface Figure5Options {
  readonly naming?: StateNaming;
  /** 0-based line: the states every endpoint is in after it are outlined. */
  readonly cursorLine?: number;
}

const W = 124;
const H = 44;
const L = 150;
const C = 480;
const R = 810;
const ROW = [70, 190, 330, 470, 610, 750, 890];
const HW = W / 2;
const HH = H / 2;

const POSITIONS: Readonly<Record<BoxId, readonly [number, number]>> = {
  CLOSED: [C, ROW[0]],
  LISTEN: [C, ROW[1]],
  'SYN-RECEIVED': [L, ROW[2]],
  'SYN-SENT': [R, ROW[2]],
  ESTABLISHED: [C, ROW[3]],
  'FIN-WAIT-1': [L, ROW[4]],
  'CLOSE-WAIT': [R, ROW[4]],
  'FIN-WAIT-2': [L, ROW[5]],
  CLOSING: [C, ROW[5]],
  'LAST-ACK': [R, ROW[5]],
  'TIME-WAIT': [C, ROW[6]],
  'CLOSED-END': [R, ROW[6]],
};

type Route = readonly [BoxId, BoxId, string, string, readonly (readonly [number, number])[], readonly [number, number], 'start' | 'middle' | 'end'];

/** The figure's 21 transitions (with note 2's FIN-WAIT-1 → TIME-WAIT): route and label place. */
const ROUTES: readonly Route[] = [
  ['CLOSED', 'LISTEN', 'passive OPEN', 'create TCB', [[C - 28, ROW[0] + HH], [C - 28, ROW[1] - HH]], [C - 36, ROW[0] + 58], 'end'],
  ['LISTEN', 'CLOSED', 'CLOSE', 'delete TCB', [[C + 28, ROW[1] - HH], [C + 28, ROW[0] + HH]], [C + 36, ROW[0] + 58], 'start'],
  ['CLOSED', 'SYN-SENT', 'active OPEN', 'create TCB, snd SYN', [[C + HW, ROW[0] - 10], [R + 24, ROW[0] - 10], [R + 24, ROW[2] - HH]], [R + 32, ROW[0] + 58], 'start'],
  ['SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB', [[R - 24, ROW[2] - HH], [R - 24, ROW[0] + 10], [C + HW, ROW[0] + 10]], [R - 32, ROW[0] + 88], 'end'],
  ['LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', [[C - 30, ROW[1] + HH], [L + HW, ROW[2] - 14]], [C - 150, ROW[1] + 46], 'end'],
  ['LISTEN', 'SYN-SENT', 'SEND', 'snd SYN', [[C + 30, ROW[1] + HH], [R - HW, ROW[2] - 14]], [C + 150, ROW[1] + 46], 'start'],
  ['SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', [[R - HW, ROW[2] + 2], [L + HW, ROW[2] + 2]], [C, ROW[2] - 26], 'middle'],
  ['SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK', [[R - HW, ROW[2] + 16], [C + 30, ROW[3] - HH]], [R - 90, ROW[2] + 80], 'end'],
  ['SYN-RECEIVED', 'LISTEN', 'rcv RST', '(after passive OPEN)', [[L, ROW[2] - HH], [L, ROW[1]], [C - HW, ROW[1]]], [L + 8, ROW[1] - 24], 'start'],
  ['SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', '', [[L + HW, ROW[2] + 16], [C - 30, ROW[3] - HH]], [L + 90, ROW[2] + 80], 'start'],
  ['SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', [[L - 20, ROW[2] + HH], [L - 20, ROW[4] - HH]], [L - 28, ROW[3] - 6], 'end'],
  ['ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', [[C - 30, ROW[3] + HH], [L + HW, ROW[4] - 10]], [C - 150, ROW[3] + 48], 'end'],
  ['ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK', [[C + 30, ROW[3] + HH], [R - HW, ROW[4] - 10]], [C + 150, ROW[3] + 48], 'start'],
  ['FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', '', [[L - 20, ROW[4] + HH], [L - 20, ROW[5] - HH]], [L - 28, ROW[4] + 74], 'end'],
  ['FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK', [[L + HW, ROW[4] + 6], [C - 20, ROW[5] - HH]], [L + 195, ROW[4] + 38], 'start'],
  ['FIN-WAIT-1', 'TIME-WAIT', 'rcv FIN, ACK of FIN', 'snd ACK', [[L + 30, ROW[4] + HH], [C - HW, ROW[6] - 12]], [L + 150, ROW[5] + 80], 'end'],
  ['FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK', [[L - 20, ROW[5] + HH], [L - 20, ROW[6] + 10], [C - HW, ROW[6] + 10]], [L + 6, ROW[6] + 40], 'start'],
  ['CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', '', [[C, ROW[5] + HH], [C, ROW[6] - HH]], [C + 8, ROW[5] + 62], 'start'],
  ['CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN', [[R, ROW[4] + HH], [R, ROW[5] - HH]], [R + 8, ROW[4] + 62], 'start'],
  ['LAST-ACK', 'CLOSED-END', 'rcv ACK of FIN', '', [[R, ROW[5] + HH], [R, ROW[6] - HH]], [R + 8, ROW[5] + 62], 'start'],
  ['TIME-WAIT', 'CLOSED-END', 'Timeout=2MSL', 'delete TCB', [[C + HW, ROW[6]], [R - HW, ROW[6]]], [(C + R) / 2, ROW[6] - 26], 'middle'],
];

export function layoutFigure5(analysis: Analysis, options: Figure5Options = {}): Figure5Model {
  const naming = options.naming ?? 'rfc';
  const diagram = toStateDiagram(analysis, { naming, cursorLine: options.cursorLine });
  const taken = new Map(diagram.transitions.map((t) => [`${t.from} ${t.to}`, t]));
  const visited = new Map<BoxId, Set<number>>();
  const current = new Map<BoxId, number[]>();
  const visit = (id: BoxId, k: number) => {
    let set = visited.get(id);
    if (set === undefined) visited.set(id, (set = new Set()));
    set.add(k);
  };
  diagram.endpoints.forEach((e, k) => {
    let box: BoxId = e.path[0].state;
    visit(box, k);
    let at: BoxId = box;
    for (let i = 1; i < e.path.length; i++) {
      const from = e.path[i - 1].state;
      const to = e.path[i].state;
      box = boxFor(from, to);
      visit(box, k);
      if (options.cursorLine !== undefined && e.path[i].line <= options.cursorLine) at = box;
    }
    if (e.current !== undefined) current.set(at, [...(current.get(at) ?? []), k]);
  });

  const boxes: Figure5Box[] = (Object.keys(POSITIONS) as BoxId[]).map((id) => {
    const state: TcpState = id === 'CLOSED-END' ? 'CLOSED' : id;
    return {
      id,
      state,
      text: stateLabel(state, naming),
      x: POSITIONS[id][0],
      y: POSITIONS[id][1],
      visitedBy: [...(visited.get(id) ?? [])].sort((a, b) => a - b),
      currentFor: current.get(id) ?? [],
    };
  });

  const edges: Figure5Edge[] = ROUTES.map(([from, to, event, action, points, labelAt, anchor]) => {
    const t = taken.get(`${stateOf(from)} ${stateOf(to)}`);
    return { from, to, event, action, rfc: true, points: points.map(([x, y]) => ({ x, y })), labelAt: { x: labelAt[0], y: labelAt[1] }, anchor, takenBy: t?.takenBy ?? [] };
  });
  for (const t of diagram.transitions) {
    if (t.rfc) continue;
    const from: BoxId = t.from;
    const to = boxFor(t.from, t.to);
    edges.push(extraEdge(from, to, t.label, t.takenBy));
  }
  return {
    width: R + HW + 150,
    height: ROW[6] + HH + 60,
    boxWidth: W,
    boxHeight: H,
    boxes,
    edges,
    endpoints: diagram.endpoints.map((e) => ({ name: e.name, label: e.label })),
  };
}

function stateOf(id: BoxId): TcpState {
  return id === 'CLOSED-END' ? 'CLOSED' : id;
}

/**
 * Which box an endpoint reaches going from `from` to `to`. The figure has two CLOSED boxes:
 * LISTEN and SYN-SENT return to the top one; LAST-ACK, TIME-WAIT (and resets from the
 * synchronized states) reach the one at the bottom.
 */
function boxFor(from: TcpState, to: TcpState): BoxId {
  if (to !== 'CLOSED') return to;
  return from === 'LISTEN' || from === 'SYN-SENT' ? 'CLOSED' : 'CLOSED-END';
}

/** A transition the figure leaves out: a curve bowing to the right of the straight way. */
function extraEdge(from: BoxId, to: BoxId, label: string, takenBy: readonly number[]): Figure5Edge {
  const [x1, y1] = POSITIONS[from];
  const [x2, y2] = POSITIONS[to];
  const mx = (x1 + x2) / 2;
  const my = (y1 + y2) / 2;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy) || 1;
  const bow = Math.min(90, length / 4);
  const cx = mx - (dy / length) * bow;
  const cy = my + (dx / length) * bow;
  const start = border(x1, y1, cx, cy);
  const end = border(x2, y2, cx, cy);
  return {
    from,
    to,
    event: label,
    action: '',
    rfc: false,
    points: [start, { x: cx, y: cy }, end],
    labelAt: { x: (start.x + 2 * cx + end.x) / 4, y: (start.y + 2 * cy + end.y) / 4 - 6 },
    anchor: 'middle',
    takenBy,
  };
}

/** Where the way from a box's centre towards (tx, ty) leaves the box. */
function border(x: number, y: number, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - x;
  const dy = ty - y;
  const scale = 1 / Math.max(Math.abs(dx) / HW, Math.abs(dy) / HH, 1e-9);
  return { x: x + dx * scale, y: y + dy * scale };
}
