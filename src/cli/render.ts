// `tcpflow render`: one view of the script as an SVG or PNG file. The sequence diagram is
// drawn and exported in headless Chromium by the preview's own code, in the preview's pages
// (one page, or all of them one below the other); the timing ladder and the Figure 5 state
// machine by tcpflow's own renderer, with no browser (PNG through resvg). The script's
// diagnostics go to stderr.

import { sequencePages } from '../extension/preview/paging';
import { DARK_PALETTE, figure5Svg, ladderSvg, LIGHT_PALETTE, toFigure5, toLadder, type Analysis } from '../core';
import type { Invocation } from './args';
import { formatDiagnostic, sortDiagnostics } from './format';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { loadAnalysis } from './source';

type RenderInvocation = Extract<Invocation, { kind: 'render' }>;

export async function renderCommand(invocation: RenderInvocation, io: CliIo): Promise<number> {
  const drawer = invocation.view === 'sequence' ? io.renderDiagram : io.rasterise;
  if (!io.writeBytes || (drawer === undefined && (invocation.view === 'sequence' || invocation.output.toLowerCase().endsWith('.png')))) {
    io.stderr('tcpflow: render is not available here\n');
    return EXIT_USAGE;
  }
  const loaded = await loadAnalysis(invocation.file, io);
  if (!loaded) return EXIT_USAGE;
  const { analysis } = loaded;
  for (const d of sortDiagnostics(analysis.diagnostics)) io.stderr(`${formatDiagnostic(loaded.source.name, d)}\n`);
  const format = invocation.output.toLowerCase().endsWith('.png') ? 'png' : 'svg';
  const pages = invocation.view === 'sequence' ? sequencePages(analysis, invocation.mermaid) : [];
  const chosen = invocation.page === 'all' ? pages : pages.slice(invocation.page - 1, invocation.page);
  if (invocation.view === 'sequence' && chosen.length === 0) {
    io.stderr(`tcpflow: '${loaded.source.name}' has ${pages.length} page${pages.length === 1 ? '' : 's'}: no page ${invocation.page}\n`);
    return EXIT_USAGE;
  }
  let bytes: Uint8Array;
  try {
    bytes = invocation.view === 'sequence' ? await io.renderDiagram!({ pages: chosen, format, theme: invocation.theme, background: invocation.background }) : await ownView(analysis, invocation, format, io);
  } catch (error) {
    io.stderr(`tcpflow: cannot render '${loaded.source.name}': ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  try {
    await io.writeBytes(invocation.output, bytes, { overwrite: invocation.force });
  } catch (error) {
    const code = (error as { code?: string }).code;
    io.stderr(
      code === 'EEXIST'
        ? `tcpflow: '${invocation.output}' exists; use --force to overwrite it\n`
        : `tcpflow: cannot write '${invocation.output}': ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_USAGE;
  }
  io.stderr(`wrote ${invocation.output} (${bytes.length} bytes)\n`);
  return analysis.diagnostics.some((d) => d.severity === 'error') ? EXIT_ERRORS : EXIT_OK;
}

/** The ladder or the state machine: SVG text, or PNG through the host's rasteriser. */
async function ownView(analysis: Analysis, invocation: RenderInvocation, format: 'svg' | 'png', io: CliIo): Promise<Uint8Array> {
  const palette = invocation.theme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
  const { naming, numbers } = invocation.mermaid;
  const svg =
    invocation.view === 'ladder'
      ? ladderSvg(toLadder(analysis, { naming, numbers }), { palette })
      : figure5Svg(toFigure5(analysis, { naming, cursorLine: analysis.script.lineCount }), { palette });
  return format === 'svg' ? new TextEncoder().encode(svg) : io.rasterise!(svg);
}
