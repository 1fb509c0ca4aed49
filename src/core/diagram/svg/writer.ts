// Plain SVG text: elements with attributes, every text and attribute value escaped,
// characters XML cannot hold replaced, numbers rounded to a tenth. No script, no
// foreignObject, no external reference: the file opens in any SVG tool.

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** Pieces joined into one flat block at a time (see SvgWriter). */
const BLOCK = 256;

/**
 * Collects the markup in pieces and joins them a block at a time, then the blocks once at
 * the end. Appending to one string instead keeps every intermediate piece of a picture of
 * 100,000 arrows alive until the end, and the collector copies them over and over: the time
 * grew faster than the picture.
 */
export class SvgWriter {
  private readonly blocks: string[] = [];
  private pieces: string[] = [];

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

  /** Markup the caller built itself, every value in it already escaped (the hot paths). */
  raw(markup: string): void {
    this.pieces.push(markup);
    if (this.pieces.length === BLOCK) {
      this.blocks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  finish(): string {
    this.blocks.push(this.pieces.join(''));
    this.pieces = [];
    return this.blocks.join('');
  }
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
