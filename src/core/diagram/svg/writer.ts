// Plain SVG text, built by concatenation: elements with attributes, every text and attribute
// value escaped, characters XML cannot hold replaced, numbers rounded to a tenth. No script,
// no foreignObject, no external reference: the file opens in any SVG tool.

export type Attributes = Readonly<Record<string, string | number | undefined>>;

export class SvgWriter {
  private out = '';

  open(tag: string, attributes: Attributes = {}): void {
    this.out += `<${tag}${attrs(attributes)}>\n`;
  }

  close(tag: string): void {
    this.out += `</${tag}>\n`;
  }

  empty(tag: string, attributes: Attributes): void {
    this.out += `<${tag}${attrs(attributes)}/>\n`;
  }

  text(content: string, attributes: Attributes, tag = 'text'): void {
    this.out += `<${tag}${attrs(attributes)}>${escapeXml(content)}</${tag}>\n`;
  }

  /** Markup the caller built itself, every value in it already escaped (the hot paths). */
  raw(markup: string): void {
    this.out += markup;
  }

  finish(): string {
    return this.out;
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
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Text safe inside an element or a double- or single-quoted attribute. */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // Control characters, lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0.
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot hold
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return clean.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
