// The preview's Timeline tab as the host builds it: the core's ladder in both palettes, the
// toolbar's numbering applied, and `tcpflow.preview.defaultView` read as a tab.

import * as assert from 'node:assert/strict';
import { analyze, DARK_PALETTE, ladderSvg, LIGHT_PALETTE, toLadder } from '../../src/core/index';
import { defaultTabOf, renderMessage } from '../../src/extension/preview/renderModel';
import { lines } from './helpers/lines';

const HANDSHAKE = lines('participant a', 'participant b listen', 'a -> b: SYN seq=100', 'b -> a: SYN+ACK seq=300 ack=101', 'a -> b: ACK seq=101 ack=301');

function render(text: string, numbers: 'as-written' | 'relative' | undefined, defaultTab: 'sequence' | 'timeline' | 'state' = 'sequence') {
  return renderMessage(
    analyze(text),
    1,
    { uri: 'file:///x.tcpflow', fileName: 'x.tcpflow', locked: false },
    numbers === undefined ? {} : { numbers },
    { naming: 'rfc', messagesPerPage: 200, isError: (d) => d.severity === 'error', defaultTab },
    -1,
  );
}

describe('preview timeline tab', () => {
  it('carries the core ladder of the script in the light and the dark palette', () => {
    const message = render(HANDSHAKE, undefined);
    const model = toLadder(analyze(HANDSHAKE), { naming: 'rfc', numbers: 'as-written' });
    assert.equal(message.timeline.light, ladderSvg(model, { palette: LIGHT_PALETTE }));
    assert.equal(message.timeline.dark, ladderSvg(model, { palette: DARK_PALETTE }));
    assert.notEqual(message.timeline.light, message.timeline.dark);
    assert.deepEqual([...message.timeline.light.matchAll(/<g class="segment" data-line="(\d+)"/g)].map((m) => Number(m[1])), [3, 4, 5]);
  });

  it('numbers the arrows as the toolbar says', () => {
    const relative = render(HANDSHAKE, 'relative');
    const model = toLadder(analyze(HANDSHAKE), { naming: 'rfc', numbers: 'relative' });
    assert.equal(relative.timeline.light, ladderSvg(model, { palette: LIGHT_PALETTE }));
    assert.notEqual(relative.timeline.light, render(HANDSHAKE, 'as-written').timeline.light);
  });

  it('reads tcpflow.preview.defaultView as the tab a document opens on', () => {
    assert.deepEqual(['sequence', 'timeline', 'states', undefined, 'ladder', 3].map(defaultTabOf), ['sequence', 'timeline', 'state', 'sequence', 'sequence', 'sequence']);
    assert.equal(render(HANDSHAKE, undefined, 'timeline').defaultTab, 'timeline');
  });
});
