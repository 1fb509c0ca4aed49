// Splits a long script's sequence diagram into pages, so that Mermaid never lays out more
// than a page of messages at once. Each page is an Analysis cut down to a run of whole
// statements, drawn by the core's own toMermaid: every page repeats the participants, starts
// from the states the endpoints are in at its first line, and keeps its own source map.
// Pure (no vscode), so it runs in the extension host, the web extension and the unit tests.

import { lastStepThrough, snapshotAfterLine, toMermaid, type Analysis, type Diagnostic, type MermaidDiagram, type MermaidOptions, type SegmentInfo, type Statement } from '../../core/index';
import type { SequencePage } from '../../shared/previewProtocol';

export const DEFAULT_MESSAGES_PER_PAGE = 200;
/** The bounds of `tcpflow.preview.messagesPerPage`. */
export const MIN_MESSAGES_PER_PAGE = 10;
export const MAX_MESSAGES_PER_PAGE = 1000;
/**
 * A page also holds at most this many drawn elements (messages, notes, section bands, calls,
 * waits, state notes) per message it may hold: Mermaid's layout time grows with all of them,
 * and a script of notes alone has no segments to cut at. A segment with a state note at each
 * end is three.
 */
export const ELEMENTS_PER_MESSAGE = 5;

export interface PageRange {
  /** 0-based source lines, inclusive. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly segments: number;
}

/**
 * Consecutive line ranges that together cover the whole script, each holding at most
 * `perPage` segments (at most MAX_MESSAGES_PER_PAGE) and `perPage × ELEMENTS_PER_MESSAGE`
 * drawn elements, `perPage` counted from MIN_MESSAGES_PER_PAGE up (a statement is
 * never split: a `simultaneous` block may hold more). `drawn` is the whole script's
 * diagram, whose source map says how many elements each line draws.
 */
export function pageRanges(analysis: Analysis, perPage: number, drawn: MermaidDiagram = toMermaid(analysis)): PageRange[] {
  const limit = Math.min(MAX_MESSAGES_PER_PAGE, Math.max(1, Math.floor(perPage)));
  const elementLimit = Math.max(limit, MIN_MESSAGES_PER_PAGE) * ELEMENTS_PER_MESSAGE;
  const elementsOnLine = elementCounts(drawn, analysis.script.lineCount);
  const lastLine = Math.max(0, analysis.script.lineCount - 1);
  // Every page after the first repeats the participants and their states at its start.
  const header = 2 * analysis.endpoints.length;
  const starts: { line: number; segments: number; elements: number }[] = [{ line: 0, segments: 0, elements: 0 }];
  // A page ends after its last segment: the notes, sections and calls that lead up to the
  // next segment open the next page, with it. A long run of them is cut where it fills a page.
  let afterLastSegment = 0;
  let sinceLastSegment = 0;
  for (const statement of analysis.script.statements) {
    const count = segmentCount(statement);
    const last = lastLineOf(statement);
    let elements = 0;
    for (let line = statement.line; line <= last; line++) elements += elementsOnLine[line] ?? 0;
    if (count === 0 && elements === 0) continue;
    const current = starts[starts.length - 1];
    const full = current.segments + count > limit || (current.elements + elements > elementLimit && current.elements > header);
    if (count > 0) {
      if (current.segments > 0 && full) starts.push({ line: afterLastSegment, segments: count, elements: header + sinceLastSegment + elements });
      else {
        current.segments += count;
        current.elements += elements;
      }
      afterLastSegment = last + 1;
      sinceLastSegment = 0;
    } else {
      if (current.elements > 0 && full) {
        starts.push({ line: statement.line, segments: 0, elements: header + elements });
        afterLastSegment = statement.line;
        sinceLastSegment = elements;
      } else {
        current.elements += elements;
        sinceLastSegment += elements;
      }
    }
  }
  return starts.map((start, i) => ({
    firstLine: start.line,
    lastLine: i + 1 < starts.length ? starts[i + 1].line - 1 : lastLine,
    segments: start.segments,
  }));
}

/** The sequence diagram of every page. A script that fits one page is drawn whole. */
export function sequencePages(analysis: Analysis, options: MermaidOptions, perPage: number = DEFAULT_MESSAGES_PER_PAGE): SequencePage[] {
  const whole = toMermaid(analysis, options);
  const ranges = pageRanges(analysis, perPage, whole);
  const slices = ranges.length === 1 ? [analysis] : sliceAnalyses(analysis, ranges);
  let before = 0;
  return ranges.map((range, i) => {
    const diagram = ranges.length === 1 ? whole : toMermaid(slices[i], options);
    // Numbering goes on across pages: Mermaid's `autonumber <start>`.
    const text = options.autonumber && before > 0 ? diagram.text.replace(/^(\s*)autonumber$/m, `$1autonumber ${before + 1}`) : diagram.text;
    before += diagram.messages.length;
    const { messages, notes, sections, fullLabels } = diagram;
    return { text, messages, notes, sections, fullLabels, firstLine: range.firstLine, lastLine: range.lastLine, segments: range.segments };
  });
}

/** How many diagram lines each source line draws (its arrow, notes, a section's band, a block's frame). */
function elementCounts(drawn: MermaidDiagram, lineCount: number): Uint32Array {
  const counts = new Uint32Array(lineCount);
  for (const source of drawn.lineMap) if (source >= 0 && source < lineCount) counts[source]++;
  return counts;
}

/**
 * The analysis as if the script were only the statements of `range`: the title and the
 * section that is still open are carried over (the section marked as continued), and every
 * endpoint starts in the state it has just before the range.
 */
export function sliceAnalysis(analysis: Analysis, range: PageRange): Analysis {
  return sliceAnalyses(analysis, [range])[0];
}

/**
 * sliceAnalysis of each of `ranges` (in line order, not overlapping), in one pass over the
 * script: a long script's pages cost what their own statements, steps and segments cost.
 * Each slice keeps only the segments sent or delivered in its range, and the diagnostics on it.
 */
export function sliceAnalyses(analysis: Analysis, ranges: readonly PageRange[]): Analysis[] {
  const rangeOf = (line: number | undefined): number => (line === undefined ? -1 : rangeIndex(ranges, line));
  const segments: Map<number, SegmentInfo>[] = ranges.map(() => new Map());
  for (const [line, info] of analysis.segments) {
    const sent = rangeOf(line);
    const delivered = rangeOf(info.deliveredAt);
    if (sent >= 0) segments[sent].set(line, info);
    if (delivered >= 0 && delivered !== sent) segments[delivered].set(line, info);
  }
  const diagnostics: Diagnostic[][] = ranges.map(() => []);
  for (const d of analysis.diagnostics) {
    const k = rangeOf(d.range.start.line);
    if (k >= 0) diagnostics[k].push(d);
  }
  // Statements are in line order: each range's are one run of them, and those before it set its title and open section.
  const all = analysis.script.statements;
  let next = 0;
  let title: Statement | undefined;
  let openSection: Statement | undefined;
  return ranges.map((range, k) => {
    for (; next < all.length && all[next].line < range.firstLine; next++) {
      if (all[next].kind === 'title') title = all[next];
      if (all[next].kind === 'section') openSection = all[next];
    }
    const statements: Statement[] = [];
    for (let i = next; i < all.length && all[i].line <= range.lastLine; i++) statements.push(all[i]);
    const carried: Statement[] = [];
    if (title !== undefined) carried.push(title);
    const startsWithSection = statements[0]?.kind === 'section';
    if (openSection?.kind === 'section' && !startsWithSection) carried.push({ ...openSection, title: `${openSection.title} (continued)` });
    // Steps are in line order too: the range's are one run of them.
    const timeline = analysis.timeline.slice(lastStepThrough(analysis, range.firstLine - 1) + 1, lastStepThrough(analysis, range.lastLine) + 1);
    const atStart = snapshotAfterLine(analysis, range.firstLine - 1);
    const endpoints = analysis.endpoints.map((e, i) => ({ ...e, initial: atStart[i]?.state ?? e.initial }));
    const script = { ...analysis.script, statements: [...carried, ...statements] };
    return { ...analysis, script, timeline, endpoints, segments: segments[k], diagnostics: diagnostics[k] };
  });
}

/** The index of the range holding 0-based `line`, or -1. */
function rangeIndex(ranges: readonly PageRange[], line: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid].lastLine < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].firstLine <= line ? lo : -1;
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
