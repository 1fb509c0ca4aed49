// Completions from what the line holds before the cursor, read leniently: the line is being
// typed, so it is usually not a valid statement yet. The context decides what is offered:
// statements and names at the start, arrows after a name, receivers after an arrow, flags,
// then fields and markers after the receiver, names and states in `expect`, calls after
// `name:`, option keys and values, durations after `wait`, labels after `deliver`.
// Where a whole segment line can go, the segments that may come next (nextSegments.ts) come
// first, what is owed before what is allowed; flags and `expect` states start with what the
// endpoints' states at that line call for.

import type { Analysis } from '../analysis';
import { FLAG_NAMES, type CallName, type FieldKind, type MarkerName } from '../syntax/ast';
import type { Position, Range } from '../syntax/range';
import { TCP_STATES } from '../states';
import { commentStart, indentationOf, sourceLines } from './document';
import { CALLS, FIELDS, FLAGS, MARKERS, STATES } from './explanations';
import { flagsFor, nextSegments, owedBefore } from './nextSegments';
import { scriptIndex, snapshotBeforeLine } from './scriptIndex';

export type CompletionKind = 'segment' | 'keyword' | 'endpoint' | 'flag' | 'field' | 'state' | 'call' | 'marker' | 'option' | 'value';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** What to insert when it differs from the label (`seq=`, `participant `). */
  readonly insertText?: string;
  readonly detail?: string;
  /** The insert text is a snippet (`\${1:data}` placeholders, `\$` escapes). */
  readonly snippet?: boolean;
  /** The partly typed word the item replaces: from its start to the cursor. */
  readonly range: Range;
}

type Item = Omit<CompletionItem, 'range'>;

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const ARROW = '->|~>|-x(?![A-Za-z0-9_])';
/** A port, and a peer in parentheses (`server:80(bob)`), that may follow a name. */
const PORT = '(?::[0-9]+)?';
const REF = `${PORT}(?:\\(${IDENT}${PORT}\\))?`;
const SEGMENT = new RegExp(`^(${IDENT})${PORT}\\s*(${ARROW})(.*)$`);
/** `server(` or `expect server(b`: the peer is being written. */
const PEER = new RegExp(`^\\s*(${IDENT})${PORT}\\((${IDENT})?$`);
const RECEIVER = new RegExp(`^\\s*(${IDENT})?$`);
const AFTER_RECEIVER = new RegExp(`^\\s*(${IDENT})${PORT}(\\s*:\\s*|\\s+)(.*)$`);
const CALL = new RegExp(`^(${IDENT})${REF}\\s*:\\s*(\\S*)$`);
const FIRST_WORD = new RegExp(`^(${IDENT})(\\s.*)?$`);
const PARTIAL_NAME = new RegExp(`^\\s*(${IDENT})?$`);
const EXPECT_STATE = new RegExp(`^\\s*${IDENT}${REF}\\s+(\\S*)$`);
const ARROW_START = new RegExp(`^${IDENT}\\s+([-~]?)$`);
const STRINGS = /"(?:[^"\\]|\\.)*"/g;

const KEYWORDS: readonly (readonly [string, string])[] = [
  ['participant', 'declare an endpoint'],
  ['title', 'the diagram title'],
  ['section', 'start a named phase'],
  ['note', 'a note over endpoints'],
  ['expect', "check endpoints' states"],
  ['wait', 'let time pass'],
  ['option', 'msl, states, numbers'],
  ['simultaneous', 'segments that cross'],
  ['end', 'close a simultaneous block'],
  ['deliver', 'deliver a delayed segment'],
];

const ARROWS: readonly Item[] = [
  { label: '->', kind: 'keyword', insertText: '-> ', detail: 'sent and delivered now' },
  { label: '-x', kind: 'keyword', insertText: '-x ', detail: 'sent and lost' },
  { label: '~>', kind: 'keyword', insertText: '~> ', detail: 'sent now, delivered later by deliver' },
];

