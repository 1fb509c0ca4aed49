// The escape that every piece of script text goes through before it reaches Mermaid.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMermaidText } from '../../src/core/diagram/mermaid/escape';
import { lines } from './helpers/lines';
import { parseMermaid } from './helpers/mermaidParser';

function escapesTo(input: string, expected: string): void {
  assert.strictEqual(escapeMermaidText(input), expected, JSON.stringify(input));
}

/** What Mermaid shows for escaped text: every `#NNN;` back to its character. */
function decode(escaped: string): string {
  return escaped.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** What the escape should show for `input`: line breaks collapsed, controls as spaces, lone surrogates as U+FFFD. */
function shownAs(input: string): string {
  let shown = '';
  for (const char of input) {
    const c = char.codePointAt(0) ?? 0;
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) shown += shown.endsWith('\n') ? '' : '\n';
    else if (c < 32 || (c >= 0x7f && c <= 0x9f)) shown += ' ';
    else if (c >= 0xd800 && c <= 0xdfff) shown += '\ufffd';
    else shown += char;
  }
  return shown.replace(/\n/g, ' ');
}

/** The escaped text in each place where the emitter puts script text. */
function inEveryPlace(escaped: string): string {
  return lines(
    'sequenceDiagram',
    `  title ${escaped}`,
    `  participant p0 as ${escaped}<br/>${escaped}`,
    `  participant p1 as ${escaped}`,
    `  p0->>p1: ${escaped}`,
    `  Note over p0,p1: ${escaped}`,
    `  Note right of p1: ${escaped}`,
    '',
  );
}

/** Characters that meet the escape's special cases: the word `end`, line breaks, surrogate halves. */
const TRICKY = fc.constantFrom('e', 'n', 'd', 'E', 'N', 'D', '_', '1', ' ', '-', '#', ';', '%', '<', '\r', '\n', '\t', '\ud83d', '\ude80', 'é');

const HOSTILE: readonly [string, string][] = [
  ['<script>alert(1)</script>', '#60;script#62;alert(1)#60;/script#62;'],
  ['<img src=x onerror=alert(1)>', '#60;img src=x onerror=alert(1)#62;'],
  ['a;b', 'a#59;b'],
  ['#35;', '#35;35#59;'],
  ['%%{init: {"theme": "forest"}}%%', '#37;#37;#123;init#58; #123;#34;theme#34;#58; #34;forest#34;#125;#125;#37;#37;'],
  ['%% comment', '#37;#37; comment'],
  ['end', '#101;nd'],
  ['End', '#69;nd'],
  ['END', '#69;ND'],
  ['the end.', 'the #101;nd.'],
  ['x-end-y', 'x-#101;nd-y'],
  ['end end', '#101;nd #101;nd'],
  ['"quoted"', '#34;quoted#34;'],
  ['rocket 🚀', 'rocket #128640;'],
  ['café', 'caf#233;'],
  ['a\r\nb', 'a b'],
  ['a\n\n\rb', 'a b'],
  ['a\u2028b', 'a b'],
  ['a\tb\u0000c\u007fd\u0085e', 'a b c d e'],
  ['a --> b', 'a --#62; b'],
  ['a->>b: c', 'a-#62;#62;b#58; c'],
  ['x: y', 'x#58; y'],
  ['{a} [b] (c)', '#123;a#125; [b] (c)'],
  ['a & b &amp;', 'a #38; b #38;amp#59;'],
  ['back\\slash `tick`', 'back#92;slash #96;tick#96;'],
  ['$$\\sqrt{x}$$', '#36;#36;#92;sqrt#123;x#125;#36;#36;'],
  ['lone \ud800 surrogate', 'lone #65533; surrogate'],
  ['ﬂ°°60¶ß', '#64258;#176;#176;60#182;#223;'],
  ['', '#32;'],
  ['   ', '#32;'],
  ['\r\n', '#32;'],
];

describe('escapeMermaidText', () => {
  it('leaves safe text as it is', () => {
    for (const safe of ['SYN+ACK seq=x+1 ack=y-1 mss=1460', "10.0.0.1 (client) [a] 'b' !?@*^~|_/,.", 'endpoint send ends legend', 'END_X end2']) {
      escapesTo(safe, safe);
    }
  });

  it('encodes hostile strings exactly', () => {
    for (const [input, expected] of HOSTILE) escapesTo(input, expected);
  });

  it('produces text that Mermaid parses in a title, a participant alias, a message and a note', async () => {
    for (const [input] of HOSTILE) {
      const text = inEveryPlace(escapeMermaidText(input));
      await parseMermaid(text).catch((error: Error) => assert.fail(`${JSON.stringify(input)}: ${error.message}\n${text}`));
    }
  });

  it('keeps every character, as printable ASCII with entities, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: TRICKY })), (input) => {
        const escaped = escapeMermaidText(input);
        assert.match(escaped, /^(?:[A-Za-z0-9 .,=+\-_/()[\]'!?@*^~|]|#\d+;)+$/);
        const expected = shownAs(input);
        assert.strictEqual(decode(escaped), /^ *$/.test(expected) ? ' ' : expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets Mermaid fail on escaped text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.string({ unit: TRICKY, maxLength: 40 })), async (input) => {
        await parseMermaid(inEveryPlace(escapeMermaidText(input)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseMermaid', () => {
  it('accepts a valid diagram', async () => {
    await parseMermaid(lines('sequenceDiagram', '  participant p0 as a', '  p0->>p0: hi'));
  });

  it('rejects a message without a receiver', async () => {
    await assert.rejects(parseMermaid(lines('sequenceDiagram', '  p0->>: x')), /Parse error on line 2/);
  });

  it('rejects an unclosed par block', async () => {
    await assert.rejects(parseMermaid(lines('sequenceDiagram', '  participant p0', '  par x', '    p0->>p0: y')), /Parse error/);
  });

  it('rejects an unescaped semicolon in a message', async () => {
    await assert.rejects(parseMermaid(lines('sequenceDiagram', '  participant p0', '  p0->>p0: a;b')), /Parse error on line 3/);
  });
});
