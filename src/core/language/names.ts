// The names a script defines and uses: participants (declaration, segments, calls, notes,
// expect), seq/ack symbols (`x` in `seq=x`, `ack=x+1`) and segment labels (`as d`, `deliver d`).
// Go to definition, find references and rename.

import type { Analysis } from '../analysis';
import type { Identifier, SegmentStatement, Statement } from '../syntax/ast';
import type { Position, Range } from '../syntax/range';
import { perAnalysis } from './cache';
import { pickAt, sourceLines, type TextEdit } from './document';

export type NameKind = 'participant' | 'symbol' | 'label';

interface Occurrence {
  readonly kind: NameKind;
  readonly name: string;
  readonly range: Range;
}

interface NameIndex {
  readonly byLine: ReadonlyMap<number, readonly Occurrence[]>;
  /** Every occurrence of a name, in document order, by `kind:name`. */
  readonly byName: ReadonlyMap<string, readonly Occurrence[]>;
  readonly definitions: ReadonlyMap<string, Occurrence>;
}

const keyOf = (kind: NameKind, name: string) => `${kind}:${name}`;

const nameIndex = perAnalysis((analysis: Analysis): NameIndex => {
  const byLine = new Map<number, Occurrence[]>();
  const byName = new Map<string, Occurrence[]>();
  const definitions = new Map<string, Occurrence>();
  const add = (kind: NameKind, name: string, range: Range, defines = false) => {
    const occurrence = { kind, name, range };
    const line = byLine.get(range.start.line);
    if (line) line.push(occurrence);
    else byLine.set(range.start.line, [occurrence]);
    const key = keyOf(kind, name);
    const all = byName.get(key);
    if (all) all.push(occurrence);
    else byName.set(key, [occurrence]);
    if (defines && !definitions.has(key)) definitions.set(key, occurrence);
  };
  const participant = (id: Identifier, defines = false) => add('participant', id.name, id.range, defines);

  const segment = (s: SegmentStatement) => {
    participant(s.src);
    participant(s.dst);
    // The engine resolves seq before ack: on the binding line, seq's symbol is the one bound.
    const fields = [...s.fields].sort((a, b) => (a.kind === 'seq' ? 0 : 1) - (b.kind === 'seq' ? 0 : 1));
    for (const f of fields) {
      if ((f.kind !== 'seq' && f.kind !== 'ack') || f.expr.symbol === undefined) continue;
      const start = f.expr.range.start;
      const bound = analysis.symbols.get(f.expr.symbol);
      const range = { start, end: { line: start.line, character: start.character + f.expr.symbol.length } };
      add('symbol', f.expr.symbol, range, bound?.line === s.line);
    }
    if (s.label) add('label', s.label.name, s.label.range, s.arrow === '~>');
  };
  const statement = (s: Statement) => {
    switch (s.kind) {
      case 'participant':
        return participant(s.name, true);
      case 'segment':
        return segment(s);
      case 'simultaneous':
        return s.segments.forEach(segment);
      case 'call':
        participant(s.endpoint);
        // The peer of `server(bob): close` is a use of bob.
        if (s.connection?.peer) participant(s.connection.peer);
        return undefined;
      case 'note':
        return s.endpoints.forEach((e) => participant(e));
      case 'expect':
        return s.items.forEach((item) => {
          participant(item.endpoint);
          if (item.connection?.peer) participant(item.connection.peer);
        });
      case 'deliver':
        return add('label', s.label.name, s.label.range);
      default:
        return undefined;
    }
  };
  analysis.script.statements.forEach(statement);
  for (const list of byLine.values()) list.sort((a, b) => a.range.start.character - b.range.start.character);
  for (const list of byName.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { byLine, byName, definitions };
});

function occurrenceAt(analysis: Analysis, position: Position): Occurrence | undefined {
  return pickAt(nameIndex(analysis).byLine.get(position.line) ?? [], position);
}

/**
 * Where the name at `position` is defined: a participant's declaration (or, for one declared
 * by use, its first use), the use that bound a symbol, the `~>` segment a label names.
 */
export function definition(analysis: Analysis, position: Position): Range | undefined {
  const at = occurrenceAt(analysis, position);
  if (at === undefined) return undefined;
  const index = nameIndex(analysis);
  const key = keyOf(at.kind, at.name);
  return (index.definitions.get(key) ?? index.byName.get(key)?.[0])?.range;
}

/** Every occurrence of the name at `position`, the definition included, in document order. */
export function references(analysis: Analysis, position: Position): Range[] {
  const at = occurrenceAt(analysis, position);
  if (at === undefined) return [];
  return (nameIndex(analysis).byName.get(keyOf(at.kind, at.name)) ?? []).map((o) => o.range);
}

/** The name under the cursor, if it can be renamed. */
export function prepareRename(analysis: Analysis, position: Position): Range | undefined {
  return occurrenceAt(analysis, position)?.range;
}

/** Words that start statements or mean something after a name: not usable as names. */
const RESERVED = new Set([
  'title', 'participant', 'section', 'note', 'expect', 'wait', 'option', 'simultaneous', 'end', 'deliver',
  'as', 'listen', 'unchecked', 'isn', 'keepalive', 'connect', 'close', 'shutdown', 'abort', 'crash',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const KIND_WORDS: Readonly<Record<NameKind, string>> = { participant: 'a participant', symbol: 'a symbol', label: 'a label' };

/** The edits that rename the name at `position` everywhere, or why it cannot be renamed so. */
export function rename(text: string, analysis: Analysis, position: Position, newName: string): TextEdit[] | { error: string } {
  const at = occurrenceAt(analysis, position);
  if (at === undefined) return { error: 'Only participant names, seq/ack symbols and segment labels can be renamed.' };
  if (!IDENTIFIER.test(newName)) {
    return { error: `'${newName}' is not a valid name: use letters, digits and _, starting with a letter or _.` };
  }
  if (RESERVED.has(newName)) return { error: `'${newName}' is a keyword of the language and cannot be a name.` };
  if (newName === at.name) return [];
  const index = nameIndex(analysis);
  if (index.byName.has(keyOf(at.kind, newName))) return { error: `'${newName}' is already ${KIND_WORDS[at.kind]} in this script.` };
  const occurrences = index.byName.get(keyOf(at.kind, at.name)) ?? [];
  const { lines } = sourceLines(text);
  for (const o of occurrences) {
    const { start, end } = o.range;
    if (lines[start.line]?.slice(start.character, end.character) !== at.name) {
      return { error: 'The document changed since it was analysed; try again.' };
    }
  }
  return occurrences.map((o) => ({ range: o.range, newText: newName }));
}
