// Folding: sections (to their last non-blank line before the next section), simultaneous
// blocks, and runs of two or more comment lines.

import type { Analysis } from '../analysis';
import { commentStart, indentationOf, sourceLines } from './document';

export interface FoldingRange {
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** `region` for sections, `comment` for comment runs, none for blocks. */
  readonly kind?: 'region' | 'comment';
}

export function foldingRanges(text: string, analysis: Analysis): FoldingRange[] {
  const { lines } = sourceLines(text);
  const ranges: FoldingRange[] = [];
  const push = (range: FoldingRange) => {
    if (range.endLine > range.startLine) ranges.push(range);
  };

  // One pass over the lines: the last non-blank line seen so far, and comment runs.
  const lastNonBlankUpTo: number[] = new Array(lines.length);
  let lastNonBlank = -1;
  let commentRun = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentationOf(line).length;
    const isComment = indent < line.length && commentStart(line) === indent;
    if (indent < line.length) lastNonBlank = i;
    lastNonBlankUpTo[i] = lastNonBlank;
    if (isComment && commentRun < 0) commentRun = i;
    if (!isComment && commentRun >= 0) {
      push({ startLine: commentRun, endLine: i - 1, kind: 'comment' });
      commentRun = -1;
    }
  }
  if (commentRun >= 0) push({ startLine: commentRun, endLine: lines.length - 1, kind: 'comment' });

  let section = -1;
  const closeSection = (nextLine: number) => {
    if (section >= 0) push({ startLine: section, endLine: lastNonBlankUpTo[nextLine - 1] ?? section, kind: 'region' });
  };
  for (const stmt of analysis.script.statements) {
    if (stmt.kind === 'section') {
      closeSection(stmt.line);
      section = stmt.line;
    } else if (stmt.kind === 'simultaneous') {
      push({ startLine: stmt.line, endLine: stmt.endLine ?? stmt.segments[stmt.segments.length - 1]?.line ?? stmt.line });
    }
  }
  closeSection(lines.length);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
