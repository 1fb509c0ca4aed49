// Applies one quick fix and judges it: the diagnostic it targets must be gone and no new
// error may appear. Lines are followed across the edit, so a fix that inserts a line is
// judged on the lines as they were.

import { analyze, quickFixes, type Diagnostic, type QuickFix } from '../../src/core/index';
import { applyEdits } from '../unit/helpers/edits';

export interface FixFailure {
  readonly script: string;
  readonly diagnostic: string;
  readonly fix: string;
  readonly problem: string;
}

const BREAK = /\r\n|\r|\n/g;

function breaks(text: string): number {
  return (text.match(BREAK) ?? []).length;
}

/** Every quick fix offered for every diagnostic of `script`, each applied alone and judged. */
export function judgeFixes(script: string): FixFailure[] {
  const analysis = analyze(script);
  const failures: FixFailure[] = [];
  for (const d of analysis.diagnostics) {
    for (const fix of quickFixes(script, analysis, d)) {
      const problem = judge(script, d, fix, analysis.diagnostics);
      if (problem !== undefined) failures.push({ script, diagnostic: `${d.code}@${d.range.start.line + 1}: ${d.message}`, fix: fix.title, problem });
    }
  }
  return failures;
}

function key(d: Diagnostic, line = d.range.start.line): string {
  return `${d.code}@${line}`;
}

/**
 * For each line of the fixed script, the line it was before the fix, or undefined for a line
 * the fix added. Edits are on distinct lines; each adds `k` line breaks: a whole line
 * inserted at a line's start pushes that line down, one added at a line's end follows it.
 */
function oldLines(edits: QuickFix['edits']): (line: number) => number | undefined {
  const shifts = edits
    .map((e) => ({ at: e.range.start, added: breaks(e.newText) - (e.range.end.line - e.range.start.line) }))
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

/** How many diagnostics of each `code@line` (lines of the script before the fix). */
function tally(diagnostics: readonly Diagnostic[], toOld: (line: number) => number | undefined, errorsOnly: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (errorsOnly && d.severity !== 'error') continue;
    const k = key(d, toOld(d.range.start.line) ?? -1 - d.range.start.line);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function judge(script: string, target: Diagnostic, fix: QuickFix, before: readonly Diagnostic[]): string | undefined {
  const toOld = oldLines(fix.edits);
  const after = analyze(applyEdits(script, fix.edits)).diagnostics;
  // A line may hold several diagnostics of one code (an expect of two endpoints): one fewer.
  const targetKey = key(target);
  const countBefore = before.filter((d) => key(d) === targetKey).length;
  const countAfter = after.filter((d) => d.code === target.code && toOld(d.range.start.line) === target.range.start.line).length;
  if (countAfter >= countBefore) {
    const still = after.find((d) => d.code === target.code && toOld(d.range.start.line) === target.range.start.line);
    return `the diagnostic stays: ${still?.message}`;
  }
  const errorsBefore = tally(before, (line) => line, true);
  // The engine reports one error per line: another mistake on the fixed line was there before.
  const ownLine = `@${target.range.start.line}`;
  for (const [k, n] of tally(after, toOld, true)) {
    if (k.endsWith(ownLine)) continue;
    if (n > (errorsBefore.get(k) ?? 0)) {
      const d = after.find((a) => key(a, toOld(a.range.start.line) ?? -1 - a.range.start.line) === k)!;
      return `new error at line ${d.range.start.line + 1}: ${d.code} ${d.message}`;
    }
  }
  return undefined;
}
