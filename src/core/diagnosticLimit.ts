// Bounded diagnostic lists: a 10 MB line of unknown words would otherwise give millions of
// diagnostics, all printed or pushed to the editor's Problems panel.

import type { Analysis } from './analysis';
import { compareDiagnostics, diagnostic, type Diagnostic } from './diagnostics';
import { simulate } from './engine/simulate';
import { parse } from './syntax/parser';

/**
 * The first `max` diagnostics in source order, then, when there were more, one
 * `limit.diagnostics` at the first one left out saying how many. `setting` names the limit
 * as the user can change it (`--max-diagnostics`, a setting).
 */
export function limitDiagnostics(diagnostics: readonly Diagnostic[], max: number, setting: string): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  if (sorted.length <= max) return sorted;
  const omitted = sorted.length - max;
  const at = sorted[max].range;
  const notice = diagnostic(
    'limit.diagnostics',
    { start: at.start, end: at.start },
    `${omitted} more diagnostic${omitted === 1 ? '' : 's'} from here on not shown: at most ${max} per document (${setting})`,
  );
  sorted.length = max;
  sorted.push(notice);
  return sorted;
}

/**
 * What an editor shows for a document it does not check because it has more than `max`
 * lines: the analysis of an empty script, with one `limit.size` saying so.
 */
export function notAnalysed(lineCount: number, max: number, setting: string): Analysis {
  const empty = parse('');
  const notice = diagnostic(
    'limit.size',
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    `not checked: ${lineCount} lines, more than the ${max} checked per document (${setting})`,
  );
  return simulate(empty.script, [notice], 120_000);
}
