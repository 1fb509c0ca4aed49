// Splits a packetdrill script into its items: blank lines, comments (`//`, `/* … */`) and
// statements, which may run over several lines (a syscall's `{…}` argument, a `%{ … }%`
// Python block, a backquoted shell command).

export type PacketdrillItem =
  | { readonly kind: 'blank'; readonly line: number }
  | { readonly kind: 'comment'; readonly line: number; readonly text: string }
  | {
      readonly kind: 'statement';
      /** 1-based first line. */
      readonly line: number;
      /** The source lines it spans, as written. */
      readonly source: readonly string[];
      /** Its code with the comments taken out, lines joined by '\n'. */
      readonly code: string;
      /** The comments written on its lines. */
      readonly comments: readonly string[];
    };

type Mode = 'code' | 'block' | 'backtick' | 'python' | 'string';

export function splitPacketdrill(text: string): PacketdrillItem[] {
  const rows = text.split(/\r\n|\n|\r/);
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const items: PacketdrillItem[] = [];
  let mode: Mode = 'code';
  let depth = 0;
  let pending: { line: number; source: string[]; code: string[]; comments: string[] } | undefined;

  rows.forEach((row, index) => {
    const line = index + 1;
    const startedInBlock = mode === 'block';
    let code = '';
    let comment = '';
    let j = 0;
    while (j < row.length) {
      const c = row[j];
      if (mode === 'block') {
        if (row.startsWith('*/', j)) {
          mode = 'code';
          j += 2;
          comment += ' ';
        } else {
          comment += c;
          j++;
        }
        continue;
      }
      if (mode === 'backtick') {
        code += c;
        if (c === '`') mode = 'code';
        j++;
        continue;
      }
      if (mode === 'python') {
        if (row.startsWith('}%', j)) {
          code += '}%';
          j += 2;
          mode = 'code';
        } else {
          code += c;
          j++;
        }
        continue;
      }
      if (mode === 'string') {
        code += c;
        if (c === '\\' && j + 1 < row.length) code += row[++j];
        else if (c === '"') mode = 'code';
        j++;
        continue;
      }
      if (row.startsWith('//', j)) {
        comment += row.slice(j + 2);
        break;
      }
      if (row.startsWith('/*', j)) {
        mode = 'block';
        j += 2;
        continue;
      }
      if (row.startsWith('%{', j)) {
        mode = 'python';
        code += '%{';
        j += 2;
        continue;
      }
      if (c === '`') mode = 'backtick';
      else if (c === '"') mode = 'string';
      else if (c === '(' || c === '{' || c === '[') depth++;
      else if ((c === ')' || c === '}' || c === ']') && depth > 0) depth--;
      code += c;
      j++;
    }
    // A string does not continue on the next line.
    if (mode === 'string') mode = 'code';

    const commentText = tidyComment(comment);
    if (pending || code.trim() !== '') {
      pending ??= { line, source: [], code: [], comments: [] };
      pending.source.push(row);
      pending.code.push(code);
      if (commentText !== '') pending.comments.push(commentText);
      const open = depth > 0 || mode === 'backtick' || mode === 'python';
      if (!open) {
        items.push({ kind: 'statement', line: pending.line, source: pending.source, code: pending.code.join('\n'), comments: pending.comments });
        pending = undefined;
      }
    } else if (commentText !== '' || startedInBlock || mode === 'block') {
      items.push({ kind: 'comment', line, text: commentText });
    } else {
      items.push({ kind: 'blank', line });
    }
  });
  if (pending) {
    items.push({ kind: 'statement', line: pending.line, source: pending.source, code: pending.code.join('\n'), comments: pending.comments });
  }
  return items;
}

/** A comment's text without the decoration of block comments (` * `). */
function tidyComment(text: string): string {
  return text.trim().replace(/^\*+(?=\s|$)\s*/, '').trim();
}
