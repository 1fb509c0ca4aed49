// The line-oriented tokenizer of .tcpflow scripts. Runs anywhere (no Node or vscode APIs).
// It walks the text once, a line at a time, and the parser asks it for the token it expects
// at each point (an identifier, an arrow, a word, a string), by character code: no regular
// expressions and no per-line arrays, because this runs on every keystroke.

import type { Arrow, Identifier, StringLiteral } from './ast';
import { diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticData } from '../diagnostics';
import type { Position, Range } from './range';

export const enum Char {
  Tab = 9,
  LineFeed = 10,
  VerticalTab = 11,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Equals = 61,
  Greater = 62,
  UpperA = 65,
  UpperF = 70,
  UpperZ = 90,
  Backslash = 92,
  Underscore = 95,
  LowerA = 97,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerX = 120,
  LowerZ = 122,
  Tilde = 126,
  NoBreakSpace = 0xa0,
  ByteOrderMark = 0xfeff,
}

export function isSpace(c: number): boolean {
  return (
    c === Char.Space ||
    c === Char.Tab ||
    c === Char.CarriageReturn ||
    c === Char.VerticalTab ||
    c === Char.FormFeed ||
    c === Char.NoBreakSpace ||
    c === Char.ByteOrderMark
  );
}

export function isDigit(c: number): boolean {
  return c >= Char.Zero && c <= Char.Nine;
}

export function isIdentStart(c: number): boolean {
  return (c >= Char.UpperA && c <= Char.UpperZ) || (c >= Char.LowerA && c <= Char.LowerZ) || c === Char.Underscore;
}

export function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Word characters: an identifier's, plus `.` (compact flags `S.`, addresses, `1.5m`). */
function isWordChar(c: number): boolean {
  return isIdentChar(c) || c === Char.Dot;
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= Char.UpperA && c <= Char.UpperF) || (c >= Char.LowerA && c <= Char.LowerF);
}

/** Messages quote what was written; a runaway token is cut so a message stays readable. */
export function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** Slots of the scanner's table of names (a power of two). */
const NAME_SLOTS = 1024;

export class Scanner {
  readonly diagnostics: Diagnostic[] = [];
  /** 0-based line being read; after the last line, the index of the last line. */
  line = -1;
  /** Offsets in the text of the current line: its start, and its end before `\r\n`, `\n` or `\r`. */
  lineStart = 0;
  lineEnd = 0;
  /** The statement's text: from the first non-blank character to before the comment and trailing blanks. */
  contentStart = 0;
  end = 0;
  /** The read position within the current line. */
  pos = 0;

