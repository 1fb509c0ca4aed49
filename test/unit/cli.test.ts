// The tcpflow command: run() with in-memory I/O, the formatting helpers on hand-made data,
// and the built dist/cli.js as a real process.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { analyze, toMermaid, type Analysis, type Diagnostic, type EndpointSnapshot, type TcpState } from '../../src/core';
import { formatDiagnostic, formatSummary, toJsonDiagnostic } from '../../src/cli/format';
import { run } from '../../src/cli/run';
import { statesTable } from '../../src/cli/statesTable';
import { COMMAND_USAGE, USAGE } from '../../src/cli/usage';

const repoRoot = join(__dirname, '..', '..', '..');
const VERSION = 'test-version';

function lines(...text: string[]): string {
  return text.map((line) => `${line}\n`).join('');
}

const HANDSHAKE = lines(
  'participant client',
  'participant server listen',
  'client -> server: SYN',
  'server -> client: SYN+ACK',
  'client -> server: ACK',
);

/** The handshake, then an `expect` of an undeclared endpoint: `proxy` is at 0-based line 5, characters 7–12. */
const UNKNOWN_ENDPOINT = HANDSHAKE + lines('expect proxy CLOSED');

/** A line that is no statement at all: `hello` is at 0-based line 1, characters 0–5. */
const UNKNOWN_STATEMENT = lines('participant client', 'hello world');

/** Random text, and random lines of the language's own words, which reach deeper into the engine. */
const WORDS = [
  'participant', 'client', 'server', 'listen', 'unchecked', '->', '-x', '~>', ':', 'SYN', 'SYN+ACK', 'ACK', 'FIN+ACK',
  'RST', 'P.', 'seq=x', 'ack=x+1', 'seq=0', 'ack=4294967295', 'len=3', '"abc"', '"\\x4"', 'retransmit', 'keepalive',
  'duplicate', 'as', 'late', 'deliver', 'simultaneous', 'end', 'expect', 'ESTABLISHED', 'TIME_WAIT', 'wait', '2MSL',
  'close', 'abort', 'crash', 'connect', 'note', 'section', 'option', 'msl=1s', 'states=all', '#', 'client:', 'server:',
];
const anyScript = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc
    .array(fc.array(fc.constantFrom(...WORDS), { maxLength: 9 }).map((words) => words.join(' ')), { maxLength: 25 })
    .map((scriptLines) => scriptLines.join('\n')),
);

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(argv: string[], files: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: async (path) => {
      if (Object.prototype.hasOwnProperty.call(files, path)) return files[path];
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    },
    readStdin: async () => {
      if (stdin === undefined) throw new Error('the test gave no standard input');
      return stdin;
    },
    version: VERSION,
  });
  return { code, stdout, stderr };
}

/** Human diagnostic lines without their messages: `file:line:col: severity code`. */
function locations(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const match = /^(.+?:\d+:\d+: \w+ [\w.-]+): ./.exec(line);
      assert.ok(match, `not a diagnostic line: ${line}`);
      return match[1];
    });
}

const JSON_KEYS = ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message'];

/** Parses `check --json` output, checks its exact shape, and returns it without the messages. */
function jsonReports(stdout: string): { file: string; diagnostics: Omit<Record<string, unknown>, 'message'>[] }[] {
  assert.ok(stdout.endsWith(']\n'), 'one JSON array, then a newline');
  const parsed: unknown = JSON.parse(stdout);
  assert.ok(Array.isArray(parsed));
  return parsed.map((report: Record<string, unknown>) => {
    assert.deepEqual(Object.keys(report), ['file', 'diagnostics']);
    assert.ok(Array.isArray(report.diagnostics));
    return {
      file: report.file as string,
      diagnostics: report.diagnostics.map((d: Record<string, unknown>) => {
        assert.deepEqual(Object.keys(d), JSON_KEYS);
        assert.equal(typeof d.message, 'string');
        assert.notEqual(d.message, '');
        const { message: _message, ...rest } = d;
        return rest;
      }),
    };
  });
}

