// Completions from what the line holds before the cursor, read leniently: the line is being
// typed, so it is usually not a valid statement yet. The context decides what is offered:
// statements and names at the start, arrows after a name, receivers after an arrow, flags,
// then fields and markers after the receiver, names and states in `expect`, calls after
// `name:`, option keys and values, durations after `wait`, labels after `deliver`.

import type { Analysis } from '../analysis';
import { FLAG_NAMES, type CallName, type FieldKind, type MarkerName } from '../syntax/ast';
import type { Position, Range } from '../syntax/range';
import { TCP_STATES } from '../states';
import { commentStart, indentationOf, sourceLines } from './document';
import { CALLS, FIELDS, FLAGS, MARKERS, STATES } from './explanations';
import { scriptIndex } from './scriptIndex';

export type CompletionKind = 'keyword' | 'endpoint' | 'flag' | 'field' | 'state' | 'call' | 'marker' | 'option' | 'value';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** What to insert when it differs from the label (`seq=`, `participant `). */
  readonly insertText?: string;
  readonly detail?: string;
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
  if (segment) return segmentItems(analysis, line, segment[1], segment[3], restBlank);

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
    return { items: [...keywords, ...endpoints(analysis, line)], partial: first?.[1] ?? '' };
  }

  const arrow = ARROW_START.exec(body);
  if (arrow) return { items: [...ARROWS], partial: arrow[1] };
  return { items: [], partial: '' };
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

function segmentItems(analysis: Analysis, line: number, sender: string, afterArrow: string, restBlank: boolean): { items: Item[]; partial: string } {
  const receiver = RECEIVER.exec(afterArrow);
  if (receiver) {
    const items = endpoints(analysis, line, sender).map((e) => (restBlank ? { ...e, insertText: `${e.label}: ` } : e));
    return { items, partial: receiver[1] ?? '' };
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
  if (inFlags && written.length === 0) return { items: [...flagItems(flagsWritten), ...COMBINATIONS], partial };

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

// ---- keyword statements ------------------------------------------------------------------

function keywordItems(analysis: Analysis, keyword: string, rest: string, line: number): { items: Item[]; partial: string } {
  const none = { items: [], partial: '' };
  switch (keyword) {
    case 'expect': {
      const item = rest.slice(rest.lastIndexOf(',') + 1);
      const peer = PEER.exec(item);
      if (peer) return { items: endpoints(analysis, line, peer[1]), partial: peer[2] ?? '' };
      const name = PARTIAL_NAME.exec(item);
      if (name) return { items: endpoints(analysis, line), partial: name[1] ?? '' };
      const state = EXPECT_STATE.exec(item);
      if (!state) return none;
      const items = TCP_STATES.map((s): Item => ({ label: s, kind: 'state', detail: STATES[s] }));
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
