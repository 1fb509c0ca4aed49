// The parser: every statement, spelling and syntax diagnostic, with exact nodes, ranges and
// the whole diagnostic list; and that no input makes it throw.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Field, SegmentStatement, Statement } from '../../src/core/syntax/ast';
import type { Diagnostic } from '../../src/core/diagnostics';
import { parse } from '../../src/core/syntax/parser';
import { range } from '../../src/core/syntax/range';
import { flagSetObject, segmentObject } from '../../src/core/syntax/segmentNode';
import { lines } from './helpers/lines';

type Row = [code: string, line: number, start: number, end: number];

function rows(diagnostics: readonly Diagnostic[]): Row[] {
  return diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);
}

/** Asserts the whole diagnostic list as [code, line, startChar, endChar]; returns the parse. */
function expectDiagnostics(text: string, expected: Row[]): ReturnType<typeof parse> {
  const result = parse(text);
  assert.deepEqual(rows(result.diagnostics), expected, result.diagnostics.map((d) => d.message).join('\n'));
  return result;
}

/** The statements of a text that must parse without any diagnostic. */
function clean(text: string): readonly Statement[] {
  return expectDiagnostics(text, []).script.statements;
}

/** The single statement of a clean one-statement text. */
function only(text: string): Statement {
  const statements = clean(text);
  assert.equal(statements.length, 1);
  return statements[0];
}

/** The single segment of a clean one-line text, as plain data (the tree makes its parts when read). */
function segment(text: string): SegmentStatement {
  const statement = only(text);
  assert.equal(statement.kind, 'segment');
  return segmentObject(statement as SegmentStatement);
}

/** Columns [start, end) of the `nth` occurrence of `token` in `row`: exact ranges without counting by hand. */
function cols(row: string, token: string, nth = 1): [number, number] {
  let at = -1;
  for (let i = 0; i < nth; i++) at = row.indexOf(token, at + 1);
  assert.ok(at >= 0, `'${token}' not in '${row}'`);
  return [at, at + token.length];
}

/** Columns of the value in `name=value`, found by the whole `name=value` text. */
function valueCols(row: string, field: string): [number, number] {
  const [start, end] = cols(row, field);
  return [start + field.indexOf('=') + 1, end];
}

function r(line: number, [start, end]: [number, number]): ReturnType<typeof range> {
  return range(line, start, end);
}

function flagsOf(text: string): string[] {
  return segment(text).flags.items.map((i) => i.flag);
}

