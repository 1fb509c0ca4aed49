// Quick fixes: the edits a diagnostic's `data` asks for, with a title that says what they do.
// Each fix, applied alone, makes the script's re-analysis drop that diagnostic.

import type { Analysis } from '../analysis';
import type { ParticipantStatement } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics';
import { closest } from '../syntax/suggest';
import { indentationOf, insertAt, point, sourceLines, type SourceLines, type TextEdit } from './document';
import { scriptIndex } from './scriptIndex';

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix to apply when the user asks for "the" fix. */
  readonly isPreferred?: boolean;
}

export function quickFixes(text: string, analysis: Analysis, diagnostic: Diagnostic): QuickFix[] {
  const data = diagnostic.data;
  if (data === undefined) return [];
  const source = sourceLines(text);
  const fixes: QuickFix[] = [];
  // On a line the parser could not read completely, the engine judged what it could read:
  // an edit of that line could land on the unread part. The syntax error's own fix comes first.
  const lineUnread = !diagnostic.code.startsWith('syntax.') && scriptIndex(analysis).syntaxErrorLines.has(diagnostic.range.start.line);
  if (data.replace && !lineUnread) {
    const { range, text: newText } = data.replace;
    // Changing an expectation to what happened is a choice, not a correction.
    fixes.push({ title: replaceTitle(diagnostic, newText), edits: [{ range, newText }], isPreferred: diagnostic.code !== 'tcp.expect-failed' });
  }
  if (data.insertLine) {
    const edit = insertLine(analysis, source, data.insertLine.before, data.insertLine.text);
    const where = data.insertLine.before >= source.lines.length ? 'at the end' : `before line ${edit.range.start.line + 1}`;
    fixes.push({ title: `Add '${data.insertLine.text}' ${where}`, edits: [edit], isPreferred: diagnostic.code !== 'tcp.not-listening' });
  }
  const participant = data.participant;
  if (participant?.addListen) {
    const edit = addListen(analysis, participant.name);
    if (edit) fixes.push({ title: `Declare ${participant.name} with listen`, edits: [edit] });
  }
  if (participant?.declare) {
    const declared = analysis.script.statements.filter((s): s is ParticipantStatement => s.kind === 'participant');
    const typo = closest(participant.name, declared.map((p) => p.name.name));
    if (typo !== undefined) fixes.push({ title: `Change to ${typo}`, edits: [{ range: diagnostic.range, newText: typo }], isPreferred: true });
    fixes.push({ title: `Declare participant ${participant.name}`, edits: [declare(source, declared, participant.name)] });
  }
  return fixes;
}

function replaceTitle(diagnostic: Diagnostic, newText: string): string {
  switch (diagnostic.code) {
    case 'tcp.bad-seq':
      return `Change to seq=${newText}`;
    case 'tcp.bad-ack':
    case 'tcp.unexpected-segment':
      return `Change to ack=${newText}`;
    case 'tcp.len-mismatch':
      return `Change to len=${newText}`;
    case 'tcp.missing-ack-flag':
      return `Add the ${(diagnostic.data?.addFlags ?? ['ACK']).join('+')} flag: ${newText}`;
    case 'tcp.reply-mismatch':
      return `Send ${newText} instead`;
    case 'tcp.invalid-send':
      return `Mark it ${newText.trim()}`;
    case 'endpoint.ambiguous':
      return `Name the connection: ${newText}`;
    default:
      return newText.startsWith(' ') ? `Add '${newText.trim()}'` : `Change to ${newText}`;
  }
}

/**
 * A new statement line before 0-based `before`, indented like that line, or at the end of the
 * document. A line inside a simultaneous block (where only segments may stand) gets its new
 * statement before the block.
 */
function insertLine(analysis: Analysis, source: SourceLines, before: number, text: string): TextEdit {
  const { lines, eol, endsWithNewline } = source;
  let line = before;
  if (line >= lines.length) {
    if (!endsWithNewline) return insertAt(point(lines.length - 1, lines[lines.length - 1].length), `${eol}${text}`);
    line = lines.length - 1;
  }
  const block = scriptIndex(analysis).blocks[line];
  if (block !== undefined && block.line < line) line = block.line;
  return insertAt(point(line, 0), `${indentationOf(lines[line])}${text}${eol}`);
}

/** ` listen` at the end of the participant's declaration, before any comment. */
function addListen(analysis: Analysis, name: string): TextEdit | undefined {
  for (const stmt of analysis.script.statements) {
    if (stmt.kind === 'participant' && stmt.name.name === name) return insertAt(stmt.range.end, ' listen');
  }
  return undefined;
}

/** `participant <name>` on a new line after the last participant line. */
function declare(source: SourceLines, declared: readonly ParticipantStatement[], name: string): TextEdit {
  const { lines, eol } = source;
  const last = declared[declared.length - 1];
  if (last === undefined) return insertAt(point(0, 0), `participant ${name}${eol}`);
  const indentation = indentationOf(lines[last.line]);
  if (last.line + 1 < lines.length) return insertAt(point(last.line + 1, 0), `${indentation}participant ${name}${eol}`);
  return insertAt(point(last.line, lines[last.line].length), `${eol}${indentation}participant ${name}`);
}
