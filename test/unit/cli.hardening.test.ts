// The tcpflow command against hostile input (issue 12): option names that exist on every
// object, control characters in scripts and captures on their way to the terminal.

import * as assert from 'node:assert/strict';
import { analyze, limitDiagnostics, notAnalysed, toMermaid } from '../../src/core';
import { run } from '../../src/cli/run';
import { escapeControls } from '../../src/cli/terminalText';

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(argv: string[], files: Record<string, string | Uint8Array> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: async (path) => {
      if (Object.prototype.hasOwnProperty.call(files, path)) return files[path];
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    readStdin: async () => '',
    version: 'test',
  });
  return { code, stdout, stderr };
}

const usage = (message: string) => `tcpflow: ${message}\nRun 'tcpflow --help' for usage.\n`;

describe('tcpflow: option names looked up among the known ones only (defect 7)', () => {
  for (const [command, option] of [
    ['check', '--constructor'],
    ['check', '--__proto__'],
    ['check', '--toString'],
    ['mermaid', '--hasOwnProperty'],
    ['import', '--valueOf=1'],
  ] as const) {
    it(`${command} ${option} is an unknown option`, async () => {
      const shown = option.replace(/=.*/, '');
      assert.deepEqual(await cli([command, option, 'f.tcpflow'], { 'f.tcpflow': 'participant c\n' }), {
        code: 2,
        stdout: '',
        stderr: usage(`unknown option '${shown}' for '${command}'`),
      });
    });
  }
});

describe('tcpflow: control characters from the input shown escaped (defect 7)', () => {
  it('escapeControls: C0 and C1 controls but tab and line feed', () => {
    assert.equal(escapeControls('a\x1b]0;t\x07b\r\x00\x7f\u009b\tc\n'), 'a\\x1b]0;t\\x07b\\x0d\\x00\\x7f\\u009b\tc\n');
  });

  it('check: an ESC and a BEL in an unknown statement are printed as \\x1b and \\x07', async () => {
    const result = await cli(['check', 'f.tcpflow'], { 'f.tcpflow': 'participant c\n\x1b]0;owned\x07\n' });
    assert.deepEqual(result, {
      code: 1,
      stdout: "f.tcpflow:2:1: error syntax.unknown-statement: unknown statement '\\x1b]0;owned\\x07': expected a segment (client -> server: SYN), a call (client: connect) or one of title, participant, section, note, expect, wait, option, simultaneous, end or deliver\n",
      stderr: '1 error, 0 warnings in 1 file\n',
    });
  });

  it('check: a file name with control characters, and a usage error echoing one', async () => {
    const result = await cli(['check', 'a\x1bb'], { 'a\x1bb': 'hello\n' });
    assert.equal(result.stdout, "a\\x1bb:1:1: error syntax.unknown-statement: unknown statement 'hello': expected a segment (client -> server: SYN), a call (client: connect) or one of title, participant, section, note, expect, wait, option, simultaneous, end or deliver\n");
    assert.deepEqual(await cli(['fr\x07ob']), { code: 2, stdout: '', stderr: usage("unknown command 'fr\\x07ob'") });
  });

  it('import: comments carried over from a packetdrill script, and its diagnostics', async () => {
    const script = [
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 // \x1b]0;pwned\x07',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 < S 0:0(0) win 1000',
      '+0 > S. 0:0(0) ack 1',
      '+0 < . 1:1(0) ack 1 win 1000',
      '',
    ].join('\n');
    const result = await cli(['import', 'esc.pkt'], { 'esc.pkt': script });
    assert.equal(result.code, 0);
    assert.equal(result.stdout.split('\n')[7], '# 0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 // \\x1b]0;pwned\\x07');
    assert.equal(escapeControls(result.stdout + result.stderr), result.stdout + result.stderr);
  });
});

