// The language server in Emacs: eglot (Debian's emacs-nox and elpa-eglot) runs
// `tcpflow lsp --stdio` on a script in `emacs --batch` and reports what Flymake holds and a
// hover's Markdown (test/fixtures/lsp/eglot.el). Skips, saying why, where emacs or eglot is
// not installed (CI installs both: .ci/run).

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, hover } from '../../src/core/index';
import { lines } from './helpers/lines';

const repoRoot = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
const SCRIPT = path.join(repoRoot, 'test', 'fixtures', 'lsp', 'eglot.el');

const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK ack=7', 'c -> s: ACK', 'note proxy: watching', '');

describe('language server in Emacs (eglot)', function () {
  this.timeout(90_000);

  before(function () {
    const probe = spawnSync('emacs', ['--batch', '--eval', "(progn (require 'eglot) (princ \"ok\"))"], { encoding: 'utf8' });
    if (probe.stdout !== 'ok') {
      console.log('      skipped: emacs with eglot is not installed (Debian: apt-get install emacs-nox elpa-eglot)');
      this.skip();
    }
  });

  it('shows tcpflow’s diagnostics in Flymake and a hover', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-eglot-'));
    try {
      // A .git folder makes the folder a project, which eglot needs.
      fs.mkdirSync(path.join(dir, 'project', '.git'), { recursive: true });
      const file = path.join(dir, 'project', 'errors.tcpflow');
      const out = path.join(dir, 'report.json');
      fs.writeFileSync(file, text);
      const result = spawnSync('emacs', ['--batch', '-l', SCRIPT], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, HOME: dir, TCPFLOW_FILE: file, TCPFLOW_OUT: out, TCPFLOW_NODE: process.execPath, TCPFLOW_MAIN: MAIN },
      });
      assert.ok(fs.existsSync(out), `emacs wrote no report (status ${result.status ?? result.signal}): ${result.stderr}`);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { server: string; diagnostics: [number, string, string][]; hover: string };
      const analysis = analyze(text);
      const [badAck, unknown] = analysis.diagnostics;
      assert.deepEqual(
        { ...report, diagnostics: [...report.diagnostics].sort((a, b) => a[0] - b[0]) },
        {
          server: 'project',
          diagnostics: [
            [4, 'eglot-error', `tcpflow [tcp.bad-ack]: ${badAck.message}`],
            [6, 'eglot-error', `tcpflow [endpoint.unknown]: ${unknown.message}`],
          ],
          hover: hover(text, analysis, { line: 3, character: 9 })?.markdown,
        },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
