// The preview's State machine tab in headless Chromium: RFC 9293 Figure 5 drawn by the core's
// own renderer for every example, its text legible when fitted to the default 626 px split,
// each endpoint's path in its colour, and the states at the editor's cursor outlined, moving
// with the cursor.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { analyze } from '../../src/core/index';
import { stateMachineView } from '../../src/extension/preview/renderModel';
import { launchChromium, openPreview, ROOT, screenshotPath, type PreviewPage } from './harness';

const EXAMPLES = path.join(ROOT, 'examples');
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.tcpflow')).sort();
const FOUR_WAY_CLOSE = fs.readFileSync(path.join(EXAMPLES, 'four-way-close.tcpflow'), 'utf8');

/** The states outlined at the cursor, each with the endpoints (by colour index) it is outlined for. */
function outlined(preview: PreviewPage): Promise<string[]> {
  return preview.page.evaluate(() => [...document.querySelectorAll('#diagram g.state[data-current]')].map((g) => `${g.getAttribute('data-state')} ${g.getAttribute('data-current')}`));
}

describe('preview state machine tab (RFC 9293 Figure 5)', function () {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('draws Figure 5 for every example, fitted to 626 px with no text under 10 px', async () => {
    const preview = await openPreview(browser, { width: 626, height: 900 });
    try {
      for (const file of examples) {
        const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
        const message = await preview.render(text, undefined, { uri: `file:///work/${file}` });
        await preview.page.click('[data-tab="state"]');
        await preview.waitForRendered(message.renderId, 'state');
        const drawn = await preview.page.evaluate(() => ({
          states: document.querySelectorAll('#diagram svg.tcpflow-states g.state').length,
          figureEdges: document.querySelectorAll('#diagram g.transition').length,
          taken: document.querySelectorAll('#diagram g.transition path.taken').length,
          foreign: document.querySelectorAll('#diagram foreignObject, #diagram script').length,
        }));
        assert.equal(drawn.states, 12, file);
        assert.ok(drawn.figureEdges >= 21, `${file}: ${drawn.figureEdges} transitions`);
        assert.ok(drawn.taken > 0, `${file}: no path drawn`);
        assert.equal(drawn.foreign, 0, file);
        const measure = await preview.measure();
        assert.equal(measure.fit, 'width', file);
        assert.ok(measure.svg.width <= measure.stage.width, `${file}: ${measure.svg.width} of ${measure.stage.width}`);
        assert.ok(measure.smallestText >= 10, `${file}: smallest text ${measure.smallestText.toFixed(2)} px at ${measure.zoomLabel}`);
        assert.deepEqual(measure.controls, ['sequence', 'timeline', 'state', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'menu'], file);
        assert.equal(await preview.page.getAttribute('#diagram', 'aria-label'), `State machine of ${file}`);
      }
    } finally {
      await preview.page.close();
    }
  });

  it('outlines the states at the cursor and moves the outlines with it; the paths keep their colours', async () => {
    const preview = await openPreview(browser, { width: 626, height: 900 });
    try {
      // Line 19 (0-based 18): the server's ACK of the client's FIN.
      const message = await preview.render(FOUR_WAY_CLOSE, undefined, { uri: 'file:///work/four-way-close.tcpflow', cursorLine: 18 });
      await preview.page.click('[data-tab="state"]');
      await preview.waitForRendered(message.renderId, 'state');
      assert.deepEqual(await outlined(preview), ['CLOSE-WAIT 1', 'FIN-WAIT-2 0']);
      const paths = await preview.page.evaluate(() =>
        [...document.querySelectorAll('#diagram g.transition')]
          .filter((g) => g.getAttribute('data-taken') !== '')
          .map((g) => `${g.getAttribute('data-from')}→${g.getAttribute('data-to')} ${g.getAttribute('data-taken')}`),
      );
      assert.deepEqual(paths, [
        'CLOSED→SYN-SENT 0',
        'LISTEN→SYN-RECEIVED 1',
        'SYN-SENT→ESTABLISHED 0',
        'SYN-RECEIVED→ESTABLISHED 1',
        'ESTABLISHED→FIN-WAIT-1 0',
        'ESTABLISHED→CLOSE-WAIT 1',
        'FIN-WAIT-1→FIN-WAIT-2 0',
        'FIN-WAIT-2→TIME-WAIT 0',
        'CLOSE-WAIT→LAST-ACK 1',
        'LAST-ACK→CLOSED-END 1',
        'TIME-WAIT→CLOSED-END 0',
      ]);
      const colours = await preview.page.evaluate(() => [...new Set([...document.querySelectorAll('#diagram rect.current')].map((r) => r.getAttribute('stroke')))].length);
      assert.equal(colours, 2, 'one outline colour per endpoint');
      await preview.page.screenshot({ path: screenshotPath('preview-states-figure5-626') });
      // The cursor moves to line 25 (0-based 24), the client's last ACK.
      const moved = stateMachineView(analyze(FOUR_WAY_CLOSE), 'rfc', 24);
      await preview.post({ type: 'highlight', line: 24, stateMachine: moved });
      await preview.page.waitForFunction(() => document.querySelector('#diagram g.state[data-state="TIME-WAIT"][data-current]') !== null, undefined, { timeout: 30_000 });
      assert.deepEqual(await outlined(preview), ['TIME-WAIT 0', 'CLOSED-END 1']);
    } finally {
      await preview.page.close();
    }
  });
});
