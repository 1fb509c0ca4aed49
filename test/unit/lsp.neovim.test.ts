// The language server in a real editor: Neovim's built-in LSP client (Debian's nvim 0.7.2,
// `nvim --headless`) runs `tcpflow lsp --stdio` on a script and reports what it holds —
// vim.diagnostic.get() and a hover's Markdown (test/fixtures/lsp/neovim.lua). Skips, saying
// why, where nvim is not installed (CI installs it: .ci/run).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, hover } from '../../src/core/index';
import { lines } from './helpers/lines';

const repoRoot = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'lsp', 'neovim.lua');

const text = lines(
  'participant c', //                       0
  'participant s listen', //                1
  'c -> s: SYN', //                         2
  's -> c: SYN+ACK ack=7', //               3  tcp.bad-ack
  'c -> s: ACK', //                         4
  'note proxy: watching', //                5  endpoint.unknown
  '',
);

interface NeovimReport {
  readonly error?: string;
  readonly server?: string;
  readonly diagnostics?: unknown[];
  readonly hover?: string | null;
}

function runNeovim(initOptions: object): NeovimReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-nvim-'));
  try {
    const file = path.join(dir, 'errors.tcpflow');
    const out = path.join(dir, 'report.json');
    fs.writeFileSync(file, text);
    const result = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        HOME: dir,
        XDG_STATE_HOME: dir,
        XDG_DATA_HOME: dir,
        XDG_CACHE_HOME: dir,
        TCPFLOW_FILE: file,
        TCPFLOW_OUT: out,
        TCPFLOW_NODE: process.execPath,
        TCPFLOW_MAIN: MAIN,
        TCPFLOW_INIT_OPTIONS: JSON.stringify(initOptions),
        TCPFLOW_HOVER_LINE: '3',
        TCPFLOW_HOVER_CHARACTER: '9',
      },
    });
    assert.ok(fs.existsSync(out), `nvim wrote no report (status ${result.status ?? result.signal}): ${result.stdout}${result.stderr}`);
    return JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimReport;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('language server in Neovim', function () {
  this.timeout(90_000);

  before(function () {
    const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      console.log('      skipped: nvim is not installed (Debian: apt-get install neovim)');
      this.skip();
    }
  });

  it('shows tcpflow’s diagnostics (vim.diagnostic.get) and a hover, with the severity setting applied', () => {
    const report = runNeovim({ tcpflow: { diagnostics: { severity: { 'endpoint.*': 'warning' } } } });
    const analysis = analyze(text);
    const [badAck, unknown] = analysis.diagnostics;
    // vim.diagnostic severities: 1 error, 2 warning; lines and columns 0-based.
    assert.deepEqual(report, {
      server: 'tcpflow',
      diagnostics: [
        ['tcp.bad-ack', 1, 3, 20, 3, 21, 'tcpflow', badAck.message],
        ['endpoint.unknown', 2, 5, 5, 5, 10, 'tcpflow', unknown.message],
      ],
      hover: hover(text, analysis, { line: 3, character: 9 })?.markdown,
    });
  });
});
