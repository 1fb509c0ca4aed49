// What the services look up by line: the statement on each line, the simultaneous block
// around it, the timeline steps and arrivals of each line, the lines with errors.

import type { Analysis, EndpointSnapshot, SegmentInfo, TimelineStep } from '../analysis';
import type { Statement, SimultaneousStatement } from '../syntax/ast';
import { endpointsAfterStep, snapshotAfterLine } from '../engine/timeline';
import { perAnalysis } from './cache';

export interface ScriptIndex {
  /** The statement on each line: a segment inside a block by its own line, a block by its `simultaneous` line. */
  readonly statements: readonly (Statement | undefined)[];
  /** The block each line belongs to, from its `simultaneous` line to its `end` (or last segment when unclosed). */
  readonly blocks: readonly (SimultaneousStatement | undefined)[];
  readonly endpointIndex: ReadonlyMap<string, number>;
  /** Indexes into the timeline of each line's first and last step. */
  readonly steps: ReadonlyMap<number, { readonly first: number; readonly last: number }>;
  /** The segments that arrive on a line other than their own: at a block's `end` or a `deliver`. */
  readonly arrivals: ReadonlyMap<number, readonly SegmentInfo[]>;
  readonly errorLines: ReadonlySet<number>;
  /** Lines the parser could not read completely. */
  readonly syntaxErrorLines: ReadonlySet<number>;
  /** The line of the `option msl=` in effect, if any. */
  readonly mslOptionLine?: number;
}

export const scriptIndex = perAnalysis((analysis: Analysis): ScriptIndex => {
  const lineCount = analysis.script.lineCount;
  const statements: (Statement | undefined)[] = new Array(lineCount).fill(undefined);
  const blocks: (SimultaneousStatement | undefined)[] = new Array(lineCount).fill(undefined);
  let mslOptionLine: number | undefined;
  for (const stmt of analysis.script.statements) {
    statements[stmt.line] = stmt;
    if (stmt.kind === 'option' && stmt.setting.key === 'msl') mslOptionLine = stmt.line;
    if (stmt.kind !== 'simultaneous') continue;
    for (const segment of stmt.segments) statements[segment.line] = segment;
    const last = stmt.endLine ?? stmt.segments[stmt.segments.length - 1]?.line ?? stmt.line;
    for (let line = stmt.line; line <= last && line < lineCount; line++) blocks[line] = stmt;
  }

  const endpointIndex = new Map<string, number>();
  analysis.endpoints.forEach((e, i) => endpointIndex.set(e.name, i));

  const steps = new Map<number, { first: number; last: number }>();
  analysis.timeline.forEach((step, i) => {
    const entry = steps.get(step.line);
    if (entry) entry.last = i;
    else steps.set(step.line, { first: i, last: i });
  });

  const arrivals = new Map<number, SegmentInfo[]>();
  for (const info of analysis.segments.values()) {
    if (info.deliveredAt === undefined) continue;
    const list = arrivals.get(info.deliveredAt);
    if (list) list.push(info);
    else arrivals.set(info.deliveredAt, [info]);
  }
  for (const list of arrivals.values()) list.sort((a, b) => a.line - b.line);

  const errorLines = new Set<number>();
  const syntaxErrorLines = new Set<number>();
  for (const d of analysis.diagnostics) {
    if (d.severity === 'error') errorLines.add(d.range.start.line);
    if (d.code.startsWith('syntax.')) syntaxErrorLines.add(d.range.start.line);
  }

  return { statements, blocks, endpointIndex, steps, arrivals, errorLines, syntaxErrorLines, mslOptionLine };
});

/** The last step on `line`, if anything happened there. */
export function lastStepAt(analysis: Analysis, line: number): TimelineStep | undefined {
  const entry = scriptIndex(analysis).steps.get(line);
  return entry && analysis.timeline[entry.last];
}

/** Every endpoint after the last step on `line`, if anything happened there. */
export function endpointsAfterLineSteps(analysis: Analysis, line: number): readonly EndpointSnapshot[] | undefined {
  const entry = scriptIndex(analysis).steps.get(line);
  return entry && endpointsAfterStep(analysis, entry.last);
}

/** Every endpoint just before anything on `line` happens. */
export function snapshotBeforeLine(analysis: Analysis, line: number): readonly EndpointSnapshot[] {
  return snapshotAfterLine(analysis, line - 1);
}
