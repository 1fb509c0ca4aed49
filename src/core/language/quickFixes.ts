// Quick fixes: the edits a diagnostic's `data` asks for, with a title that says what they do.
// Each fix, applied alone, makes the script's re-analysis drop that diagnostic and adds no
// error elsewhere: a fix that would not is not offered (fixVerification.ts).

import type { Analysis } from '../analysis';
import type { ParticipantStatement } from '../syntax/ast';
import type { Diagnostic } from '../diagnostics';
import { closest } from '../syntax/suggest';
import { fixes as fixesIt, VERIFIED_FIXES_MAX_LINES } from './fixVerification';
import { indentationOf, insertAt, point, sourceLines, type SourceLines, type TextEdit } from './document';
import { nextSegments } from './nextSegments';
import { scriptIndex } from './scriptIndex';
import { owedAfterStep } from '../engine/timeline';

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
    const declaration = declarationOf(analysis, participant.name);
    const synLine = diagnostic.related?.[0]?.range.start.line;
    if (declaration !== undefined && declaration.listen === undefined) {
      fixes.push({ title: `Declare ${participant.name} with listen`, edits: [insertAt(declaration.range.end, ' listen')] });
    } else if (synLine !== undefined) {
      // Declared listening, then closed: it must listen again before the SYN arrives.
      const text = `${participant.name}: listen`;
      fixes.push({ title: `Add '${text}' before line ${synLine + 1}`, edits: [insertLine(analysis, source, synLine, text)] });
    }
  }
  if (participant?.declare) {
    const declared = analysis.script.statements.filter((s): s is ParticipantStatement => s.kind === 'participant');
    const typo = closest(participant.name, declared.map((p) => p.name.name));
    if (typo !== undefined) fixes.push({ title: `Change to ${typo}`, edits: [{ range: diagnostic.range, newText: typo }], isPreferred: true });
    const declaration = receivesSynFirst(analysis, participant.name) ? `${participant.name} listen` : participant.name;
    fixes.push({ title: `Declare participant ${declaration}`, edits: [declare(source, declared, declaration)] });
  }
  if (fixes.length === 0 || analysis.script.lineCount > VERIFIED_FIXES_MAX_LINES) return fixes;
  return fixes.filter((fix) => fixesIt(text, analysis, diagnostic, fix.edits));
}

/**
 * "Insert the owed reply": after a line that leaves a segment owed which the next line does not
 * send, that segment as a new line below it (the same line completion offers first there).
 */
export function owedSegmentFixes(text: string, analysis: Analysis, line: number): QuickFix[] {
  const next = analysis.timeline.findIndex((s) => s.line > line);
  const owedAfterNext = next < 0 ? undefined : owedAfterStep(analysis, next);
  return nextSegments(analysis, line + 1)
    .filter((s) => s.owed !== undefined && (owedAfterNext === undefined || owedAfterNext.includes(s.owed)))
    .map((s) => ({
      title: `Insert the owed ${s.owed?.kind === 'reply' ? 'reply' : 'segment'}: ${s.text}`,
      edits: [insertLine(analysis, sourceLines(text), line + 1, s.text)],
    }));
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

function declarationOf(analysis: Analysis, name: string): ParticipantStatement | undefined {
  for (const stmt of analysis.script.statements) {
    if (stmt.kind === 'participant' && stmt.name.name === name) return stmt;
  }
  return undefined;
}

/**
 * Whether the first thing `name` takes part in is receiving a SYN without ACK (its first
 * segment, before any call of its own): a server, to be declared listening.
 */
function receivesSynFirst(analysis: Analysis, name: string): boolean {
  for (const stmt of analysis.script.statements) {
    const segment = stmt.kind === 'simultaneous' ? stmt.segments.find((s) => s.src.name === name || s.dst.name === name) : stmt;
    if (segment === undefined) continue;
    if (segment.kind === 'call' && segment.endpoint.name === name) return false;
    if (segment.kind !== 'segment' || (segment.src.name !== name && segment.dst.name !== name)) continue;
    return segment.dst.name === name && segment.flags.flags.has('SYN') && !segment.flags.flags.has('ACK');
  }
  return false;
}

/** `participant <declaration>` on a new line after the last participant line. */
function declare(source: SourceLines, declared: readonly ParticipantStatement[], name: string): TextEdit {
  const { lines, eol } = source;
  const last = declared[declared.length - 1];
  if (last === undefined) return insertAt(point(0, 0), `participant ${name}${eol}`);
  const indentation = indentationOf(lines[last.line]);
  if (last.line + 1 < lines.length) return insertAt(point(last.line + 1, 0), `${indentation}participant ${name}${eol}`);
  return insertAt(point(last.line, lines[last.line].length), `${eol}${indentation}participant ${name}`);
}
