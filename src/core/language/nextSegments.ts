// The segments that may come next at a line, most expected first: each segment an endpoint
// owes (the engine's open obligations: replies RFC 9293 requires, the FIN a `close` committed
// to), then what each endpoint may send in its state. Completion offers them as whole lines,
// the "Insert the owed reply" code action inserts the owed ones.
//
// Numbers follow the script's habit: a script that writes seq=/ack= gets them written, with
// its symbols (`ack=x+1`) where a symbol of that sequence space is near; one that leaves them
// out gets none (the engine fills them from the sender's state, which is what they would be).

import type { Analysis, OwedSegment } from '../analysis';
import type { TcpState } from '../states';
import { perAnalysis } from './cache';
import { scriptIndex, snapshotBeforeLine } from './scriptIndex';
import { owedAfterStep } from '../engine/timeline';

export interface NextSegment {
  /** The sender's name. */
  readonly from: string;
  /** The whole line, as plain text: `server -> client: SYN+ACK ack=x+1`. */
  readonly text: string;
  /** The same line as a snippet: a payload is a placeholder. */
  readonly snippet: string;
  /** Why it comes next, citing the RFC: "owed: server received a SYN in LISTEN …". */
  readonly detail: string;
  /** The debt it settles, for an owed segment. */
  readonly owed?: OwedSegment;
}

/** States that have sent and received a SYN: they exchange data and ACKs. */
const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);
const SYMBOL_REACH = 1 << 20;

/** What comes next at 0-based `line`, judged on the states before it. Nothing inside a simultaneous block. */
export function nextSegments(analysis: Analysis, line: number): NextSegment[] {
  if (scriptIndex(analysis).blocks[line] !== undefined) return [];
  const states = snapshotBeforeLine(analysis, line);
  const peers = peersBefore(analysis, line);
  const style = scriptStyle(analysis);
  const name = (i: number) => analysis.endpoints[i].name;
  const out: NextSegment[] = [];
  const add = (segment: NextSegment) => {
    if (!out.some((s) => s.text === segment.text)) out.push(segment);
  };

  const owed = owedBefore(analysis, line);
  for (const o of owed) {
    const to = o.to >= 0 ? o.to : peers[o.from];
    if (to === undefined) continue;
    const fields = numbers(style, o.flags, o.from, to, o.seq ?? states[o.from].sndNxt, o.ack ?? states[o.from].rcvNxt);
    const text = `${name(o.from)} -> ${name(to)}: ${o.flags}${fields}`;
    add({ from: name(o.from), text, snippet: escapeSnippet(text), detail: owedDetail(analysis, o), owed: o });
  }

  // Then, for every endpoint in column order: an ACK that is due, a SYN that opens a
  // connection to a listener, data, a keep-alive probe — each kind before the next.
  const dueAcks: NextSegment[] = [];
  const opens: NextSegment[] = [];
  const data: NextSegment[] = [];
  const probes: NextSegment[] = [];
  analysis.endpoints.forEach((endpoint, e) => {
    const s = states[e];
    const to = peers[e];
    if (s.state === 'CLOSED' && !owed.some((o) => o.from === e && o.flags === 'SYN')) {
      const listener = analysis.endpoints.findIndex((_, p) => p !== e && states[p].state === 'LISTEN');
      if (listener < 0) return;
      const text = `${endpoint.name} -> ${name(listener)}: SYN`;
      opens.push({ from: endpoint.name, text, snippet: text, detail: `${endpoint.name} is CLOSED: a SYN opens a connection (active OPEN, RFC 9293 §3.10.1)` });
      return;
    }
    if (to === undefined || !SYNCHRONIZED.has(s.state)) return;
    if (states[to].sndUna !== s.rcvNxt && !owed.some((o) => o.from === e && o.to === to)) {
      const text = `${endpoint.name} -> ${name(to)}: ACK${numbers(style, 'ACK', e, to, s.sndNxt, s.rcvNxt)}`;
      const detail = `${endpoint.name} has not acknowledged what it received (RCV.NXT=${sequenceText(style, to, s.rcvNxt)}): an ACK is due (RFC 9293 §3.10.7.4; RFC 1122 §4.2.3.2 lets it wait a little)`;
      dueAcks.push({ from: endpoint.name, text, snippet: text, detail });
    }
    // After a `close` the application sends nothing more (RFC 9293 §3.10.4): its FIN is owed instead.
    if ((s.state === 'ESTABLISHED' || s.state === 'CLOSE-WAIT') && !owed.some((o) => o.from === e && o.kind === 'intent')) {
      const head = `${endpoint.name} -> ${name(to)}: PSH+ACK${numbers(style, 'PSH+ACK', e, to, s.sndNxt, s.rcvNxt)}`;
      const detail = `${endpoint.name} is ${s.state}: it may send data (SEND, RFC 9293 §3.10.2)`;
      data.push({ from: endpoint.name, text: `${head} "data"`, snippet: `${escapeSnippet(head)} "\${1:data}"`, detail });
    }
    if (s.state === 'ESTABLISHED' && s.sndUna === s.sndNxt && style.keepalive.has(endpoint.name)) {
      const text = `${endpoint.name} -> ${name(to)}: ACK keepalive`;
      const detail = `${endpoint.name} is idle: after its keep-alive time it may probe with seq=SND.NXT-1 (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6)`;
      probes.push({ from: endpoint.name, text, snippet: text, detail });
    }
  });
  for (const segment of [...dueAcks, ...opens, ...data, ...probes]) add(segment);
  return out;
}

