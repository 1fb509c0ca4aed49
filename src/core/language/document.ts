// The source text as lines, for the services that read or edit it, and the edit type they
// return. Characters are UTF-16 code units, as in Range.

import type { Position, Range } from '../syntax/range';
import { isSpace } from '../syntax/scanner';

/** Replace the text at `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface SourceLines {
  /** Every line without its line break; as many as the parser counts. */
  readonly lines: readonly string[];
  /** The document's line break, taken from its first line. */
  readonly eol: '\n' | '\r\n' | '\r';
  readonly endsWithNewline: boolean;
}

// Several services run on the same text per keystroke (hover, inlay hints, completions):
// remember the last split instead of splitting again.
let lastText: string | undefined;
let lastLines: SourceLines | undefined;

export function sourceLines(text: string): SourceLines {
  if (text === lastText && lastLines !== undefined) return lastLines;
  // The scanner's line breaks: `\r\n`, `\n` and a lone `\r`.
  const lines = text.split(/\r\n|\r|\n/);
  const firstBreak = /\r\n|\r|\n/.exec(text);
  const eol = firstBreak === null ? '\n' : (firstBreak[0] as SourceLines['eol']);
  lastText = text;
  lastLines = { lines, eol, endsWithNewline: /[\r\n]$/.test(text) };
  return lastLines;
}

/** Where the `#` of the line's comment is (outside strings, as the scanner reads it), or -1. */
export function commentStart(line: string): number {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 35) {
      return i;
    }
  }
  return -1;
}

/** The blanks a line starts with. */
export function indentationOf(line: string): string {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return line.slice(0, i);
}

export function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

export function point(line: number, character: number): Position {
  return { line, character };
}

export function insertAt(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** Whether `position` touches `range` (its end included, as a cursor after a word is on it). */
export function touches(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

/**
 * The first candidate whose range contains `position`, preferring one that starts at or
 * before it and ends after it over one that merely ends there (`S.`: on the `.`, not the `S`).
 */
export function pickAt<T extends { readonly range: Range }>(candidates: readonly T[], position: Position): T | undefined {
  let touching: T | undefined;
  for (const candidate of candidates) {
    if (!touches(candidate.range, position)) continue;
    const { end } = candidate.range;
    if (end.line !== position.line || end.character !== position.character) return candidate;
    touching ??= candidate;
  }
  return touching;
}
