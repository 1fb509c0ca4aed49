// The text a quoted string stands for, its escapes decoded as the scanner reads them in
// payloads (`\n`, `\r`, `\t`, `\"`, `\\`, `\xNN`): what a participant's `as "…"` label shows.

/**
 * `raw` is the text between the quotes as written. `\xNN` stands for the character U+00NN;
 * an escape the scanner reported (`\q`, a short `\x`) is kept as written.
 */
export function decodeEscapes(raw: string): string {
  if (raw.indexOf('\\') < 0) return raw;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) !== 92) continue;
    const decoded = escapeAt(raw, i);
    if (decoded === undefined) continue;
    out += raw.slice(runStart, i) + decoded.text;
    i += decoded.length - 1;
    runStart = i + 1;
  }
  return out + raw.slice(runStart);
}

function escapeAt(raw: string, i: number): { text: string; length: number } | undefined {
  switch (raw[i + 1]) {
    case 'n':
      return { text: '\n', length: 2 };
    case 'r':
      return { text: '\r', length: 2 };
    case 't':
      return { text: '\t', length: 2 };
    case '"':
      return { text: '"', length: 2 };
    case '\\':
      return { text: '\\', length: 2 };
    case 'x': {
      const hex = raw.slice(i + 2, i + 4);
      return /^[0-9a-fA-F]{2}$/.test(hex) ? { text: String.fromCharCode(parseInt(hex, 16)), length: 4 } : undefined;
    }
    default:
      return undefined;
  }
}
