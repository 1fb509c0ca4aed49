// The formatter: one canonical spelling of every statement, rebuilt from the syntax tree and
// the exact source text of its values (strings, numbers, free text are never retyped).
// - flags as `SYN+ACK` in the order SYN FIN RST PSH URG ECE CWR ACK (`S.` → `SYN+ACK`);
// - single spaces between tokens, `src -> dst: FLAGS …` with the colon, `key=value`;
// - the arrows of consecutive segment lines aligned (sources padded to one width);
// - two spaces of indentation inside `simultaneous … end`, none elsewhere;
// - comments kept, a trailing one two spaces after the statement.
// A line with a syntax error is left exactly as it is. Lines are never added or removed.
// As a last guard the result is parsed again, and any line that would not read back as the
// same statement is left as it was: formatting never changes what a script means.

import type { Statement, SegmentStatement } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics';
import { flagsText } from '../engine/model';
import { connectionRefText } from '../syntax/parseConnection';
import { parse } from '../syntax/parser';
import type { Range } from '../syntax/range';
import { isSpace } from '../syntax/scanner';
import { commentStart, indentationOf, sourceLines, trimBlanksEnd, type TextEdit } from './document';

export interface FormatOptions {
  /** Format only these 0-based lines (inclusive); alignment still looks at whole blocks. */
  readonly range?: { readonly startLine: number; readonly endLine: number };
}

const INDENT = '  ';

export function format(text: string, options: FormatOptions = {}): TextEdit[] {
  const { lines } = sourceLines(text);
  const parsed = parse(text);
  const layout = lineLayout(parsed.script.statements, parsed.diagnostics, lines.length);
  const widths = sourceWidths(layout);

  const formatted = lines.slice();
  for (let i = 0; i < lines.length; i++) {
    if (layout.errors.has(i)) continue;
    formatted[i] = formatLine(lines[i], layout.statements[i], layout.indented[i] ? INDENT : '', widths[i], i === 0);
  }

  const changed: number[] = [];
  for (let i = 0; i < lines.length; i++) if (formatted[i] !== lines[i]) changed.push(i);
  if (changed.length === 0) return [];
  for (const i of readsDifferently(changed, layout, formatted)) formatted[i] = lines[i];

  const from = options.range?.startLine ?? 0;
  const to = options.range?.endLine ?? lines.length - 1;
  const edits: TextEdit[] = [];
  for (const i of changed) {
    if (i < from || i > to || formatted[i] === lines[i]) continue;
    edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } }, newText: formatted[i] });
  }
  return edits;
}

// ---- what each line holds ----------------------------------------------------------------------

interface Layout {
  /** The statement on each line; `end` for the line closing a block. */
  readonly statements: readonly (Statement | 'end' | undefined)[];
  readonly indented: readonly boolean[];
  readonly errors: ReadonlySet<number>;
}

function lineLayout(statements: readonly Statement[], diagnostics: readonly Diagnostic[], lineCount: number): Layout {
  const byLine: (Statement | 'end' | undefined)[] = new Array(lineCount).fill(undefined);
  const indented: boolean[] = new Array(lineCount).fill(false);
  for (const stmt of statements) {
    byLine[stmt.line] = stmt;
    if (stmt.kind !== 'simultaneous') continue;
    for (const segment of stmt.segments) byLine[segment.line] = segment;
    // An unclosed block holds, as the parser reads it, everything up to its last segment.
    if (stmt.endLine !== undefined) byLine[stmt.endLine] = 'end';
    const end = stmt.endLine ?? (stmt.segments[stmt.segments.length - 1]?.line ?? stmt.line) + 1;
    for (let line = stmt.line + 1; line < end; line++) indented[line] = true;
  }
  const errors = new Set<number>();
  for (const d of diagnostics) errors.add(d.range.start.line);
  return { statements: byLine, indented, errors };
}

/** For each segment line, the width its source name is padded to: the longest of its run of segment lines. */
function sourceWidths(layout: Layout): number[] {
  const widths: number[] = new Array(layout.statements.length).fill(0);
  const isSegment = (i: number) => {
    const s = layout.statements[i];
    return typeof s === 'object' && s.kind === 'segment' && !layout.errors.has(i);
  };
  for (let i = 0; i < layout.statements.length; ) {
    if (!isSegment(i)) {
      i++;
      continue;
    }
    let end = i;
    let width = 0;
    for (; end < layout.statements.length && isSegment(end); end++) {
      width = Math.max(width, senderText(layout.statements[end] as SegmentStatement).length);
    }
    widths.fill(width, i, end);
    i = end;
  }
  return widths;
}

// ---- one line ---------------------------------------------------------------------------------

function formatLine(line: string, stmt: Statement | 'end' | undefined, indent: string, width: number, first: boolean): string {
  // A byte order mark is part of the file, not of the indentation.
  const bom = first && line.startsWith('\uFEFF') ? '\uFEFF' : '';
  const hash = commentStart(line);
  const comment = hash < 0 ? '' : trimBlanksEnd(line.slice(hash));
  // Text the parser neither read as a statement nor reported is not ours to drop.
  if (stmt === undefined && indentationOf(line).length < (hash < 0 ? line.length : hash)) return line;
  const content = stmt === undefined ? '' : stmt === 'end' ? 'end' : statementText(line, stmt, width);
  if (content === '') return comment === '' ? bom : `${bom}${indent}${comment}`;
  return `${bom}${indent}${content}${comment === '' ? '' : `  ${comment}`}`;
}