const FLAG_ORDER = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'] as const;
const COMBINATIONS: readonly Item[] = [
  { label: 'SYN+ACK', kind: 'flag', detail: 'answer to a SYN' },
  { label: 'FIN+ACK', kind: 'flag', detail: 'close the sending direction' },
  { label: 'PSH+ACK', kind: 'flag', detail: 'data' },
  { label: 'RST+ACK', kind: 'flag', detail: 'reset, acknowledging the segment it answers' },
];
const COMPACT = /^[SFRPUEW.]+$/;

const FIELD_ORDER: readonly FieldKind[] = ['seq', 'ack', 'len', 'win', 'mss', 'wscale', 'sackOK', 'ts', 'urg'];
const MARKER_ORDER: readonly MarkerName[] = ['retransmit', 'keepalive', 'duplicate'];
const CALL_ORDER: readonly CallName[] = ['listen', 'connect', 'close', 'shutdown', 'abort', 'crash'];
const OPTION_VALUES: Readonly<Record<string, readonly Item[]>> = {
  msl: [
    { label: '30s', kind: 'value', detail: 'a short MSL, as many stacks use' },
    { label: '2m', kind: 'value', detail: "RFC 9293's MSL" },
  ],
  states: [
    { label: 'changes', kind: 'value', detail: 'state notes where a state changes (default)' },
    { label: 'all', kind: 'value', detail: 'state notes after every step' },
    { label: 'none', kind: 'value', detail: 'no state notes' },
  ],
  numbers: [
    { label: 'as-written', kind: 'value', detail: 'seq/ack as the script writes them (default)' },
    { label: 'absolute', kind: 'value', detail: 'seq/ack as absolute numbers' },
  ],
};

export function completions(text: string, analysis: Analysis, position: Position): CompletionItem[] {
  const line = sourceLines(text).lines[position.line] ?? '';
  const prefix = line.slice(0, position.character);
  if (commentStart(prefix) >= 0 || insideString(prefix)) return [];
  const body = prefix.slice(indentationOf(prefix).length);
  const rest = line.slice(position.character);
  const restBlank = rest.trim() === '' || rest.trimStart().startsWith('#');
  const { items, partial } = itemsFor(body, analysis, position.line, restBlank);
  const range = { start: { line: position.line, character: position.character - partial.length }, end: position };
  return items.map((item) => ({ ...item, range }));
}

