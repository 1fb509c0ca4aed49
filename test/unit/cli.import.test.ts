// `tcpflow import` and the hidden `tcpflow corpus`, run with in-memory files and folders.

import * as assert from 'node:assert/strict';
import { importPacketdrill, importTcpdump } from '../../src/core';
import { run } from '../../src/cli/run';
import { COMMAND_USAGE, USAGE } from '../../src/cli/usage';

function lines(...rows: string[]): string {
  return rows.map((r) => `${r}\n`).join('');
}

interface Disk {
  /** path → content; folders are the prefixes of the paths. */
  readonly files: Record<string, string>;
}

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly disk: Record<string, string>;
}

async function cli(argv: string[], files: Record<string, string> = {}, stdin?: string): Promise<CliResult> {
  const disk: Disk = { files: { ...files } };
  let stdout = '';
  let stderr = '';
  const enoent = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
  const code = await run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readFile: async (path) => {
      if (Object.prototype.hasOwnProperty.call(disk.files, path)) return disk.files[path];
      throw enoent(path);
    },
    readStdin: async () => {
      if (stdin === undefined) throw new Error('the test gave no standard input');
      return stdin;
    },
    writeFile: async (path, text, { overwrite }) => {
      if (!overwrite && Object.prototype.hasOwnProperty.call(disk.files, path)) {
        throw Object.assign(new Error(`EEXIST: file already exists, open '${path}'`), { code: 'EEXIST' });
      }
      disk.files[path] = text;
    },
    readDirectory: async (path) => {
      const prefix = `${path}/`;
      const names = new Map<string, boolean>();
      for (const file of Object.keys(disk.files)) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      if (names.size === 0) {
        if (Object.prototype.hasOwnProperty.call(disk.files, path)) throw Object.assign(new Error('ENOTDIR'), { code: 'ENOTDIR' });
        throw enoent(path);
      }
      return [...names].map(([name, directory]) => ({ name, directory }));
    },
    version: 'test',
  });
  return { code, stdout, stderr, disk: disk.files };
}

const PASSIVE_OPEN = lines(
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 32792 <mss 1000>',
  '+0 > S. 0:0(0) ack 1 <mss 1460>',
  '+.1 < . 1:1(0) ack 1 win 257',
  '`./defaults.sh`',
);

/** The kernel acknowledges the SYN with the wrong number: the imported script has an error on line 9. */
const BAD_ACK = lines('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', '+0 listen(3, 1) = 0', '+0 < S 0:0(0)', '+0 > S. 0:0(0) ack 5');

const CAPTURE = lines(
  '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, win 65535, length 0',
  '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack 8, win 0, length 0',
);

const TWO_CONNECTIONS = CAPTURE + lines('12:00:00.000003 IP 10.0.0.1.40001 > 10.0.0.2.80: Flags [S], seq 9, win 65535, length 0');

