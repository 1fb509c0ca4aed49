// Puts tcpflow's English into the reader's language at the edge, where text is shown: the
// engine and the language services keep writing English (their tests read it), and this
// looks each message up in the catalog by its English template. A diagnostic no template
// matches gets its code's Chinese title before the English, so none is shown untranslated.

import type { Diagnostic } from '../diagnostics';
import type { Locale } from './locale';
import { DIAGNOSTIC_TITLES, TEMPLATES } from './zhCn';

interface Compiled {
  readonly id: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly zh: string;
}

const PART = /\{([a-z]+)\}/g;

/** What some parts can be, so that a template cannot take more of a message than it means. */
const PART_PATTERN: Readonly<Record<string, string>> = {
  // A participant, or one of its connections (`server(alice)`, `client:51000(server)`).
  name: '[A-Za-z_][A-Za-z0-9_]*(?::\\d+)?(?:\\([A-Za-z_][A-Za-z0-9_]*(?::\\d+)?\\))?',
  peer: '[A-Za-z_][A-Za-z0-9_]*',
  line: '\\d+',
  n: '\\d+',
  state: '[A-Z][A-Z0-9_-]*',
  actual: '[A-Z][A-Z0-9_-]*',
  expected: '[^\\s:;]+',
  flags: '[A-Z][A-Za-z+.]*',
};

function compile([id, en, zh]: readonly [string, string, string]): Compiled {
  const names: string[] = [];
  const source = en
    .split(PART)
    .map((piece, i) => {
      if (i % 2 === 0) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // A name used twice must match the same text twice.
      const seen = names.indexOf(piece);
      if (seen >= 0) return `\\${seen + 1}`;
      names.push(piece);
      return `(${PART_PATTERN[piece] ?? '.+?'})`;
    })
    .join('');
  return { id, pattern: new RegExp(`^${source}$`, 's'), names, zh };
}

let compiled: readonly Compiled[] | undefined;
const catalog = () => (compiled ??= TEMPLATES.map(compile));

/**
 * The Chinese of `english` when a template matches it whole, else undefined. Entries with ids
 * `part.…` translate only the parts of other messages (`a SYN+ACK` → `SYN+ACK`).
 */
function lookup(english: string, part = false): string | undefined {
  for (const entry of catalog()) {
    if (!part && entry.id.startsWith('part.')) continue;
    const match = entry.pattern.exec(english);
    if (!match) continue;
    return entry.zh.replace(PART, (_all, name: string) => {
      const value = match[entry.names.indexOf(name) + 1] ?? '';
      return lookup(value, true) ?? value;
    });
  }
  return undefined;
}

/** The catalog id of the template that translates `english`, for tests. */
export function templateId(english: string): string | undefined {
  return catalog().find((entry) => !entry.id.startsWith('part.') && entry.pattern.test(english))?.id;
}

/** One line, sentence or title in `locale`; English, and text no entry matches, as it is. */
export function translateText(english: string, locale: Locale): string {
  return locale === 'en' ? english : (lookup(english) ?? english);
}

/** A hover's Markdown: each paragraph, each list item and each `heading — title` translated where the catalog has it. */
export function translateMarkdown(markdown: string, locale: Locale): string {
  if (locale === 'en') return markdown;
  return markdown
    .split('\n')
    .map((line) => {
      const whole = lookup(line);
      if (whole !== undefined) return whole;
      const dash = line.lastIndexOf(' — ');
      if (dash < 0) return line;
      const title = lookup(line.slice(dash + 3));
      return title === undefined ? line : `${line.slice(0, dash)} — ${title}`;
    })
    .join('\n');
}

/** A message of several clauses joined by `; ` (two failed expectations), each translated. */
function lookupClauses(english: string): string | undefined {
  const clauses = english.split('; ');
  if (clauses.length < 2) return undefined;
  const translated = clauses.map((clause) => lookup(clause));
  return translated.every((t) => t !== undefined) ? translated.join('；') : undefined;
}

/** A diagnostic's message and related information in `locale`. */
export function translateDiagnostic(d: Diagnostic, locale: Locale): Diagnostic {
  if (locale === 'en') return d;
  const message = lookup(d.message) ?? lookupClauses(d.message) ?? `${DIAGNOSTIC_TITLES[d.code]}：${d.message}`;
  const related = d.related?.map((r) => ({ ...r, message: translateText(r.message, locale) }));
  return { ...d, message, ...(related ? { related } : {}) };
}
