// `tcpflow corpus <folder>...` (not in the main help): imports every packetdrill script and
// tcpdump text file under the folders, checks each result and prints one report, so that
// a public corpus shows at a glance where the importers or the engine disagree with it.

import { join } from 'node:path';
import { detectFormat, listConnections, type Diagnostic, type ImportDiagnostic } from '../core';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { importText, type Imported } from './import';
import { decodeScript } from './source';
import { renderCorpusReport, type CorpusFinding, type CorpusReport } from './corpusReport';

/** Text files that may hold tcpdump output; their content decides. */
const CAPTURE_EXTENSIONS = ['.txt', '.tcpdump', '.dump', '.log', '.out'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export async function corpusCommand(folders: readonly string[], io: CliIo): Promise<number> {
  if (io.readDirectory === undefined) {
    io.stderr('tcpflow: cannot list folders from here\n');
    return EXIT_USAGE;
  }
  const files: string[] = [];
  for (const folder of folders) {
    const listed = await walk(folder, io, io.readDirectory.bind(io));
    if (typeof listed === 'string') {
      io.stderr(`tcpflow: cannot read folder '${folder}': ${listed}\n`);
      return EXIT_USAGE;
    }
    files.push(...listed);
  }

  const report: CorpusReport = { folders, packetdrill: 0, tcpdump: 0, skipped: 0, scripts: 0, clean: 0, failed: [], checks: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = decodeScript(await io.readFile(file)).text;
    } catch (error) {
      report.failed.push({ file, reason: `cannot read it: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const format = file.toLowerCase().endsWith('.pkt') ? 'packetdrill' : detectFormat(text, file).format;
    if (format === undefined) {
      report.skipped++;
      continue;
    }
    report[format]++;
    const connections = format === 'tcpdump' ? Math.max(1, listConnections(text).length) : 1;
    for (let c = 1; c <= connections; c++) {
      const name = connections > 1 ? `${file}#${c}` : file;
      const outcome = importText(text, file, format, format === 'tcpdump' ? c : undefined);
      if (!outcome.ok) {
        report.failed.push({ file: name, reason: outcome.message });
        continue;
      }
      record(report, file, name, outcome.imported);
    }
  }
  io.stdout(renderCorpusReport(report));
  const errors = report.checks.some((f) => f.severity === 'error') || report.problems.some((f) => f.severity === 'error');
  return report.failed.length > 0 || errors ? EXIT_ERRORS : EXIT_OK;
}

function record(report: CorpusReport, file: string, name: string, imported: Imported): void {
  const { result, analysis } = imported;
  if (analysis === undefined) {
    report.failed.push({ file: name, reason: result.diagnostics.map((d) => d.message).join('; ') });
    return;
  }
  for (const d of result.diagnostics) report.problems.push(problemFinding(file, d));
  report.scripts++;
  if (analysis.diagnostics.length === 0) report.clean++;
  for (const d of analysis.diagnostics) report.checks.push(checkFinding(file, d, result.lineMap));
}

function problemFinding(file: string, d: ImportDiagnostic): CorpusFinding {
  return { code: d.code, severity: d.severity, script: file, where: d.line > 0 ? `${file}:${d.line}` : file, message: d.message };
}

function checkFinding(file: string, d: Diagnostic, lineMap: readonly (number | undefined)[]): CorpusFinding {
  const line = d.range.start.line;
  const source = lineMap[line];
  const where = `${source === undefined ? file : `${file}:${source}`} (imported line ${line + 1})`;
  return { code: d.code, severity: d.severity, script: file, where, message: d.message };
}

/** Every packetdrill or candidate capture file under `folder`, sorted; a string when it cannot be read. */
async function walk(folder: string, io: CliIo, readDirectory: NonNullable<CliIo['readDirectory']>): Promise<string[] | string> {
  let entries;
  try {
    entries = await readDirectory(folder);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : error instanceof Error ? error.message : String(error);
  }
  const files: string[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(folder, entry.name);
    if (entry.directory) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const inner = await walk(path, io, readDirectory);
      if (typeof inner !== 'string') files.push(...inner);
      continue;
    }
    const lower = entry.name.toLowerCase();
    if (lower.endsWith('.pkt') || CAPTURE_EXTENSIONS.some((ext) => lower.endsWith(ext))) files.push(path);
  }
  return files;
}