function statementText(line: string, stmt: Statement, width: number): string {
  const source = (r: Range) => line.slice(r.start.character, r.end.character);
  const freeText = (keyword: string) => `${keyword} ${trimBlanksStart(line.slice(stmt.range.start.character + keyword.length, stmt.range.end.character))}`;
  switch (stmt.kind) {
    case 'segment':
      return segmentText(line, stmt, width);
    case 'simultaneous':
      return 'simultaneous';
    case 'title':
    case 'section':
      return freeText(stmt.kind);
    case 'participant': {
      const attributes: Array<{ at: number; text: string }> = [];
      const add = (r: Range | undefined, text: string) => r && attributes.push({ at: r.start.character, text });
      add(stmt.address?.range, stmt.address ? source(stmt.address.range) : '');
      add(stmt.label?.range, stmt.label ? `as ${source(stmt.label.range)}` : '');
      add(stmt.isn?.range, stmt.isn ? `isn=${source(stmt.isn.range)}` : '');
      add(stmt.listen, 'listen');
      add(stmt.unchecked, 'unchecked');
      add(stmt.keepalive?.range, stmt.keepalive ? `keepalive=${source(stmt.keepalive.range)}` : '');
      attributes.sort((a, b) => a.at - b.at);
      return ['participant', stmt.name.name, ...attributes.map((a) => a.text)].join(' ');
    }
    case 'call':
      return `${stmt.endpoint.name}${connectionRefText(stmt.connection)}: ${stmt.call}`;
    case 'note': {
      const last = stmt.endpoints[stmt.endpoints.length - 1].range.end.character;
      const colon = line.indexOf(':', last);
      const text = trimBlanksStart(line.slice(colon + 1, stmt.range.end.character));
      return `note ${stmt.endpoints.map((e) => e.name).join(', ')}: ${text}`;
    }
    case 'expect':
      return `expect ${stmt.items.map((item) => `${item.endpoint.name}${connectionRefText(item.connection)} ${source(item.stateRange)}`).join(', ')}`;
    case 'wait':
      return `wait ${source(stmt.duration.range)}`;
    case 'option':
      return `option ${stmt.setting.key}=${source(stmt.valueRange)}`;
    case 'deliver':
      return `deliver ${stmt.label.name}`;
  }
}

function segmentText(line: string, stmt: SegmentStatement, width: number): string {
  const source = (r: Range) => line.slice(r.start.character, r.end.character);
  const items: Array<{ at: number; text: string }> = [];
  for (const f of stmt.fields) {
    // A field name is matched ignoring case but never abbreviated: the value starts after `<kind>=`.
    const value = f.kind === 'sackOK' ? '' : `=${line.slice(f.range.start.character + f.kind.length + 1, f.range.end.character)}`;
    items.push({ at: f.range.start.character, text: `${f.kind}${value}` });
  }
  if (stmt.payload) items.push({ at: stmt.payload.range.start.character, text: source(stmt.payload.range) });
  for (const m of stmt.markers) items.push({ at: m.range.start.character, text: m.name });
  items.sort((a, b) => a.at - b.at);
  const receiver = `${stmt.dst.name}${stmt.dstPort ? `:${stmt.dstPort.value}` : ''}`;
  const words = [`${senderText(stmt).padEnd(width)} ${stmt.arrow} ${receiver}:`, flagsText(stmt.flags.flags), ...items.map((i) => i.text)];
  if (stmt.label) words.push(`as ${stmt.label.name}`);
  return words.join(' ');
}

/** The sender with its port: `client:51000`. */
function senderText(stmt: SegmentStatement): string {
  return `${stmt.src.name}${stmt.srcPort ? `:${stmt.srcPort.value}` : ''}`;
}

function trimBlanksStart(text: string): string {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text.slice(i);
}

// ---- the guard -----------------------------------------------------------------------------------

/** Changed lines that do not parse back, alone, to the statement they held. */
function readsDifferently(changed: readonly number[], before: Layout, formatted: readonly string[]): number[] {
  const reparsed = parse(formatted.join('\n'));
  const after = lineLayout(reparsed.script.statements, reparsed.diagnostics, formatted.length);
  return changed.filter((i) => after.errors.has(i) || signature(before.statements[i]) !== signature(after.statements[i]));
}

/** A statement without its positions: what it means. */
function signature(stmt: Statement | 'end' | undefined): string {
  if (stmt === undefined || stmt === 'end') return String(stmt);
  if (stmt.kind === 'simultaneous') return `simultaneous ${stmt.endLine}`;
  return JSON.stringify(stmt, function (this: object, key: string, value: unknown) {
    // A flag set means its flags, whatever their order or spelling.
    if (key === 'items' && 'flags' in this) return undefined;
    if (value instanceof Set) return [...value].sort();
    if (typeof value === 'object' && value !== null && 'start' in value && 'end' in value) return true;
    return value;
  });
}
