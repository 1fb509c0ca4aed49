// Whether a quick fix fixes: applied alone, the diagnostic it answers is gone and no other
// error appears. A fix can be right for its own line and still not fix the script: changing an
// expectation to what happened lets a later expectation, which held only because the engine
// had taken the author's word, fail in its turn; a typo fixed on one line leaves the name's
// other uses unknown. Such a fix is not offered.

import type { Analysis } from '../analysis';
import type { Diagnostic } from '../diagnostics';
import { simulate } from '../engine/simulate';
import { parse } from '../syntax/parser';
import type { Position } from '../syntax/range';
import type { TextEdit } from './document';

/**
 * Above this many lines fixes are offered without being checked: checking analyses the whole
 * script once per fix, and code actions are asked for as the cursor moves.
 */
export const VERIFIED_FIXES_MAX_LINES = 5_000;

const LINE_BREAK = /\r\n|\r|\n/g;

/** `text` with `edits` applied; they do not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (const lineBreak of text.matchAll(LINE_BREAK)) starts.push(lineBreak.index + lineBreak[0].length);
  const at = (p: Position) => (starts[p.line] ?? text.length) + p.character;
  for (const e of [...edits].sort((a, b) => at(b.range.start) - at(a.range.start))) {
    text = text.slice(0, at(e.range.start)) + e.newText + text.slice(at(e.range.end));
  }
  return text;
}

/** Whether applying `edits` to `text` removes `target` and adds no error elsewhere. */
export function fixes(text: string, analysis: Analysis, target: Diagnostic, edits: readonly TextEdit[]): boolean {
  const parsed = parse(applyEdits(text, edits));
  const after = simulate(parsed.script, parsed.diagnostics, analysis.options.mslMs).diagnostics;
  const toOld = oldLines(edits);
  const line = target.range.start.line;
  // A line may hold several diagnostics of one code (an expect of two endpoints): one fewer.
  const before = analysis.diagnostics.filter((d) => d.code === target.code && d.range.start.line === line).length;
  const remaining = after.filter((d) => d.code === target.code && toOld(d.range.start.line) === line).length;
  if (remaining >= before) return false;
  const errorsBefore = errorCounts(analysis.diagnostics, (l) => l);
  // The engine reports one error per line: another mistake on the fixed line was there before.
  for (const [key, n] of errorCounts(after, toOld)) {
    if (key.endsWith(`@${line}`)) continue;
    if (n > (errorsBefore.get(key) ?? 0)) return false;
  }
  return true;
}

/** How many errors of each `code@line`, by the line before the edit (a negative line for an added one). */
function errorCounts(diagnostics: readonly Diagnostic[], toOld: (line: number) => number | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    const key = `${d.code}@${toOld(d.range.start.line) ?? -1 - d.range.start.line}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * For each line after the edits, the line it was before them, or undefined for a line they
 * added. A whole line inserted at a line's start pushes that line down; one added at a line's
 * end follows it.
 */
function oldLines(edits: readonly TextEdit[]): (line: number) => number | undefined {
  const shifts = edits
    .map((e) => ({ at: e.range.start, added: (e.newText.match(LINE_BREAK) ?? []).length - (e.range.end.line - e.range.start.line) }))
    .filter((s) => s.added > 0)
    .sort((a, b) => a.at.line - b.at.line);
  return (line) => {
    let offset = 0;
    for (const { at, added } of shifts) {
      const first = at.line + offset + (at.character === 0 ? 0 : 1);
      if (line < first) break;
      if (line < first + added) return undefined;
      offset += added;
    }
    return line - offset;
  };
}
