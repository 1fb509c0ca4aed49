// Bounded diagnostic lists: a 10 MB line of unknown words would otherwise give millions of
// diagnostics, all printed or pushed to the editor's Problems panel.

import { compareDiagnostics, diagnostic, type Diagnostic } from './diagnostics';

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
