// `tcpflow import`: a packetdrill script, tcpdump text or a pcap/pcapng capture in, a .tcpflow
// script out (stdout or -o), then the import's own problems and the imported script's
// diagnostics on stderr; `--list` prints the connections of a capture instead.

import {
  analyze,
  importInput,
  importerFor,
  type Analysis,
  type Diagnostic,
  type ImportDiagnostic,
  type ImportFormat,
  type ImportInput,
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
  readonly list?: boolean;
  readonly all?: boolean;
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
  return importFile({ text }, file, format, connection);
}

/** Imports an input read from `file` and checks the result. Never throws. */
export function importFile(input: ImportInput, file: string, format?: ImportFormat, connection?: number, all?: boolean): ImportOutcome {
  try {
    const imported = importInput(input, { fileName: file === STDIN_NAME ? undefined : file, format, connection, all });
    if (imported.format === undefined) return { ok: false, message: `cannot import '${file}': ${imported.reason}` };
    const { result } = imported;
    const analysis = result.text === '' ? undefined : analyze(result.text);
    return { ok: true, imported: { format: imported.format, result, analysis } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `internal error while importing '${file}': ${detail} (please report this)` };
  }
}

export async function importCommand(request: ImportRequest, io: CliIo): Promise<number> {
  const loaded = await loadInput(request.file, io);
  if (typeof loaded === 'string') {
    io.stderr(`${loaded}\n`);
    return EXIT_USAGE;
  }
  const input = request.file === '-' ? STDIN_NAME : request.file;
  if (request.list) return listCommand(loaded, input, request.format, io);
  const outcome = importFile(loaded, input, request.format, request.connection, request.all);
  if (!outcome.ok) {
    io.stderr(`tcpflow: ${escapeControls(outcome.message)}\n`);
    return EXIT_USAGE;
  }
  const { result, analysis, format } = outcome.imported;
  if (analysis === undefined) {
    printImportProblems(input, result.diagnostics, request.maxDiagnostics, io, result.unit);
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

  printImportProblems(input, result.diagnostics, request.maxDiagnostics, io, result.unit);
  for (const d of shownDiagnostics(analysis.diagnostics, request.maxDiagnostics)) {
    io.stderr(`${formatMappedDiagnostic(outputName, d, input, result.lineMap, result.unit)}\n`);
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

/**
 * The input's bytes and (lazily) its text; standard input and hosts without `readBytes` give
 * text only. Else the stderr line.
 */
async function loadInput(file: string, io: CliIo): Promise<ImportInput | string> {
  if (file === '-' || io.readBytes === undefined) {
    const loaded = await loadSource(file, io);
    return loaded.ok ? { text: loaded.source.text } : loaded.message;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readBytes(file);
  } catch {
    // The text reader says why, in the same words as every other command.
    const loaded = await loadSource(file, io);
    return loaded.ok ? { text: loaded.source.text } : loaded.message;
  }
  let text: string | undefined;
  return {
    bytes,
    get text() {
      // Editors hide a byte-order mark; drop it so columns match what the user sees.
      text ??= new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
      return text;
    },
  };
}

/** `--list`: one line per connection on stdout; exit 2 when there is none. */
function listCommand(loaded: ImportInput, input: string, format: ImportFormat | undefined, io: CliIo): number {
  const recognised = importerFor(loaded, { fileName: input, format });
  if (recognised.importer === undefined) {
    io.stderr(`tcpflow: cannot import '${input}': ${recognised.reason}\n`);
    return EXIT_USAGE;
  }
  const connections = recognised.importer.connections(loaded);
  if (connections.length === 0) {
    io.stderr(`tcpflow: '${input}' (${recognised.importer.label}) holds no connection to choose${recognised.importer.format === 'packetdrill' ? ': a packetdrill script is imported whole' : ''}\n`);
    return EXIT_USAGE;
  }
  for (const c of connections) io.stdout(`${c.description}\n`);
  return EXIT_OK;
}

function printImportProblems(input: string, problems: readonly ImportDiagnostic[], max: number, io: CliIo, unit?: 'packet'): void {
  for (const d of problems.slice(0, max)) io.stderr(`${formatImportDiagnostic(input, d, unit)}\n`);
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

/** `input:line: severity code: message` (1-based; no line for the input as a whole); `input#packet:` for a capture file. */
export function formatImportDiagnostic(input: string, d: ImportDiagnostic, unit?: 'packet'): string {
  return escapeControls(`${input}${d.line > 0 ? `${unit === 'packet' ? '#' : ':'}${d.line}` : ''}: ${d.severity} ${d.code}: ${d.message}`);
}

/** A diagnostic of the imported script, with the input line (or packet) it comes from. */
export function formatMappedDiagnostic(output: string, d: Diagnostic, input: string, lineMap: readonly (number | undefined)[], unit?: 'packet'): string {
  const source = lineMap[d.range.start.line];
  return `${formatDiagnostic(output, d)}${source === undefined ? '' : escapeControls(` [${input}${unit === 'packet' ? '#' : ':'}${source}]`)}`;
}
