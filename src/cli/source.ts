// Loading a script named on the command line and analysing it without letting anything escape.

import { analyze, utf8Diagnostics, type Analysis, type Diagnostic } from '../core';
import { sortDiagnostics } from './format';
import type { CliIo } from './io';

/** The name a script read from standard input is reported under. */
export const STDIN_NAME = '<stdin>';

export interface Source {
  /** The name diagnostics are reported under: the path as given, or `<stdin>`. */
  readonly name: string;
  readonly text: string;
  /** Where the file's bytes are not UTF-8 (`syntax.encoding`). */
  readonly encoding: readonly Diagnostic[];
}

export type LoadResult = { readonly ok: true; readonly source: Source } | { readonly ok: false; readonly message: string };

/** Reads `file` (`-` = standard input). The failure message is the whole stderr line, without newline. */
export async function loadSource(file: string, io: CliIo): Promise<LoadResult> {
  try {
    const read = file === '-' ? await io.readStdin() : await io.readFile(file);
    const { text, encoding } = decodeScript(read);
    return { ok: true, source: { name: file === '-' ? STDIN_NAME : file, text, encoding } };
  } catch (error) {
    const shown = file === '-' ? 'standard input' : `'${file}'`;
    return { ok: false, message: `tcpflow: cannot read ${shown}: ${describeReadError(error)}` };
  }
}

/**
 * A file's text as an editor shows it: UTF-8 (each bad sequence one U+FFFD, reported), the
 * byte-order mark dropped so that columns match.
 */
export function decodeScript(read: Uint8Array | string): { text: string; encoding: readonly Diagnostic[] } {
  if (typeof read === 'string') return { text: read.replace(/^\uFEFF/, ''), encoding: [] };
  return { text: new TextDecoder('utf-8').decode(read), encoding: utf8Diagnostics(read) };
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export type AnalyzeResult = { readonly ok: true; readonly analysis: Analysis } | { readonly ok: false; readonly message: string };

/**
 * `analyze` promises never to throw; this guard keeps that promise for the command line
 * too, so that a bug in the core is reported as such instead of as a stack trace.
 */
export function analyzeSource(source: Source): AnalyzeResult {
  try {
    const analysis = analyze(source.text);
    if (source.encoding.length === 0) return { ok: true, analysis };
    const diagnostics = sortDiagnostics([...source.encoding, ...analysis.diagnostics]);
    return { ok: true, analysis: { ...analysis, diagnostics } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `tcpflow: internal error while analysing '${source.name}': ${detail} (please report this)` };
  }
}

/**
 * Reads and analyses one script for the commands that show it another way; on failure the
 * reason has been written to stderr and the result is undefined (exit status 2).
 */
export async function loadAnalysis(file: string, io: CliIo): Promise<{ source: Source; analysis: Analysis } | undefined> {
  const loaded = await loadSource(file, io);
  if (!loaded.ok) {
    io.stderr(`${loaded.message}\n`);
    return undefined;
  }
  const analysed = analyzeSource(loaded.source);
  if (!analysed.ok) {
    io.stderr(`${analysed.message}\n`);
    return undefined;
  }
  return { source: loaded.source, analysis: analysed.analysis };
}