/** The segments owed just before `line`: the obligations open after the last step above it. */
export function owedBefore(analysis: Analysis, line: number): readonly OwedSegment[] {
  const steps = analysis.timeline;
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return owedAfterStep(analysis, lo - 1);
}

/** The flags each endpoint may send in its state, most expected first (after what it owes). */
export function flagsFor(state: TcpState): readonly string[] {
  switch (state) {
    case 'CLOSED':
      return ['SYN', 'RST', 'RST+ACK'];
    case 'LISTEN':
      return ['SYN'];
    case 'SYN-SENT':
      return ['ACK', 'SYN+ACK', 'RST'];
    case 'SYN-RECEIVED':
      return ['SYN+ACK', 'ACK', 'FIN+ACK', 'RST'];
    case 'ESTABLISHED':
    case 'CLOSE-WAIT':
      return ['ACK', 'PSH+ACK', 'FIN+ACK', 'RST+ACK'];
    default:
      return ['ACK', 'RST+ACK'];
  }
}

function owedDetail(analysis: Analysis, o: OwedSegment): string {
  const name = analysis.endpoints[o.from].name;
  const why = o.why.replace(/^it /, `${name} `);
  if (o.kind === 'intent') {
    const rule = o.flags === 'SYN' ? 'its SYN opens the connection (RFC 9293 §3.10.1)' : o.flags === 'RST' ? 'its RST ends the connection (RFC 9293 §3.10.5)' : 'its FIN closes its sending direction (RFC 9293 §3.10.4)';
    return `owed: ${name} ${why}, so ${rule}`;
  }
  if (why.includes('RFC')) return `owed: ${why}`;
  // Replies whose reason names no rule: the ACK of a SYN+ACK is SYN-SENT's (§3.10.7.3), the rest are synchronized states' (§3.10.7.4).
  return `owed: ${why} (RFC 9293 §${why.includes('SYN+ACK') ? '3.10.7.3' : '3.10.7.4'})`;
}

/** ` seq=… ack=…` in the script's style; a SYN's seq is its ISN, which the engine chooses. */
function numbers(style: ScriptStyle, flags: string, from: number, to: number, seq: number, ack: number): string {
  let text = '';
  if (style.numbers && !flags.includes('SYN')) text += ` seq=${sequenceText(style, from, seq)}`;
  if (style.numbers && flags.includes('ACK')) text += ` ack=${sequenceText(style, to, ack)}`;
  return text;
}

/** A number of endpoint `space`'s sequence space, by the nearest symbol of that space if any. */
function sequenceText(style: ScriptStyle, space: number, value: number): string {
  let best: string | undefined;
  let bestDelta = SYMBOL_REACH;
  for (const [symbol, bound] of style.symbols.get(space) ?? []) {
    const delta = (value - bound) | 0;
    if (Math.abs(delta) >= Math.abs(bestDelta)) continue;
    bestDelta = delta;
    best = delta === 0 ? symbol : `${symbol}${delta > 0 ? '+' : '-'}${Math.abs(delta)}`;
  }
  return best ?? String(value >>> 0);
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

interface ScriptStyle {
  /** Whether the script writes seq= or ack= on its segments. */
  readonly numbers: boolean;
  /** Symbols by the endpoint whose sequence space they name, with their values. */
  readonly symbols: ReadonlyMap<number, readonly (readonly [string, number])[]>;
  /** Participants declared with `keepalive=`. */
  readonly keepalive: ReadonlySet<string>;
}

const scriptStyle = perAnalysis((analysis: Analysis): ScriptStyle => {
  const index = scriptIndex(analysis);
  let numbers = false;
  const keepalive = new Set<string>();
  for (const stmt of index.statements) {
    if (stmt?.kind === 'participant' && stmt.keepalive) keepalive.add(stmt.name.name);
    if (stmt?.kind !== 'segment') continue;
    numbers ||= stmt.fields.some((f) => f.kind === 'seq' || f.kind === 'ack');
  }
  // A symbol names the space of the endpoint whose number bound it: the sender's for seq=, the receiver's for ack=.
  const symbols = new Map<number, Array<readonly [string, number]>>();
  for (const [symbol, bound] of analysis.symbols) {
    const stmt = index.statements[bound.line];
    if (stmt?.kind !== 'segment') continue;
    const field = stmt.fields.find((f) => (f.kind === 'seq' || f.kind === 'ack') && f.expr.symbol === symbol);
    if (field === undefined) continue;
    const space = index.endpointIndex.get(field.kind === 'seq' ? stmt.src.name : stmt.dst.name);
    if (space === undefined) continue;
    const list = symbols.get(space);
    if (list) list.push([symbol, bound.value]);
    else symbols.set(space, [[symbol, bound.value]]);
  }
  return { numbers, symbols, keepalive };
});

/** Each endpoint's peer before `line`: the other end of its last segment, else the only other endpoint. */
function peersBefore(analysis: Analysis, line: number): (number | undefined)[] {
  const peers: (number | undefined)[] = analysis.endpoints.map((_, i) => (analysis.endpoints.length === 2 ? 1 - i : undefined));
  for (const info of analysis.segments.values()) {
    if (info.line >= line) continue;
    peers[info.src] = info.dst;
    peers[info.dst] = info.src;
  }
  return peers;
}

