// Makes any text safe to place in a Mermaid sequence diagram as plain text.
//
// Mermaid replaces `#NNN;` with the character NNN after laying out the diagram, so every
// character outside a small set that means nothing to Mermaid's lexer (or to the
// renderer's KaTeX and markup handling) is written that way: `;` would end the statement,
// `#` would start a comment, `%%` a directive, `<…>` markup, `$$` math. The output is
// plain ASCII, and the only markup in a diagram is what the emitter adds itself.

/** Printable ASCII that is written as is. `$` is left out so that `$$` cannot start KaTeX. */
const SAFE_ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,=+-_/()[]'!?@*^~|";

const SAFE = (() => {
  const table = new Uint8Array(128);
  for (let i = 0; i < SAFE_ASCII.length; i++) table[SAFE_ASCII.charCodeAt(i)] = 1;
  return table;
})();

const SPACE = 32;
const EMPTY = '#32;';

/**
 * The text with every character outside the safe set written as a Mermaid entity code
 * (`#60;` for `<`, one code point per entity), line breaks collapsed to one space, other
 * control characters turned into spaces, and the first letter of a bare word `end` encoded
 * (`#101;nd`). Text with nothing visible becomes a single space entity.
 */
export function escapeMermaidText(text: string): string {
  let visible = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || SAFE[c] === 0 || (isLetterE(c) && isEndWordAt(text, i))) return escapeSlow(text);
    if (c !== SPACE) visible = true;
  }
  return visible ? text : EMPTY;
}

function escapeSlow(text: string): string {
  let out = '';
  let visible = false;
  let runStart = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128 && SAFE[c] === 1 && !(isLetterE(c) && isEndWordAt(text, i))) {
      if (c !== SPACE) visible = true;
      i++;
      continue;
    }
    out += text.slice(runStart, i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      out += ' ';
      while (i < text.length && isLineBreak(text.charCodeAt(i))) i++;
    } else if (c < 32 || (c >= 0x7f && c <= 0x9f)) {
      out += ' ';
      i++;
    } else if (c < 128) {
      // A safe letter `e` that begins a bare `end`, or an unsafe ASCII character.
      out += '#' + c + ';';
      visible = true;
      i++;
    } else {
      const cp = codePointAt(text, i);
      out += '#' + cp + ';';
      visible = true;
      i += cp > 0xffff ? 2 : 1;
    }
    runStart = i;
  }
  out += text.slice(runStart);
  return visible ? out : EMPTY;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isLetterE(c: number): boolean {
  return c === 101 || c === 69;
}

/** Whether `end` (any case) stands at `i` as a whole word, as Mermaid's `end\b` would see it. */
function isEndWordAt(text: string, i: number): boolean {
  return (
    (text.charCodeAt(i + 1) | 32) === 110 &&
    (text.charCodeAt(i + 2) | 32) === 100 &&
    !isWordChar(text.charCodeAt(i - 1)) &&
    !isWordChar(text.charCodeAt(i + 3))
  );
}

/** ASCII word characters, as in a JavaScript `\b`. NaN (outside the string) is not one. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The code point at `i`; a lone surrogate becomes U+FFFD. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    return 0xfffd;
  }
  if (c >= 0xdc00 && c <= 0xdfff) return 0xfffd;
  return c;
}
