// The tcpflow command against hostile input (issue 12): option names that exist on every
// object, control characters in scripts and captures on their way to the terminal.

import * as assert from 'node:assert/strict';
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
