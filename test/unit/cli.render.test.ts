// `tcpflow render`: with an in-memory renderer and disk, then once for real in Chromium.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, DARK_PALETTE, figure5Svg, ladderSvg, toFigure5, toLadder, toMermaid } from '../../src/core';
import { run } from '../../src/cli/run';
import { lines } from './helpers/lines';

const script = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', '');

interface Rendered {
  code: number;
  stderr: string;
  calls: Array<[string, string, string]>;
  written: Record<string, string>;
}

async function render(argv: string[], existing: Record<string, string> = {}): Promise<Rendered> {
  const result: Rendered = { code: 0, stderr: '', calls: [], written: { ...existing } };
  result.code = await run(argv, {
    stdout: () => assert.fail('render writes nothing on stdout'),
    stderr: (t) => (result.stderr += t),
    readFile: async (p) => {
      if (p === 'a.tcpflow') return script;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    readStdin: async () => script,
    writeBytes: async (p, bytes, { overwrite }) => {
      if (!overwrite && p in result.written) throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
      result.written[p] = Buffer.from(bytes).toString('utf8');
    },
    renderDiagram: async (mermaid, format, theme) => {
      result.calls.push([mermaid, format, theme]);
      return Buffer.from(`<${format} ${theme}>`);
    },
    rasterise: async (svg) => {
      result.calls.push([svg, 'png', 'resvg']);
      return Buffer.from('<png from svg>');
    },
    version: '0.0.0-test',
  });
  return result;
}

describe('tcpflow render', () => {
  it('draws the same Mermaid as `tcpflow mermaid` and writes it where -o says', async () => {
    const r = await render(['render', 'a.tcpflow', '-o', 'out.svg']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.calls, [[toMermaid(analyze(script), { naming: 'rfc' }).text, 'svg', 'light']]);
    assert.deepEqual(r.written, { 'out.svg': '<svg light>' });
    assert.equal(r.stderr, 'wrote out.svg (11 bytes)\n');
  });

  it('picks PNG by the extension, passes the theme and drawing options', async () => {
    const r = await render(['render', '--theme', 'dark', '--states', 'all', '--autonumber', 'a.tcpflow', '-o', 'x.PNG']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.calls, [[toMermaid(analyze(script), { naming: 'rfc', states: 'all', autonumber: true }).text, 'png', 'dark']]);
  });

  it('never overwrites a file without --force', async () => {
    const refused = await render(['render', 'a.tcpflow', '-o', 'out.svg'], { 'out.svg': 'mine' });
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, "tcpflow: 'out.svg' exists; use --force to overwrite it\n");
    assert.deepEqual(refused.written, { 'out.svg': 'mine' });
    const forced = await render(['render', 'a.tcpflow', '-o', 'out.svg', '--force'], { 'out.svg': 'mine' });
    assert.deepEqual(forced.written, { 'out.svg': '<svg light>' });
  });

  it('needs -o with .svg or .png, and a readable file', async () => {
    assert.equal((await render(['render', 'a.tcpflow'])).stderr, "tcpflow: 'render' needs -o <file.svg> or -o <file.png>\nRun 'tcpflow --help' for usage.\n");
    assert.equal((await render(['render', 'a.tcpflow', '-o', 'x.jpg'])).code, 2);
    const missing = await render(['render', 'b.tcpflow', '-o', 'x.svg']);
    assert.equal(missing.code, 2);
    assert.deepEqual(missing.calls, []);
  });

  it('draws the timing ladder and the Figure 5 state machine itself, with no browser', async () => {
    const a = analyze(script);
    const ladder = await render(['render', '--view', 'ladder', 'a.tcpflow', '-o', 'l.svg']);
    assert.equal(ladder.code, 0);
    assert.deepEqual(ladder.calls, []);
    assert.deepEqual(ladder.written, { 'l.svg': ladderSvg(toLadder(a, { naming: 'rfc' })) });
    const states = await render(['render', '--view=states', '--theme', 'dark', '--naming', 'netstat', 'a.tcpflow', '-o', 's.svg']);
    assert.deepEqual(states.written, { 's.svg': figure5Svg(toFigure5(a, { naming: 'netstat', cursorLine: a.script.lineCount }), { palette: DARK_PALETTE }) });
    const png = await render(['render', '--view', 'ladder', 'a.tcpflow', '-o', 'l.png']);
    assert.deepEqual(png.calls, [[ladderSvg(toLadder(a, { naming: 'rfc' })), 'png', 'resvg']]);
    assert.deepEqual(png.written, { 'l.png': '<png from svg>' });
    assert.equal((await render(['render', '--view', 'timeline', 'a.tcpflow', '-o', 'l.png'])).stderr, "tcpflow: option '--view' must be one of sequence|ladder|states, not 'timeline'\nRun 'tcpflow --help' for usage.\n");
  });

  it('writes a real ladder and state machine PNG through resvg (dist/cli.js), twice the SVG size', function () {
    const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip(); // built by npm run build
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-render-'));
    try {
      const input = path.join(dir, 'a.tcpflow');
      fs.writeFileSync(input, script);
      const a = analyze(script);
      const sizes = { ladder: toLadder(a), states: toFigure5(a) };
      for (const view of ['ladder', 'states'] as const) {
        const out = path.join(dir, `${view}.png`);
        const r = spawnSync(process.execPath, [cli, 'render', '--view', view, input, '-o', out], { encoding: 'utf8', env: { ...process.env, TCPFLOW_CHROMIUM: '/nonexistent' } });
        assert.equal(r.status, 0, r.stderr);
        const png = fs.readFileSync(out);
        assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Math.ceil(sizes[view].width * 2), Math.ceil(sizes[view].height * 2)]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a real SVG and PNG in Chromium (dist/cli.js)', function () {
    const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip(); // built by npm run build
    if (!fs.existsSync(process.env.TCPFLOW_CHROMIUM ?? '/usr/bin/chromium')) this.skip(); // needs Debian's chromium
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-render-'));
    try {
      const input = path.join(dir, 'a.tcpflow');
      fs.writeFileSync(input, script);
      for (const out of ['a.svg', 'a.png']) {
        const r = spawnSync(process.execPath, [cli, 'render', input, '-o', path.join(dir, out)], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
      }
      const svg = fs.readFileSync(path.join(dir, 'a.svg'), 'utf8');
      assert.match(svg, /^<svg id="tcpflow-diagram"/);
      assert.equal((svg.match(/class="messageText"/g) ?? []).length, 3);
      const png = fs.readFileSync(path.join(dir, 'a.png'));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
