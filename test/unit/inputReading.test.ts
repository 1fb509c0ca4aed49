// Input read as written: every line break the scanner knows, bytes that are not UTF-8, and
// the escapes of participant labels (issue 12, defect 6).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  completions,
  foldingRanges,
  format,
  quickFixes,
  replacementCharacterDiagnostics,
  toMermaid,
  toStateDiagram,
  utf8Diagnostics,
} from '../../src/core';
import { run } from '../../src/cli/run';
import { sourceLines } from '../../src/core/language/document';
import { applyEdits } from './helpers/edits';

const examples = join(__dirname, '..', '..', '..', 'examples');
const HANDSHAKE = readFileSync(join(examples, 'handshake.tcpflow'), 'utf8');

type Row = [code: string, line: number, start: number, end: number];
function rows(text: string): Row[] {
  return analyze(text).diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
}

async function check(bytes: Uint8Array): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(['check', 'f.tcpflow'], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    readFile: async () => bytes,
    readStdin: async () => bytes,
    version: 'test',
  });
  return { code, stdout };
}

describe('line breaks: \\r\\n, \\n and a lone \\r each end a line', () => {
  for (const [name, eol] of [['CR', '\r'], ['CRLF', '\r\n']] as const) {
    it(`handshake.tcpflow saved with ${name} reads as with LF: same diagnostics, diagram and state machine`, () => {
      const lf = analyze(HANDSHAKE);
      const other = analyze(HANDSHAKE.replace(/\n/g, eol));
      assert.deepEqual(other.diagnostics, lf.diagnostics);
      assert.deepEqual(other.script, lf.script);
      assert.equal(other.script.statements.length, 8);
      assert.equal(toMermaid(other).text, toMermaid(lf).text);
      assert.deepEqual(toStateDiagram(other), toStateDiagram(lf));
    });
  }

  it('mixed breaks: each line where the user sees it', () => {
    const text = 'participant c\rparticipant s listen\r\nc -> s: SYN\nhello\rs -> c: SYN+ACK';
    assert.deepEqual(rows(text), [
      ['syntax.unknown-statement', 3, 0, 5],
      ['tcp.reply-missing', 4, 0, 15],
    ]);
    assert.deepEqual(sourceLines(text), {
      lines: ['participant c', 'participant s listen', 'c -> s: SYN', 'hello', 's -> c: SYN+ACK'],
      eol: '\r',
      endsWithNewline: false,
    });
    assert.deepEqual(sourceLines('a\r').endsWithNewline, true);
  });

  it('language services on CR-only text: completions, folding, formatting, quick fixes', () => {
    const text = 'participant c\rparticipant s\rsimultaneous\r  c -> s: SYN\rend\rc  ->  s: ACK';
    const analysis = analyze(text);
    assert.deepEqual(
      completions(text, analysis, { line: 3, character: 2 }).filter((c) => c.label === 'c').map((c) => c.label),
      ['c'],
    );
    assert.deepEqual(foldingRanges(text, analysis), [{ startLine: 2, endLine: 4 }]);
    assert.deepEqual(format(text), [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 13 } }, newText: 'c -> s: ACK' }]);
    const declared = 'participant c\rc -> s: SYN';
    const fix = quickFixes(declared, analyze(declared), analyze(declared).diagnostics[0]);
    assert.deepEqual(fix.map((f) => f.title), ['Change to c', 'Declare participant s listen']);
    const fixed = applyEdits(declared, fix[1].edits);
    assert.equal(fixed, 'participant c\rparticipant s listen\rc -> s: SYN');
    assert.deepEqual(rows(fixed), rows('participant c\nparticipant s listen\nc -> s: SYN'));
  });
});

describe('bytes that are not UTF-8: syntax.encoding with the byte offset', () => {
  it('utf8Diagnostics: one per line, at the character the decoder made of it', () => {
    const bytes = Buffer.from([
      ...Buffer.from('participant c\nc -> s: PSH+ACK "a'),
      0xff,
      0xfe,
      ...Buffer.from('"\r\n"é'),
      0xe2,
      0x82,
      ...Buffer.from('x"\r'),
      0xf0,
      0x9f,
      0x98,
      0x80,
      0xc0,
    ]);
    assert.deepEqual(
      utf8Diagnostics(bytes).map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character, d.message]),
      [
        ['syntax.encoding', 'error', 1, 18, 19, 'byte 32 (\\xff) is not UTF-8: it reads as U+FFFD, 3 bytes in a payload; save the file as UTF-8, or write the byte as an escape ("\\xff")'],
        ['syntax.encoding', 'error', 2, 2, 3, 'byte 40 (\\xe2\\x82) is not UTF-8: it reads as U+FFFD, 3 bytes in a payload; save the file as UTF-8, or write the byte as an escape ("\\xe2\\x82")'],
        ['syntax.encoding', 'error', 3, 2, 3, 'byte 49 (\\xc0) is not UTF-8: it reads as U+FFFD, 3 bytes in a payload; save the file as UTF-8, or write the byte as an escape ("\\xc0")'],
      ],
    );
    assert.deepEqual(utf8Diagnostics(Buffer.from('\uFEFFparticipant c\né\n')), []);
  });

  it('tcpflow check reads bytes: the error, then what the rest of the script says', async () => {
    const text = Buffer.concat([Buffer.from('\uFEFFparticipant c\nparticipant s listen\nc -> s: SYN "'), Buffer.from([0xff]), Buffer.from('"\n')]);
    const { code, stdout } = await check(text);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      'f.tcpflow:3:1: warning tcp.reply-missing: s never sends a SYN+ACK to c, owed because it received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK\n' +
        'f.tcpflow:3:1: info tcp.unfinished: the script ends mid-handshake: c is SYN-SENT\n' +
        'f.tcpflow:3:1: info tcp.unfinished: the script ends mid-handshake: s is SYN-RECEIVED\n' +
        'f.tcpflow:3:14: error syntax.encoding: byte 51 (\\xff) is not UTF-8: it reads as U+FFFD, 3 bytes in a payload; save the file as UTF-8, or write the byte as an escape ("\\xff")\n',
    );
  });

  it('in the editor (which decodes the file itself): each line holding U+FFFD', () => {
    assert.deepEqual(
      replacementCharacterDiagnostics('a\r"\uFFFD\uFFFD"\r\nb\n\uFFFD').map((d) => [d.range.start.line, d.range.start.character]),
      [
        [1, 1],
        [3, 0],
      ],
    );
    assert.deepEqual(replacementCharacterDiagnostics('participant c'), []);
  });
});

describe('participant labels: escapes decoded as in payloads', () => {
  it('as "Say \\"hi\\" \\x41\\\\" shows Say "hi" A\\ in the diagram and the state machine', () => {
    const analysis = analyze('participant s as "Say \\"hi\\" \\x41\\\\"\nparticipant c\nc -> s: SYN\n');
    assert.deepEqual(rows('participant s as "Say \\"hi\\" \\x41\\\\"'), []);
    assert.equal(analysis.endpoints[0].label, 'Say "hi" A\\');
    assert.equal(toMermaid(analysis).text.split('\n')[1], '  participant p0 as Say #34;hi#34; A#92;');
    assert.equal(toStateDiagram(analysis).endpoints[0].label, 'Say "hi" A\\');
  });
});