describe('parser', () => {
  describe('lines', () => {
    it('ignores blank lines and comment lines; a statement range excludes indentation and comment', () => {
      const row = '\t  client -> server: SYN   # trailing comment';
      const { script } = expectDiagnostics(lines('', '  # a comment', row, '   '), []);
      assert.equal(script.lineCount, 4);
      assert.equal(script.statements.length, 1);
      const s = script.statements[0] as SegmentStatement;
      assert.equal(s.line, 2);
      assert.deepEqual(s.range, range(2, 3, 24));
      assert.deepEqual(s.src, { name: 'client', range: r(2, cols(row, 'client')) });
    });

    it('reads CRLF line ends without keeping the \\r', () => {
      const { script } = expectDiagnostics('title T\r\nclient -> server: SYN\r\n', []);
      assert.equal(script.lineCount, 3);
      assert.deepEqual(script.statements[0], { kind: 'title', line: 0, range: range(0, 0, 7), text: 'T' });
      assert.deepEqual(script.statements[1].range, range(1, 0, 21));
      expectDiagnostics('wait 10d\r\nwait 1s\r\n', [['syntax.bad-duration', 0, 5, 8]]);
    });

    it('a # inside a string is text, after it a comment', () => {
      const row = 'a -> b: PSH+ACK "x # y" # a comment with "quotes"';
      const s = segment(row);
      assert.deepEqual(s.payload, { raw: 'x # y', byteLength: 5, range: r(0, cols(row, '"x # y"')) });
      assert.deepEqual(s.range, range(0, 0, cols(row, '"x # y"')[1]));
    });

    it('counts lines ended by \\r\\n, \\n or a lone \\r, and empty or blank-only texts have no statements', () => {
      for (const [text, count] of [['', 1], ['\r', 2], ['\r\r\r', 4], ['\r\n\r', 3], ['a -> b: SYN\n', 2], ['\n\n', 3]] as const) {
        const { script, diagnostics } = parse(text);
        assert.equal(script.lineCount, count);
        assert.equal(diagnostics.length, 0);
      }
      assert.deepEqual(parse('\n\n').script.statements, []);
    });

    it('skips a byte order mark', () => {
      assert.deepEqual(only('\uFEFFtitle T'), { kind: 'title', line: 0, range: range(0, 1, 8), text: 'T' });
    });

    it('an error stays on its line', () => {
      const { script } = expectDiagnostics(lines('client -> server: SYNN "open', 'client -> server: ACK'), [
        ['syntax.unknown-flag', 0, 18, 22],
        ['syntax.unterminated-string', 0, 23, 28],
      ]);
      assert.deepEqual(
        script.statements.map((s) => s.line),
        [0, 1],
      );
      assert.deepEqual([...(script.statements[1] as SegmentStatement).flags.flags], ['ACK']);
    });
  });

  describe('title and section', () => {
    it('title: the rest of the line, without the comment', () => {
      const row = 'title  Three-way handshake, one request';
      assert.deepEqual(only(`${row}   # comment`), {
        kind: 'title',
        line: 0,
        range: range(0, 0, row.length),
        text: 'Three-way handshake, one request',
      });
    });

    it('section: the rest of the line', () => {
      assert.deepEqual(only('  section Data transfer'), { kind: 'section', line: 0, range: range(0, 2, 23), title: 'Data transfer' });
    });

    it('syntax.missing: title or section without text', () => {
      const result = expectDiagnostics(lines('title', 'section   # nothing'), [
        ['syntax.missing', 0, 0, 5],
        ['syntax.missing', 1, 0, 7],
      ]);
      assert.deepEqual(result.script.statements, []);
      assert.equal(result.diagnostics[0].message, 'title needs its text, e.g. title Three-way handshake');
      // Near miss: one word is enough.
      clean(lines('title x', 'section y'));
    });

    it('syntax.unexpected-token: a colon after a keyword, read past', () => {
      const { script } = expectDiagnostics('title: Handshake', [['syntax.unexpected-token', 0, 5, 6]]);
      assert.deepEqual(script.statements, [{ kind: 'title', line: 0, range: range(0, 0, 16), text: 'Handshake' }]);
      // Near miss: a keyword followed by ':' and a call is a call on an endpoint of that name.
      assert.equal(only('end: close').kind, 'call');
    });
  });

  describe('participant', () => {
    it('reads the name, the address and every attribute', () => {
      const row = 'participant client 10.0.0.1:51000 as "Web client" isn=1000 listen unchecked keepalive=2h';
      assert.deepEqual(only(row), {
        kind: 'participant',
        line: 0,
        range: range(0, 0, row.length),
        name: { name: 'client', range: r(0, cols(row, 'client')) },
        address: { text: '10.0.0.1:51000', range: r(0, cols(row, '10.0.0.1:51000')) },
        label: { raw: 'Web client', byteLength: 10, range: r(0, cols(row, '"Web client"')) },
        isn: { value: 1000, range: r(0, valueCols(row, 'isn=1000')) },
        listen: r(0, cols(row, 'listen')),
        unchecked: r(0, cols(row, 'unchecked')),
        keepalive: { ms: 7_200_000, text: '2h', range: r(0, valueCols(row, 'keepalive=2h')) },
      });
    });

    it('takes attributes in any order, IPv6 and host-name addresses', () => {
      const row = 'participant server [2001:db8::1]:443 keepalive=30s listen as "S" isn=0x10';
      const p = only(row);
      assert.equal(p.kind, 'participant');
      if (p.kind !== 'participant') return;
      assert.deepEqual(p.address, { text: '[2001:db8::1]:443', range: r(0, cols(row, '[2001:db8::1]:443')) });
      assert.deepEqual(p.keepalive, { ms: 30_000, text: '30s', range: r(0, cols(row, '30s')) });
      assert.deepEqual(p.isn, { value: 16, range: r(0, cols(row, '0x10')) });
      assert.equal(p.label?.raw, 'S');
      for (const address of ['example.com:80', '10.0.0.1', 'localhost']) {
        const q = only(`participant s ${address} listen`);
        assert.equal(q.kind === 'participant' && q.address?.text, address);
      }
    });

    it('a name alone', () => {
      assert.deepEqual(only('participant c'), {
        kind: 'participant',
        line: 0,
        range: range(0, 0, 13),
        name: { name: 'c', range: range(0, 12, 13) },
        address: undefined,
        label: undefined,
        isn: undefined,
        listen: undefined,
        unchecked: undefined,
        keepalive: undefined,
      });
    });

    it('syntax.missing: no name, or an attribute without its value', () => {
      expectDiagnostics(lines('participant', 'participant c isn=', 'participant d keepalive'), [
        ['syntax.missing', 0, 0, 11],
        ['syntax.missing', 1, 14, 18],
        ['syntax.missing', 2, 14, 23],
      ]);
      clean(lines('participant c isn=1', 'participant d keepalive=1s'));
    });

    it('syntax.unexpected-token: a name that is not an identifier, an unknown or misspelt attribute, an unquoted label', () => {
      const bad = 'participant c 10.0.0.1 lsiten color=red as Client';
      const result = expectDiagnostics(lines('participant 10.0.0.1', bad), [
        ['syntax.unexpected-token', 0, 12, 20],
        ['syntax.unexpected-token', 1, ...cols(bad, 'lsiten')],
        ['syntax.unexpected-token', 1, ...cols(bad, 'color')],
        ['syntax.unexpected-token', 1, ...cols(bad, 'Client')],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.message, d.data?.replace?.text]),
        [
          ["expected the participant's name (letters, digits and _), found '10.0.0.1'", undefined],
          ["unexpected 'lsiten': did you mean listen?", 'listen'],
          ["unknown participant attribute 'color': expected isn=<n> or keepalive=<duration>", undefined],
          ['a label is quoted: write as "Client"', '"Client"'],
        ],
      );
      // The participant is still declared, with what was right.
      assert.equal(result.script.statements.length, 1);
      clean('participant c 10.0.0.1 listen as "Client"');
    });

    it('syntax.duplicate: an attribute given twice', () => {
      const row = 'participant c listen as "A" listen as "B" isn=1 isn=2';
      expectDiagnostics(row, [
        ['syntax.duplicate', 0, ...cols(row, 'listen', 2)],
        ['syntax.duplicate', 0, cols(row, 'as', 2)[0], cols(row, '"B"')[1]],
        ['syntax.duplicate', 0, ...cols(row, 'isn=2')],
      ]);
      clean('participant c listen as "A" isn=1');
    });

    it('syntax.misplaced: the address after an attribute', () => {
      const { script } = expectDiagnostics('participant c listen 10.0.0.1', [['syntax.misplaced', 0, 21, 29]]);
      const p = script.statements[0];
      assert.equal(p.kind === 'participant' && p.address?.text, '10.0.0.1');
      clean('participant c 10.0.0.1 listen');
    });

    it('syntax.bad-number and syntax.bad-duration in attributes', () => {
      expectDiagnostics(lines('participant c isn=x', 'participant d keepalive=2'), [
        ['syntax.bad-number', 0, 18, 19],
        ['syntax.bad-duration', 1, 24, 25],
      ]);
    });
  });

  describe('calls', () => {
    it('reads every call', () => {
      for (const call of ['listen', 'connect', 'close', 'shutdown', 'abort', 'crash'] as const) {
        const row = `server: ${call}`;
        assert.deepEqual(only(row), {
          kind: 'call',
          line: 0,
          range: range(0, 0, row.length),
          endpoint: { name: 'server', range: range(0, 0, 6) },
          call,
          callRange: range(0, 8, row.length),
        });
      }
    });

    it('with or without blanks around the colon', () => {
      for (const row of ['c:close', 'c : close', '  c:   close  # bye']) {
        const s = only(row);
        assert.equal(s.kind === 'call' && s.call, 'close');
      }
    });

    it('syntax.unknown-call, with a suggestion when one is close', () => {
      const result = expectDiagnostics(lines('client: reset', 'client: Close'), [
        ['syntax.unknown-call', 0, 8, 13],
        ['syntax.unknown-call', 1, 8, 13],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => d.message),
        ["unknown call 'reset': expected listen, connect, close, shutdown, abort or crash", "unknown call 'Close': did you mean close?"],
      );
      assert.deepEqual(result.diagnostics[1].data, { replace: { range: range(1, 8, 13), text: 'close' } });
      assert.deepEqual(result.script.statements, []);
      clean(lines('client: close', 'client: crash'));
    });

    it('syntax.missing: no call after the colon; syntax.unexpected-token: words after it', () => {
      expectDiagnostics(lines('client:', 'client: close now'), [
        ['syntax.missing', 0, 0, 7],
        ['syntax.unexpected-token', 1, 14, 17],
      ]);
    });
  });

  describe('segments', () => {
    it('reads a whole segment', () => {
      const row = 'client -> server: PSH+ACK seq=x+1 ack=y "hi" retransmit as req1';
      assert.deepEqual(segment(row), {
        kind: 'segment',
        line: 0,
        range: range(0, 0, row.length),
        src: { name: 'client', range: r(0, cols(row, 'client')) },
        arrow: '->',
        arrowRange: r(0, cols(row, '->')),
        dst: { name: 'server', range: r(0, cols(row, 'server')) },
        flags: {
          flags: new Set(['PSH', 'ACK']),
          items: [
            { flag: 'PSH', range: r(0, cols(row, 'PSH')) },
            { flag: 'ACK', range: r(0, cols(row, 'ACK')) },
          ],
          range: r(0, cols(row, 'PSH+ACK')),
        },
        fields: [
          { kind: 'seq', expr: { symbol: 'x', offset: 1, range: r(0, cols(row, 'x+1')) }, range: r(0, cols(row, 'seq=x+1')) },
          { kind: 'ack', expr: { symbol: 'y', offset: 0, range: r(0, cols(row, 'y')) }, range: r(0, cols(row, 'ack=y')) },
        ],
        payload: { raw: 'hi', byteLength: 2, range: r(0, cols(row, '"hi"')) },
        markers: [{ name: 'retransmit', range: r(0, cols(row, 'retransmit')) }],
        label: { name: 'req1', range: r(0, cols(row, 'req1')) },
      });
    });

    it('tokens far apart on a long line keep their exact ranges', () => {
      const row = `a${' '.repeat(200)}-x${' '.repeat(150)}b:${' '.repeat(130)}SYN  ACK`;
      const s = segment(row);
      assert.deepEqual(s.src, { name: 'a', range: r(0, cols(row, 'a')) });
      assert.deepEqual([s.arrow, s.arrowRange], ['-x', r(0, cols(row, '-x'))]);
      assert.deepEqual(s.dst, { name: 'b', range: r(0, cols(row, 'b')) });
      assert.deepEqual(s.flags.items, [
        { flag: 'SYN', range: r(0, cols(row, 'SYN')) },
        { flag: 'ACK', range: r(0, cols(row, 'ACK')) },
      ]);
      assert.deepEqual(s.flags.range, range(0, cols(row, 'SYN')[0], row.length));
    });

    it('a segment in JSON (the language server\'s messages) is the plain segment', () => {
      const row = 'a:1 -> b: SYN+ACK seq=7 len=0 "x" keepalive as k';
      const { script } = parse(row);
      assert.deepEqual(JSON.parse(JSON.stringify(script.statements[0])), JSON.parse(JSON.stringify(segment(row))));
      assert.deepEqual(JSON.parse(JSON.stringify(script.statements[0])), {
        kind: 'segment',
        line: 0,
        range: range(0, 0, row.length),
        src: { name: 'a', range: r(0, cols(row, 'a')) },
        srcPort: { value: 1, range: r(0, cols(row, '1')) },
        arrow: '->',
        arrowRange: r(0, cols(row, '->')),
        dst: { name: 'b', range: r(0, cols(row, 'b')) },
        flags: {
          flags: {},
          items: [
            { flag: 'SYN', range: r(0, cols(row, 'SYN')) },
            { flag: 'ACK', range: r(0, cols(row, 'ACK')) },
          ],
          range: r(0, cols(row, 'SYN+ACK')),
        },
        fields: [
          { kind: 'seq', expr: { offset: 7, range: r(0, cols(row, '7')) }, range: r(0, cols(row, 'seq=7')) },
          { kind: 'len', value: { value: 0, range: r(0, cols(row, '0')) }, range: r(0, cols(row, 'len=0')) },
        ],
        payload: { raw: 'x', byteLength: 1, range: r(0, cols(row, '"x"')) },
        markers: [{ name: 'keepalive', range: r(0, cols(row, 'keepalive')) }],
        label: { name: 'k', range: r(0, cols(row, 'k', 2)) },
      });
    });

    it('every arrow, with or without blanks', () => {
      for (const [row, arrow, at] of [
        ['a -> b: SYN', '->', 2],
        ['a -x b: SYN', '-x', 2],
        ['a ~> b: SYN as s1', '~>', 2],
        ['a->b:SYN', '->', 1],
        ['a-x b: SYN', '-x', 1],
        ['a~>b: SYN', '~>', 1],
      ] as const) {
        const s = segment(row);
        assert.equal(s.arrow, arrow);
        assert.deepEqual(s.arrowRange, range(0, at, at + 2));
        assert.equal(s.dst.name, 'b');
      }
    });

    it('-x followed by an identifier character is not an arrow', () => {
      expectDiagnostics('a -xb: SYN', [['syntax.unknown-statement', 0, 0, 1]]);
    });

    it('the colon after the receiver is optional', () => {
      const s = segment('a -> b SYN');
      assert.deepEqual(s.flags.items, [{ flag: 'SYN', range: range(0, 7, 10) }]);
    });

    it('flags joined by +, comma, slash, blanks, in any case', () => {
      for (const row of ['a -> b: SYN+ACK', 'a -> b: SYN,ACK', 'a -> b: SYN/ACK', 'a -> b: SYN ACK', 'a -> b: syn+Ack']) {
        assert.deepEqual(segment(row).flags.items, [
          { flag: 'SYN', range: range(0, 8, 11) },
          { flag: 'ACK', range: range(0, 12, 15) },
        ]);
      }
      const spaced = segment('a -> b: SYN + ACK');
      assert.deepEqual(spaced.flags.range, range(0, 8, 17));
      assert.deepEqual(flagsOf('a -> b: SYN+ACK+FIN+RST+PSH+URG+ECE+CWR'), ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR']);
      assert.deepEqual([...segment('a -> b: ACK+SYN').flags.flags].sort(), ['ACK', 'SYN']);
    });

    it("packetdrill's compact flags, one flag per letter", () => {
      assert.deepEqual(segment('a -> b: S.').flags, {
        flags: new Set(['SYN', 'ACK']),
        items: [
          { flag: 'SYN', range: range(0, 8, 9) },
          { flag: 'ACK', range: range(0, 9, 10) },
        ],
        range: range(0, 8, 10),
      });
      for (const [token, flags] of [
        ['S', ['SYN']],
        ['F.', ['FIN', 'ACK']],
        ['P.', ['PSH', 'ACK']],
        ['R.', ['RST', 'ACK']],
        ['.', ['ACK']],
        ['U.', ['URG', 'ACK']],
        ['SEW', ['SYN', 'ECE', 'CWR']],
      ] as const) {
        assert.deepEqual(flagsOf(`a -> b: ${token}`), flags);
      }
    });

    it('every field, names in any case', () => {
      const fieldsOf = (row: string): Field[] => [...segment(row).fields];
      const row = 'a -> b: ACK seq=100 ack=0x10 len=5 win=65535 mss=1460 wscale=7 sackOK urg=0 ts=100/7';
      assert.deepEqual(fieldsOf(row), [
        { kind: 'seq', expr: { offset: 100, range: r(0, valueCols(row, 'seq=100')) }, range: r(0, cols(row, 'seq=100')) },
        { kind: 'ack', expr: { offset: 16, range: r(0, valueCols(row, 'ack=0x10')) }, range: r(0, cols(row, 'ack=0x10')) },
        { kind: 'len', value: { value: 5, range: r(0, valueCols(row, 'len=5')) }, range: r(0, cols(row, 'len=5')) },
        { kind: 'win', value: { value: 65535, range: r(0, valueCols(row, 'win=65535')) }, range: r(0, cols(row, 'win=65535')) },
        { kind: 'mss', value: { value: 1460, range: r(0, valueCols(row, 'mss=1460')) }, range: r(0, cols(row, 'mss=1460')) },
        { kind: 'wscale', value: { value: 7, range: r(0, valueCols(row, 'wscale=7')) }, range: r(0, cols(row, 'wscale=7')) },
        { kind: 'sackOK', range: r(0, cols(row, 'sackOK')) },
        { kind: 'urg', value: { value: 0, range: r(0, valueCols(row, 'urg=0')) }, range: r(0, cols(row, 'urg=0')) },
        {
          kind: 'ts',
          val: { value: 100, range: range(0, cols(row, 'ts=100/7')[0] + 3, cols(row, 'ts=100/7')[0] + 6) },
          ecr: { value: 7, range: range(0, cols(row, 'ts=100/7')[0] + 7, cols(row, 'ts=100/7')[1]) },
          range: r(0, cols(row, 'ts=100/7')),
        },
      ]);
      const ts = 'a -> b: ACK TS=5 SEQ=y-1 Ack=4294967295 SACKOK';
      assert.deepEqual(fieldsOf(ts), [
        { kind: 'ts', val: { value: 5, range: r(0, valueCols(ts, 'TS=5')) }, range: r(0, cols(ts, 'TS=5')) },
        { kind: 'seq', expr: { symbol: 'y', offset: -1, range: r(0, valueCols(ts, 'SEQ=y-1')) }, range: r(0, cols(ts, 'SEQ=y-1')) },
        { kind: 'ack', expr: { offset: 4294967295, range: r(0, valueCols(ts, 'Ack=4294967295')) }, range: r(0, cols(ts, 'Ack=4294967295')) },
        { kind: 'sackOK', range: r(0, cols(ts, 'SACKOK')) },
      ]);
    });

    it('payload escapes, and byte lengths in UTF-8', () => {
      const escapes = segment('a -> b: PSH+ACK "\\n\\r\\t\\"\\\\\\x41\\xff"');
      assert.deepEqual(escapes.payload, { raw: '\\n\\r\\t\\"\\\\\\x41\\xff', byteLength: 7, range: range(0, 16, 36) });
      for (const [text, bytes] of [
        ['', 0],
        ['hello', 5],
        ['é', 2],
        ['€', 3],
        ['😀', 4],
        ['GET / HTTP/1.1\\r\\n\\r\\n', 18],
        ['a\\x00b', 3],
      ] as const) {
        assert.equal(segment(`a -> b: PSH+ACK "${text}"`).payload?.byteLength, bytes, text);
      }
    });

    it('markers in any case, and fields, payload and markers in any order', () => {
      const row = 'a -> b: ACK Keepalive "x" seq=1 duplicate RETRANSMIT';
      const s = segment(row);
      assert.deepEqual(s.markers, [
        { name: 'keepalive', range: r(0, cols(row, 'Keepalive')) },
        { name: 'duplicate', range: r(0, cols(row, 'duplicate')) },
        { name: 'retransmit', range: r(0, cols(row, 'RETRANSMIT')) },
      ]);
      assert.equal(s.payload?.raw, 'x');
      assert.equal(s.fields[0].kind, 'seq');
    });

    it('the label comes last', () => {
      assert.deepEqual(segment('a ~> b: SYN as syn_1').label, { name: 'syn_1', range: range(0, 15, 20) });
      assert.equal(segment('a ~> b: SYN').label, undefined);
    });
  });

  describe('segment diagnostics', () => {
    it('syntax.unknown-flag, with the closest flag as a quick fix', () => {
      const result = expectDiagnostics(lines('a -> b: SYNN', 'a -> b: SYN+ACKK', 'a -> b: SYNACK', 'a -> b: s.', 'a -> b: hello'), [
        ['syntax.unknown-flag', 0, 8, 12],
        ['syntax.unknown-flag', 1, 12, 16],
        ['syntax.unknown-flag', 2, 8, 14],
        ['syntax.unknown-flag', 3, 8, 10],
        ['syntax.unknown-flag', 4, 8, 13],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.message, d.data?.replace?.text]),
        [
          ["unknown flag 'SYNN': did you mean SYN?", 'SYN'],
          ["unknown flag 'ACKK': did you mean ACK?", 'ACK'],
          ["unknown flag 'SYNACK': did you mean SYN+ACK?", 'SYN+ACK'],
          ["unknown flag 's.': did you mean S.?", 'S.'],
          ["unknown flag 'hello': expected a flag: SYN, ACK, FIN, RST, PSH, URG, ECE, CWR (or packetdrill's S, S., F., P., R. and .)", undefined],
        ],
      );
      assert.deepEqual(result.diagnostics[0].data?.replace?.range, range(0, 8, 12));
      // The segment is kept with the flags that were right.
      assert.deepEqual(
        result.script.statements.map((s) => (s as SegmentStatement).flags.items.map((i) => i.flag)),
        [[], ['SYN'], [], [], []],
      );
      clean(lines('a -> b: SYN', 'a -> b: syn+ack'));
    });

    it('syntax.missing: no flags, a dangling separator, no receiver', () => {
      const result = expectDiagnostics(lines('a -> b: seq=1', 'a -> b:', 'a -> b: SYN+ seq=1', 'a -> b: SYN/', 'a ->', 'a -> b: SYN+ACK, "x"'), [
        ['syntax.missing', 0, 5, 6],
        ['syntax.missing', 1, 5, 6],
        ['syntax.missing', 2, 11, 12],
        ['syntax.missing', 3, 11, 12],
        ['syntax.missing', 4, 2, 4],
        ['syntax.missing', 5, 15, 16],
      ]);
      assert.deepEqual(
        result.diagnostics.slice(0, 5).map((d) => d.message),
        [
          "a segment needs its flags after 'b', e.g. ACK or SYN+ACK",
          "a segment needs its flags after 'b', e.g. ACK or SYN+ACK",
          "a flag must follow '+', e.g. SYN+ACK",
          "a flag must follow '/', e.g. SYN+ACK",
          "a segment needs a receiver after '->', e.g. client -> server: ACK",
        ],
      );
      // Kept without flags (an empty range where they belong), dropped without a receiver.
      const flagless = result.script.statements[0] as SegmentStatement;
      assert.deepEqual(flagSetObject(flagless.flags), { flags: new Set(), items: [], range: range(0, 8, 8) });
      assert.equal(flagless.fields.length, 1);
      assert.deepEqual((result.script.statements[1] as SegmentStatement).flags.range, range(1, 7, 7));
      assert.deepEqual(
        result.script.statements.map((s) => s.line),
        [0, 1, 2, 3, 5],
      );
      clean(lines('a -> b: SYN seq=1', 'a -> b: SYN+ACK "x"'));
    });

    it('syntax.missing: a field without its value', () => {
      expectDiagnostics(lines('a -> b: ACK seq', 'a -> b: ACK win=', 'a -> b: ACK ts=5/', 'a -> b: ACK ts=/5', 'a -> b: ACK seq=x+'), [
        ['syntax.missing', 0, 12, 15],
        ['syntax.missing', 1, 12, 16],
        ['syntax.missing', 2, 16, 17],
        ['syntax.missing', 3, 15, 16],
        ['syntax.missing', 4, 17, 18],
      ]);
      clean(lines('a -> b: ACK seq=1', 'a -> b: ACK win=0', 'a -> b: ACK ts=5/0', 'a -> b: ACK seq=x+0'));
    });

    it('syntax.unexpected-token: separators out of place, text after the label, junk in a field', () => {
      const result = expectDiagnostics(
        lines('a -> b: +SYN', 'a -> b: SYN++ACK', 'a -> b: ACK as l1 retransmit', 'a -> b: ACK as 1x', 'a -> b: ACK seq=x*2', 'a -> b: ACK @', 'a -> b: ACK sackOK=1', 'a -> 10.0.0.2: SYN'),
        [
          ['syntax.unexpected-token', 0, 8, 9],
          ['syntax.unexpected-token', 1, 12, 13],
          ['syntax.unexpected-token', 2, 18, 28],
          ['syntax.unexpected-token', 3, 15, 17],
          ['syntax.unexpected-token', 4, 17, 19],
          ['syntax.unexpected-token', 5, 12, 13],
          ['syntax.unexpected-token', 6, 18, 20],
          ['syntax.unexpected-token', 7, 5, 13],
        ],
      );
      assert.equal(result.diagnostics[2].message, "unexpected 'retransmit' after the label: 'as l1' comes last");
      assert.equal(result.diagnostics[7].message, "expected the receiver's name after '->', found '10.0.0.2'");
      clean(lines('a -> b: SYN+ACK', 'a -> b: ACK retransmit as l1', 'a -> b: ACK seq=x-2 sackOK'));
    });

    it('syntax.missing: as without a label', () => {
      expectDiagnostics('a -> b: ACK as', [['syntax.missing', 0, 12, 14]]);
      clean('a -> b: ACK as l');
    });

    it('syntax.unknown-field, with the closest field as a quick fix', () => {
      const result = expectDiagnostics(lines('a -> b: ACK window=100', 'a -> b: ACK sq=1', 'a -> b: ACK isn=1'), [
        ['syntax.unknown-field', 0, 12, 18],
        ['syntax.unknown-field', 1, 12, 14],
        ['syntax.unknown-field', 2, 12, 15],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.message, d.data?.replace?.text]),
        [
          ["unknown field 'window': expected seq, ack, len, win, mss, wscale, sackOK, ts or urg", undefined],
          ["unknown field 'sq': did you mean seq?", 'seq'],
          ["unknown field 'isn': expected seq, ack, len, win, mss, wscale, sackOK, ts or urg", undefined],
        ],
      );
      clean('a -> b: ACK win=100');
    });

    it('syntax.unknown-marker, with the closest marker as a quick fix', () => {
      const result = expectDiagnostics(lines('a -> b: ACK "x" resent', 'a -> b: ACK retransmt', 'a -> b: ACK seq=1 SYNN'), [
        ['syntax.unknown-marker', 0, 16, 22],
        ['syntax.unknown-marker', 1, 12, 21],
        ['syntax.unknown-marker', 2, 18, 22],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.message, d.data?.replace?.text]),
        [
          ["unknown marker 'resent': expected retransmit, keepalive or duplicate", undefined],
          ["unknown marker 'retransmt': did you mean retransmit?", 'retransmit'],
          ["unknown marker 'SYNN': expected retransmit, keepalive or duplicate", undefined],
        ],
      );
      clean('a -> b: ACK "x" retransmit');
    });

    it('syntax.bad-number: not a number, or above 4294967295', () => {
      const result = expectDiagnostics(
        lines('a -> b: ACK win=12ab', 'a -> b: ACK seq=4294967296', 'a -> b: ACK len=-1', 'a -> b: ACK seq=x+99999999999', 'a -> b: ACK ts=1/0xZ'),
        [
          ['syntax.bad-number', 0, 16, 20],
          ['syntax.bad-number', 1, 16, 26],
          ['syntax.bad-number', 2, 16, 18],
          ['syntax.bad-number', 3, 18, 29],
          ['syntax.bad-number', 4, 17, 20],
        ],
      );
      assert.deepEqual(
        result.diagnostics.slice(0, 2).map((d) => d.message),
        [
          "win: '12ab' is not a number; expected a decimal number like 1460 or a hex number like 0x5b4",
          'seq: 4294967296 is too large; numbers go from 0 to 4294967295 (32 bits)',
        ],
      );
      // The segment stays, without the bad field.
      assert.deepEqual((result.script.statements[0] as SegmentStatement).fields, []);
      clean(lines('a -> b: ACK win=0xab', 'a -> b: ACK seq=4294967295'));
    });

    it('syntax.duplicate: a flag, field, marker or payload given twice', () => {
      const result = expectDiagnostics(lines('a -> b: ACK+ACK', 'a -> b: S. ACK', 'a -> b: ACK seq=1 seq=2', 'a -> b: ACK "a" "b"', 'a -> b: ACK retransmit retransmit', 'a -> b: ACK sackOK SACKOK'), [
        ['syntax.duplicate', 0, 12, 15],
        ['syntax.duplicate', 1, 11, 14],
        ['syntax.duplicate', 2, 18, 23],
        ['syntax.duplicate', 3, 16, 19],
        ['syntax.duplicate', 4, 23, 33],
        ['syntax.duplicate', 5, 19, 25],
      ]);
      assert.equal(result.diagnostics[2].message, 'field seq is given twice');
      const s = result.script.statements[2] as SegmentStatement;
      assert.deepEqual(s.fields.map((f) => f.kind === 'seq' && f.expr.offset), [1]);
      clean('a -> b: ACK+SYN seq=1 ack=1 "a" retransmit sackOK');
    });

    it('syntax.misplaced: a flag after the fields is still taken', () => {
      const result = expectDiagnostics('a -> b: SYN seq=1 ACK', [['syntax.misplaced', 0, 18, 21]]);
      assert.deepEqual([...(result.script.statements[0] as SegmentStatement).flags.flags], ['SYN', 'ACK']);
      clean('a -> b: SYN ACK seq=1');
    });

    it('syntax.bad-escape: unknown escapes and \\x without two hex digits', () => {
      const row = 'a -> b: PSH+ACK "\\q\\x4\\xZZ ok"';
      const result = expectDiagnostics(row, [
        ['syntax.bad-escape', 0, ...cols(row, '\\q')],
        ['syntax.bad-escape', 0, ...cols(row, '\\x4')],
        ['syntax.bad-escape', 0, cols(row, '\\xZZ')[0], cols(row, '\\xZZ')[0] + 2],
      ]);
      assert.equal(result.diagnostics[0].message, "unknown escape '\\q': use \\n, \\r, \\t, \\\", \\\\ or \\xNN (write \\\\ for a backslash)");
      assert.equal(result.diagnostics[1].message, "bad escape '\\x4': \\x needs two hex digits, e.g. \\x0a");
      clean('a -> b: PSH+ACK "\\\\q\\x4a"');
    });

    it('syntax.unterminated-string: from the quote to the end of the line', () => {
      const result = expectDiagnostics(lines('a -> b: PSH+ACK "hello # not a comment  ', 'a -> b: PSH+ACK "a\\"'), [
        ['syntax.unterminated-string', 0, 16, 40],
        ['syntax.unterminated-string', 1, 16, 20],
      ]);
      const s = result.script.statements[0] as SegmentStatement;
      assert.deepEqual(s.payload, { raw: 'hello # not a comment  ', byteLength: 23, range: range(0, 16, 40) });
      assert.deepEqual(s.range, range(0, 0, 40));
      clean('a -> b: PSH+ACK "hello" # a comment "');
    });
  });

  describe('simultaneous … end', () => {
    it('collects the segments inside, which are not also top-level statements', () => {
      const { script } = expectDiagnostics(lines('simultaneous', '  a -> b: SYN   # crossing', '', '  # quiet', '  b -> a: SYN', 'end', 'a -> b: ACK'), []);
      assert.deepEqual(
        script.statements.map((s) => [s.kind, s.line]),
        [
          ['simultaneous', 0],
          ['segment', 6],
        ],
      );
      const block = script.statements[0];
      assert.equal(block.kind, 'simultaneous');
      if (block.kind !== 'simultaneous') return;
      assert.deepEqual(block.range, { start: { line: 0, character: 0 }, end: { line: 5, character: 3 } });
      assert.equal(block.endLine, 5);
      assert.deepEqual(
        block.segments.map((s) => [s.line, s.src.name, s.range]),
        [
          [1, 'a', range(1, 2, 13)],
          [4, 'b', range(4, 2, 13)],
        ],
      );
    });

    it('syntax.unclosed-block: the block is kept with what it has', () => {
      const result = expectDiagnostics(lines('title T', 'simultaneous', 'a -> b: SYN'), [['syntax.unclosed-block', 1, 0, 12]]);
      const block = result.script.statements[1];
      assert.equal(block.kind, 'simultaneous');
      if (block.kind !== 'simultaneous') return;
      assert.equal(block.endLine, undefined);
      assert.equal(block.segments.length, 1);
      assert.deepEqual(block.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 11 } });
      assert.equal(result.diagnostics[0].message, "this simultaneous block is never closed: add 'end' after its segments");
      clean(lines('title T', 'simultaneous', 'a -> b: SYN', 'end'));
    });

    it('syntax.misplaced: other statements inside, and nested blocks', () => {
      const result = expectDiagnostics(lines('simultaneous', '  a -> b: FIN+ACK', '  note a: hi  # why', '  a: close', '  simultaneous', '  b -> a: FIN+ACK', 'end'), [
        ['syntax.misplaced', 2, 2, 12],
        ['syntax.misplaced', 3, 2, 10],
        ['syntax.misplaced', 4, 2, 14],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => d.message),
        [
          "only segment lines may appear inside simultaneous … end (line 1); close the block with 'end' first",
          "only segment lines may appear inside simultaneous … end (line 1); close the block with 'end' first",
          "simultaneous blocks cannot be nested: close the block of line 1 with 'end' first",
        ],
      );
      const block = result.script.statements[0];
      assert.equal(result.script.statements.length, 1);
      assert.equal(block.kind === 'simultaneous' && block.segments.length, 2);
    });

    it('syntax.unexpected-end: an end without simultaneous', () => {
      expectDiagnostics(lines('a -> b: SYN', 'end'), [['syntax.unexpected-end', 1, 0, 3]]);
      // Near miss: `end` as an endpoint name.
      clean(lines('end -> b: SYN', 'b -> end: RST+ACK'));
    });

    it('syntax.missing: an empty block', () => {
      const result = expectDiagnostics(lines('simultaneous', '# nothing', 'end'), [['syntax.missing', 0, 0, 12]]);
      assert.equal(result.diagnostics[0].message, "an empty simultaneous block: put the segments that cross between 'simultaneous' and 'end'");
      // A block whose only segment is broken is not also reported empty.
      expectDiagnostics(lines('simultaneous', 'a ->', 'end'), [['syntax.missing', 1, 2, 4]]);
    });

    it('syntax.unexpected-token: words after simultaneous or end', () => {
      expectDiagnostics(lines('simultaneous now', 'a -> b: SYN', 'end it'), [
        ['syntax.unexpected-token', 0, 13, 16],
        ['syntax.unexpected-token', 2, 4, 6],
      ]);
    });
  });

  describe('deliver and wait', () => {
    it('deliver <label>', () => {
      assert.deepEqual(only('deliver syn1'), { kind: 'deliver', line: 0, range: range(0, 0, 12), label: { name: 'syn1', range: range(0, 8, 12) } });
    });

    it('syntax.missing and syntax.unexpected-token in deliver', () => {
      expectDiagnostics(lines('deliver', 'deliver 1x', 'deliver a b'), [
        ['syntax.missing', 0, 0, 7],
        ['syntax.unexpected-token', 1, 8, 10],
        ['syntax.unexpected-token', 2, 10, 11],
      ]);
    });

    it('durations in every unit, and multiples of MSL', () => {
      for (const [text, ms, msl] of [
        ['200ms', 200, undefined],
        ['30s', 30_000, undefined],
        ['1.5m', 90_000, undefined],
        ['1h', 3_600_000, undefined],
        ['1.1s', 1100, undefined],
        ['0s', 0, undefined],
        ['MSL', 0, 1],
        ['2MSL', 0, 2],
        ['2msl', 0, 2],
        ['0.5MSL', 0, 0.5],
      ] as const) {
        const row = `wait ${text}`;
        const expected = { ms, text, range: range(0, 5, row.length), ...(msl === undefined ? {} : { mslMultiple: msl }) };
        assert.deepEqual(only(row), { kind: 'wait', line: 0, range: range(0, 0, row.length), duration: expected });
      }
    });

    it('syntax.bad-duration and syntax.missing in wait', () => {
      const result = expectDiagnostics(lines('wait 10d', 'wait 30', 'wait .5s', 'wait 1.s', 'wait', 'wait x2MSL'), [
        ['syntax.bad-duration', 0, 5, 8],
        ['syntax.bad-duration', 1, 5, 7],
        ['syntax.bad-duration', 2, 5, 8],
        ['syntax.bad-duration', 3, 5, 8],
        ['syntax.missing', 4, 0, 4],
        ['syntax.bad-duration', 5, 5, 10],
      ]);
      assert.deepEqual(
        result.diagnostics.slice(0, 2).map((d) => d.message),
        [
          "'10d' has an unknown unit 'd': expected a duration like 30s, 200ms, 2m, 1h or 2MSL",
          "'30' has no unit: expected a duration like 30s, 200ms, 2m, 1h or 2MSL",
        ],
      );
      assert.deepEqual(result.script.statements, []);
      clean(lines('wait 10s', 'wait 30ms', 'wait 2MSL'));
    });
  });

  describe('note', () => {
    it('over one endpoint or several; the text may hold colons and commas', () => {
      assert.deepEqual(only('note client: half-closed, can: receive  # c'), {
        kind: 'note',
        line: 0,
        range: range(0, 0, 38),
        endpoints: [{ name: 'client', range: range(0, 5, 11) }],
        text: 'half-closed, can: receive',
      });
      const s = only('note a , b,c : both');
      assert.equal(s.kind, 'note');
      if (s.kind !== 'note') return;
      assert.deepEqual(
        s.endpoints.map((e) => [e.name, e.range.start.character]),
        [
          ['a', 5],
          ['b', 9],
          ['c', 11],
        ],
      );
      assert.equal(s.text, 'both');
    });

    it('syntax.missing: no endpoint, no name after a comma, no colon, no text', () => {
      const result = expectDiagnostics(lines('note', 'note a,', 'note a', 'note a:', 'note a b'), [
        ['syntax.missing', 0, 0, 4],
        ['syntax.missing', 1, 6, 7],
        ['syntax.missing', 2, 5, 6],
        ['syntax.missing', 3, 6, 7],
        ['syntax.missing', 4, 7, 8],
      ]);
      // Without the colon the rest of the line is still taken as the text.
      assert.deepEqual(result.script.statements.map((s) => s.kind === 'note' && s.text), ['b']);
    });

    it('syntax.unexpected-token: an endpoint that is not a name', () => {
      expectDiagnostics('note 10.0.0.1: hi', [['syntax.unexpected-token', 0, 5, 13]]);
    });
  });

  describe('expect', () => {
    it('endpoints and states in every accepted spelling', () => {
      const row = 'expect client SYN-RECEIVED, server FIN_WAIT_1,c time-wait, d SYN_RCVD, e Established';
      const s = only(row);
      assert.equal(s.kind, 'expect');
      if (s.kind !== 'expect') return;
      assert.deepEqual(s.items[0], {
        endpoint: { name: 'client', range: r(0, cols(row, 'client')) },
        stateText: 'SYN-RECEIVED',
        state: 'SYN-RECEIVED',
        stateRange: r(0, cols(row, 'SYN-RECEIVED')),
      });
      assert.deepEqual(
        s.items.map((i) => [i.endpoint.name, i.stateText, i.state]),
        [
          ['client', 'SYN-RECEIVED', 'SYN-RECEIVED'],
          ['server', 'FIN_WAIT_1', 'FIN-WAIT-1'],
          ['c', 'time-wait', 'TIME-WAIT'],
          ['d', 'SYN_RCVD', 'SYN-RECEIVED'],
          ['e', 'Established', 'ESTABLISHED'],
        ],
      );
    });

    it('syntax.unknown-state: the item is kept without a state, with the closest state as a quick fix', () => {
      const row = 'expect client ESTABLISH, server CLOSED, x HALF-OPEN';
      const result = expectDiagnostics(row, [
        ['syntax.unknown-state', 0, ...cols(row, 'ESTABLISH')],
        ['syntax.unknown-state', 0, ...cols(row, 'HALF-OPEN')],
      ]);
      assert.equal(
        result.diagnostics[0].message,
        "unknown state 'ESTABLISH': did you mean ESTABLISHED? expected one of CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT",
      );
      assert.deepEqual(result.diagnostics[0].data, { replace: { range: r(0, cols(row, 'ESTABLISH')), text: 'ESTABLISHED' } });
      assert.equal(result.diagnostics[1].data, undefined);
      const s = result.script.statements[0];
      assert.deepEqual(s.kind === 'expect' && s.items.map((i) => i.state), [undefined, 'CLOSED', undefined]);
      clean('expect client ESTABLISHED, server CLOSED');
    });

    it('syntax.missing: no item, no state, a trailing comma, a missing comma', () => {
      const result = expectDiagnostics(lines('expect', 'expect a', 'expect a CLOSED,', 'expect a CLOSED b LISTEN'), [
        ['syntax.missing', 0, 0, 6],
        ['syntax.missing', 1, 7, 8],
        ['syntax.missing', 2, 15, 16],
        ['syntax.missing', 3, 16, 17],
      ]);
      assert.deepEqual(
        result.script.statements.map((s) => (s.kind === 'expect' ? s.items.map((i) => i.state) : [])),
        [['CLOSED'], ['CLOSED', 'LISTEN']],
      );
    });
  });

  describe('option', () => {
    it('every key and value', () => {
      const row = 'option msl=30s';
      assert.deepEqual(only(row), {
        kind: 'option',
        line: 0,
        range: range(0, 0, 14),
        setting: { key: 'msl', duration: { ms: 30_000, text: '30s', range: range(0, 11, 14) } },
        keyRange: range(0, 7, 10),
        valueRange: range(0, 11, 14),
      });
      const settings = clean(
        lines('option states=changes', 'option states=all', 'option states=none', 'option numbers=as-written', 'option numbers = absolute'),
      ).map((s) => s.kind === 'option' && s.setting);
      assert.deepEqual(settings, [
        { key: 'states', value: 'changes' },
        { key: 'states', value: 'all' },
        { key: 'states', value: 'none' },
        { key: 'numbers', value: 'as-written' },
        { key: 'numbers', value: 'absolute' },
      ]);
    });

    it('syntax.unknown-option: an unknown key or value, listing the valid ones', () => {
      const result = expectDiagnostics(lines('option colour=red', 'option states=ALL', 'option numbers=relative'), [
        ['syntax.unknown-option', 0, 7, 13],
        ['syntax.unknown-option', 1, 14, 17],
        ['syntax.unknown-option', 2, 15, 23],
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.message, d.data?.replace?.text]),
        [
          ["unknown option 'colour': expected msl, states or numbers", undefined],
          ["unknown value 'ALL' for option states: did you mean all? expected changes, all or none", 'all'],
          ["unknown value 'relative' for option numbers: expected as-written or absolute", undefined],
        ],
      );
      assert.deepEqual(result.script.statements, []);
      clean(lines('option states=all', 'option numbers=absolute # a comment, not a value'));
    });

    it('syntax.missing, syntax.bad-duration and syntax.unexpected-token in option', () => {
      expectDiagnostics(lines('option', 'option msl', 'option msl=', 'option msl=2MSL', 'option states=all now'), [
        ['syntax.missing', 0, 0, 6],
        ['syntax.missing', 1, 7, 10],
        ['syntax.missing', 2, 7, 11],
        ['syntax.bad-duration', 3, 11, 15],
        ['syntax.unexpected-token', 4, 18, 21],
      ]);
    });
  });

  describe('unknown statements', () => {
    it('syntax.unknown-statement, with the closest keyword as a quick fix', () => {
      const result = expectDiagnostics(lines('hello world', 'Title Handshake', 'tittle Handshake', '-> b: SYN', 'client server: SYN'), [
        ['syntax.unknown-statement', 0, 0, 5],
        ['syntax.unknown-statement', 1, 0, 5],
        ['syntax.unknown-statement', 2, 0, 6],
        ['syntax.unknown-statement', 3, 0, 2],
        ['syntax.unknown-statement', 4, 0, 6],
      ]);
      assert.deepEqual(
        result.diagnostics.slice(0, 3).map((d) => [d.message, d.data?.replace?.text]),
        [
          [
            "unknown statement 'hello': expected a segment (client -> server: SYN), a call (client: connect) or one of title, participant, section, note, expect, wait, option, simultaneous, end or deliver",
            undefined,
          ],
          ["unknown statement 'Title': keywords are lower-case; did you mean title?", 'title'],
          ["unknown statement 'tittle': did you mean title?", 'title'],
        ],
      );
      assert.deepEqual(result.script.statements, []);
      clean('title Handshake');
    });
  });

  describe('robustness', () => {
    /** Every range lies on an existing line, within it, start before end. */
    function assertWellFormed(text: string): void {
      const lengths = text.split(/\r\n|\r|\n/).map((l) => l.length);
      const { script, diagnostics } = parse(text);
      assert.equal(script.lineCount, lengths.length);
      const check = (what: string, rg: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
        assert.ok(rg.start.line >= 0 && rg.end.line < lengths.length, `${what} line outside the text`);
        assert.ok(rg.start.line < rg.end.line || rg.start.character <= rg.end.character, `${what} ends before it starts`);
        assert.ok(rg.end.character <= lengths[rg.end.line], `${what} ends past its line`);
      };
      for (const d of diagnostics) {
        check(d.code, d.range);
        assert.ok(d.message.length > 0);
      }
      let previous = -1;
      for (const s of script.statements) {
        check(s.kind, s.range);
        assert.ok(s.line >= previous, 'statements in line order');
        previous = s.line;
      }
    }

    it('never throws and keeps every range inside the text, on arbitrary text', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), assertWellFormed), { numRuns: 300 });
    });

    it('never throws on lines built from the language', () => {
      const words = ['a', 'b', '->', '-x', '~>', ':', 'SYN', 'S.', '+', ',', '/', 'seq=x+1', 'ts=1/', '"a\\', '"\\x4"', '"', '#', 'as', 'end', 'simultaneous', 'note', 'expect', 'CLOSED', 'wait', '2MSL', 'option', 'msl=1s', 'participant', 'listen', 'isn=', '\n', '\r\n', ' ', '\t'];
      fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 60 }).map((w) => w.join('')), assertWellFormed), { numRuns: 400 });
    });

    it('handles pathological input: huge lines, many quotes, lone carriage returns', () => {
      for (const text of ['"'.repeat(100_000), 'a -> b: ' + 'SYN+'.repeat(20_000), '#'.repeat(100_000), '\r'.repeat(100_000), 'x'.repeat(100_000), 'simultaneous\n'.repeat(5_000), 'a -> b: "' + '\\'.repeat(10_001)]) {
        assertWellFormed(text);
      }
    });
  });
});
