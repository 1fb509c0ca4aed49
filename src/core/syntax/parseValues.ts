// Values inside statements: names, 32-bit numbers, durations and sequence expressions (`x+1`).
// Each reader is given the token's offsets on the current line and reports its own errors.

import { refEnd } from './parseConnection';
import type { Duration, Identifier, NumberValue, SeqExpr } from './ast';
import { Char, isDigit, isHexDigit, isIdentChar, isIdentStart, shorten, type Scanner } from './scanner';

/**
 * The identifier at the read position. When there is none, reports `missing` on
 * `afterStart..afterEnd` (what it should follow) at the end of the line, or what was found.
 * With `connection`, a `:port` or `(peer)` may follow the name (the caller reads it).
 */
export function readName(sc: Scanner, afterStart: number, afterEnd: number, missing: string, what: string, connection = false): Identifier | undefined {
  sc.skipSpaces();
  const start = sc.pos;
  if (sc.atEnd()) {
    sc.report('syntax.missing', afterStart, afterEnd, missing);
    return undefined;
  }
  const end = sc.identEnd(start);
  const run = connection ? Math.max(end, sc.tokenEnd(refEnd(sc, end), Char.Comma, Char.Colon)) : sc.tokenEnd(start, Char.Comma, Char.Colon);
  if (end === start || (connection ? refEnd(sc, end) < run : end < run)) {
    const tokenEnd = Math.max(run, start + 1);
    sc.report(
      'syntax.unexpected-token',
      start,
      tokenEnd,
      `expected ${what} (letters, digits and _), found '${shorten(sc.slice(start, tokenEnd))}'`,
    );
    return undefined;
  }
  sc.pos = end;
  return sc.identifier(start, end);
}

export const MAX_UINT32 = 4294967295;

const MALFORMED = -1;
const TOO_LARGE = -2;

/** The decimal or `0x` hex number exactly spanning `start..end`, MALFORMED or TOO_LARGE. */
function uint32At(text: string, start: number, end: number): number {
  if (start >= end) return MALFORMED;
  let value = 0;
  if (end - start > 2 && text.charCodeAt(start) === Char.Zero && (text.charCodeAt(start + 1) | 0x20) === Char.LowerX) {
    for (let i = start + 2; i < end; i++) {
      const c = text.charCodeAt(i);
      if (!isHexDigit(c)) return MALFORMED;
      value = value * 16 + (c <= Char.Nine ? c - Char.Zero : (c | 0x20) - 87);
    }
  } else {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (!isDigit(c)) return MALFORMED;
      value = value * 10 + (c - Char.Zero);
    }
  }
  return value > MAX_UINT32 ? TOO_LARGE : value;
}

/** Reports a number that is not one; `what` names its place (`len`, `isn`…). */
function reportBadNumber(sc: Scanner, start: number, end: number, what: string, value: number): void {
  const text = shorten(sc.slice(start, end));
  sc.report(
    'syntax.bad-number',
    start,
    end,
    value === TOO_LARGE
      ? `${what}: ${text} is too large; numbers go from 0 to ${MAX_UINT32} (32 bits)`
      : `${what}: '${text}' is not a number; expected a decimal number like 1460 or a hex number like 0x5b4`,
  );
}

export function readNumber(sc: Scanner, start: number, end: number, what: string): NumberValue | undefined {
  const value = uint32At(sc.text, start, end);
  if (value < 0) {
    reportBadNumber(sc, start, end, what, value);
    return undefined;
  }
  return { value, range: sc.range(start, end) };
}

