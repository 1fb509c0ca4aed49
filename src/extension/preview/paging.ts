// Splits a long script's sequence diagram into pages, so that Mermaid never lays out more
// than a page of messages at once. Each page is an Analysis cut down to a run of whole
// statements, drawn by the core's own toMermaid: every page repeats the participants, starts
// from the states the endpoints are in at its first line, and keeps its own source map.
// Pure (no vscode), so it runs in the extension host, the web extension and the unit tests.

import { toMermaid, type Analysis, type MermaidOptions, type Statement } from '../../core/index';
import type { SequencePage } from '../../shared/previewProtocol';

export const DEFAULT_MESSAGES_PER_PAGE = 200;

export interface PageRange {
  /** 0-based source lines, inclusive. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly segments: number;
}

/**
 * Consecutive line ranges that together cover the whole script, each holding at most
 * `perPage` segments (a `simultaneous` block is never split, so one block may hold more).
 */
export function pageRanges(analysis: Analysis, perPage: number): PageRange[] {
  const limit = Math.max(1, Math.floor(perPage));
  const lastLine = Math.max(0, analysis.script.lineCount - 1);
  const starts: { line: number; segments: number }[] = [{ line: 0, segments: 0 }];
  // A page ends after its last segment: the notes, sections and calls that lead up to the
  // next segment open the next page, with it.
  let afterLastSegment = 0;
  for (const statement of analysis.script.statements) {
    const count = segmentCount(statement);
    if (count === 0) continue;
    const current = starts[starts.length - 1];
    if (current.segments > 0 && current.segments + count > limit) starts.push({ line: afterLastSegment, segments: count });
    else current.segments += count;
    afterLastSegment = lastLineOf(statement) + 1;
  }
  return starts.map((start, i) => ({
    firstLine: start.line,
    lastLine: i + 1 < starts.length ? starts[i + 1].line - 1 : lastLine,
    segments: start.segments,
  }));
}

/** The sequence diagram of every page. A script of up to `perPage` segments is one page. */
export function sequencePages(analysis: Analysis, options: MermaidOptions, perPage: number = DEFAULT_MESSAGES_PER_PAGE): SequencePage[] {
  const ranges = pageRanges(analysis, perPage);
  let before = 0;
  return ranges.map((range) => {
    const slice = ranges.length === 1 ? analysis : sliceAnalysis(analysis, range);
    const diagram = toMermaid(slice, options);
    // Numbering goes on across pages: Mermaid's `autonumber <start>`.
    const text = options.autonumber && before > 0 ? diagram.text.replace(/^(\s*)autonumber$/m, `$1autonumber ${before + 1}`) : diagram.text;
    before += diagram.messages.length;
    const { messages, notes, sections, fullLabels } = diagram;
    return { text, messages, notes, sections, fullLabels, firstLine: range.firstLine, lastLine: range.lastLine, segments: range.segments };
  });
}

/**
 * The analysis as if the script were only the statements of `range`: the title and the
 * section that is still open are carried over (the section marked as continued), and every
 * endpoint starts in the state it has just before the range.
 */
export function sliceAnalysis(analysis: Analysis, range: PageRange): Analysis {
  const statements: Statement[] = [];
  let title: Statement | undefined;
  let openSection: Statement | undefined;
  for (const statement of analysis.script.statements) {
    if (statement.line >= range.firstLine) {
      if (statement.line <= range.lastLine) statements.push(statement);
      continue;
    }
    if (statement.kind === 'title') title = statement;
    if (statement.kind === 'section') openSection = statement;
  }
  const carried: Statement[] = [];
  if (title !== undefined) carried.push(title);
  const startsWithSection = statements[0]?.kind === 'section';
  if (openSection?.kind === 'section' && !startsWithSection) carried.push({ ...openSection, title: `${openSection.title} (continued)` });

  let before: Analysis['timeline'][number] | undefined;
  const timeline = analysis.timeline.filter((step) => {
    if (step.line < range.firstLine) before = step;
    return step.line >= range.firstLine && step.line <= range.lastLine;
  });
  const endpoints = analysis.endpoints.map((e, k) => ({ ...e, initial: before?.endpoints[k]?.state ?? e.initial }));
  return { ...analysis, script: { ...analysis.script, statements: [...carried, ...statements] }, timeline, endpoints };
}

function lastLineOf(statement: Statement): number {
  if (statement.kind !== 'simultaneous') return statement.line;
  return statement.endLine ?? statement.segments[statement.segments.length - 1]?.line ?? statement.line;
}

function segmentCount(statement: Statement): number {
  if (statement.kind === 'segment') return 1;
  if (statement.kind === 'simultaneous') return statement.segments.length;
  return 0;
}