describe('tcpflow import', () => {
  it('prints the imported packetdrill script, then its problems and a summary', async () => {
    const result = await cli(['import', 'tests/open.pkt'], { 'tests/open.pkt': PASSIVE_OPEN });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, importPacketdrill(PASSIVE_OPEN, { title: 'open.pkt' }).text);
    assert.equal(
      result.stderr,
      lines(
        'tests/open.pkt:6: info import.unsupported: a shell command: not run, not imported',
        'tests/open.pkt: imported from packetdrill, 1 import problem; the script has 0 errors, 0 warnings',
      ),
    );
  });

  it('maps the imported script’s diagnostics back to the input line and exits 1 on an error', async () => {
    const result = await cli(['import', 'bad.pkt'], { 'bad.pkt': BAD_ACK });
    assert.equal(result.code, 1);
    const stderr = result.stderr.split('\n');
    assert.match(stderr[0], /^<stdout>:11:\d+: error tcp\.bad-ack: .* \[bad\.pkt:4\]$/);
    assert.equal(stderr[1], 'bad.pkt: imported from packetdrill, 0 import problems; the script has 1 error, 0 warnings');
  });

  it('recognises tcpdump text by its content', async () => {
    const result = await cli(['import', 'capture.txt'], { 'capture.txt': CAPTURE });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, importTcpdump(CAPTURE, { title: 'capture.txt' }).text);
    assert.equal(result.stderr, 'capture.txt: imported from tcpdump, 0 import problems; the script has 0 errors, 0 warnings\n');
  });

  it('reads standard input, without a title', async () => {
    const result = await cli(['import', '--format', 'tcpdump', '-'], {}, CAPTURE);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, importTcpdump(CAPTURE).text);
  });

  it('takes the format it is told, whatever the file name', async () => {
    const result = await cli(['import', '--format=packetdrill', 'script.txt'], { 'script.txt': PASSIVE_OPEN });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, importPacketdrill(PASSIVE_OPEN, { title: 'script.txt' }).text);
  });

  it('exits 2 for a file that is neither format, or a binary file that is no capture', async () => {
    const plain = await cli(['import', 'notes.txt'], { 'notes.txt': 'just words\n' });
    assert.deepEqual(plain, {
      code: 2,
      stdout: '',
      stderr: "tcpflow: cannot import 'notes.txt': neither a packetdrill script nor tcpdump output: no line looks like either (use --format to say which it is)\n",
      disk: { 'notes.txt': 'just words\n' },
    });
    const binary = await cli(['import', 'capture.pcap'], { 'capture.pcap': '\uFFFD\uFFFD\uFFFD\uFFFD\u0002\u0000' });
    assert.equal(binary.code, 2);
    assert.equal(
      binary.stderr,
      "tcpflow: cannot import 'capture.pcap': a binary file, and not a pcap or pcapng capture (no magic number of either at its start)\n",
    );
  });

  it('lists the connections and exits 2 when a capture holds several and none is chosen', async () => {
    const result = await cli(['import', 'two.txt'], { 'two.txt': TWO_CONNECTIONS });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      lines(
        'two.txt: error import.choose-connection: the capture holds 2 connections; choose one by its number:',
        '  1: 10.0.0.1:40000 > 10.0.0.2:80 (2 segments, from line 1)',
        '  2: 10.0.0.1:40001 > 10.0.0.2:80 (1 segment, from line 3)',
      ),
    );
  });

  it('imports the connection chosen with --connection', async () => {
    const result = await cli(['import', '--connection', '2', 'two.txt'], { 'two.txt': TWO_CONNECTIONS });
    assert.equal(result.code, 0);
    assert.equal(result.stdout, importTcpdump(TWO_CONNECTIONS, { connection: 2, title: 'two.txt' }).text);
  });

  it('writes -o <file>, refuses to overwrite it, and overwrites it with --force', async () => {
    const expected = importTcpdump(CAPTURE, { title: 'capture.txt' }).text;
    const written = await cli(['import', 'capture.txt', '-o', 'out.tcpflow'], { 'capture.txt': CAPTURE });
    assert.equal(written.code, 0);
    assert.equal(written.stdout, '');
    assert.equal(written.disk['out.tcpflow'], expected);

    const refused = await cli(['import', 'capture.txt', '--output', 'out.tcpflow'], { 'capture.txt': CAPTURE, 'out.tcpflow': 'mine' });
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, "tcpflow: 'out.tcpflow' already exists; use --force to overwrite it\n");
    assert.equal(refused.disk['out.tcpflow'], 'mine');

    const forced = await cli(['import', 'capture.txt', '-o', 'out.tcpflow', '--force'], { 'capture.txt': CAPTURE, 'out.tcpflow': 'mine' });
    assert.equal(forced.code, 0);
    assert.equal(forced.disk['out.tcpflow'], expected);
  });

  it('names the written file in the diagnostics', async () => {
    const result = await cli(['import', 'bad.pkt', '-o', 'bad.tcpflow'], { 'bad.pkt': BAD_ACK });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^bad\.tcpflow:11:\d+: error tcp\.bad-ack: .* \[bad\.pkt:4\]\n/);
  });

  it('exits 2 for an unreadable file', async () => {
    const result = await cli(['import', 'missing.pkt']);
    assert.deepEqual([result.code, result.stderr], [2, "tcpflow: cannot read 'missing.pkt': no such file\n"]);
  });

  const usageErrors: [string[], string][] = [
    [['import'], "'import' takes exactly one file, got 0"],
    [['import', 'a.pkt', 'b.pkt'], "'import' takes exactly one file, got 2"],
    [['import', '--format', 'pcapng', 'a.pkt'], "option '--format' must be one of packetdrill|tcpdump|pcap, not 'pcapng'"],
    [['import', '--connection', '0', 'a.txt'], "option '--connection' must be a number from 1, not '0'"],
    [['import', '--connection', 'two', 'a.txt'], "option '--connection' must be a number from 1, not 'two'"],
    [['import', 'a.txt', '--connection'], "option '--connection' needs a value: a number from 1"],
    [['import', 'a.txt', '-o'], "option '--output' needs a value: a file name"],
    [['import', '--force=yes', 'a.txt'], "option '--force' takes no value"],
    [['import', '-x', 'a.txt'], "unknown option '-x' for 'import'"],
    [['corpus'], "'corpus' needs at least one folder"],
  ];
  for (const [argv, message] of usageErrors) {
    it(`exits 2 for: tcpflow ${argv.join(' ')}`, async () => {
      const result = await cli(argv);
      assert.deepEqual([result.code, result.stdout, result.stderr], [2, '', `tcpflow: ${message}\nRun 'tcpflow --help' for usage.\n`]);
    });
  }

  it('has its help, and is listed in the main help (corpus is not)', async () => {
    assert.deepEqual(await cli(['help', 'import']), { code: 0, stdout: COMMAND_USAGE.import, stderr: '', disk: {} });
    assert.deepEqual(await cli(['import', '--help']), { code: 0, stdout: COMMAND_USAGE.import, stderr: '', disk: {} });
    assert.deepEqual(await cli(['help', 'corpus']), { code: 0, stdout: COMMAND_USAGE.corpus, stderr: '', disk: {} });
    assert.ok(USAGE.includes('\n  import [options] <file> '));
    assert.ok(!USAGE.includes('corpus'));
  });
});

