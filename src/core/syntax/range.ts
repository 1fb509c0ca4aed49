// Positions and ranges in a script: 0-based line and UTF-16 character, as in LSP and VS Code.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

export function spanRanges(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}
