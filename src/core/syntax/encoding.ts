// Where a script's bytes are not UTF-8, as diagnostics. Runs anywhere (no Node or vscode APIs).
// A decoder replaces each bad sequence with U+FFFD, which is 3 bytes in a payload whatever
// the file held, so every later sequence number would move without a word: these say where.

import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Range } from './range';

/**
 * One `syntax.encoding` error per line holding bytes that are not UTF-8, at the first of
 * them, its byte offset in the message. Positions are those of the text a WHATWG decoder
 * makes of `bytes` (one U+FFFD per bad sequence, a leading byte-order mark dropped), with
 * the scanner's line breaks.
 */
export function utf8Diagnostics(bytes: Uint8Array): Diagnostic[] {
  const out: Diagnostic[] = [];
  let line = 0;
  let character = 0;
  let reportedLine = -1;
  let i = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      if (b === 10 || (b === 13 && bytes[i] !== 10)) {
        line++;
        character = 0;
      } else {
        character++;
      }
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      character += length === 4 ? 2 : 1;
      i += length;
      continue;
    }
    const bad = badSequenceLength(bytes, i);
    if (line !== reportedLine) {
      reportedLine = line;
      const range: Range = { start: { line, character }, end: { line, character: character + 1 } };
      const shown = Array.from(bytes.subarray(i, i + bad), (x) => `\\x${x.toString(16).padStart(2, '0')}`).join('');
      out.push(
        diagnostic(
          'syntax.encoding',
          range,
          `byte ${i} (${shown}) is not UTF-8: it reads as U+FFFD, 3 bytes in a payload; save the file as UTF-8, or write the byte as an escape ("${shown}")`,
        ),
      );
    }
    character++;
    i += bad;
  }
  return out;
}

/** The length of the valid UTF-8 sequence starting at `i` (a byte ≥ 0x80), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0) return 0;
  for (let k = 1; k <= need; k++) {
    if (!continues(bytes, i, k)) return 0;
  }
  return need + 1;
}

/**
 * How many bytes one U+FFFD stands for (the "maximal subpart" of the Encoding standard):
 * a lead byte and the continuation bytes that could still have completed it.
 */
function badSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  let k = 1;
  while (k <= need && continues(bytes, i, k)) k++;
  return k;
}

/** Whether the `k`-th byte after the lead at `i` continues it (the second byte's narrower ranges included). */
function continues(bytes: Uint8Array, i: number, k: number): boolean {
  if (i + k >= bytes.length) return false;
  const c = bytes[i + k];
  if (k === 1) {
    const b = bytes[i];
    if (b === 0xe0) return c >= 0xa0 && c <= 0xbf;
    if (b === 0xed) return c >= 0x80 && c <= 0x9f;
    if (b === 0xf0) return c >= 0x90 && c <= 0xbf;
    if (b === 0xf4) return c >= 0x80 && c <= 0x8f;
  }
  return c >= 0x80 && c <= 0xbf;
}

/**
 * For an editor, which decodes files itself: one `syntax.encoding` error per line holding
 * U+FFFD, the character a decoder puts where the file's bytes were not in its encoding.
 * The byte offset is the editor's to know; the character is what the user sees.
 */
export function replacementCharacterDiagnostics(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let at = text.indexOf('\uFFFD');
  if (at < 0) return out;
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  while (at >= 0) {
    for (let i = scanned; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = at;
    const character = at - lineStart;
    out.push(
      diagnostic(
        'syntax.encoding',
        { start: { line, character }, end: { line, character: character + 1 } },
        `U+FFFD here: the file has bytes that are not in its encoding, and the editor replaced them (3 bytes in a payload, whatever the file held); save the file as UTF-8, or write bytes as escapes ("\\xff")`,
      ),
    );
    // One per line: move to the next line that has one.
    let next = at;
    while (next < text.length && text.charCodeAt(next) !== 10 && text.charCodeAt(next) !== 13) next++;
    at = text.indexOf('\uFFFD', next);
  }
  return out;
}
