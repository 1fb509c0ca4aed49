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

/** Text safe inside an element or a double- or single-quoted attribute. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // Control characters, lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0 (most
  // labels have none: a payload's quotes alone need no more than the entities).
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
  const clean = !UNSAFE.test(text) ? text : text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return clean.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
