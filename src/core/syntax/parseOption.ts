// Parses `option msl=<duration>`, `option states=changes|all|none` and
// `option numbers=as-written|absolute`.

import type { OptionSetting, OptionStatement } from './ast';
import { readDuration } from './parseValues';
import { Char, shorten, type Scanner } from './scanner';
import { closest, listOf } from './suggest';

const OPTION_KEYS = ['msl', 'states', 'numbers'] as const;
const STATES_VALUES = ['changes', 'all', 'none'] as const;
const NUMBERS_VALUES = ['as-written', 'absolute'] as const;

/** `option msl=<duration>` | `option states=changes|all|none` | `option numbers=as-written|absolute`. */
export function parseOption(sc: Scanner, kwStart: number, kwEnd: number): OptionStatement | undefined {
  sc.skipSpaces();
  if (sc.atEnd()) {
    sc.report('syntax.missing', kwStart, kwEnd, 'option needs a setting: msl=<duration>, states=changes|all|none or numbers=as-written|absolute');
    return undefined;
  }
  const keyStart = sc.pos;
  const keyEnd = Math.max(sc.tokenEnd(keyStart, Char.Equals), keyStart + 1);
  const key = sc.slice(keyStart, keyEnd);
  sc.pos = keyEnd;
  if (key !== 'msl' && key !== 'states' && key !== 'numbers') {
    reportUnknownOption(sc, keyStart, keyEnd, `unknown option '${shorten(key)}'`, OPTION_KEYS);
    return undefined;
  }
  sc.skipSpaces();
  if (sc.peek() !== Char.Equals) {
    sc.report('syntax.missing', keyStart, keyEnd, `option ${key} needs '=' and a value: ${key}=${optionValues(key)}`);
    return undefined;
  }
  const equals = sc.pos++;
  sc.skipSpaces();
  const valueStart = sc.pos;
  const valueEnd = sc.runEnd(valueStart);
  sc.pos = valueEnd;
  if (valueStart === valueEnd) {
    sc.report('syntax.missing', keyStart, equals + 1, `option ${key} needs a value after '=': ${key}=${optionValues(key)}`);
    return undefined;
  }
  const value = sc.slice(valueStart, valueEnd);
  let setting: OptionSetting;
  if (key === 'msl') {
    const duration = readDuration(sc, valueStart, valueEnd, false);
    if (duration === undefined) return undefined;
    setting = { key, duration };
  } else if (key === 'states') {
    if (value !== 'changes' && value !== 'all' && value !== 'none') {
      reportUnknownOption(sc, valueStart, valueEnd, `unknown value '${shorten(value)}' for option states`, STATES_VALUES);
      return undefined;
    }
    setting = { key, value };
  } else {
    if (value !== 'as-written' && value !== 'absolute') {
      reportUnknownOption(sc, valueStart, valueEnd, `unknown value '${shorten(value)}' for option numbers`, NUMBERS_VALUES);
      return undefined;
    }
    setting = { key, value };
  }
  sc.expectLineEnd(`'option ${key}=${value}'`);
  return {
    kind: 'option',
    line: sc.line,
    range: sc.lineRange(),
    setting,
    keyRange: sc.range(keyStart, keyEnd),
    valueRange: sc.range(valueStart, valueEnd),
  };
}

function optionValues(key: 'msl' | 'states' | 'numbers'): string {
  return key === 'msl' ? '<duration> (e.g. 30s)' : (key === 'states' ? STATES_VALUES : NUMBERS_VALUES).join('|');
}

function reportUnknownOption(sc: Scanner, start: number, end: number, what: string, valid: readonly string[]): void {
  const suggestion = closest(sc.slice(start, end), valid);
  sc.report(
    'syntax.unknown-option',
    start,
    end,
    `${what}: ${suggestion === undefined ? '' : `did you mean ${suggestion}? `}expected ${listOf(valid)}`,
    suggestion === undefined ? undefined : sc.replacement(start, end, suggestion),
  );
}