/** `100`, `x`, `x+1`, `y-1`: a number, or a symbol with an optional offset. */
export function readSeqExpr(sc: Scanner, start: number, end: number, what: string): SeqExpr | undefined {
  const text = sc.text;
  const first = text.charCodeAt(start);
  if (isDigit(first)) {
    const value = uint32At(text, start, end);
    if (value < 0) {
      reportBadNumber(sc, start, end, what, value);
      return undefined;
    }
    return { offset: value, range: sc.range(start, end) };
  }
  if (!isIdentStart(first)) {
    sc.report(
      'syntax.bad-number',
      start,
      end,
      `${what}: '${shorten(sc.slice(start, end))}' is not a number or a symbol; expected e.g. ${what}=100, ${what}=x or ${what}=x+1`,
    );
    return undefined;
  }
  let symbolEnd = start + 1;
  while (symbolEnd < end && isIdentChar(text.charCodeAt(symbolEnd))) symbolEnd++;
  const symbol = text.slice(start, symbolEnd);
  if (symbolEnd === end) return { symbol, offset: 0, range: sc.range(start, end) };
  const sign = text.charCodeAt(symbolEnd);
  if (sign !== Char.Plus && sign !== Char.Minus) {
    sc.report(
      'syntax.unexpected-token',
      symbolEnd,
      end,
      `${what}: unexpected '${shorten(sc.slice(symbolEnd, end))}' after '${symbol}'; an offset is written ${symbol}+1 or ${symbol}-1`,
    );
    return undefined;
  }
  if (symbolEnd + 1 === end) {
    sc.report('syntax.missing', symbolEnd, end, `${what}: a number must follow '${symbol}${sc.slice(symbolEnd, end)}', e.g. ${symbol}+1`);
    return undefined;
  }
  const magnitude = uint32At(text, symbolEnd + 1, end);
  if (magnitude < 0) {
    reportBadNumber(sc, symbolEnd + 1, end, `${what} offset`, magnitude);
    return undefined;
  }
  return { symbol, offset: sign === Char.Minus ? -magnitude : magnitude, range: sc.range(start, end) };
}

function unitMs(unit: string): number | undefined {
  switch (unit) {
    case 'ms':
      return 1;
    case 's':
      return 1000;
    case 'm':
      return 60_000;
    case 'h':
      return 3_600_000;
    default:
      return undefined;
  }
}
const DURATION_HINT = 'expected a duration like 30s, 200ms, 2m, 1h or 2MSL';

/**
 * `30s`, `1.5m`, `200ms`, `1h`, or `MSL`/`2MSL`/`<n>MSL` (case-insensitive), which the engine
 * multiplies by the script's MSL. With `allowMsl` false (the MSL itself) only times are accepted.
 */
export function readDuration(sc: Scanner, start: number, end: number, allowMsl = true): Duration | undefined {
  const text = sc.text;
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  const integerEnd = i;
  let fractionDigits = 0;
  if (i > start && i < end && text.charCodeAt(i) === Char.Dot) {
    i++;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    fractionDigits = i - integerEnd - 1;
  }
  const written = text.slice(start, end);
  const unit = text.slice(i, end).toLowerCase();
  const badFraction = i > integerEnd && fractionDigits === 0;
  const value = integerEnd === start ? 1 : Number(text.slice(start, i));
  if (unit === 'msl' && !badFraction) {
    if (!allowMsl) {
      sc.report('syntax.bad-duration', start, end, `'${shorten(written)}': the MSL itself must be a time like 30s or 2m, not a multiple of MSL`);
      return undefined;
    }
    return { ms: 0, mslMultiple: value, text: written, range: sc.range(start, end) };
  }
  const factor = unitMs(unit);
  const malformedNumber = integerEnd === start || badFraction;
  if (malformedNumber || factor === undefined) {
    const why = malformedNumber
      ? ''
      : unit === ''
        ? ' has no unit'
        : ` has an unknown unit '${shorten(text.slice(i, end))}'`;
    sc.report('syntax.bad-duration', start, end, `'${shorten(written)}'${why || ' is not a duration'}: ${DURATION_HINT}`);
    return undefined;
  }
  const ms = Math.round(value * factor * 1000) / 1000;
  if (!Number.isFinite(ms) || ms > Number.MAX_SAFE_INTEGER) {
    sc.report('syntax.bad-duration', start, end, `'${shorten(written)}' is too long: ${DURATION_HINT}`);
    return undefined;
  }
  return { ms, text: written, range: sc.range(start, end) };
}
