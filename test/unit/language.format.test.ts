// The formatter: exact output for every rule, range formatting, and the property that
// formatting never changes what a script means — for every example and for mutated ones.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, endpointsAfterStep, format, type Analysis, type FormatOptions } from '../../src/core/index';
import { applyEdits, mutatedScripts } from './helpers/edits';
import { lines } from './helpers/lines';


const formatted = (text: string, options?: FormatOptions) => applyEdits(text, format(text, options));

/** What a script means: each segment's flags and numbers, every step's states, the diagnostic codes by line. */
function meaning(a: Analysis): unknown {
  return {
    segments: [...a.segments.values()].map((s) => [s.line, [...s.flags].sort().join('+'), s.seq, s.ack, s.len, s.fate]),
    timeline: a.timeline.map((s, i) => [s.line, s.kind, endpointsAfterStep(a, i).map((e) => e.state).join(' ')]),
    diagnostics: a.diagnostics.map((d) => `${d.range.start.line} ${d.code}`).sort(),
  };
}

function assertSameMeaning(text: string): void {
  const result = formatted(text);
  assert.deepEqual(meaning(analyze(result)), meaning(analyze(text)), `formatting changed the meaning of:\n${text}\n---\n${result}`);
  assert.equal(result.split('\n').length, text.split('\n').length);
  assert.deepEqual(format(result), [], `not idempotent:\n${result}`);
}

