// Parses application calls and the short keyword statements (title, section, note, deliver,
// wait). Each reader starts after its first word and owns the rest of the line.

import type {
  CallName,
  CallStatement,
  DeliverStatement,
  Identifier,
  NoteStatement,
  SectionStatement,
  TitleStatement,
  WaitStatement,
} from './ast';
import { readConnectionRef } from './parseConnection';
import { readDuration, readName } from './parseValues';
import { Char, shorten, type Scanner } from './scanner';
import { closest, listOf } from './suggest';

const CALL_NAMES: readonly CallName[] = ['listen', 'connect', 'close', 'shutdown', 'abort', 'crash'];

export function isCallName(word: string): word is CallName {
  return (CALL_NAMES as readonly string[]).includes(word);
}

/** `<name>: <call>`; `nameEnd` is the end of the endpoint's name, a `:` follows. */
export function parseCall(sc: Scanner, nameStart: number, nameEnd: number): CallStatement | undefined {
  const endpoint = sc.identifier(nameStart, nameEnd);
  const connection = readConnectionRef(sc, nameEnd);
  sc.pos = sc.spacesEnd(sc.pos) + 1;
  const colon = sc.pos - 1;
  sc.skipSpaces();
  const start = sc.pos;
  if (sc.atEnd()) {
    sc.report('syntax.missing', nameStart, colon + 1, `a call must follow '${endpoint.name}:': ${listOf(CALL_NAMES)}`);
    return undefined;
  }
  const end = sc.runEnd(start);
  const word = sc.slice(start, end);
  sc.pos = end;
  if (!isCallName(word)) {
    const suggestion = closest(word, CALL_NAMES);
    sc.report(
      'syntax.unknown-call',
      start,
      end,
      `unknown call '${shorten(word)}': ${suggestion === undefined ? `expected ${listOf(CALL_NAMES)}` : `did you mean ${suggestion}?`}`,
      suggestion === undefined ? undefined : sc.replacement(start, end, suggestion),
    );
    return undefined;
  }
  sc.expectLineEnd(`'${endpoint.name}: ${word}'`);
  return { kind: 'call', line: sc.line, range: sc.lineRange(), endpoint, ...(connection && { connection }), call: word, callRange: sc.range(start, end) };
}

/** `title <text>` and `section <title>`: the rest of the line. */
export function parseTextStatement(
  sc: Scanner,
  keyword: 'title' | 'section',
  kwStart: number,
  kwEnd: number,
): TitleStatement | SectionStatement | undefined {
  sc.skipSpaces();
  if (sc.atEnd()) {
    const example = keyword === 'title' ? 'title Three-way handshake' : 'section Handshake';
    sc.report('syntax.missing', kwStart, kwEnd, `${keyword} needs its text, e.g. ${example}`);
    return undefined;
  }
  const text = sc.slice(sc.pos, sc.end).trim();
  sc.pos = sc.end;
  return keyword === 'title'
    ? { kind: 'title', line: sc.line, range: sc.lineRange(), text }
    : { kind: 'section', line: sc.line, range: sc.lineRange(), title: text };
}

/** `deliver <label>`. */
export function parseDeliver(sc: Scanner, kwStart: number, kwEnd: number): DeliverStatement | undefined {
  const label = readName(sc, kwStart, kwEnd, 'deliver needs the label of a segment sent with ~>, e.g. deliver syn1', 'a label');
  if (label === undefined) return undefined;
  sc.expectLineEnd(`'deliver ${label.name}'`);
  return { kind: 'deliver', line: sc.line, range: sc.lineRange(), label };
}

/** `wait <duration>`. */
export function parseWait(sc: Scanner, kwStart: number, kwEnd: number): WaitStatement | undefined {
  sc.skipSpaces();
  if (sc.atEnd()) {
    sc.report('syntax.missing', kwStart, kwEnd, 'wait needs a duration, e.g. wait 30s or wait 2MSL');
    return undefined;
  }
  const start = sc.pos;
  sc.pos = sc.runEnd(start);
  const duration = readDuration(sc, start, sc.pos);
  if (duration === undefined) return undefined;
  sc.expectLineEnd(`'wait ${duration.text}'`);
  return { kind: 'wait', line: sc.line, range: sc.lineRange(), duration };
}

/** `note <name>[, <name>…]: <text>`. */
export function parseNote(sc: Scanner, kwStart: number, kwEnd: number): NoteStatement | undefined {
  const endpoints: Identifier[] = [];
  let afterStart = kwStart;
  let afterEnd = kwEnd;
  for (;;) {
    const missing =
      endpoints.length === 0
        ? 'note needs the endpoints it is over and its text, e.g. note client: half-closed'
        : `an endpoint name must follow ',', e.g. note client, server: text`;
    const name = readName(sc, afterStart, afterEnd, missing, 'an endpoint name');
    if (name === undefined) return undefined;
    const nameEnd = sc.pos;
    endpoints.push(name);
    sc.skipSpaces();
    const c = sc.peek();
    if (c === Char.Comma) {
      afterStart = sc.pos;
      afterEnd = ++sc.pos;
      continue;
    }
    if (c === Char.Colon) {
      afterStart = sc.pos;
      afterEnd = ++sc.pos;
      break;
    }
    if (sc.atEnd()) {
      sc.report(
        'syntax.missing',
        nameEnd - name.name.length,
        nameEnd,
        `':' and the note text must follow '${name.name}', e.g. note ${name.name}: text`,
      );
      return undefined;
    }
    const tokenEnd = sc.runEnd(sc.pos);
    sc.report(
      'syntax.missing',
      sc.pos,
      tokenEnd,
      `expected ',' or ':' before '${shorten(sc.slice(sc.pos, tokenEnd))}', e.g. note ${name.name}: text`,
    );
    afterStart = afterEnd = sc.pos;
    break;
  }
  sc.skipSpaces();
  if (sc.atEnd()) {
    sc.report('syntax.missing', afterStart, afterEnd, `the note text must follow ':'`);
    return undefined;
  }
  const text = sc.slice(sc.pos, sc.end).trim();
  sc.pos = sc.end;
  return { kind: 'note', line: sc.line, range: sc.lineRange(), endpoints, text };
}

