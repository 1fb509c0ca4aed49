// `tcpflow import`: a packetdrill script or tcpdump text in, a .tcpflow script out (stdout or
// -o), then the import's own problems and the imported script's diagnostics on stderr.

import { basename } from 'node:path';
import {
  analyze,
  detectFormat,
  importPacketdrill,
  importTcpdump,
  type Analysis,
  type Diagnostic,
  type ImportDiagnostic,
  type ImportFormat,
  type ImportResult,
} from '../core';
import { countSeverities, formatDiagnostic, formatSummary, shownDiagnostics } from './format';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { escapeControls } from './terminalText';
import { STDIN_NAME, loadSource } from './source';

export interface ImportRequest {
  readonly file: string;
  readonly format?: ImportFormat;
  readonly connection?: number;
  readonly output?: string;
  readonly force: boolean;
  readonly maxDiagnostics: number;
}

/** One imported script and what checking it found. */
export interface Imported {
  readonly format: ImportFormat;
  readonly result: ImportResult;
  /** Undefined when nothing could be imported (`result.text` is empty). */
  readonly analysis?: Analysis;
}

export type ImportOutcome = { readonly ok: true; readonly imported: Imported } | { readonly ok: false; readonly message: string };

/** Imports `text` (named `file`, for detection and the title) and checks the result. Never throws. */
export function importText(text: string, file: string, format?: ImportFormat, connection?: number): ImportOutcome {
  const detected = format === undefined ? detectFormat(text, file) : { format };
  if (detected.format === undefined) return { ok: false, message: `cannot import '${file}': ${detected.reason}` };
  const title = file === STDIN_NAME ? undefined : basename(file);
  try {
    const result =
      detected.format === 'packetdrill' ? importPacketdrill(text, { title }) : importTcpdump(text, { title, connection });
    const analysis = result.text === '' ? undefined : analyze(result.text);
    return { ok: true, imported: { format: detected.format, result, analysis } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `internal error while importing '${file}': ${detail} (please report this)` };
  }
}

export async function importCommand(request: ImportRequest, io: CliIo): Promise<number> {
  const loaded = await loadSource(request.file, io);
  if (!loaded.ok) {
    io.stderr(`${loaded.message}\n`);
    return EXIT_USAGE;
  }
  const input = loaded.source.name;
  const outcome = importText(loaded.source.text, input, request.format, request.connection);
  if (!outcome.ok) {
    io.stderr(`tcpflow: ${escapeControls(outcome.message)}\n`);
    return EXIT_USAGE;
  }
  const { result, analysis, format } = outcome.imported;
  if (analysis === undefined) {
    printImportProblems(input, result.diagnostics, request.maxDiagnostics, io);
    return EXIT_USAGE;
  }

  const toFile = request.output !== undefined && request.output !== '-';
  const outputName = toFile ? request.output! : '<stdout>';
  if (toFile) {
    const written = await writeOutput(request.output!, result.text, request.force, io);
    if (written !== undefined) {
      io.stderr(`${written}\n`);
      return EXIT_USAGE;
    }
  } else {
    // The input's comments are carried over as written; on a terminal their control characters would act.
    io.stdout(escapeControls(result.text));
  }

  printImportProblems(input, result.diagnostics, request.maxDiagnostics, io);
  for (const d of shownDiagnostics(analysis.diagnostics, request.maxDiagnostics)) {
    io.stderr(`${formatMappedDiagnostic(outputName, d, input, result.lineMap)}\n`);
  }
  const counts = countSeverities(analysis.diagnostics);
  const importErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const problems = result.diagnostics.length;
  io.stderr(
    `${input}: imported from ${format}, ${problems} import problem${problems === 1 ? '' : 's'}; ` +
      `the script has ${formatSummary(counts, 1).replace(/ in 1 file$/, '')}\n`,
  );
  return importErrors > 0 || counts.error > 0 ? EXIT_ERRORS : EXIT_OK;
}

function printImportProblems(input: string, problems: readonly ImportDiagnostic[], max: number, io: CliIo): void {
  for (const d of problems.slice(0, max)) io.stderr(`${formatImportDiagnostic(input, d)}\n`);
  const omitted = problems.length - max;
  if (omitted > 0) io.stderr(`${escapeControls(input)}: ${omitted} more import problem${omitted === 1 ? '' : 's'} not shown (change it with --max-diagnostics)\n`);
}

/** Undefined when written, else the stderr line. */
async function writeOutput(path: string, text: string, force: boolean, io: CliIo): Promise<string | undefined> {
  if (io.writeFile === undefined) return `tcpflow: cannot write '${path}' from here`;
  try {
    await io.writeFile(path, text, { overwrite: force });
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'EEXIST') return `tcpflow: '${path}' already exists; use --force to overwrite it`;
    const detail = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    return `tcpflow: cannot write '${path}': ${detail}`;
  }
}

/** `input:line: severity code: message` (1-based; no line for the input as a whole). */
export function formatImportDiagnostic(input: string, d: ImportDiagnostic): string {
  return escapeControls(`${input}${d.line > 0 ? `:${d.line}` : ''}: ${d.severity} ${d.code}: ${d.message}`);
}

/** A diagnostic of the imported script, with the input line it comes from. */
export function formatMappedDiagnostic(output: string, d: Diagnostic, input: string, lineMap: readonly (number | undefined)[]): string {
  const source = lineMap[d.range.start.line];
  return `${formatDiagnostic(output, d)}${source === undefined ? '' : escapeControls(` [${input}:${source}]`)}`;
}
