import type { Analysis } from '../analysis';
import type { Script } from '../ast';
import type { Diagnostic } from '../diagnostics';

export function simulate(script: Script, parseDiagnostics: Diagnostic[], defaultMslMs: number): Analysis {
  return {
    script,
    diagnostics: parseDiagnostics,
    endpoints: [],
    timeline: [],
    segments: new Map(),
    symbols: new Map(),
    options: { mslMs: defaultMslMs, states: 'changes', numbers: 'as-written' },
  };
}
