// What an importer hands back: the .tcpflow text, where each of its lines came from, and the
// importer's own problems with its input (distinct from the diagnostics of the script itself).

import type { Severity } from '../diagnostics';

/**
 * Stable codes of import problems.
 * - `import.malformed` (error): an input line that could not be read; it is kept as a comment.
 * - `import.unsupported` (info): a construct .tcpflow cannot express; it is kept as a comment.
 * - `import.mid-connection` (warning): the capture starts after the handshake, which is synthesized.
 * - `import.missing-syn` (warning): one side's SYN was not captured; that side is made unchecked.
 * - `import.capture-gap` (warning): bytes a side sent are missing from the capture; a segment is synthesized.
 * - `import.no-connection` (error): the input holds no TCP segment (no packetdrill statement) at all; nothing is imported.
 * - `import.choose-connection` (error): a capture with several connections and none chosen.
 * - `import.unknown-connection` (error): the chosen connection does not exist.
 */
export type ImportCode =
  | 'import.malformed'
  | 'import.unsupported'
  | 'import.mid-connection'
  | 'import.missing-syn'
  | 'import.capture-gap'
  | 'import.no-connection'
  | 'import.choose-connection'
  | 'import.unknown-connection';

export interface ImportDiagnostic {
  readonly code: ImportCode;
  readonly severity: Severity;
  /** 1-based line of the input; 0 when it concerns the input as a whole. */
  readonly line: number;
  readonly message: string;
}

export interface ImportResult {
  /** The .tcpflow script, ending with a newline; empty when nothing could be imported. */
  readonly text: string;
  readonly diagnostics: readonly ImportDiagnostic[];
  /**
   * For each 0-based line of `text`, the 1-based input line it stems from, or undefined for
   * a line the importer generated (header, `wait`, `deliver`). Every non-blank input line
   * appears at least once: nothing is dropped silently.
   */
  readonly lineMap: readonly (number | undefined)[];
  /** What the numbers in `line` and `lineMap` count: input lines, or the packets of a capture file. */
  readonly unit?: 'packet';
}

/** A failed import: no script, one error. */
export function failedImport(code: ImportCode, message: string): ImportResult {
  return { text: '', diagnostics: [{ code, severity: 'error', line: 0, message }], lineMap: [] };
}