  private nextStart = 0;
  /**
   * Positions are shared by adjacent nodes (a field ends where its value ends, a statement
   * where its last token ends): the last two made on this line and the statement's two ends
   * are reused, which spares the allocations that dominate a large parse. They are read-only.
   */
  private contentStartPosition: Position | undefined;
  private endPosition: Position | undefined;
  private recentOffset0 = -1;
  private recentPosition0: Position = { line: 0, character: 0 };
  private recentOffset1 = -1;
  private recentPosition1: Position = { line: 0, character: 0 };
  /** Names already read, by a hash of their characters: a big script writes the same few names on every line. */
  private readonly names: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS).fill(undefined);
  /** The UTF-8 length of the last string read by scanStringText. */
  stringBytes = 0;
  /** Where the next `#` and `"` are, found with indexOf and reused until passed: linear overall. */
  private hashAt = -1;
  private quoteAt = -1;
  private lineFeedAt = -1;
  private carriageReturnAt = -1;

  constructor(readonly text: string) {}

  /** Moves to the next line; false after the last. */
  nextLine(): boolean {
    const text = this.text;
    const start = this.nextStart;
    if (start > text.length) return false;
    // `\r\n`, `\n` and a lone `\r` each end a line (spec §2).
    if (this.lineFeedAt < start) this.lineFeedAt = this.find('\n', start);
    if (this.carriageReturnAt < start) this.carriageReturnAt = this.find('\r', start);
    const lineEnd = Math.min(this.lineFeedAt, this.carriageReturnAt, text.length);
    this.nextStart =
      lineEnd === this.carriageReturnAt && lineEnd + 1 === this.lineFeedAt ? lineEnd + 2 : lineEnd + 1;
    this.line++;
    this.recentOffset0 = -1;
    this.recentOffset1 = -1;
    this.contentStartPosition = undefined;
    this.endPosition = undefined;
    this.lineStart = start;
    this.lineEnd = lineEnd;

    if (this.hashAt < start) this.hashAt = this.find('#', start);
    if (this.quoteAt < start) this.quoteAt = this.find('"', start);
    let end = lineEnd;
    let inString = false;
    if (this.quoteAt < lineEnd && this.quoteAt < this.hashAt) {
      // A `#` inside a string is text, and an unterminated string keeps its trailing blanks.
      for (let i = this.quoteAt; i < lineEnd; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          if (c === Char.Backslash) i++;
          else if (c === Char.Quote) inString = false;
        } else if (c === Char.Quote) {
          inString = true;
        } else if (c === Char.Hash) {
          end = i;
          break;
        }
      }
    } else if (this.hashAt < lineEnd) {
      end = this.hashAt;
    }
    if (!inString) {
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    }
    let pos = start;
    while (pos < end && isSpace(text.charCodeAt(pos))) pos++;
    this.end = end;
    this.contentStart = pos;
    this.pos = pos;
    return true;
  }

  private find(what: string, from: number): number {
    const i = this.text.indexOf(what, from);
    return i < 0 ? this.text.length + 1 : i;
  }

  /** The character code at `offset` on the current line's content, or -1 past its end. */
  charAt(offset: number): number {
    return offset < this.end ? this.text.charCodeAt(offset) : -1;
  }

  peek(): number {
    return this.charAt(this.pos);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  skipSpaces(): void {
    this.pos = this.spacesEnd(this.pos);
  }

  spacesEnd(from: number): number {
    const text = this.text;
    while (from < this.end && isSpace(text.charCodeAt(from))) from++;
    return from;
  }

  /** End of the identifier `[A-Za-z_][A-Za-z0-9_]*` at `from`; `from` when there is none. */
  identEnd(from: number): number {
    const text = this.text;
    if (from >= this.end || !isIdentStart(text.charCodeAt(from))) return from;
    let i = from + 1;
    while (i < this.end && isIdentChar(text.charCodeAt(i))) i++;
    return i;
  }

  /** End of the run of word characters `[A-Za-z0-9_.]` at `from`. */
  wordEnd(from: number): number {
    const text = this.text;
    while (from < this.end && isWordChar(text.charCodeAt(from))) from++;
    return from;
  }

  /** End of the run of non-blank characters at `from`. */
  runEnd(from: number): number {
    const text = this.text;
    while (from < this.end && !isSpace(text.charCodeAt(from))) from++;
    return from;
  }

  /** End of the run at `from` that stops at a blank, a `"`, and when asked at `stop` too. */
  tokenEnd(from: number, stop = -1, stop2 = -1, stop3 = -1): number {
    const text = this.text;
    while (from < this.end) {
      const c = text.charCodeAt(from);
      if (isSpace(c) || c === Char.Quote || c === stop || c === stop2 || c === stop3) break;
      from++;
    }
    return from;
  }

  /** The arrow at `at`: `->`, `~>`, or `-x` when no identifier character follows the x. */
  arrowAt(at: number): Arrow | undefined {
    const c = this.charAt(at);
    const next = this.charAt(at + 1);
    if (c === Char.Minus) {
      if (next === Char.Greater) return '->';
      if (next === Char.LowerX && !isIdentChar(this.charAt(at + 2))) return '-x';
    } else if (c === Char.Tilde && next === Char.Greater) {
      return '~>';
    }
    return undefined;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /** The position of `offset` on the current line. */
  position(offset: number): Position {
    if (offset === this.recentOffset1) return this.recentPosition1;
    if (offset === this.recentOffset0) return this.recentPosition0;
    // The statement's first and last token share their ends with the statement's range.
    if (offset === this.contentStart) return (this.contentStartPosition ??= this.newPosition(offset));
    if (offset === this.end) return (this.endPosition ??= this.newPosition(offset));
    return this.newPosition(offset);
  }

  private newPosition(offset: number): Position {
    const position = { line: this.line, character: offset - this.lineStart };
    this.recentOffset0 = this.recentOffset1;
    this.recentPosition0 = this.recentPosition1;
    this.recentOffset1 = offset;
    this.recentPosition1 = position;
    return position;
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Whether `start..end` is `word` (given in lower case), ignoring case, without making a string. */
  isWord(start: number, end: number, word: string): boolean {
    if (end - start !== word.length) return false;
    const text = this.text;
    for (let i = 0; i < word.length; i++) {
      const w = word.charCodeAt(i);
      const c = text.charCodeAt(start + i);
      if (c !== w && (w < Char.LowerA || w > Char.LowerZ || (c | 0x20) !== w)) return false;
    }
    return true;
  }

  /** The statement's text on this line. */
  lineRange(): Range {
    return this.range(this.contentStart, this.end);
  }

  identifier(start: number, end: number): Identifier {
    return { name: this.name(start, end), range: this.range(start, end) };
  }

  /** The text at `start..end`, as the same string as the last time that text was read. */
  name(start: number, end: number): string {
    const text = this.text;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (hash * 31 + text.charCodeAt(i)) & (NAME_SLOTS - 1);
    const known = this.names[hash];
    if (known !== undefined && known.length === end - start && text.startsWith(known, start)) return known;
    const name = text.slice(start, end);
    this.names[hash] = name;
    return name;
  }

  report(code: DiagnosticCode, start: number, end: number, message: string, data?: DiagnosticData): void {
    this.reportAt(code, this.range(start, end), message, data);
  }

  reportAt(code: DiagnosticCode, where: Range, message: string, data?: DiagnosticData): void {
    this.diagnostics.push(data === undefined ? diagnostic(code, where, message) : diagnostic(code, where, message, { data }));
  }

  /** A suggestion that replaces the text at `start..end`, for quick fixes. */
  replacement(start: number, end: number, text: string): DiagnosticData {
    return { replace: { range: this.range(start, end), text } };
  }

  /** Reports what is left on the line, if anything, as not belonging to the statement. */
  expectLineEnd(after: string): void {
    this.skipSpaces();
    if (this.pos >= this.end) return;
    const rest = this.slice(this.pos, this.end);
    this.report('syntax.unexpected-token', this.pos, this.end, `unexpected '${shorten(rest)}' after ${after}`);
    this.pos = this.end;
  }

  /**
   * Reads the string at `pos` (a `"`). `raw` is the text between the quotes as written; the
   * byte length counts the decoded string in UTF-8 (`\xNN` is one byte). Unterminated
   * strings run to the end of the line.
   */
  scanString(): StringLiteral {
    const start = this.pos;
    const raw = this.scanStringText();
    return { raw, byteLength: this.stringBytes, range: this.range(start, this.pos) };
  }

  /** scanString without the literal: returns `raw` and leaves its byte length in `stringBytes`. */
  scanStringText(): string {
    const text = this.text;
    const start = this.pos;
    const end = this.end;
    let bytes = 0;
    let i = start + 1;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === Char.Quote) break;
      if (c !== Char.Backslash) {
        if (c < 0x80) {
          bytes += 1;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
          bytes += 4;
          i++;
        } else {
          bytes += 3; // other BMP characters; a lone surrogate becomes U+FFFD, also 3 bytes
        }
        i++;
        continue;
      }
      const escaped = i + 1 < end ? text.charCodeAt(i + 1) : -1;
      if (escaped < 0) {
        i++; // a backslash at the end of the line: the string is unterminated, reported below
        continue;
      }
      bytes += 1;
      if (
        escaped === Char.LowerN ||
        escaped === Char.LowerR ||
        escaped === Char.LowerT ||
        escaped === Char.Quote ||
        escaped === Char.Backslash
      ) {
        i += 2;
      } else if (escaped === Char.LowerX) {
        let hexEnd = i + 2;
        while (hexEnd < i + 4 && hexEnd < end && isHexDigit(text.charCodeAt(hexEnd))) hexEnd++;
        if (hexEnd < i + 4) {
          this.report(
            'syntax.bad-escape',
            i,
            hexEnd,
            `bad escape '${text.slice(i, hexEnd)}': \\x needs two hex digits, e.g. \\x0a`,
          );
        }
        i = hexEnd;
      } else {
        const escapeEnd = isHighSurrogateAt(text, i + 1, end) ? i + 3 : i + 2;
        this.report(
          'syntax.bad-escape',
          i,
          escapeEnd,
          `unknown escape '${text.slice(i, escapeEnd)}': use \\n, \\r, \\t, \\", \\\\ or \\xNN (write \\\\ for a backslash)`,
        );
        i = escapeEnd;
      }
    }
    const raw = text.slice(start + 1, i);
    if (i < end) {
      this.pos = i + 1;
    } else {
      this.pos = end;
      this.report('syntax.unterminated-string', start, end, `unterminated string: add the closing '"'`);
    }
    this.stringBytes = bytes;
    return raw;
  }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHighSurrogateAt(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && at + 1 < end && isLowSurrogate(text.charCodeAt(at + 1));
}
