// Parses `expect <name> <STATE>[, <name> <STATE>]…`, with every accepted state spelling and a
// suggestion for the others.

import type { ConnectionRef, ExpectItem, ExpectStatement, Identifier } from './ast';
import { readConnectionRef } from './parseConnection';
import { readName } from './parseValues';
import { Char, shorten, type Scanner } from './scanner';
import { parseStateName, stateLabel, TCP_STATES, type TcpState } from '../states';
import { editDistance } from './suggest';

/** Every spelling `parseStateName` accepts, normalised, with its state: the candidates for suggestions. */
const STATE_SPELLINGS: readonly { readonly key: string; readonly state: TcpState }[] = TCP_STATES.flatMap((state) => [
  { key: normalizeState(state), state },
  { key: normalizeState(stateLabel(state, 'netstat')), state },
]);

function normalizeState(name: string): string {
  return name.toUpperCase().replace(/[-_ ]/g, '');
}

function closestState(written: string): TcpState | undefined {
  const key = normalizeState(written);
  const max = key.length <= 6 ? 2 : 3;
  let best: TcpState | undefined;
  let bestDistance = max + 1;
  for (const spelling of STATE_SPELLINGS) {
    const d = editDistance(key, spelling.key, bestDistance - 1);
    if (d < bestDistance) {
      best = spelling.state;
      bestDistance = d;
    }
  }
  return best;
}

/** `expect <name> <STATE>[, <name> <STATE>]…`. */
export function parseExpect(sc: Scanner, kwStart: number, kwEnd: number): ExpectStatement | undefined {
  const items: ExpectItem[] = [];
  let afterStart = kwStart;
  let afterEnd = kwEnd;
  for (;;) {
    const missing =
      items.length === 0
        ? 'expect needs an endpoint and its state, e.g. expect client ESTABLISHED'
        : `an endpoint and its state must follow ',', e.g. expect client ESTABLISHED, server ESTABLISHED`;
    const endpoint = readName(sc, afterStart, afterEnd, missing, 'an endpoint name', true);
    if (endpoint === undefined) break;
    const connection = readConnectionRef(sc, sc.pos);
    const nameEnd = sc.pos;
    sc.skipSpaces();
    const stateStart = sc.pos;
    const stateEnd = sc.tokenEnd(stateStart, Char.Comma);
    if (stateEnd === stateStart) {
      sc.report(
        'syntax.missing',
        nameEnd - endpoint.name.length,
        nameEnd,
        `a state must follow '${endpoint.name}', e.g. expect ${endpoint.name} ESTABLISHED`,
      );
    } else {
      sc.pos = stateEnd;
      items.push(readExpectItem(sc, endpoint, connection, stateStart, stateEnd));
    }
    sc.skipSpaces();
    if (sc.atEnd()) break;
    if (sc.peek() === Char.Comma) {
      afterStart = sc.pos;
      afterEnd = ++sc.pos;
      continue;
    }
    const tokenEnd = sc.runEnd(sc.pos);
    sc.report('syntax.missing', sc.pos, tokenEnd, `expected ',' before '${shorten(sc.slice(sc.pos, tokenEnd))}': items are separated by commas`);
    afterStart = sc.pos;
    afterEnd = tokenEnd;
  }
  if (items.length === 0) return undefined;
  return { kind: 'expect', line: sc.line, range: sc.lineRange(), items };
}

function readExpectItem(sc: Scanner, endpoint: Identifier, connection: ConnectionRef | undefined, start: number, end: number): ExpectItem {
  const stateText = sc.slice(start, end);
  const stateRange = sc.range(start, end);
  const state = parseStateName(stateText);
  if (state === undefined) {
    const suggestion = closestState(stateText);
    sc.report(
      'syntax.unknown-state',
      start,
      end,
      `unknown state '${shorten(stateText)}': ${suggestion === undefined ? '' : `did you mean ${suggestion}? `}expected one of ${TCP_STATES.join(', ')}`,
      suggestion === undefined ? undefined : sc.replacement(start, end, suggestion),
    );
  }
  return { endpoint, ...(connection && { connection }), stateText, state, stateRange };
}
