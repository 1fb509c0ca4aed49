// Text widths without a browser: the advance widths of Helvetica (and of the metric-compatible
// Arial and Liberation Sans, which the SVG names first) per 1000 units of the em, so the
// layout can size boxes and lanes in the core, the CLI and the tests alike.

export interface FontStyle {
  readonly size: number;
  readonly bold?: boolean;
}

/** The SVG's font-family: metric-compatible faces first, so the widths below hold. */
export const FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif";

// Widths of the printable ASCII characters U+0020…U+007E, in order (Adobe's Helvetica AFM).
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** Latin letters with accents, Greek, arrows and the like: about an average lower-case letter. */
const OTHER = 556;
/** CJK ideographs, kana, Hangul and full-width forms fill the em. */
const WIDE = 1000;

/** The width in pixels of `text` set in the diagram font at `style`. */
export function textWidth(text: string, style: FontStyle): number {
  const table = style.bold === true ? BOLD : REGULAR;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      units += table[c - 0x20];
      continue;
    }
    // A surrogate pair is one character (a lone surrogate counts as one by itself).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isWide(c)) units += WIDE;
    else if (c < 0x20 || (c >= 0x300 && c <= 0x36f) || c === 0x200b) units += 0;
    else units += OTHER;
  }
  return (units * style.size) / 1000;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** `text` cut to at most `max` pixels wide, with `…` where it was cut. */
export function fitText(text: string, max: number, style: FontStyle): string {
  if (textWidth(text, style) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(chars.slice(0, mid).join('') + '…', style) <= max) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}