describe('tcpflow corpus', () => {
  const FOLDER = {
    'corpus/a/open.pkt': PASSIVE_OPEN,
    'corpus/a/bad.pkt': BAD_ACK,
    'corpus/b/two.txt': TWO_CONNECTIONS,
    'corpus/b/README.txt': 'Captures of the lab.\n',
    'corpus/b/empty.log': '',
    'corpus/b/notes.md': 'ignored: not a candidate extension',
    'corpus/node_modules/x.pkt': '0 < S 0:0(0)\n',
  };

  it('imports every script and capture connection, checks them, and prints the report', async () => {
    const result = await cli(['corpus', 'corpus'], FOLDER);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    const report = result.stdout.split('\n');
    assert.deepEqual(report.slice(0, 8), [
      'tcpflow corpus: corpus',
      '',
      '  files found       3  2 packetdrill, 1 tcpdump; 2 other text files skipped',
      '  imported          4  scripts (one per connection of a capture)',
      '  failed to import  0',
      '  validated clean   2  no diagnostic at all',
      '  with diagnostics  2',
      '',
    ]);
    assert.deepEqual(report.slice(8), [
      'Diagnostics of the imported scripts, by code:',
      '  tcp.bad-ack (error): 1 in 1 file',
      "      corpus/a/bad.pkt:4 (imported line 11): ack=5 acknowledges data remote never sent (remote's SND.NXT is 1): expected ack=1",
      '  tcp.reply-missing (warning): 1 in 1 file',
      '      corpus/b/two.txt:3 (imported line 9): server never sends a RST+ACK (seq=0 ack=1) to client, owed because it reached an endpoint in CLOSED, which answers with a RST (RFC 9293 §3.10.7.1)',
      '  tcp.unfinished (info): 1 in 1 file',
      '      corpus/b/two.txt:3 (imported line 9): the script ends mid-handshake: client is SYN-SENT',
      '',
      'Import problems, by code:',
      '  import.unsupported (info): 1 in 1 file',
      '      corpus/a/open.pkt:6: a shell command: not run, not imported',
      '',
    ]);
  });

  it('lists what failed to import, with the reason', async () => {
    const result = await cli(['corpus', 'c'], { 'c/empty.pkt': '', 'c/udp.txt': lines('12:00:00.000002 IP 10.0.0.1.5353 > 224.0.0.251.5353: UDP, length 5') });
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      lines(
        'tcpflow corpus: c',
        '',
        '  files found       2  1 packetdrill, 1 tcpdump; 0 other text files skipped',
        '  imported          0  scripts (one per connection of a capture)',
        '  failed to import  2',
        '  validated clean   0  no diagnostic at all',
        '  with diagnostics  0',
        '',
        'Failed to import:',
        "  c/empty.pkt: no packetdrill statement found: expected lines such as '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3' or '+0 < S 0:0(0) win 32792'",
        "  c/udp.txt: no TCP segment found: expected tcpdump -n lines such as '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 65535, length 0'",
        '',
        'Diagnostics of the imported scripts, by code:',
        '  none',
        '',
        'Import problems, by code:',
        '  none',
      ),
    );
  });

  it('exits 0 when everything imports and nothing is an error', async () => {
    const result = await cli(['corpus', 'ok'], { 'ok/open.pkt': PASSIVE_OPEN });
    assert.equal(result.code, 0);
  });

  it('exits 2 for a folder it cannot read', async () => {
    const result = await cli(['corpus', 'nowhere']);
    assert.deepEqual([result.code, result.stdout, result.stderr], [2, '', "tcpflow: cannot read folder 'nowhere': no such folder\n"]);
  });
});
