// The ladder as plain SVG: exact output for two examples, the contract of every example
// (one <g class="segment" data-line="N"> per segment with its <line> from send to arrival or
// loss, one <text class="state"> per state label), no script or external reference, escaping,
// and text widths from the metrics table checked against the font as rendered.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { analyze, figure5Svg, ladderFrameSvg, ladderPieceSvg, ladderSvg, toFigure5, toLadder, DARK_PALETTE, LIGHT_PALETTE } from '../../src/core/index';
import { textWidth } from '../../src/core/diagram/svg/fontMetrics';
import { escapeXml, num, SvgWriter } from '../../src/core/diagram/svg/writer';
import { lines } from './helpers/lines';
import { example, exampleFiles } from './helpers/ladder';
import { allNodes, find, parseSvg, type SvgNode } from './helpers/svgTree';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'ladder');

describe('ladder SVG', () => {
  for (const file of ['handshake.tcpflow', 'lost-last-ack.tcpflow']) {
    it(`draws ${file} exactly as test/fixtures/ladder holds it`, () => {
      const svg = ladderSvg(toLadder(analyze(example(file))));
      const expected = fs.readFileSync(path.join(FIXTURES, file.replace('.tcpflow', '.svg')), 'utf8');
      assert.equal(svg, expected);
    });
  }

  for (const file of exampleFiles()) {
    it(`keeps the contract for ${file}`, () => {
      const a = analyze(example(file));
      const model = toLadder(a);
      const doc = parseSvg(ladderSvg(model));
      const groups = find(doc, 'g', 'segment');
      const segmentLines = a.script.statements.flatMap((s) => (s.kind === 'segment' ? [s.line] : s.kind === 'simultaneous' ? s.segments.map((t) => t.line) : []));
      assert.deepEqual(
        groups.map((g) => g.attributes['data-line']),
        segmentLines.map((l) => String(l + 1)),
      );
      groups.forEach((g, i) => {
        const line = find(g, 'line');
        const s = model.segments[i];
        assert.equal(line.length, 1);
        assert.deepEqual(
          ['x1', 'y1', 'x2', 'y2'].map((k) => Number(line[0].attributes[k])),
          [s.from.x, s.from.y, s.to.x, s.to.y],
          `${file}:${s.line + 1}`,
        );
        assert.deepEqual(find(g, 'text').map((t) => t.text), [s.label]);
        assert.equal(find(g, 'path', 'loss').length, s.fate === 'lost' ? 1 : 0);
      });
      assert.deepEqual(
        find(doc, 'text', 'state').map((t) => t.text),
        model.states.map((s) => s.text),
      );
      const tags = new Set(allNodes(doc).map((n) => n.tag));
      assert.deepEqual([...tags].filter((t) => !['svg', 'title', 'rect', 'g', 'line', 'path', 'text', 'circle'].includes(t)), []);
      for (const n of allNodes(doc)) assert.deepEqual(Object.keys(n.attributes).filter((k) => /^on|href$/i.test(k)), []);
    });
  }

  it('escapes every text: names, labels, notes, sections and the title never become markup', () => {
    const svg = ladderSvg(
      toLadder(
        analyze(
          lines(
            'title <script>alert(1)</script> & "x"',
            'participant a as "<img src=x onerror=alert(1)>"',
            "participant b listen",
            "section ]]> <!-- '",
            'a -> b: SYN',
            'note a: </text><script>x</script>',
            'b -> a: SYN+ACK "\\x00<&>"',
          ),
        ),
      ),
    );
    const doc = parseSvg(svg);
    assert.deepEqual(
      allNodes(doc).filter((n) => n.tag === 'script' || n.tag === 'img'),
      [],
    );
    assert.equal(find(doc, 'title')[0].text, '<script>alert(1)</script> & "x"');
    assert.equal(find(doc, 'text', 'title')[0].text, '<script>alert(1)</script> & "x"');
    assert.deepEqual(
      find(doc, 'g', 'participant').map((g) => find(g, 'text')[0].text),
      ['<img src=x onerror=alert(1)>', 'b'],
    );
    assert.deepEqual(find(doc, 'text', 'section')[0].text, "]]> <!-- '");
    assert.deepEqual(find(find(doc, 'g', 'note')[0], 'text')[0].text, '</text><script>x</script>');
    assert.equal(find(doc, 'g', 'segment').find((g) => g.attributes['data-line'] === '7')?.children.find((c) => c.tag === 'text')?.text, 'SYN+ACK seq=0 ack=1 "\\x00<&>"');
  });

  it('writes only the elements inside a window of the drawing', () => {
    const model = toLadder(analyze(example('lost-last-ack.tcpflow')));
    const doc = parseSvg(ladderSvg(model, { window: { y1: 300, y2: 420 } }));
    assert.deepEqual(
      find(doc, 'g', 'segment').map((g) => g.attributes['data-line']),
      ['16', '17', '18'],
    );
    assert.deepEqual(
      model.segments.filter((s) => s.to.y >= 300 && s.from.y <= 420).map((s) => s.line + 1),
      [16, 17, 18],
    );
  });

  it('draws the dark palette with no background when asked', () => {
    const model = toLadder(analyze(example('handshake.tcpflow')));
    const doc = parseSvg(ladderSvg(model, { palette: DARK_PALETTE, background: false }));
    const isBackground = (r: SvgNode) => r.attributes.y === '0' && r.attributes.width === String(model.width) && r.attributes.height === String(model.height);
    assert.deepEqual(find(doc, 'rect').filter(isBackground), []);
    const light = parseSvg(ladderSvg(model));
    assert.equal(find(light, 'rect').filter(isBackground).length, 1);
    assert.equal(find(find(doc, 'g', 'participant')[0], 'text')[0].attributes.fill, DARK_PALETTE.ink);
  });

  it("writes a long ladder's pieces as the whole picture writes its segments and state labels, in the same groups", () => {
    const model = toLadder(analyze(example('lost-last-ack.tcpflow')));
    const whole = ladderSvg(model);
    const frame = ladderFrameSvg(model);
    const end = '</svg>\n';
    assert.ok(whole.startsWith(frame.slice(0, -end.length)));
    const drawn = whole.slice(frame.length - end.length, -end.length);
    const inner = (piece: string) => piece.slice(piece.indexOf('\n') + 1, -end.length);
    const [n, k] = [model.segments.length, model.states.length];
    assert.equal(inner(ladderPieceSvg(model, LIGHT_PALETTE, [0, n], [0, k])), drawn);
    // A piece of the first segments and state labels opens the same groups, and holds them alone.
    const piece = inner(ladderPieceSvg(model, LIGHT_PALETTE, [0, 3], [0, 2]));
    const openTags = (text: string) => text.split('\n').filter((l) => l.startsWith('<g class="segments"') || l.startsWith('<g class="states"'));
    assert.deepEqual(openTags(piece), openTags(drawn));
    assert.equal(openTags(drawn).length, 2);
    assert.deepEqual([...piece.matchAll(/data-line="(\d+)"/g)].map((m) => m[1]), [...drawn.matchAll(/data-line="(\d+)"/g)].map((m) => m[1]).filter((_, i) => i < 3 || i === n || i === n + 1));
  });

  it('escapes markup characters and replaces what XML cannot hold, keeping surrogate pairs', () => {
    assert.equal(escapeXml('plain text'), 'plain text');
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeXml('tab\tline\nfeed\r bell\x07 nul\x00'), 'tab\tline\nfeed\r bell\ufffd nul\ufffd');
    assert.equal(escapeXml('pair \ud83d\ude00 lone \ud83d low \ude00 end \ud83d'), 'pair \ud83d\ude00 lone \ufffd low \ufffd end \ufffd');
    assert.equal(escapeXml('\ufffe\uffff\ufffd…é'), '\ufffd\ufffd\ufffd…é');
  });

  it('writes escaped text, numbers and markup into its buffer as escapeXml and num write them', () => {
    const texts = ['plain text', `<a href="x">'&'</a>`, 'tab\tline\nfeed\r bell\x07 nul\x00', 'pair \ud83d\ude00 lone \ud83d low \ude00 end \ud83d', '\ufffe\uffff\ufffd…é\u07ff\u0800\ue000', 'ends high \ud83d'];
    const numbers = [0, -0, 0.04, -0.04, 0.05, -0.05, 1, -1, 12.34, -12.36, 99.95, 123456789.15, -7.5, 1e14 + 0.5, 1e15, -3e20, 0.1 + 0.2];
    const w = new SvgWriter(16);
    let expected = '';
    for (const t of texts) {
      w.escaped(t);
      w.raw('|é\u{1f600}|');
      expected += `${escapeXml(t)}|é\u{1f600}|`;
    }
    for (const n of numbers) {
      w.num(n);
      w.raw(' ');
      expected += `${num(n)} `;
    }
    for (const n of [0, 7, 10, 99, 100, 4294967296]) {
      w.int(n);
      w.raw(' ');
      expected += `${n} `;
    }
    w.text('a<b', { x: 1.25, class: 'c"d' });
    expected += '<text x="1.3" class="c&quot;d">a&lt;b</text>\n';
    assert.equal(w.finish(), expected);
  });

  it('counts a character outside the Basic Multilingual Plane once when measuring text', () => {
    const style = { size: 10 };
    assert.equal(textWidth('\u{1f600}', style), 10);
    assert.equal(textWidth('\u{1d400}', style), 5.56);
    assert.equal(textWidth('a\ud83d', style), 5.56 + 5.56);
  });

  it('measures text as Liberation Sans renders it, within 2%', function () {
    if (!fs.existsSync('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf')) this.skip();
    for (const [text, bold] of [['SYN+ACK seq=300 ack=101 "GET / HTTP/1.1\\r\\n"', false], ['SYN-RECEIVED', true], ['ESTABLISHED', true], ['keep-alive 60 s', false]] as const) {
      const style = { size: 100, bold };
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="0" y="150" font-family="Liberation Sans" font-size="100"${bold ? ' font-weight="bold"' : ''}>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></svg>`;
      const box = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } }).getBBox();
      assert.ok(box, text);
      const expected = textWidth(text, style);
      assert.ok(Math.abs(box.width + box.x - expected) / expected < 0.02, `${text}: ${expected} vs ${box.width + box.x}`);
    }
  });
});

describe('ladder and Figure 5 pictures (resvg, no browser)', () => {
  const SHOTS = path.join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots', 'ladder');
  const ZOOM = 2;

  function picture(svg: string): { width: number; height: number; pixels: Buffer; png: Buffer } {
    const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: ZOOM }, font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' } }).render();
    return { width: image.width, height: image.height, pixels: Buffer.from(image.pixels), png: Buffer.from(image.asPng()) };
  }

  function rgb(p: { width: number; pixels: Buffer }, x: number, y: number): [number, number, number] {
    const i = (Math.round(y * ZOOM) * p.width + Math.round(x * ZOOM)) * 4;
    return [p.pixels[i], p.pixels[i + 1], p.pixels[i + 2]];
  }

  it('draws the lost ACK’s cross in red, the lanes in ink, on white, and saves the README picture', () => {
    const model = toLadder(analyze(example('lost-last-ack.tcpflow')));
    const p = picture(ladderSvg(model));
    assert.deepEqual([p.width, p.height], [Math.ceil(model.width * ZOOM), Math.ceil(model.height * ZOOM)]);
    const lost = model.segments.find((s) => s.fate === 'lost');
    assert.ok(lost);
    const [r, g, b] = rgb(p, lost.to.x, lost.to.y);
    assert.ok(r > 150 && g < 90 && b < 90, `the cross is red: ${r},${g},${b}`);
    const lane = model.lanes[1];
    const [lr, lg, lb] = rgb(p, lane.x, model.laneBottom - 20);
    assert.ok(lr < 120 && lg < 120 && lb < 120, `the lane is dark: ${lr},${lg},${lb}`);
    assert.deepEqual(rgb(p, 2, 2), [255, 255, 255]);
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, 'ladder-lost-last-ack.png'), p.png);
  });

  it('draws Figure 5 with each endpoint’s path in its colour and saves the README picture', () => {
    const a = analyze(example('simultaneous-close.tcpflow'));
    const model = toFigure5(a, { cursorLine: a.script.lineCount });
    const p = picture(figure5Svg(model));
    // Both endpoints went CLOSING → TIME-WAIT: the vertical leg between them carries both colours.
    const closing = model.boxes.find((b) => b.id === 'CLOSING');
    const timeWait = model.boxes.find((b) => b.id === 'TIME-WAIT');
    assert.ok(closing && timeWait);
    const midY = (closing.y + timeWait.y) / 2;
    const left = rgb(p, closing.x - 2, midY);
    const right = rgb(p, closing.x + 2, midY);
    assert.ok(left[2] > left[0] + 60 || right[2] > right[0] + 60, `one side blue (client a): ${left} ${right}`);
    assert.ok(left[0] > left[2] + 60 || right[0] > right[2] + 60, `one side orange (b): ${left} ${right}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(path.join(SHOTS, 'states-figure5-simultaneous-close.png'), p.png);
  });
});
