// The core's whole public surface. Runs anywhere: extension host, browser, webview, CLI.
// Callers import from here only; everything else under src/core is internal.

import type { Analysis, EndpointSnapshot } from './analysis';
import { simulate } from './engine/simulate';
import { emitMermaid, type MermaidDiagram, type MermaidOptions } from './mermaid/emit';
import { parse } from './parser';

export type * from './analysis';
export type * from './ast';
export type { Diagnostic, DiagnosticCode, DiagnosticData, RelatedInformation, Severity } from './diagnostics';
export { DEFAULT_SEVERITY } from './diagnostics';
export type { Position, Range } from './range';
export type { StateNaming, TcpState } from './states';
export { TCP_STATES, parseStateName, stateLabel } from './states';
export type { MermaidDiagram, MermaidOptions } from './mermaid/emit';
export { parse };

export interface AnalyzeOptions {
  /** MSL in milliseconds when the script sets none (RFC 9293: 2 minutes). */
  readonly defaultMslMs?: number;
}

/** Parses and simulates a script. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  return simulate(parsed.script, parsed.diagnostics, options.defaultMslMs ?? 120_000);
}

/** The Mermaid sequence diagram of an analysed script, with its source map. */
export function toMermaid(analysis: Analysis, options: MermaidOptions = {}): MermaidDiagram {
  return emitMermaid(analysis, options);
}

/**
 * Every endpoint's variables after everything on 0-based `line` has happened
 * (for a line with no event, after the last event before it). Timeline steps are in
 * line order, so this is a binary search.
 */
export function snapshotAfterLine(analysis: Analysis, line: number): readonly EndpointSnapshot[] {
  const steps = analysis.timeline;
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) return steps[lo - 1].endpoints;
  return analysis.endpoints.map((e) => initialSnapshot(e.initial));
}

function initialSnapshot(state: EndpointSnapshot['state']): EndpointSnapshot {
  return { state, iss: 0, sndUna: 0, sndNxt: 0, sndWnd: 0, irs: 0, rcvNxt: 0, rcvWnd: 0 };
}
