// How diagnostics look on the command line: one line each for people, a JSON array for tools.
// Core ranges are 0-based (LSP style); everything printed here is 1-based.

import { limitDiagnostics, type Diagnostic, type Locale, type Severity } from '../core';
import { escapeControls } from './terminalText';

/**
 * One diagnostic of `tcpflow check --json`. `line`/`column` is the first character and
 * `endLine`/`endColumn` the position just after the last one, all 1-based, columns in
 * UTF-16 code units: a 3-character token at the start of line 1 is 1:1–1:4.
 */
export interface JsonDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export interface JsonFileReport {
  readonly file: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

/** What a command prints of a file's diagnostics: the first `max` in source order, then how many more. */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  return limitDiagnostics(diagnostics, max, 'change it with --max-diagnostics');
}

/** Diagnostics in source order; ties keep the core's order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

/** `file:line:col: severity code: message`, without a newline; control characters escaped. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return escapeControls(`${file}:${line + 1}:${character + 1}: ${d.severity} ${d.code}: ${d.message}`);
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(diagnostics: Iterable<Diagnostic>, into?: SeverityCounts): SeverityCounts {
  const counts = into ?? { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** `2 errors, 1 warning in 3 files` (`2 个错误，1 个警告，共 3 个文件`); info and hints are added only when there are some. */
export function formatSummary(counts: SeverityCounts, files: number, locale: Locale = 'en'): string {
  if (locale === 'zh-cn') {
    const zh = [`${counts.error} 个错误`, `${counts.warning} 个警告`];
    if (counts.info > 0) zh.push(`${counts.info} 条信息`);
    if (counts.hint > 0) zh.push(`${counts.hint} 条提示`);
    return `${zh.join('，')}，共 ${files} 个文件`;
  }
  const parts = [plural(counts.error, 'error', 'errors'), plural(counts.warning, 'warning', 'warnings')];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint', 'hints'));
  return `${parts.join(', ')} in ${plural(files, 'file', 'files')}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