describe('tcpflow CLI', () => {
  describe('check', () => {
    it('prints nothing but the count for a clean script and exits 0', async () => {
      const result = await cli(['check', 'ok.tcpflow'], { 'ok.tcpflow': HANDSHAKE });
      assert.deepEqual(result, { code: 0, stdout: '', stderr: '0 errors, 0 warnings in 1 file\n' });
    });

    it('prints file:line:col: severity code: message and exits 1 on an error', async () => {
      const result = await cli(['check', 'bad.tcpflow'], { 'bad.tcpflow': UNKNOWN_ENDPOINT });
      assert.equal(result.code, 1);
      assert.deepEqual(locations(result.stdout), ['bad.tcpflow:6:8: error endpoint.unknown']);
      assert.equal(result.stderr, '1 error, 0 warnings in 1 file\n');
    });

    it('reports syntax errors with their location', async () => {
      const result = await cli(['check', 'syntax.tcpflow'], { 'syntax.tcpflow': UNKNOWN_STATEMENT });
      assert.equal(result.code, 1);
      assert.deepEqual(locations(result.stdout), ['syntax.tcpflow:2:1: error syntax.unknown-statement']);
    });

    it('checks every file and counts them all', async () => {
      const files = { 'a.tcpflow': HANDSHAKE, 'b.tcpflow': UNKNOWN_ENDPOINT, 'c.tcpflow': UNKNOWN_STATEMENT };
      const result = await cli(['check', 'a.tcpflow', 'b.tcpflow', 'c.tcpflow'], files);
      assert.equal(result.code, 1);
      assert.deepEqual(locations(result.stdout), [
        'b.tcpflow:6:8: error endpoint.unknown',
        'c.tcpflow:2:1: error syntax.unknown-statement',
      ]);
      assert.equal(result.stderr, '2 errors, 0 warnings in 3 files\n');
    });

    it('prints one JSON array with 1-based positions for --json', async () => {
      const files = { 'ok.tcpflow': HANDSHAKE, 'bad.tcpflow': UNKNOWN_ENDPOINT };
      const result = await cli(['check', '--json', 'ok.tcpflow', 'bad.tcpflow'], files);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, '');
      assert.deepEqual(jsonReports(result.stdout), [
        { file: 'ok.tcpflow', diagnostics: [] },
        {
          file: 'bad.tcpflow',
          diagnostics: [{ line: 6, column: 8, endLine: 6, endColumn: 13, severity: 'error', code: 'endpoint.unknown' }],
        },
      ]);
    });

    it('accepts --json after the files', async () => {
      const result = await cli(['check', 'ok.tcpflow', '--json'], { 'ok.tcpflow': HANDSHAKE });
      assert.deepEqual(result, { code: 0, stdout: '[\n  {\n    "file": "ok.tcpflow",\n    "diagnostics": []\n  }\n]\n', stderr: '' });
    });

    it('exits 2 for a missing file, naming it', async () => {
      const result = await cli(['check', 'x.tcpflow']);
      assert.deepEqual(result, { code: 2, stdout: '', stderr: "tcpflow: cannot read 'x.tcpflow': no such file\n" });
    });

    it('still checks the other files when one is missing, and exits 2', async () => {
      const result = await cli(['check', 'x.tcpflow', 'bad.tcpflow'], { 'bad.tcpflow': UNKNOWN_ENDPOINT });
      assert.equal(result.code, 2);
      assert.deepEqual(locations(result.stdout), ['bad.tcpflow:6:8: error endpoint.unknown']);
      assert.equal(result.stderr, "tcpflow: cannot read 'x.tcpflow': no such file\n1 error, 0 warnings in 1 file\n");
    });

    it('keeps stdout a JSON array when a file is missing', async () => {
      const result = await cli(['check', '--json', 'x.tcpflow', 'ok.tcpflow'], { 'ok.tcpflow': HANDSHAKE });
      assert.equal(result.code, 2);
      assert.deepEqual(jsonReports(result.stdout), [{ file: 'ok.tcpflow', diagnostics: [] }]);
      assert.equal(result.stderr, "tcpflow: cannot read 'x.tcpflow': no such file\n");
    });

    it('reads standard input for the file -', async () => {
      const result = await cli(['check', '-'], {}, UNKNOWN_ENDPOINT);
      assert.equal(result.code, 1);
      assert.deepEqual(locations(result.stdout), ['<stdin>:6:8: error endpoint.unknown']);
    });

    it('drops a byte-order mark so columns match the editor', async () => {
      const result = await cli(['check', '--json', 'bom.tcpflow'], { 'bom.tcpflow': `\uFEFF${UNKNOWN_ENDPOINT}` });
      assert.deepEqual(jsonReports(result.stdout)[0].diagnostics, [
        { line: 6, column: 8, endLine: 6, endColumn: 13, severity: 'error', code: 'endpoint.unknown' },
      ]);
    });

    it('never throws and always prints well-formed output, whatever the input', async () => {
      await fc.assert(
        fc.asyncProperty(anyScript, async (text) => {
          const human = await cli(['check', '-'], {}, text);
          assert.ok(human.code === 0 || human.code === 1, `exit ${human.code}: ${human.stderr}`);
          locations(human.stdout);
          const json = await cli(['check', '--json', '-'], {}, text);
          assert.equal(json.code, human.code);
          jsonReports(json.stdout);
          for (const command of ['mermaid', 'states']) {
            const shown = await cli([command, '-'], {}, text);
            assert.equal(shown.code, human.code, `${command}: ${shown.stderr}`);
            locations(shown.stderr);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('mermaid', () => {
    it('prints exactly the diagram of toMermaid(analyze(text)) and exits 0', async () => {
      const result = await cli(['mermaid', 'ok.tcpflow'], { 'ok.tcpflow': HANDSHAKE });
      assert.deepEqual(result, { code: 0, stdout: withNewline(toMermaid(analyze(HANDSHAKE)).text), stderr: '' });
    });

    it('passes the drawing options on', async () => {
      const argv = ['mermaid', '--naming', 'netstat', '--states=all', '--numbers', 'absolute', '--autonumber', 'ok.tcpflow'];
      const result = await cli(argv, { 'ok.tcpflow': HANDSHAKE });
      const expected = toMermaid(analyze(HANDSHAKE), { naming: 'netstat', states: 'all', numbers: 'absolute', autonumber: true });
      assert.deepEqual(result, { code: 0, stdout: withNewline(expected.text), stderr: '' });
    });

    it('still draws a script with errors, lists them on stderr and exits 1', async () => {
      const result = await cli(['mermaid', 'bad.tcpflow'], { 'bad.tcpflow': UNKNOWN_ENDPOINT });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, withNewline(toMermaid(analyze(UNKNOWN_ENDPOINT)).text));
      assert.deepEqual(locations(result.stderr), ['bad.tcpflow:6:8: error endpoint.unknown']);
    });

    it('exits 2 for a missing file', async () => {
      const result = await cli(['mermaid', 'x.tcpflow']);
      assert.deepEqual(result, { code: 2, stdout: '', stderr: "tcpflow: cannot read 'x.tcpflow': no such file\n" });
    });
  });

  describe('states', () => {
    it("prints every endpoint's state after each line of the handshake", async () => {
      const result = await cli(['states', 'ok.tcpflow'], { 'ok.tcpflow': HANDSHAKE });
      assert.deepEqual(result, {
        code: 0,
        stdout: lines(
          'line  source                     client        server',
          '      (start)                    CLOSED        LISTEN',
          '   3  client -> server: SYN      SYN-SENT*     SYN-RECEIVED*',
          '   4  server -> client: SYN+ACK  ESTABLISHED*  SYN-RECEIVED',
          '   5  client -> server: ACK      ESTABLISHED   ESTABLISHED*',
        ),
        stderr: '',
      });
    });

    it('uses netstat names with --naming netstat', async () => {
      const result = await cli(['states', '--naming', 'netstat', 'ok.tcpflow'], { 'ok.tcpflow': HANDSHAKE });
      assert.equal(result.code, 0);
      assert.equal(result.stdout.split('\n')[2], '   3  client -> server: SYN      SYN_SENT*     SYN_RCVD*');
    });
  });

  describe('usage', () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      it(`prints the usage for ${argv.join(' ')} and exits 0`, async () => {
        assert.deepEqual(await cli(argv), { code: 0, stdout: USAGE, stderr: '' });
      });
    }

    for (const argv of [['help', 'check'], ['check', '--help'], ['check', 'x.tcpflow', '-h']]) {
      it(`prints the check usage for ${argv.join(' ')}`, async () => {
        assert.deepEqual(await cli(argv), { code: 0, stdout: COMMAND_USAGE.check, stderr: '' });
      });
    }

    it('prints the version', async () => {
      assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
    });

    it('prints the usage on stderr and exits 2 without arguments', async () => {
      assert.deepEqual(await cli([]), { code: 2, stdout: '', stderr: USAGE });
    });

    const usageErrors: [string[], string][] = [
      [['frob'], "unknown command 'frob'"],
      [['--frob'], "unknown option '--frob'"],
      [['check'], "'check' needs at least one file"],
      [['check', '--jsn', 'a.tcpflow'], "unknown option '--jsn' for 'check'"],
      [['check', '--json=yes', 'a.tcpflow'], "option '--json' takes no value"],
      [['mermaid', 'a.tcpflow', 'b.tcpflow'], "'mermaid' takes exactly one file, got 2"],
      [['mermaid', '--states', 'some', 'a.tcpflow'], "option '--states' must be one of changes|all|none, not 'some'"],
      [['states'], "'states' takes exactly one file, got 0"],
      [['states', 'a.tcpflow', '--naming'], "option '--naming' needs a value: rfc|netstat"],
      [['states', '--json', 'a.tcpflow'], "unknown option '--json' for 'states'"],
      [['help', 'frob'], "no help for 'frob'"],
    ];
    for (const [argv, message] of usageErrors) {
      it(`rejects ${argv.join(' ')} with exit 2`, async () => {
        assert.deepEqual(await cli(argv, { 'a.tcpflow': HANDSHAKE }), {
          code: 2,
          stdout: '',
          stderr: `tcpflow: ${message}\nRun 'tcpflow --help' for usage.\n`,
        });
      });
    }

    it('takes a file that starts with - after --', async () => {
      const result = await cli(['check', '--', '-odd.tcpflow'], { '-odd.tcpflow': HANDSHAKE });
      assert.equal(result.code, 0);
    });
  });
});

describe('CLI formatting', () => {
  const diagnostic: Diagnostic = {
    code: 'tcp.bad-ack',
    severity: 'error',
    range: { start: { line: 5, character: 30 }, end: { line: 5, character: 37 } },
    message: "ack=301 but server's SYN+ACK (line 6) used seq 300: expected ack=301",
  };

  it('writes a diagnostic as file:line:col: severity code: message, 1-based', () => {
    assert.equal(
      formatDiagnostic('a.tcpflow', diagnostic),
      "a.tcpflow:6:31: error tcp.bad-ack: ack=301 but server's SYN+ACK (line 6) used seq 300: expected ack=301",
    );
  });

  it('writes 1-based JSON positions with the end just after the last character', () => {
    assert.deepEqual(toJsonDiagnostic(diagnostic), {
      line: 6,
      column: 31,
      endLine: 6,
      endColumn: 38,
      severity: 'error',
      code: 'tcp.bad-ack',
      message: diagnostic.message,
    });
  });

  it('counts in the summary, with info and hints only when present', () => {
    assert.equal(formatSummary({ error: 2, warning: 1, info: 0, hint: 0 }, 3), '2 errors, 1 warning in 3 files');
    assert.equal(formatSummary({ error: 1, warning: 0, info: 2, hint: 1 }, 1), '1 error, 0 warnings, 2 info, 1 hint in 1 file');
  });

  it('lays out the states table from the timeline, marking changes', () => {
    const text = lines(
      'participant a',
      'participant b listen',
      'a -> b: SYN "a payload long enough to be cut short in the table"',
      'b -> a: SYN+ACK',
      'a -> b: ACK',
    );
    const analysis = fakeAnalysis(
      ['a', 'b'],
      ['CLOSED', 'LISTEN'],
      [
        [2, ['SYN-SENT', 'LISTEN']],
        [2, ['SYN-SENT', 'SYN-RECEIVED']],
        [3, ['SYN-SENT', 'SYN-RECEIVED']],
        [3, ['ESTABLISHED', 'SYN-RECEIVED']],
        [4, ['ESTABLISHED', 'ESTABLISHED']],
      ],
    );
    assert.equal(
      statesTable(analysis, text, 'netstat'),
      lines(
        'line  source                                    a             b',
        '      (start)                                   CLOSED        LISTEN',
        '   3  a -> b: SYN "a payload long enough to b…  SYN_SENT*     SYN_RCVD*',
        '   4  b -> a: SYN+ACK                           ESTABLISHED*  SYN_RCVD',
        '   5  a -> b: ACK                               ESTABLISHED   ESTABLISHED*',
      ),
    );
  });
});

describe('dist/cli.js', () => {
  const cliPath = join(repoRoot, 'dist', 'cli.js');

  before(function () {
    // Only `npm run build` makes the bundle; `npm test` builds first, a bare mocha run may not.
    if (!existsSync(cliPath)) this.skip();
  });

  function spawnCli(args: string[], input?: string) {
    return spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, input, encoding: 'utf8', timeout: 15_000 });
  }

  it('is an executable node script', () => {
    assert.ok(readFileSync(cliPath, 'utf8').startsWith('#!/usr/bin/env node\n'));
    assert.notEqual(statSync(cliPath).mode & 0o111, 0);
  });

  it('prints the package version', () => {
    const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const result = spawnCli(['--version']);
    assert.deepEqual([result.status, result.stdout, result.stderr], [0, `${packageVersion}\n`, '']);
  });

  it('checks standard input and exits 1 on an error', () => {
    const result = spawnCli(['check', '--json', '-'], UNKNOWN_ENDPOINT);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(jsonReports(result.stdout), [
      {
        file: '<stdin>',
        diagnostics: [{ line: 6, column: 8, endLine: 6, endColumn: 13, severity: 'error', code: 'endpoint.unknown' }],
      },
    ]);
  });

  it('exits 2 with a message for a missing file', () => {
    const result = spawnCli(['check', 'no-such-file.tcpflow']);
    assert.deepEqual(
      [result.status, result.stdout, result.stderr],
      [2, '', "tcpflow: cannot read 'no-such-file.tcpflow': no such file\n"],
    );
  });
});

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function fakeAnalysis(names: string[], initial: TcpState[], steps: [number, TcpState[]][]): Analysis {
  const snapshot = (state: TcpState): EndpointSnapshot => ({
    state,
    iss: 0,
    sndUna: 0,
    sndNxt: 0,
    sndWnd: 0,
    irs: 0,
    rcvNxt: 0,
    rcvWnd: 0,
  });
  return {
    script: { statements: [], lineCount: 6 },
    diagnostics: [],
    endpoints: names.map((name, i) => ({ name, label: name, unchecked: false, firstUse: i, declaredAt: i, initial: initial[i] })),
    timeline: steps.map(([line, states]) => ({ line, kind: 'send', updates: states.map((s, endpoint) => ({ endpoint, snapshot: snapshot(s) })), changed: [], owed: [] })),
    segments: new Map(),
    symbols: new Map(),
    options: { mslMs: 120_000, states: 'changes', numbers: 'as-written' },
  };
}
