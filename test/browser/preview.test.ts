// The preview webview in headless Chromium: the built bundle, the real page and CSP, the
// host's render messages. Checks what is drawn (arrows, notes, invalid marks), that script
// text never becomes markup, theming, paging, the editor ↔ diagram links, the toolbar, and
// saves a screenshot of every example in both themes to test-artifacts/screenshots/preview/.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyze, type Analysis } from '../../src/core/index';
import { launchChromium, openPreview, ROOT, screenshotPath, setTheme, type PreviewPage } from './harness';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.tcpflow')).sort();

const lines = (...rows: string[]) => rows.join('\n');

/** A valid script of a handshake and `n` request/acknowledgement pairs: 3 + 2n segments. */
function longScript(n: number): string {
  const out = ['title Long transfer', 'participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  for (let i = 0; i < n; i++) out.push(`client -> server: PSH+ACK "req ${i}"`, 'server -> client: ACK');
  return lines(...out);
}

const STATE = /^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*$/;

/**
 * The states the diagram's notes show for each connection end (the state machine's columns:
 * Analysis.connections when some participant has several, else the endpoints). Reads the
 * drawn note texts with the lifelines of the Mermaid text's notes, which they must match one
 * for one. A state note is, over one lifeline, `STATE`, or `↔peer: STATE` (`, ` between several)
 * for a host with several connections; across lifelines, `A | B` (two participants) or `name
 * STATE, name STATE` (more, and the note at the top, which every end of a host starts from).
 * Also gives each end's lifeline.
 * Other notes (sections, calls, the script's own) hold no such text and are left out.
 */
function shownStates(analysis: Analysis, mermaid: string, drawn: readonly string[]): { shown: Set<string>[]; lanes: number[] } {
  const lanes = [...mermaid.matchAll(/^\s*Note over p(\d+)(?:,p(\d+))?: /gm)].map((m) => [Number(m[1]), m[2] === undefined ? Number(m[1]) : Number(m[2])]);
  assert.equal(drawn.length, lanes.length, 'one drawn note per Note of the Mermaid text');
  const names = analysis.endpoints.map((e) => e.label);
  const ends = analysis.connections
    ? analysis.connections.map((c) => {
        const several = analysis.connections!.filter((o) => o.participant === c.participant).length > 1;
        const own = analysis.endpoints[c.participant].name;
        return { lane: c.participant, peer: several ? c.label.slice(own.length) : '' };
      })
    : analysis.endpoints.map((_, k) => ({ lane: k, peer: '' }));
  const shown = ends.map(() => new Set<string>());
  const show = (lane: number, peer: string | undefined, state: string) => {
    // `peer` undefined: a note about the participant as a whole (the top note).
    ends.forEach((end, k) => {
      if (end.lane === lane && (peer === undefined || end.peer === peer)) shown[k].add(state);
    });
  };
  drawn.forEach((text, i) => {
    const [first, last] = lanes[i];
    if (first === last) {
      for (const part of text.split(', ')) {
        const connection = /^(\S*↔\S+): (\S+)$/.exec(part);
        if (connection && STATE.test(connection[2])) show(first, connection[1], connection[2]);
        else if (STATE.test(part)) show(first, '', part);
      }
      return;
    }
    const pair = text.split(' | ');
    if (pair.length === 2 && pair.every((state) => STATE.test(state)) && last === first + 1) {
      show(first, '', pair[0]);
      show(last, '', pair[1]);
      return;
    }
    const named = text.split(', ').map((part) => /^(.+) (\S+)$/.exec(part));
    if (named.every((m) => m !== null && STATE.test(m[2]) && names.includes(m[1]))) {
      for (const m of named) show(names.indexOf(m![1]), i === 0 ? undefined : '', m![2]);
    }
  });
  return { shown, lanes: ends.map((end) => end.lane) };
}

const count = (preview: PreviewPage, selector: string) => preview.page.evaluate((s) => document.querySelectorAll(s).length, selector);
const texts = (preview: PreviewPage, selector: string) => preview.page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);

