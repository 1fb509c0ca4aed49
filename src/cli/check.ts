// `tcpflow check [--json] <file>...`: every file's diagnostics, for people or for tools.

import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import {
  countSeverities,
  formatDiagnostic,
  formatSummary,
  shownDiagnostics,
  toJsonDiagnostic,
  type JsonFileReport,
} from './format';
import { analyzeSource, loadSource } from './source';
import { translateDiagnostic } from '../core';

/**
 * Checks every file even when one cannot be read (reported on stderr, exit 2), so one
 * typo on the command line does not hide the other files' results.
 */
export async function checkCommand(files: readonly string[], json: boolean, maxDiagnostics: number, io: CliIo): Promise<number> {
  const reports: JsonFileReport[] = [];
  const counts = countSeverities([]);
  let checked = 0;
  let failed = false;

  for (const file of files) {
    const loaded = await loadSource(file, io);
    if (!loaded.ok) {
      io.stderr(`${loaded.message}\n`);
      failed = true;
      continue;
    }
    const analysed = analyzeSource(loaded.source);
    if (!analysed.ok) {
      io.stderr(`${analysed.message}\n`);
      failed = true;
      continue;
    }
    checked++;
    // The counts and the exit status are the whole file's; only the printed list is cut.
    countSeverities(analysed.analysis.diagnostics, counts);
    const diagnostics = shownDiagnostics(analysed.analysis.diagnostics, maxDiagnostics);
    if (json) {
      reports.push({ file: loaded.source.name, diagnostics: diagnostics.map(toJsonDiagnostic) });
    } else {
      // For people, in their language; --json stays English, for tools that match messages.
      for (const d of diagnostics) io.stdout(`${formatDiagnostic(loaded.source.name, translateDiagnostic(d, io.locale ?? 'en'))}\n`);
    }
  }

  if (json) io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
  else if (checked > 0) io.stderr(`${formatSummary(counts, checked, io.locale)}\n`);

  if (failed) return EXIT_USAGE;
  return counts.error > 0 ? EXIT_ERRORS : EXIT_OK;
}
