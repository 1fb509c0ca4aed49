// Plain SVG text: elements with attributes, every text and attribute value escaped,
// characters XML cannot hold replaced, numbers rounded to a tenth. No script, no
// foreignObject, no external reference: the file opens in any SVG tool.

export type Attributes = Readonly<Record<string, string | number | undefined>>;

// A global of every runtime the core runs in (Node, browsers, workers); the core's own
// compilation knows no DOM or Node types, so only what is used is declared here.
declare const TextDecoder: new () => { decode(bytes: Uint8Array): string };

/**
 * Writes the markup as UTF-8 into one growing buffer and decodes it once at the end. A
 * string per element, joined later, made the collector copy every piece of a picture of
 * 100,000 arrows several times over; the hot paths (ladderSvg's segments and state labels)
 * write their numbers and text straight into the buffer instead.
 */
export class SvgWriter {
  private bytes: Uint8Array;
  private length = 0;

  /** `expected`: about how many bytes the picture will be, so the buffer seldom grows. */
  constructor(expected = 4096) {
    this.bytes = new Uint8Array(Math.max(256, expected));
  }

  open(tag: string, attributes: Attributes = {}): void {
    this.raw(`<${tag}${attrs(attributes)}>\n`);
  }

  close(tag: string): void {
    this.raw(`</${tag}>\n`);
  }

  empty(tag: string, attributes: Attributes): void {
    this.raw(`<${tag}${attrs(attributes)}/>\n`);
  }

  text(content: string, attributes: Attributes, tag = 'text'): void {
    this.raw(`<${tag}${attrs(attributes)}>${escapeXml(content)}</${tag}>\n`);
  }

  /** Markup the caller built itself, every value in it already escaped (so no lone surrogate: UTF-8 cannot hold one). */
  raw(markup: string): void {
    this.room(markup.length * 3);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < markup.length; i++) {
      const c = markup.charCodeAt(i);
      if (c < 0x80) bytes[at++] = c;
      else at = this.utf8(markup, i, c, at, bytes);
      if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(markup.charCodeAt(i + 1))) i++;
    }
    this.length = at;
  }

  /** `text` escaped as escapeXml escapes it, written as raw writes it. */
  escaped(text: string): void {
    // At most 6 bytes per UTF-16 unit (`&quot;`).
    this.room(text.length * 6);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x3f && c < 0xd800) {
        if (c < 0x80) bytes[at++] = c;
        else at = this.utf8(text, i, c, at, bytes);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
        at = this.utf8(text, i, c, at, bytes);
        i++;
        continue;
      }
      if (!needsEscape(c)) {
        if (c < 0x80) bytes[at++] = c;
        else at = this.utf8(text, i, c, at, bytes);
      } else if (c >= 0x20 && c < 0x3f) at = this.ascii(replacement(c), at, bytes);
      else at = this.utf8(REPLACEMENT_CHARACTER, 0, 0xfffd, at, bytes);
    }
    this.length = at;
  }

  /** A number as num() writes it. */
  num(n: number): void {
    const tenths = Math.round(n * 10);
    if (tenths === 0 || Math.abs(tenths) >= 1e15) {
      this.raw(num(n));
      return;
    }
    this.room(20);
    const bytes = this.bytes;
    let at = this.length;
    if (tenths < 0) bytes[at++] = 0x2d;
    const magnitude = Math.abs(tenths);
    const digit = magnitude % 10;
    at = writeDigits(bytes, at, (magnitude - digit) / 10);
    if (digit !== 0) {
      bytes[at++] = 0x2e;
      bytes[at++] = 0x30 + digit;
    }
    this.length = at;
  }

  /** A whole number from 0 up, in decimal (a line number). */
  int(n: number): void {
    this.room(20);
    this.length = writeDigits(this.bytes, this.length, n);
  }

  finish(): string {
    return new TextDecoder().decode(this.bytes.subarray(0, this.length));
  }

  /** Room for `n` more bytes. */
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  private ascii(text: string, at: number, bytes: Uint8Array): number {
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    return at;
  }

  /** The UTF-8 of the character at `i` (whose first unit is `c`, 0x80 or more). */
  private utf8(text: string, i: number, c: number, at: number, bytes: Uint8Array): number {
    let code = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (isLowSurrogate(d)) code = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      else code = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) code = 0xfffd;
    if (code < 0x800) {
      bytes[at++] = 0xc0 | (code >> 6);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      bytes[at++] = 0xe0 | (code >> 12);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    } else {
      bytes[at++] = 0xf0 | (code >> 18);
      bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
      bytes[at++] = 0x80 | (code & 0x3f);
    }
    return at;
  }
}

const REPLACEMENT_CHARACTER = '\ufffd';

/** The decimal digits of a whole number below 1e15 at `at`; returns the end. */
function writeDigits(bytes: Uint8Array, at: number, n: number): number {
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  const end = at + digits;
  let rest = n;
  // Coordinates and line numbers fit 31 bits, where integer division is cheap.
  if (n < 0x80000000) {
    for (let k = end - 1; k >= at; k--) {
      const q = (rest / 10) | 0;
      bytes[k] = 0x30 + rest - q * 10;
      rest = q;
    }
    return end;
  }
  for (let k = end - 1; k >= at; k--) {
    const d = rest % 10;
    bytes[k] = 0x30 + d;
    rest = (rest - d) / 10;
  }
  return end;
}

/** ` key="value"…`, values escaped: for attributes that stay the same over many elements. */
export function attrs(attributes: Attributes): string {
  let out = '';
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/** A number as SVG writes it: at most one decimal, no `-0`. */
export function num(n: number): string {
  const tenths = Math.round(n * 10);
  if (tenths === 0) return '0';
  // The same text as String(tenths / 10), without the general (slower) decimal conversion.
  if (Math.abs(tenths) < 1e15) {
    const digit = tenths % 10;
    if (digit === 0) return String(tenths / 10);
    const whole = Math.abs((tenths - digit) / 10);
    return `${tenths < 0 ? '-' : ''}${whole}.${Math.abs(digit)}`;
  }
  return String(tenths / 10);
}

/**
 * Text safe inside an element or a double- or single-quoted attribute: `&<>"'` as entities,
 * and what XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF) as
 * U+FFFD. One scan of the text, no regular expression: every segment label passes here.
 */
export function escapeXml(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3f && c < 0xd800) continue;
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (needsEscape(c)) return escapeFrom(text, i);
  }
  return text;
}

function escapeFrom(text: string, start: number): string {
  let out = text.slice(0, start);
  let run = start;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3f && c < 0xd800) continue;
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (!needsEscape(c)) continue;
    out += text.slice(run, i) + replacement(c);
    run = i + 1;
  }
  return out + text.slice(run);
}

/** Below U+003F or from U+D800 on, and not the first half of a surrogate pair. */
function needsEscape(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c < 0x3f) return c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27;
  return c <= 0xdfff || c >= 0xfffe;
}

function replacement(c: number): string {
  switch (c) {
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x3e:
      return '&gt;';
    case 0x22:
      return '&quot;';
    case 0x27:
      return '&#39;';
    default:
      return '\ufffd';
  }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
