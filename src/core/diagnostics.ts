// Diagnostics are plain data: a stable code, a severity, a range, a message and a payload
// that quick fixes read. The editor converts them to its own type in one place.

import type { Range } from './syntax/range';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Every diagnostic code and its default severity: the one list the codes are read from. The
 * editor may override a severity per code (the `tcpflow.diagnostics.severity` setting, whose
 * names a unit test keeps equal to these); docs/language.md "Diagnostics" describes each.
 */
export const DEFAULT_SEVERITY = {
  'syntax.unexpected-token': 'error',
  'syntax.unknown-statement': 'error',
  'syntax.unknown-flag': 'error',
  'syntax.unknown-field': 'error',
  'syntax.unknown-marker': 'error',
  'syntax.unknown-state': 'error',
  'syntax.unknown-option': 'error',
  'syntax.unknown-call': 'error',
  'syntax.bad-number': 'error',
  'syntax.bad-duration': 'error',
  'syntax.bad-escape': 'error',
  'syntax.unterminated-string': 'error',
  'syntax.unclosed-block': 'error',
  'syntax.unexpected-end': 'error',
  'syntax.missing': 'error',
  'syntax.duplicate': 'error',
  'syntax.misplaced': 'error',
  'syntax.encoding': 'error',
  'limit.diagnostics': 'info',
  'limit.size': 'warning',
  'endpoint.unknown': 'error',
  'endpoint.duplicate': 'error',
  'endpoint.self': 'error',
  'endpoint.ambiguous': 'hint',
  'tcp.invalid-send': 'error',
  'tcp.invalid-call': 'error',
  'tcp.not-listening': 'error',
  'tcp.missing-ack-flag': 'error',
  'tcp.bad-seq': 'error',
  'tcp.bad-ack': 'error',
  'tcp.unexpected-segment': 'error',
  'tcp.reply-mismatch': 'error',
  'tcp.reply-missing': 'warning',
  'tcp.rst-reply': 'error',
  'tcp.bad-flags': 'error',
  'tcp.bad-option': 'warning',
  'tcp.len-mismatch': 'error',
  'tcp.keepalive-early': 'warning',
  'tcp.expect-failed': 'error',
  'tcp.deliver-unknown': 'error',
  'tcp.unfinished': 'info',
} as const satisfies Readonly<Record<string, Severity>>;

export type DiagnosticCode = keyof typeof DEFAULT_SEVERITY;

/** Another place in the script that explains a diagnostic (the line that created an obligation, bound a symbol…). */
export interface RelatedInformation {
  readonly range: Range;
  readonly message: string;
}

/**
 * What a quick fix needs. Every field is optional; each code documents which it sets.
 * - `replace`: put `text` at `range` (a corrected seq/ack, a state name, a flag set).
 * - `insertLine`: insert a whole new statement before 0-based line `before`, indented like that line.
 * - `participant`: declare this endpoint / add `listen` to its declaration.
 */
export interface DiagnosticData {
  readonly expected?: string;
  readonly replace?: { readonly range: Range; readonly text: string };
  readonly insertLine?: { readonly before: number; readonly text: string };
  readonly addFlags?: readonly string[];
  readonly participant?: { readonly name: string; readonly addListen?: boolean; readonly declare?: boolean };
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly range: Range;
  readonly message: string;
  readonly related?: readonly RelatedInformation[];
  readonly data?: DiagnosticData;
}

export function diagnostic(
  code: DiagnosticCode,
  range: Range,
  message: string,
  extra?: { related?: RelatedInformation[]; data?: DiagnosticData },
): Diagnostic {
  return { code, severity: DEFAULT_SEVERITY[code], range, message, ...extra };
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
