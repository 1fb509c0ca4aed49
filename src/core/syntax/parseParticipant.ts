// Parses `participant <name> [<address>] [as "<label>"] [isn=<n>] [listen] [unchecked]
// [keepalive=<duration>]`: the attributes after the name and address come in any order.

import type { Duration, NumberValue, ParticipantStatement, StringLiteral } from './ast';
import { readDuration, readName, readNumber } from './parseValues';
import type { Range } from './range';
import { Char, isSpace, shorten, type Scanner } from './scanner';
import { closest } from './suggest';

const ATTRIBUTE_WORDS = ['listen', 'unchecked', 'keepalive', 'isn'];

/** `participant <name> [<address>] [as "<label>"] [isn=<n>] [listen] [unchecked] [keepalive=<duration>]`. */
export function parseParticipant(sc: Scanner, kwStart: number, kwEnd: number): ParticipantStatement | undefined {
  const name = readName(
    sc,
    kwStart,
    kwEnd,
    'participant needs a name, e.g. participant client 10.0.0.1:51000',
    "the participant's name",
  );
  if (name === undefined) return undefined;
  let address: { text: string; range: Range } | undefined;
  let label: StringLiteral | undefined;
  let isn: NumberValue | undefined;
  let listen: Range | undefined;
  let unchecked: Range | undefined;
  let keepalive: Duration | undefined;
  let attributeSeen = false;
  const duplicate = (start: number, end: number, what: string): void =>
    sc.report('syntax.duplicate', start, end, `${what} is given twice for participant ${name.name}`);

  for (;;) {
    sc.skipSpaces();
    if (sc.atEnd()) break;
    const start = sc.pos;
    const wordEnd = sc.wordEnd(start);
    const after = sc.charAt(wordEnd);
    const word = sc.slice(start, wordEnd);
    if (word === 'as' && (after === -1 || after === Char.Quote || isSpace(after))) {
      sc.pos = wordEnd;
      sc.skipSpaces();
      attributeSeen = true;
      if (sc.peek() !== Char.Quote) {
        if (sc.atEnd()) {
          sc.report('syntax.missing', start, wordEnd, `a quoted label must follow 'as', e.g. as "Web server"`);
        } else {
          const tokenStart = sc.pos;
          sc.pos = sc.runEnd(tokenStart);
          const token = sc.slice(tokenStart, sc.pos);
          sc.report(
            'syntax.unexpected-token',
            tokenStart,
            sc.pos,
            `a label is quoted: write as "${shorten(token)}"`,
            sc.replacement(tokenStart, sc.pos, `"${token}"`),
          );
        }
        continue;
      }
      const literal = sc.scanString();
      if (label !== undefined) duplicate(start, sc.pos, 'the label');
      else label = literal;
      continue;
    }
    if (after === Char.Equals && wordEnd > start) {
      const valueStart = wordEnd + 1;
      const valueEnd = sc.runEnd(valueStart);
      sc.pos = valueEnd;
      attributeSeen = true;
      if (word !== 'isn' && word !== 'keepalive') {
        const suggestion = closest(word, ['isn', 'keepalive']);
        sc.report(
          'syntax.unexpected-token',
          start,
          wordEnd,
          `unknown participant attribute '${shorten(word)}': ${suggestion === undefined ? 'expected isn=<n> or keepalive=<duration>' : `did you mean ${suggestion}?`}`,
          suggestion === undefined ? undefined : sc.replacement(start, wordEnd, suggestion),
        );
        continue;
      }
      if ((word === 'isn' && isn !== undefined) || (word === 'keepalive' && keepalive !== undefined)) {
        duplicate(start, valueEnd, word);
        continue;
      }
      if (valueStart === valueEnd) {
        const example = word === 'isn' ? 'isn=1000' : 'keepalive=2h';
        sc.report('syntax.missing', start, valueStart, `${word} needs a value after '=', e.g. ${example}`);
        continue;
      }
      if (word === 'isn') isn = readNumber(sc, valueStart, valueEnd, 'isn');
      else keepalive = readDuration(sc, valueStart, valueEnd);
      continue;
    }
    const end = sc.runEnd(start);
    sc.pos = end;
    if (end === wordEnd && (word === 'listen' || word === 'unchecked')) {
      attributeSeen = true;
      if ((word === 'listen' ? listen : unchecked) !== undefined) duplicate(start, end, word);
      else if (word === 'listen') listen = sc.range(start, end);
      else unchecked = sc.range(start, end);
      continue;
    }
    if (end === wordEnd && (word === 'isn' || word === 'keepalive')) {
      attributeSeen = true;
      const example = word === 'isn' ? 'isn=1000' : 'keepalive=2h';
      sc.report('syntax.missing', start, end, `${word} needs a value, e.g. ${example}`);
      continue;
    }
    const text = sc.slice(start, end);
    const misspelt = end === wordEnd ? closest(word, ATTRIBUTE_WORDS) : undefined;
    if (misspelt !== undefined || address !== undefined) {
      const expected = 'as "<label>", isn=<n>, listen, unchecked or keepalive=<duration>';
      sc.report(
        'syntax.unexpected-token',
        start,
        end,
        misspelt === undefined
          ? `unexpected '${shorten(text)}': expected ${expected}`
          : `unexpected '${shorten(text)}': did you mean ${misspelt}?`,
        misspelt === undefined ? undefined : sc.replacement(start, end, misspelt),
      );
      continue;
    }
    address = { text, range: sc.range(start, end) };
    if (attributeSeen) {
      sc.report('syntax.misplaced', start, end, `the address '${shorten(text)}' must come right after the name ${name.name}`);
    }
  }
  return {
    kind: 'participant',
    line: sc.line,
    range: sc.lineRange(),
    name,
    address,
    label,
    isn,
    listen,
    unchecked,
    keepalive,
  };
}
