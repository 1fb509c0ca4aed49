// The core's whole public surface. Runs anywhere: extension host, browser, webview, CLI.
// Callers import from here only; everything else under src/core is internal.

import type { Analysis } from './analysis';
import { AnalysisJob, type AnalysisPhase } from './analysisJob';
import { DEFAULT_MSL_MS } from './engine/model';
import { simulate } from './engine/simulate';
import { emitMermaid, type MermaidDiagram, type MermaidOptions } from './diagram/mermaid/emit';
import { parse } from './syntax/parser';

export type * from './analysis';
export type * from './syntax/ast';
export type { Diagnostic, DiagnosticCode, DiagnosticData, RelatedInformation, Severity } from './diagnostics';
export { DEFAULT_SEVERITY } from './diagnostics';
export { limitDiagnostics, notAnalysed } from './diagnosticLimit';
export type { Position, Range } from './syntax/range';
export type { StateNaming, TcpState } from './states';
export { TCP_STATES, parseStateName, shortStateLabel, stateLabel } from './states';
export type { MermaidDiagram, MermaidOptions } from './diagram/mermaid/emit';
export { parse, DEFAULT_MSL_MS };
export { endAfterStep, endpointsAfterStep, lastStepThrough, owedAfterStep, snapshotAfterLine } from './engine/timeline';
export { replacementCharacterDiagnostics, utf8Diagnostics } from './syntax/encoding';
export * from './language';
export * from './l10n';
export * from './import';
export { toStateDiagram, type StateDiagram, type StateDiagramOptions } from './diagram/stateMachine';
export { layoutLadder as toLadder, type LadderOptions, type LadderModel } from './diagram/ladder';
export type * from './diagram/ladder/model';
export { ladderFrameSvg, ladderPieceSvg, ladderSvg, type LadderPieces, type LadderSvgOptions } from './diagram/svg/ladderSvg';
export { layoutFigure5 as toFigure5, type Figure5Model, type Figure5Options } from './diagram/figure5/layout';
export { figure5Svg, type Figure5SvgOptions } from './diagram/svg/figure5Svg';
export { LIGHT as LIGHT_PALETTE, DARK as DARK_PALETTE, type Palette } from './diagram/svg/palette';

export interface AnalyzeOptions {
  /** MSL in milliseconds when the script sets none (RFC 9293: 2 minutes). */
  readonly defaultMslMs?: number;
}

/** Parses and simulates a script. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  return simulate(parsed.script, parsed.diagnostics, options.defaultMslMs ?? DEFAULT_MSL_MS);
}

/**
 * `analyze`, as a job done a slice at a time (`job.step(units)`), for a caller that must not
 * be held for the whole analysis of a very large script; its result equals `analyze`'s.
 */
export function analyzeInSlices(text: string, options: AnalyzeOptions = {}): AnalysisJob {
  return new AnalysisJob(text, options.defaultMslMs ?? DEFAULT_MSL_MS);
}

export type { AnalysisJob, AnalysisPhase };

/** The Mermaid sequence diagram of an analysed script, with its source map. */
export function toMermaid(analysis: Analysis, options: MermaidOptions = {}): MermaidDiagram {
  return emitMermaid(analysis, options);
}