describe('preview webview (Chromium)', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  describe('every example', () => {
    for (const file of examples) {
      it(`${file}: one arrow per segment, the state notes, in light and dark`, async () => {
        const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        const analysis = analyze(text);
        const segments = analysis.segments.size;
        for (const theme of ['light', 'dark'] as const) {
          const preview = await openPreview(browser, { theme, width: 900, height: 1400 });
          try {
            const message = await preview.render(text);
            assert.equal(message.pages.length, 1);
            assert.equal(await count(preview, '#diagram text.messageText'), segments);
            assert.equal(await count(preview, '#diagram .messageLine0, #diagram .messageLine1'), segments);
            assert.equal(await count(preview, '#diagram rect.note'), message.pages[0].notes.length);
            // Every state each connection end went through has its note, on that end's lifeline.
            const drawn = await texts(preview, '#diagram text.noteText');
            const { shown, lanes } = shownStates(analysis, message.pages[0].text, drawn);
            // A connection a listener accepts later starts in the LISTEN its host was shown in.
            const onLane = (k: number, state: string) => shown.some((other, j) => lanes[j] === lanes[k] && other.has(state));
            const missing = message.stateMachine.endpoints.flatMap((e, k) =>
              e.path.split(' → ').flatMap((state, i) => (shown[k].has(state) || (i === 0 && onLane(k, state)) ? [] : [`${e.label} ${state}`])),
            );
            assert.deepEqual(missing, []);
            assert.equal(await preview.page.isHidden('#errors'), true);
            await preview.page.screenshot({ path: screenshotPath(`preview-${file.replace(/\.tcpflow$/, '')}-${theme}`), fullPage: true });
          } finally {
            await preview.page.close();
          }
        }
      });
    }
  });

  it('draws the state machine tab as Figure 5 with every state, the paths coloured as the legend says, and saves it', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const preview = await openPreview(browser, { theme, width: 1200, height: 1100 });
      try {
        const text = fs.readFileSync(path.join(EXAMPLES, 'four-way-close.tcpflow'), 'utf8');
        const message = await preview.render(text, undefined, { cursorLine: 17 });
        await preview.page.click('[data-tab="state"]');
        await preview.waitForRendered(message.renderId, 'state');
        // RFC 9293 Figure 5: eleven states, CLOSED drawn twice (the start and the end).
        assert.equal(await count(preview, '#diagram svg.tcpflow-states g.state'), 12);
        assert.equal(await count(preview, '#diagram g.state[data-current]'), 2);
        // Each endpoint's path in its colour, the legend's swatch in the same colour.
        const endpoint = message.stateMachine.endpoints;
        const strokes = await preview.page.evaluate(() =>
          [...document.querySelectorAll('#diagram g.transition')].flatMap((g) => [...g.querySelectorAll('path.taken')].map((p, i) => `${g.getAttribute('data-taken')?.split(' ')[i]} ${p.getAttribute('stroke')}`)),
        );
        const colour = (k: number) => (theme === 'dark' ? endpoint[k].darkColor : endpoint[k].color);
        assert.deepEqual([...new Set(strokes)].sort(), [`0 ${colour(0)}`, `1 ${colour(1)}`]);
        const swatches = await preview.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#legend .swatch')].map((s) => s.style.backgroundColor));
        assert.deepEqual(swatches, [hexToRgb(colour(0)), hexToRgb(colour(1))]);
        assert.deepEqual(await texts(preview, '#legend .legend-row strong'), ['client', 'server']);
        assert.equal(await preview.page.isVisible('#legend'), true);
        await preview.page.screenshot({ path: screenshotPath(`state-four-way-close-${theme}`), fullPage: true });
      } finally {
        await preview.page.close();
      }
    }
  });

  it('draws a script with errors entirely, marks the invalid segments and lists the errors as text', async () => {
    const preview = await openPreview(browser);
    try {
      const text = lines('participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK ack=999', 'a -> b: FIN+ACK', 'note a: <b>bold?</b>');
      const message = await preview.render(text);
      assert.equal(await count(preview, '#diagram text.messageText'), 4);
      const labels = await texts(preview, '#diagram text.messageText');
      assert.deepEqual(
        labels.map((l) => l.startsWith('✗')),
        [false, false, true, false],
      );
      assert.deepEqual(await texts(preview, '#errors .error-line'), message.errors.map((e) => `Line ${e.line + 1}`));
      assert.deepEqual(
        await texts(preview, '#errors li span'),
        message.errors.map((e) => ` ${e.message} `),
      );
      assert.ok((await texts(preview, '#diagram text.noteText')).includes('<b>bold?</b>'));
      assert.equal(await count(preview, '#diagram b, #errors b'), 0);
      await preview.page.screenshot({ path: screenshotPath('preview-errors-light'), fullPage: true });
    } finally {
      await preview.page.close();
    }
  });

  it('shows hostile script text as text: no element injected, no script run, no policy broken', async () => {
    const preview = await openPreview(browser);
    try {
      await preview.page.evaluate(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const hostile = '<img src=x onerror="window.__xss=1">';
      const text = lines(
        `title ${hostile} </script><script>window.__xss=2</script>`,
        `participant a as "${hostile.replace(/"/g, '\\"')}"`,
        'participant b listen',
        `note a: %%{init: {"theme": "forest", "securityLevel": "loose"}}%% ${hostile}`,
        `note b: </script><script>window.__xss=3</script> ; end`,
        `a -> b: SYN`,
        `b -> a: SYN+ACK`,
        `a -> b: ACK`,
        `a -> b: PSH+ACK "${hostile.replace(/"/g, '\\"')}"`,
        `b -> a: ACK <svg onload=window.__xss=4>`,
      );
      const message = await preview.render(text);
      await preview.page.click('[data-tab="state"]');
      await preview.waitForRendered(message.renderId, 'state');
      await preview.page.click('[data-tab="sequence"]');
      const injected = await preview.page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        images: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        foreignSvgs: document.querySelectorAll('#diagram svg svg').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        violations: (window as unknown as { __violations: string[] }).__violations,
      }));
      assert.deepEqual(injected, { xss: undefined, images: 0, scripts: 2, foreignSvgs: 0, handlers: [], violations: [] });
      const notes = await texts(preview, '#diagram text.noteText');
      assert.ok(notes.some((n) => n.includes('%%{init: {"theme": "forest", "securityLevel": "loose"}}%%') && n.includes(hostile)), notes.join(' | '));
      assert.ok(notes.some((n) => n.includes('</script><script>window.__xss=3</script> ; end')), notes.join(' | '));
      // Payloads are cut to 12 characters in labels.
      assert.ok((await texts(preview, '#diagram text.messageText')).some((l) => l.includes('"<img src=x …"')));
      assert.equal(await preview.page.evaluate(() => document.querySelector('#diagram svg')?.getAttribute('aria-roledescription')), 'sequence');
      // The "forest" theme in the init directive did not apply: notes keep the default fill.
      assert.equal(await preview.page.evaluate(() => getComputedStyle(document.querySelector('#diagram rect.note') as Element).fill), 'rgb(255, 245, 173)');
    } finally {
      await preview.page.close();
    }
  });

  it('redraws in the dark theme when VS Code switches theme', async () => {
    const preview = await openPreview(browser, { theme: 'light' });
    try {
      await preview.render(fs.readFileSync(path.join(EXAMPLES, 'handshake.tcpflow'), 'utf8'));
      const colours = () =>
        preview.page.evaluate(() => {
          const svg = document.querySelector('#diagram svg');
          const note = svg?.querySelector('rect.note');
          const actor = svg?.querySelector('rect.actor');
          return { id: svg?.id, note: note ? getComputedStyle(note).fill : '', actor: actor ? getComputedStyle(actor).fill : '' };
        });
      const light = await colours();
      await setTheme(preview, 'dark');
      await preview.page.waitForFunction((id) => document.querySelector('#diagram svg')?.id !== id, light.id);
      const dark = await colours();
      assert.notEqual(dark.note, light.note);
      assert.notEqual(dark.actor, light.actor);
    } finally {
      await preview.page.close();
    }
  });

  it('pages a 1,000-segment script, shows the page of the cursor, and turns pages', async () => {
    const preview = await openPreview(browser, { height: 900 });
    try {
      const text = longScript(499);
      assert.equal(analyze(text).segments.size, 1001);
      const started = Date.now();
      const message = await preview.render(text, undefined, { cursorLine: 600 });
      const elapsed = Date.now() - started;
      assert.deepEqual(
        message.pages.map((p) => p.segments),
        [200, 200, 200, 200, 200, 1],
      );
      assert.ok(elapsed < 20_000, `a page took ${elapsed} ms`);
      assert.equal(await preview.page.isVisible('#pager'), true);
      assert.match((await texts(preview, '#page-label'))[0], /^Page 3 of 6 · lines 404–603 · 200 segments$/);
      assert.equal(await count(preview, '#diagram text.messageText'), 200);
      assert.deepEqual(await texts(preview, '#diagram text.tcpflow-highlight'), ['PSH+ACK seq=1970 ack=1 "req 297"']);
      await preview.page.click('[data-action="page-next"]');
      await preview.page.waitForFunction(() => document.getElementById('page-label')?.textContent?.startsWith('Page 4 of 6'));
      await preview.page.waitForFunction(() => document.querySelectorAll('#diagram text.messageText')[1]?.textContent?.endsWith('"req 299"'));
      await preview.post({ type: 'highlight', line: 1004 });
      await preview.page.waitForFunction(() => document.getElementById('page-label')?.textContent?.startsWith('Page 6 of 6'));
      await preview.page.waitForFunction(() => document.querySelectorAll('#diagram text.messageText').length === 1);
      await preview.page.screenshot({ path: screenshotPath('preview-paged-light') });
    } finally {
      await preview.page.close();
    }
  });

  it('keeps the previous diagram on screen while the next renders, and drops stale renders', async () => {
    const preview = await openPreview(browser);
    try {
      await preview.render(lines('participant a', 'participant b listen', 'a -> b: SYN'));
      // Record how many pictures #diagram holds after every change to it.
      await preview.page.evaluate(() => {
        const w = window as unknown as { __counts: number[] };
        w.__counts = [];
        const diagram = document.getElementById('diagram') as HTMLElement;
        new MutationObserver(() => w.__counts.push(diagram.querySelectorAll(':scope > svg').length)).observe(diagram, { childList: true });
      });
      const big = preview.renderMessageFor(longScript(99));
      const stale = preview.renderMessageFor(lines('participant a', 'participant b listen', 'a -> b: SYN', 'note a: stale'));
      const last = preview.renderMessageFor(lines('participant a', 'participant b listen', 'a -> b: SYN', 'note a: newest'));
      // Three renders in one go, as a burst of edits would send them: only the newest is drawn.
      await preview.page.evaluate((messages) => messages.forEach((m) => window.postMessage(m, '*')), [big, stale, last]);
      await preview.waitForRendered(last.renderId);
      assert.ok((await texts(preview, '#diagram text.noteText')).includes('newest'));
      const counts = await preview.page.evaluate(() => (window as unknown as { __counts: number[] }).__counts);
      assert.ok(counts.length > 0 && counts.every((n) => n === 1), `pictures on screen after each swap: ${counts.join(',')}`);
      const reported = (await preview.posted()).filter((m) => m.type === 'rendered').map((m) => (m.type === 'rendered' ? m.renderId : 0));
      assert.deepEqual(reported, [1, last.renderId], 'stale renders are not drawn');
      await preview.post(stale);
      assert.ok((await texts(preview, '#diagram text.noteText')).includes('newest'), 'an older render id is ignored');
    } finally {
      await preview.page.close();
    }
  });

  it('posts reveal with the source line of a clicked message or note (select on double-click), and highlights the cursor line', async () => {
    const preview = await openPreview(browser);
    try {
      const text = fs.readFileSync(path.join(EXAMPLES, 'four-way-close.tcpflow'), 'utf8');
      const message = await preview.render(text);
      const page = message.pages[0];
      for (const i of [0, 3, page.messages.length - 1]) {
        const before = (await preview.posted()).length;
        await preview.page.locator('#diagram text.messageText').nth(i).click();
        assert.deepEqual(await preview.waitForPosted('reveal', before), { type: 'reveal', line: page.messages[i], select: false });
      }
      const before = (await preview.posted()).length;
      await preview.page.locator('#diagram text.noteText').nth(5).click();
      assert.deepEqual(await preview.waitForPosted('reveal', before), { type: 'reveal', line: page.notes[5], select: false });
      const beforeDouble = (await preview.posted()).length;
      await preview.page.locator('#diagram text.messageText').nth(2).dblclick();
      assert.deepEqual(
        (await preview.posted()).slice(beforeDouble).filter((m) => m.type === 'reveal'),
        [
          { type: 'reveal', line: page.messages[2], select: false },
          { type: 'reveal', line: page.messages[2], select: true },
        ],
        'a double-click: the cursor at the segment, then its line selected',
      );
      const line = page.messages[4];
      await preview.post({ type: 'highlight', line });
      await preview.page.waitForFunction((l) => document.querySelector('#diagram .tcpflow-highlight')?.getAttribute('data-line') === String(l), line);
      const highlighted = await preview.page.evaluate(() => [...document.querySelectorAll('#diagram .tcpflow-highlight')].map((e) => e.getAttribute('data-line')));
      assert.ok(highlighted.length >= 2 && highlighted.every((l) => l === String(line)), highlighted.join(','));
    } finally {
      await preview.page.close();
    }
  });

  it('exports SVG and PNG, asks for copies, and sends the toolbar choices to the host', async () => {
    const preview = await openPreview(browser);
    try {
      await preview.render(fs.readFileSync(path.join(EXAMPLES, 'handshake.tcpflow'), 'utf8'));
      let before = (await preview.posted()).length;
      await preview.page.click('[data-action="menu"]');
      await preview.page.click('[data-action="export-svg"]');
      const svg = await preview.waitForPosted('export', before);
      assert.deepEqual([svg.format, svg.diagram, svg.page, svg.pageCount, svg.scope], ['svg', 'sequence', 0, 1, 'page']);
      assert.match(svg.data, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.doesNotMatch(svg.data, /tcpflow-hit|tcpflow-highlight/);

      await preview.page.click('[data-action="menu"]');
      await preview.page.selectOption('#background', 'white');
      before = (await preview.posted()).length;
      await preview.page.click('[data-action="export-png"]');
      const png = await preview.waitForPosted('export', before);
      const bytes = Buffer.from(png.data, 'base64');
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(bytes.length > 5000, `PNG of ${bytes.length} bytes`);
      fs.writeFileSync(screenshotPath('export-handshake-white'), bytes);

      before = (await preview.posted()).length;
      await preview.page.click('[data-action="menu"]');
      await preview.page.click('[data-action="copy-markdown"]');
      assert.deepEqual(await preview.waitForPosted('copy', before), { type: 'copy', format: 'markdown', diagram: 'sequence' });

      before = (await preview.posted()).length;
      await preview.page.selectOption('select[data-option="states"]', 'none');
      assert.deepEqual(await preview.waitForPosted('options', before), { type: 'options', options: { states: 'none' } });
      before = (await preview.posted()).length;
      await preview.page.selectOption('select[data-option="numbers"]', 'relative');
      assert.deepEqual(await preview.waitForPosted('options', before), { type: 'options', options: { states: 'none', numbers: 'relative' } });
      before = (await preview.posted()).length;
      await preview.page.click('[data-action="menu"]');
      await preview.page.check('input[data-option="autonumber"]');
      assert.deepEqual(await preview.waitForPosted('options', before), { type: 'options', options: { states: 'none', numbers: 'relative', autonumber: true } });
    } finally {
      await preview.page.close();
    }
  });

  it('zooms with the toolbar and ctrl+wheel about the pointer, keeps the zoom across renders, and restores its state', async () => {
    const preview = await openPreview(browser, { width: 1000, height: 800 });
    try {
      const text = fs.readFileSync(path.join(EXAMPLES, 'handshake.tcpflow'), 'utf8');
      await preview.render(text);
      const zoomLabel = () => preview.page.evaluate(() => document.getElementById('zoom-label')?.textContent);
      assert.equal(await zoomLabel(), '100%', 'a small diagram is not blown up past 100 %');
      await preview.page.click('[data-action="zoom-in"]');
      assert.equal(await zoomLabel(), '120%');
      // Ctrl+wheel about the pointer: the diagram point under it stays there.
      const under = () => preview.page.evaluate(() => {
        const svg = document.querySelector('#diagram svg') as SVGSVGElement;
        const box = svg.getBoundingClientRect();
        return { x: (400 - box.left) / box.width, y: (300 - box.top) / box.height };
      });
      const before = await under();
      await preview.page.mouse.move(400, 300);
      await preview.page.keyboard.down('Control');
      await preview.page.mouse.wheel(0, -300);
      await preview.page.keyboard.up('Control');
      assert.equal(await zoomLabel(), `${Math.round(120 * Math.E)}%`);
      const after = await under();
      assert.ok(Math.abs(after.x - before.x) < 0.01 && Math.abs(after.y - before.y) < 0.01, `${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      await preview.render(`${text}\n# edited`);
      assert.equal(await zoomLabel(), `${Math.round(120 * Math.E)}%`);
      const state = (await preview.state()) as { documents: Record<string, { views: { sequence: { zoom: number; fit: string } } }>; source: unknown };
      const view = state.documents['file:///work/test.tcpflow'].views.sequence;
      assert.ok(Math.abs(view.zoom - 1.2 * Math.E) < 0.01 && view.fit === 'none', JSON.stringify(view));
      assert.deepEqual(state.source, { uri: 'file:///work/test.tcpflow', locked: false });

      const saved = state.documents['file:///work/test.tcpflow'];
      const restored = await openPreview(browser, {
        state: { ...state, documents: { 'file:///work/test.tcpflow': { ...saved, tab: 'state' } }, options: { states: 'all', autonumber: true } },
      });
      try {
        assert.deepEqual((await restored.posted())[0], { type: 'ready', options: { states: 'all', autonumber: true } });
        const message = restored.renderMessageFor(text);
        await restored.post(message);
        await restored.waitForRendered(message.renderId, 'state');
        assert.equal(await restored.page.evaluate(() => document.querySelector('[data-tab="state"]')?.getAttribute('aria-selected')), 'true');
        const label = () => restored.page.evaluate(() => document.getElementById('zoom-label')?.textContent);
        assert.notEqual(await label(), `${Math.round(120 * Math.E)}%`, 'the state tab has its own zoom');
        await restored.page.click('[data-tab="sequence"]');
        await restored.page.waitForFunction((z) => document.getElementById('zoom-label')?.textContent === z, `${Math.round(120 * Math.E)}%`);
      } finally {
        await restored.page.close();
      }
    } finally {
      await preview.page.close();
    }
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
