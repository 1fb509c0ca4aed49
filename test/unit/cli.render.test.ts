// `tcpflow render`: with an in-memory renderer and disk, then once for real in Chromium.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, DARK_PALETTE, figure5Svg, ladderSvg, toFigure5, toLadder } from '../../src/core';
import type { DiagramRenderRequest } from '../../src/cli/io';
import { run } from '../../src/cli/run';
import { sequencePages } from '../../src/extension/preview/paging';
import { lines } from './helpers/lines';

const script = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', '');
/** 203 segments: two pages of the preview's 200. */
const longScript = lines(
  'participant c',
  'participant s listen',
  'c -> s: SYN',
  's -> c: SYN+ACK',
  'c -> s: ACK',
  ...Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `c -> s: PSH+ACK "${i}"` : 's -> c: ACK')),
);

interface Rendered {
  code: number;
  stderr: string;
  calls: (DiagramRenderRequest | [string, 'png', 'resvg'])[];
  written: Record<string, string>;
}

async function render(argv: string[], existing: Record<string, string> = {}): Promise<Rendered> {
  const result: Rendered = { code: 0, stderr: '', calls: [], written: { ...existing } };
  result.code = await run(argv, {
    stdout: () => assert.fail('render writes nothing on stdout'),
    stderr: (t) => (result.stderr += t),
    readFile: async (p) => {
      if (p === 'a.tcpflow') return script;
      if (p === 'long.tcpflow') return longScript;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    readStdin: async () => script,
    writeBytes: async (p, bytes, { overwrite }) => {
      if (!overwrite && p in result.written) throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
      result.written[p] = Buffer.from(bytes).toString('utf8');
    },
    renderDiagram: async (request) => {
      result.calls.push(request);
      return Buffer.from(`<${request.format} ${request.theme} ${request.background} ${request.pages.length}>`);
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
  it("draws the preview's first page, transparent, and writes it where -o says", async () => {
    const r = await render(['render', 'a.tcpflow', '-o', 'out.svg']);
    assert.equal(r.code, 0);
    assert.deepEqual(r.calls, [{ pages: sequencePages(analyze(script), { naming: 'rfc' }), format: 'svg', theme: 'light', background: 'transparent' }]);
    assert.deepEqual(r.written, { 'out.svg': '<svg light transparent 1>' });
    assert.equal(r.stderr, 'wrote out.svg (25 bytes)\n');
  });

  it('picks PNG by the extension, passes the theme, background and drawing options', async () => {
    const r = await render(['render', '--theme', 'dark', '--background', 'theme', '--states', 'all', '--numbers', 'relative', '--autonumber', 'a.tcpflow', '-o', 'x.PNG']);
    assert.equal(r.code, 0);
    const pages = sequencePages(analyze(script), { naming: 'rfc', states: 'all', numbers: 'relative', autonumber: true });
    assert.deepEqual(r.calls, [{ pages, format: 'png', theme: 'dark', background: 'theme' }]);
  });

  it('draws one page of the preview, or all of them, and refuses a page past the last', async () => {
    const pages = sequencePages(analyze(longScript), { naming: 'rfc' });
    assert.equal(pages.length, 2);
    const all = await render(['render', '--page', 'all', 'long.tcpflow', '-o', 'x.svg']);
    assert.deepEqual([all.code, all.calls], [0, [{ pages, format: 'svg', theme: 'light', background: 'transparent' }]]);
    const second = await render(['render', '--page', '2', 'long.tcpflow', '-o', 'x.svg']);
    assert.deepEqual([second.code, second.calls], [0, [{ pages: [pages[1]], format: 'svg', theme: 'light', background: 'transparent' }]]);
    const past = await render(['render', '--page', '2', 'a.tcpflow', '-o', 'x.svg']);
    assert.deepEqual([past.code, past.stderr, past.calls], [2, "tcpflow: 'a.tcpflow' has 1 page: no page 2\n", []]);
    const bad = await render(['render', '--page', '0', 'a.tcpflow', '-o', 'x.svg']);
    assert.deepEqual([bad.code, bad.stderr], [2, "tcpflow: option '--page' must be a page number from 1 or 'all', not '0'\nRun 'tcpflow --help' for usage.\n"]);
  });

  it('never overwrites a file without --force', async () => {
    const refused = await render(['render', 'a.tcpflow', '-o', 'out.svg'], { 'out.svg': 'mine' });
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr, "tcpflow: 'out.svg' exists; use --force to overwrite it\n");
    assert.deepEqual(refused.written, { 'out.svg': 'mine' });
    const forced = await render(['render', 'a.tcpflow', '-o', 'out.svg', '--force'], { 'out.svg': 'mine' });
    assert.deepEqual(forced.written, { 'out.svg': '<svg light transparent 1>' });
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

  describe('in Chromium (dist/cli.js)', () => {
    const cli = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
    let dir: string;

    before(function () {
      if (!fs.existsSync(cli)) this.skip(); // built by npm run build
      if (!fs.existsSync(process.env.TCPFLOW_CHROMIUM ?? '/usr/bin/chromium')) this.skip(); // needs Debian's chromium
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-render-'));
    });

    after(() => {
      if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    });

    const tcpflow = (...args: string[]) => spawnSync(process.execPath, [cli, 'render', ...args], { encoding: 'utf8' });

    it('renders a real SVG and PNG, plain SVG text without foreignObject', function () {
      this.timeout(120_000);
      const input = path.join(dir, 'a.tcpflow');
      fs.writeFileSync(input, script);
      for (const out of ['a.svg', 'a.png']) {
        const r = tcpflow(input, '-o', path.join(dir, out));
        assert.equal(r.status, 0, r.stderr);
      }
      const svg = fs.readFileSync(path.join(dir, 'a.svg'), 'utf8');
      assert.match(svg, /^<svg id="tcpflow-svg-\d+"/);
      assert.equal((svg.match(/class="messageText"/g) ?? []).length, 3);
      assert.equal(svg.includes('foreignObject'), false);
      assert.equal(svg.includes('tcpflow-background'), false, 'transparent by default');
      const png = fs.readFileSync(path.join(dir, 'a.png'));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    });

    it('paints the background under everything, and draws every page one below the other', function () {
      this.timeout(120_000);
      const input = path.join(dir, 'long.tcpflow');
      fs.writeFileSync(input, longScript);
      const out = path.join(dir, 'long.svg');
      const r = tcpflow(input, '--background', 'white', '--page', 'all', '-o', out);
      assert.equal(r.status, 0, r.stderr);
      const svg = fs.readFileSync(out, 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"><rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff" class="tcpflow-background"\/><svg id="tcpflow-svg-1"/);
      assert.equal((svg.match(/<svg id="tcpflow-svg-\d+"/g) ?? []).length, 2);
      assert.equal((svg.match(/class="messageText"/g) ?? []).length, 203);
    });

    it("fails with exit 2 and Mermaid's words when Mermaid draws its error picture instead", function () {
      this.timeout(120_000);
      const input = path.join(dir, 'huge.tcpflow');
      // A note longer than the preview's Mermaid limit (2,000,000 characters).
      fs.writeFileSync(input, `${script}note c: "${'x'.repeat(2_000_001)}"\n`);
      const out = path.join(dir, 'huge.svg');
      const r = tcpflow(input, '-o', out);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /^tcpflow: cannot render '[^']*huge\.tcpflow': Mermaid drew [\w-]+ instead of the sequence diagram: Maximum text size in diagram exceeded\n$/m);
      assert.equal(fs.existsSync(out), false);
    });
  });
});
