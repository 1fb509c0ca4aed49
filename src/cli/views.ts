// `tcpflow mermaid` and `tcpflow states`: one script shown another way. The view goes to
// stdout so it can be piped; the script's diagnostics go to stderr.

import { toMermaid, type Analysis, type MermaidOptions, type StateNaming } from '../core';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { formatDiagnostic, shownDiagnostics } from './format';
import { loadAnalysis, type Source } from './source';
import { statesTable } from './statesTable';

export function mermaidCommand(file: string, options: MermaidOptions, maxDiagnostics: number, io: CliIo): Promise<number> {
  return showScript(file, maxDiagnostics, io, (analysis) => {
    const text = toMermaid(analysis, options).text;
    return text.endsWith('\n') ? text : `${text}\n`;
  });
}

export function statesCommand(file: string, naming: StateNaming, maxDiagnostics: number, io: CliIo): Promise<number> {
  return showScript(file, maxDiagnostics, io, (analysis, source) => statesTable(analysis, source.text, naming));
}

async function showScript(file: string, maxDiagnostics: number, io: CliIo, render: (analysis: Analysis, source: Source) => string): Promise<number> {
  const loaded = await loadAnalysis(file, io);
  if (!loaded) return EXIT_USAGE;
  const { analysis } = loaded;
  let output: string;
  try {
    output = render(analysis, loaded.source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`tcpflow: internal error while drawing '${loaded.source.name}': ${detail} (please report this)\n`);
    return EXIT_USAGE;
  }
  io.stdout(output);
  for (const d of shownDiagnostics(analysis.diagnostics, maxDiagnostics)) io.stderr(`${formatDiagnostic(loaded.source.name, d)}\n`);
  return analysis.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
}