function insideString(prefix: string): boolean {
  return (prefix.replace(STRINGS, '').match(/"/g)?.length ?? 0) % 2 === 1;
}

function itemsFor(body: string, analysis: Analysis, line: number, restBlank: boolean): { items: Item[]; partial: string } {
  const segment = SEGMENT.exec(body);
  if (segment) return segmentItems(analysis, line, segment[1], segment[2], segment[3], restBlank);

  const peer = PEER.exec(body);
  if (peer) return { items: endpoints(analysis, line, peer[1]), partial: peer[2] ?? '' };

  const call = CALL.exec(body);
  if (call && !KEYWORDS.some(([k]) => k === call[1])) {
    return { items: CALL_ORDER.map((c) => ({ label: c, kind: 'call', detail: CALLS[c].title })), partial: call[2] };
  }

  const first = FIRST_WORD.exec(body);
  if (first && first[2] !== undefined && KEYWORDS.some(([k]) => k === first[1])) {
    return keywordItems(analysis, first[1], first[2], line);
  }
  if (body === '' || (first && first[2] === undefined)) {
    const block = scriptIndex(analysis).blocks[line];
    const inBlock = block !== undefined && line > block.line;
    const keywords: Item[] = KEYWORDS.filter(([k]) => !inBlock || k === 'end').map(([label, detail]) => ({
      label,
      kind: 'keyword',
      insertText: label === 'simultaneous' || label === 'end' ? label : `${label} `,
      detail,
    }));
    return { items: [...starters(analysis, line), ...keywords, ...endpoints(analysis, line)], partial: first?.[1] ?? '' };
  }

  const arrow = ARROW_START.exec(body);
  if (arrow) return { items: [...ARROWS], partial: arrow[1] };
  return { items: [], partial: '' };
}

/** What a new line may start with: the next segments, or in a script with no endpoint yet, a client and a listening server. */
function starters(analysis: Analysis, line: number): Item[] {
  if (analysis.endpoints.length === 0) {
    return [{ label: 'participant client, participant server listen', kind: 'keyword', insertText: 'participant ${1:client}\nparticipant ${2:server} listen\n$0', snippet: true, detail: 'two endpoints: a client and a server listening for it' }];
  }
  return nextSegments(analysis, line).map((s) => ({ label: s.text, kind: 'segment', insertText: s.snippet, snippet: true, detail: s.detail }));
}

/**
 * The endpoints to offer: the declared ones when the script declares any (others are errors),
 * else those used so far — but not a name only the line being typed uses, a partial word.
 */
function endpoints(analysis: Analysis, line: number, except?: string): Item[] {
  const declares = analysis.endpoints.some((e) => e.declaredAt !== undefined);
  return analysis.endpoints
    .filter((e) => e.name !== except && (declares ? e.declaredAt !== undefined : e.firstUse !== line))
    .map((e) => ({ label: e.name, kind: 'endpoint' as const, detail: e.address ?? (declares ? 'participant' : 'endpoint') }));
}

// ---- segments ----------------------------------------------------------------------------

function segmentItems(analysis: Analysis, line: number, sender: string, arrow: string, afterArrow: string, restBlank: boolean): { items: Item[]; partial: string } {
  const receiver = RECEIVER.exec(afterArrow);
  if (receiver) {
    const items = endpoints(analysis, line, sender).map((e) => (restBlank ? { ...e, insertText: `${e.label}: ` } : e));
    // A `~>` segment needs a label of its own, which a proposed line does not have.
    const head = `${sender} -> `;
    const whole = restBlank && arrow !== '~>'
      ? nextSegments(analysis, line)
          .filter((s) => s.from === sender)
          .map((s): Item => ({ label: s.text.slice(head.length), kind: 'segment', insertText: s.snippet.slice(head.length), snippet: true, detail: s.detail }))
      : [];
    return { items: [...whole, ...items], partial: receiver[1] ?? '' };
  }
  const after = AFTER_RECEIVER.exec(afterArrow);
  if (!after) return { items: [], partial: '' };
  const tokens = after[3].replace(STRINGS, ' "" ').split(/\s+/);
  const partial = tokens.pop() ?? '';
  const written = tokens.filter((t) => t !== '');
  if (written.includes('as')) return { items: [], partial };

  const flagsWritten = new Set<string>();
  let inFlags = true;
  for (const token of written) {
    const words = flagWords(token);
    if (words === undefined) inFlags = false;
    else if (inFlags) words.forEach((w) => flagsWritten.add(w));
  }

  const equals = partial.indexOf('=');
  if (equals >= 0) {
    const field = partial.slice(0, equals).toLowerCase();
    const value = partial.slice(equals + 1);
    if (field !== 'seq' && field !== 'ack') return { items: [], partial: value };
    const symbols = [...analysis.symbols].map(([name, b]): Item => ({ label: name, kind: 'value', detail: `= ${b.value} (bound on line ${b.line + 1})` }));
    return { items: symbols, partial: value };
  }

  const separator = Math.max(partial.lastIndexOf('+'), partial.lastIndexOf(','), partial.lastIndexOf('/'));
  const lastWritten = written[written.length - 1];
  if (inFlags && (separator >= 0 || (lastWritten !== undefined && /[+,/]$/.test(lastWritten)))) {
    flagWords(partial.slice(0, separator + 1))?.forEach((w) => flagsWritten.add(w));
    return { items: flagItems(flagsWritten), partial: partial.slice(separator + 1) };
  }
  if (inFlags && written.length === 0) return { items: flagsInState(analysis, line, sender, after[1], flagsWritten), partial };

  const present = new Set(written.map((t) => t.split('=')[0].toLowerCase()));
  const fields = FIELD_ORDER.filter((f) => !present.has(f.toLowerCase())).map(
    (f): Item => ({ label: f === 'sackOK' ? f : `${f}=`, kind: 'field', detail: FIELDS[f].title }),
  );
  const markers = MARKER_ORDER.filter((m) => !present.has(m)).map((m): Item => ({ label: m, kind: 'marker', detail: MARKERS[m].title }));
  return { items: [...fields, ...markers, { label: 'as', kind: 'keyword', insertText: 'as ', detail: 'name the segment' }], partial };
}

/** The flags a token spells (`SYN+ACK`, `S.`, `ack,`), or undefined when it is not flags. */
function flagWords(token: string): string[] | undefined {
  const words: string[] = [];
  for (const word of token.split(/[+,/]/)) {
    if (word === '') continue;
    const upper = word.toUpperCase();
    if ((FLAG_NAMES as readonly string[]).includes(upper)) words.push(upper);
    else if (COMPACT.test(word)) for (const c of word) words.push(COMPACT_FLAGS[c]);
    else return undefined;
  }
  return words;
}

const COMPACT_FLAGS: Readonly<Record<string, string>> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', U: 'URG', E: 'ECE', W: 'CWR', '.': 'ACK' };

function flagItems(written: ReadonlySet<string>): Item[] {
  return FLAG_ORDER.filter((f) => !written.has(f)).map((f) => ({ label: f, kind: 'flag', detail: FLAGS[f].title }));
}

/**
 * Every flag and usual combination, led by what the sender owes the receiver (with its
 * numbers) and then what the sender's state lets it send.
 */
function flagsInState(analysis: Analysis, line: number, sender: string, receiver: string, written: ReadonlySet<string>): Item[] {
  const all = [...flagItems(written), ...COMBINATIONS];
  const index = scriptIndex(analysis).endpointIndex;
  const from = index.get(sender);
  const to = index.get(receiver);
  if (from === undefined || to === undefined || written.size > 0) return all;
  const state = snapshotBeforeLine(analysis, line)[from].state;
  const head = `${sender} -> ${receiver}: `;
  const owedFlags = new Set(owedBefore(analysis, line).filter((o) => o.from === from && (o.to === to || o.to < 0)).map((o) => o.flags));
  const first: Item[] = nextSegments(analysis, line)
    .filter((s) => s.owed !== undefined && s.text.startsWith(head) && owedFlags.has(s.text.slice(head.length).split(' ')[0]))
    .map((s) => ({ label: s.text.slice(head.length).split(' ')[0], kind: 'flag', insertText: s.snippet.slice(head.length), snippet: true, detail: s.detail }));
  for (const flags of flagsFor(state)) {
    const item = all.find((i) => i.label === flags);
    if (item && !first.some((f) => f.label === flags)) first.push({ ...item, detail: `${sender} is ${state}: ${item.detail}` });
  }
  return [...first, ...all.filter((i) => !first.some((f) => f.label === i.label))];
}

// ---- keyword statements ------------------------------------------------------------------

function keywordItems(analysis: Analysis, keyword: string, rest: string, line: number): { items: Item[]; partial: string } {
  const none = { items: [], partial: '' };
  switch (keyword) {
    case 'expect': {
      const item = rest.slice(rest.lastIndexOf(',') + 1);
      const peer = PEER.exec(item);
      if (peer) return { items: endpoints(analysis, line, peer[1]), partial: peer[2] ?? '' };
      const states = snapshotBeforeLine(analysis, line);
      const name = PARTIAL_NAME.exec(item);
      if (name) {
        const all = analysis.endpoints.map((e, i) => `${e.name} ${states[i].state}`).join(', ');
        const here: Item[] = !rest.includes(',') && analysis.endpoints.length > 1 ? [{ label: all, kind: 'state', detail: 'the states here' }] : [];
        return { items: [...here, ...endpoints(analysis, line)], partial: name[1] ?? '' };
      }
      const state = EXPECT_STATE.exec(item);
      if (!state) return none;
      const endpoint = scriptIndex(analysis).endpointIndex.get(item.trim().split(/\s+/)[0]);
      const actual = endpoint === undefined ? undefined : states[endpoint].state;
      const items = TCP_STATES.map((s): Item => ({ label: s, kind: 'state', detail: s === actual ? `its state here: ${STATES[s]}` : STATES[s] }));
      if (actual !== undefined) items.unshift(...items.splice(TCP_STATES.indexOf(actual), 1));
      return { items, partial: state[1] };
    }
    case 'note': {
      if (rest.includes(':')) return none;
      const name = PARTIAL_NAME.exec(rest.slice(rest.lastIndexOf(',') + 1));
      return name ? { items: endpoints(analysis, line), partial: name[1] ?? '' } : none;
    }
    case 'option': {
      const value = /^\s+(msl|states|numbers)\s*=\s*(\S*)$/.exec(rest);
      if (value) return { items: [...OPTION_VALUES[value[1]]], partial: value[2] };
      const key = /^\s+([^\s=]*)$/.exec(rest);
      if (!key) return none;
      const keys: Item[] = [
        { label: 'msl=', kind: 'option', detail: 'Maximum Segment Lifetime (default 2m)' },
        { label: 'states=', kind: 'option', detail: 'state notes: changes, all or none' },
        { label: 'numbers=', kind: 'option', detail: 'seq/ack labels: as-written or absolute' },
      ];
      return { items: keys, partial: key[1] };
    }
    case 'wait': {
      const duration = /^\s+(\S*)$/.exec(rest);
      if (!duration) return none;
      const msl = analysis.options.mslMs / 1000;
      const items: Item[] = [
        { label: '2MSL', kind: 'value', detail: `${2 * msl} s: TIME-WAIT ends` },
        { label: 'MSL', kind: 'value', detail: `${msl} s` },
      ];
      return { items, partial: duration[1] };
    }
    case 'deliver': {
      const label = new RegExp(`^\\s+(${IDENT})?$`).exec(rest);
      return label ? { items: inFlightLabels(analysis, line), partial: label[1] ?? '' } : none;
    }
    case 'participant': {
      const attributes = new RegExp(`^\\s+${IDENT}\\s+(.*)$`).exec(rest);
      if (!attributes) return none;
      const tokens = attributes[1].replace(STRINGS, ' "" ').split(/\s+/);
      const partial = tokens.pop() ?? '';
      if (partial.includes('=') || partial.startsWith('"') || tokens[tokens.length - 1] === 'as') return none;
      const present = new Set(tokens.map((t) => t.split('=')[0]));
      const items: Item[] = [
        { label: 'listen', kind: 'keyword', detail: 'starts in LISTEN (passive open)' },
        { label: 'unchecked', kind: 'keyword', detail: 'a packet injector: its sends are not checked' },
        { label: 'isn=', kind: 'keyword', detail: 'initial sequence number' },
        { label: 'keepalive=', kind: 'keyword', detail: 'keep-alive idle time' },
        { label: 'as', kind: 'keyword', insertText: 'as "', detail: 'a display label' },
      ];
      return { items: items.filter((i) => !present.has(i.label.replace('=', ''))), partial };
    }
    default:
      return none;
  }
}

/** Labels of `~>` segments sent before `line` and not delivered before it. */
function inFlightLabels(analysis: Analysis, line: number): Item[] {
  const waiting = new Map<string, number>();
  for (const stmt of analysis.script.statements) {
    if (stmt.line >= line) break;
    const segments = stmt.kind === 'simultaneous' ? stmt.segments : stmt.kind === 'segment' ? [stmt] : [];
    for (const s of segments) if (s.arrow === '~>' && s.label) waiting.set(s.label.name, s.line);
    if (stmt.kind === 'deliver') waiting.delete(stmt.label.name);
  }
  return [...waiting].map(([label, sentAt]) => ({ label, kind: 'value', detail: `sent with ~> on line ${sentAt + 1}` }));
}
