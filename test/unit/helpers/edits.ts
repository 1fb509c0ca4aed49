// Test helpers shared by the language-service tests: applying text edits, and mutating scripts.

import fc from 'fast-check';
import type { TextEdit } from '../../../src/core/index';

/** Applies edits that do not overlap, last first, so earlier positions stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Lines end at `\r\n`, `\n` or a lone `\r`, as the scanner reads them.
  const starts = [0];
  for (const lineBreak of text.matchAll(/\r\n|\r|\n/g)) starts.push(lineBreak.index + lineBreak[0].length);
  const at = (p: TextEdit['range']['start']) => starts[p.line] + p.character;
  for (const e of [...edits].sort((a, b) => at(b.range.start) - at(a.range.start))) {
    text = text.slice(0, at(e.range.start)) + e.newText + text.slice(at(e.range.end));
  }
  return text;
}

/** One of `texts` with some characters inserted, deleted, duplicated or overwritten. */
export function mutatedScripts(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 4 })), { maxLength: 8 }))
    .map(([text, edits]) => {
      let s = text;
      for (const [pos, kind, str] of edits) {
        const i = pos % (s.length + 1);
        if (kind === 0) s = s.slice(0, i) + str + s.slice(i);
        else if (kind === 1) s = s.slice(0, i) + s.slice(i + str.length + 1);
        else if (kind === 2) s = s.slice(0, i) + s.slice(i, i + 10) + s.slice(i);
        else s = s.slice(0, i) + str + s.slice(i + str.length);
      }
      return s;
    });
}
