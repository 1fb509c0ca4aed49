// The outline: the title, the participants and the sections, at the top level in line order.
// A section spans from its line to the end of the last statement before the next section.

import type { Analysis } from '../analysis';
import type { Range } from '../syntax/range';

export interface DocumentSymbol {
  readonly name: string;
  readonly kind: 'title' | 'participant' | 'section';
  /** The address, label and `listen` of a participant. */
  readonly detail?: string;
  readonly range: Range;
  /** The name itself, within `range`. */
  readonly selectionRange: Range;
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  let section: { name: string; range: Range; selectionRange: Range } | undefined;
  const closeSection = () => {
    if (section) symbols.push({ kind: 'section', ...section });
    section = undefined;
  };
  for (const stmt of analysis.script.statements) {
    if (stmt.kind === 'section') {
      closeSection();
      section = { name: stmt.title, range: stmt.range, selectionRange: textRange(stmt.range, stmt.title) };
      continue;
    }
    if (section) section.range = { start: section.range.start, end: stmt.range.end };
    if (stmt.kind === 'title') {
      symbols.push({ kind: 'title', name: stmt.text, range: stmt.range, selectionRange: textRange(stmt.range, stmt.text) });
    } else if (stmt.kind === 'participant') {
      const detail = [stmt.address?.text, stmt.label && `"${stmt.label.raw}"`, stmt.listen && 'listen'].filter(Boolean).join(' ');
      symbols.push({
        kind: 'participant',
        name: stmt.name.name,
        ...(detail ? { detail } : {}),
        range: stmt.range,
        selectionRange: stmt.name.range,
      });
    }
  }
  closeSection();
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The free text that ends a title or section statement. */
function textRange(range: Range, text: string): Range {
  const end = range.end;
  return { start: { line: end.line, character: Math.max(range.start.character, end.character - text.length) }, end };
}