describe('a cap on diagnostics per document (defect 5)', () => {
  const words = (n: number) => `${Array.from({ length: n }, (_, i) => `w${i}`).join('\n')}\n`;
  const unknown = (line: number) =>
    `f.tcpflow:${line}:1: error syntax.unknown-statement: unknown statement 'w${line - 1}': expected a segment (client -> server: SYN), a call (client: connect) or one of title, participant, section, note, expect, wait, option, simultaneous, end or deliver\n`;

  it('limitDiagnostics: the first N in source order, then one saying how many more, at the first left out', () => {
    const analysis = analyze('a\nb\nc\nd\n');
    assert.deepEqual(
      limitDiagnostics([...analysis.diagnostics].reverse(), 2, 'the limit').map((d) => [d.code, d.severity, d.range.start.line, d.range.end.character, d.message.split(':')[0]]),
      [
        ['syntax.unknown-statement', 'error', 0, 1, "unknown statement 'a'"],
        ['syntax.unknown-statement', 'error', 1, 1, "unknown statement 'b'"],
        ['limit.diagnostics', 'info', 2, 0, '2 more diagnostics from here on not shown'],
      ],
    );
    assert.equal(limitDiagnostics(analysis.diagnostics, 2, 'the limit')[2].message, '2 more diagnostics from here on not shown: at most 2 per document (the limit)');
    assert.equal(limitDiagnostics(analysis.diagnostics, 4, 'x').length, 4);
  });

  it('check prints 1000 by default, then the notice; the count and exit status are the whole file', async () => {
    const result = await cli(['check', 'f.tcpflow'], { 'f.tcpflow': words(1500) });
    const printed = result.stdout.split('\n').filter((l) => l !== '');
    assert.equal(printed.length, 1001);
    assert.equal(`${printed[999]}\n`, unknown(1000));
    assert.equal(printed[1000], 'f.tcpflow:1001:1: info limit.diagnostics: 500 more diagnostics from here on not shown: at most 1000 per document (change it with --max-diagnostics)');
    assert.deepEqual([result.code, result.stderr], [1, '1500 errors, 0 warnings in 1 file\n']);
  });

  it('check --max-diagnostics 2, in JSON too', async () => {
    const result = await cli(['check', '--max-diagnostics', '2', 'f.tcpflow'], { 'f.tcpflow': words(5) });
    assert.equal(
      result.stdout,
      unknown(1) + unknown(2) + 'f.tcpflow:3:1: info limit.diagnostics: 3 more diagnostics from here on not shown: at most 2 per document (change it with --max-diagnostics)\n',
    );
    const json = await cli(['check', '--json', '--max-diagnostics=1', 'f.tcpflow'], { 'f.tcpflow': words(5) });
    assert.deepEqual(
      (JSON.parse(json.stdout) as { diagnostics: { code: string; line: number }[] }[])[0].diagnostics.map((d) => [d.code, d.line]),
      [
        ['syntax.unknown-statement', 1],
        ['limit.diagnostics', 2],
      ],
    );
  });

  it('mermaid and states cap what they print on stderr; --max-diagnostics must be a count', async () => {
    const result = await cli(['states', '--max-diagnostics', '1', 'f.tcpflow'], { 'f.tcpflow': words(3) });
    assert.equal(result.stderr.split('\n').filter((l) => l !== '').length, 2);
    for (const bad of ['0', '-1', 'x', '99999999999999999999']) {
      assert.deepEqual(await cli(['check', `--max-diagnostics=${bad}`, 'f.tcpflow']), {
        code: 2,
        stdout: '',
        stderr: usage(`option '--max-diagnostics' must be a number from 1, not '${bad}'`),
      });
    }
  });
});

describe('a document too large to check (issue 12, item 1)', () => {
  it('notAnalysed: an empty analysis with one limit.size warning that says why', () => {
    const analysis = notAnalysed(60_000, 50_000, 'setting tcpflow.analysis.maxLines');
    assert.deepEqual(
      analysis.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]),
      [['limit.size', 'warning', 0, 'not checked: 60000 lines, more than the 50000 checked per document (setting tcpflow.analysis.maxLines)']],
    );
    assert.deepEqual([analysis.endpoints, analysis.timeline, analysis.script.statements], [[], [], []]);
    assert.equal(toMermaid(analysis).text, 'sequenceDiagram\n');
  });
});
