// Assertion helpers for engine tests: diagnostics and states in a compact, exact form.

import * as assert from 'node:assert/strict';
import { analyze, endAfterStep, snapshotAfterLine, type Analysis } from '../../../src/core/index';

/** `code line:col-endCol` with 1-based line and columns, severity when not the default error. */
export function diagnosticsOf(text: string): string[] {
  return summarize(analyze(text));
}

export function summarize(a: Analysis): string[] {
  return a.diagnostics.map((d) => {
    const { start, end } = d.range;
    const where = start.line === end.line ? `${start.line + 1}:${start.character + 1}-${end.character + 1}` : `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
    return `${d.code} ${where}`;
  });
}

export function assertClean(text: string): Analysis {
  const a = analyze(text);
  assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`), []);
  return a;
}

export function assertDiagnostics(text: string, expected: string[]): Analysis {
  const a = analyze(text);
  assert.deepEqual(summarize(a), expected, a.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return a;
}

/** "a ESTABLISHED, b CLOSE-WAIT" after everything on 1-based `line`. */
export function statesAfter(a: Analysis, line: number): string {
  return snapshotAfterLine(a, line - 1)
    .map((s, i) => `${a.endpoints[i].name} ${s.state}`)
    .join(', ');
}

export function finalStates(a: Analysis): string {
  return statesAfter(a, a.script.lineCount);
}

export function messageOf(text: string, code: string): string {
  const d = analyze(text).diagnostics.find((x) => x.code === code);
  assert.ok(d, `no ${code} diagnostic`);
  return d.message;
}

/** "server↔alice ESTABLISHED, server↔bob CLOSED" at the end, for a script with several connections per host. */
export function finalConnectionStates(a: Analysis): string {
  const last = a.timeline.length - 1;
  return (a.connections ?? []).map((c, i) => `${c.label} ${endAfterStep(a, last, i)?.state}`).join(', ');
}