const examplesDir = path.join(__dirname, '..', '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).map((f) => ({ name: f, text: fs.readFileSync(path.join(examplesDir, f), 'utf8') }));

describe('language: format', () => {
  it('normalises every statement', () => {
    const text = lines(
      'title  Formatting   demo ',
      '   participant   client 10.0.0.1:1   isn=5 as "A  B"  listen',
      'participant srv',
      'option msl = 30s',
      'client->srv SYN seq=x MSS=1460 sackok   # open',
      '  srv -> client: ACK,SYN  ack=x+1',
      'client-> srv: .',
      'client -> srv: P. "hi  # there"  RETRANSMIT',
      '\tclient  ~>srv:  F.   as  fin',
      'deliver   fin',
      'note  client ,srv :   bye  now ',
      'client  :  close',
      'expect   client   TIME_WAIT ,srv  closed',
      'wait   2MSL',
      '   section   End   ',
    );
    assert.equal(
      formatted(text),
      lines(
        'title Formatting   demo',
        'participant client 10.0.0.1:1 isn=5 as "A  B" listen',
        'participant srv',
        'option msl=30s',
        'client -> srv: SYN seq=x mss=1460 sackOK  # open',
        'srv    -> client: SYN+ACK ack=x+1',
        'client -> srv: ACK',
        'client -> srv: PSH+ACK "hi  # there" retransmit',
        'client ~> srv: FIN+ACK as fin',
        'deliver fin',
        'note client, srv: bye  now',
        'client: close',
        'expect client TIME_WAIT, srv closed',
        'wait 2MSL',
        'section End',
      ),
    );
  });

  it('flags in the order SYN FIN RST PSH URG ECE CWR ACK, whatever the spelling', () => {
    const text = lines('a -> b: ack/cwr/ece/urg/psh', 'a -> b: R.', 'a -> b: S', 'a -> b: ACK FIN', 'a -> b: FPUEW.');
    assert.equal(
      formatted(text),
      lines('a -> b: PSH+URG+ECE+CWR+ACK', 'a -> b: RST+ACK', 'a -> b: SYN', 'a -> b: FIN+ACK', 'a -> b: FIN+PSH+URG+ECE+CWR+ACK'),
    );
  });

  it('aligns the arrows of consecutive segment lines, block by block', () => {
    const text = lines('c -> server: SYN', 'server -> c: SYN+ACK', 'c -> server: ACK', '', 'c -> server: FIN+ACK', 'server -> c: ACK');
    assert.equal(
      formatted(text),
      lines('c      -> server: SYN', 'server -> c: SYN+ACK', 'c      -> server: ACK', '', 'c      -> server: FIN+ACK', 'server -> c: ACK'),
    );
  });

  it('indents the lines of a simultaneous block, comments and blank lines included', () => {
    const text = lines('  simultaneous   # cross', 'a -> bb: SYN', '    # inside', '   ', 'bb -> a: SYN', '   end', 'expect a SYN-RECEIVED');
    assert.equal(
      formatted(text),
      lines('simultaneous  # cross', '  a -> bb: SYN', '  # inside', '', '  bb -> a: SYN', 'end', 'expect a SYN-RECEIVED'),
    );
  });

  it('an unclosed block: its segments indented as the parser reads them, its keyword line untouched', () => {
    const text = lines(' simultaneous', 'a -> b: SYN', '', 'b->a: SYN', 'wait 1s');
    assert.equal(formatted(text), lines(' simultaneous', '  a -> b: SYN', '', '  b -> a: SYN', 'wait 1s'));
  });

  it('leaves lines with syntax errors exactly as they are', () => {
    const text = lines('a  ->  b:  SYNN   # typo', 'a -> b: SYN seq=1 seq=2', 'wait  10d', 'b  ->  a:  RST+ACK');
    assert.equal(formatted(text), lines('a  ->  b:  SYNN   # typo', 'a -> b: SYN seq=1 seq=2', 'wait  10d', 'b -> a: RST+ACK'));
  });

  it('keeps strings byte for byte, and comments, and a leading byte order mark', () => {
    const text = lines('\uFEFF  title   x  # "quoted"', 'a->b: PSH "\\x41\\t \\"#\\" é"  #  note  ', '#   full line  ');
    assert.equal(formatted(text), lines('\uFEFFtitle x  # "quoted"', 'a -> b: PSH "\\x41\\t \\"#\\" é"  #  note', '#   full line'));
  });

  it('keeps the line breaks: only line contents are edited', () => {
    const text = ['a->b: SYN', '  b->a: RST+ACK', ''].join('\r\n');
    assert.deepEqual(format(text), [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } }, newText: 'a -> b: SYN' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 15 } }, newText: 'b -> a: RST+ACK' },
    ]);
  });

  it('range formatting edits only the lines in range, aligned with the whole block', () => {
    const text = lines('c->server: SYN', 'server->c: S.', 'c->server: .');
    assert.equal(formatted(text, { range: { startLine: 1, endLine: 2 } }), lines('c->server: SYN', 'server -> c: SYN+ACK', 'c      -> server: ACK'));
    assert.deepEqual(format(text, { range: { startLine: 5, endLine: 9 } }), []);
  });

  it('a formatted script gives no edits', () => {
    assert.deepEqual(format(lines('participant a', 'a -> b: SYN  # x', '', '# y')), []);
    assert.deepEqual(format(''), []);
  });

  for (const example of examples) {
    it(`keeps the meaning of ${example.name}`, () => assertSameMeaning(example.text));
  }

  it('keeps the meaning of mutated examples', () => {
    const mutated = mutatedScripts(examples.map((e) => e.text));
    fc.assert(fc.property(mutated, assertSameMeaning), { numRuns: 300 });
  });

  it('keeps the meaning of random statements built from the language', () => {
    const tokens = [
      'participant', 'c', 's', 'listen', 'isn=5', '->', '-x', '~>', ':', 'SYN', 'ACK', 'FIN', 'RST', 'PSH', 'SYN+ACK', 'ack,syn', 'S.', '.', 'F.',
      'seq=x', 'ack=x+1', 'len=3', 'win=0', 'mss=1460', 'sackOK', '"ab\\x00"', '"a b"', 'retransmit', 'keepalive', 'as', 'd', 'deliver',
      'simultaneous', 'end', 'wait', '2MSL', '1s', 'expect', 'CLOSED', 'ESTABLISHED', 'note', 'section', 'title', 'option', 'msl=1s',
      '#', 'close', 'connect', '\n', '\n', '\n', '\n  ', ',', '  ', '\t',
    ];
    const scripts = fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((t) => t.join(' '));
    fc.assert(fc.property(scripts, assertSameMeaning), { numRuns: 500 });
  });
});
