// The preview's Timeline tab as the host builds it: the core's ladder in both palettes, the
// toolbar's numbering applied, the step-through's events with each concerned end's variables,
// and `tcpflow.preview.defaultView` read as a tab. Also the State machine tab's Figure 5.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DARK_PALETTE, figure5Svg, ladderSvg, LIGHT_PALETTE, toFigure5, toLadder } from '../../src/core/index';
import { defaultTabOf, FIGURE5_LABEL_SIZE, renderMessage } from '../../src/extension/preview/renderModel';
import { isHostMessage, type TimelineStepView } from '../../src/shared/previewProtocol';
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

  /** Each step as one line: kind, 1-based line, then each end's values. */
  const steps = (list: readonly TimelineStepView[], ends: readonly string[]) =>
    list.map((step) => `${step.kind} ${step.line + 1}${step.segment !== undefined ? `/${step.segment + 1}` : ''}: ${step.ends.map((e) => `${ends[e.end]} ${e.state} ${e.sndUna ?? '-'} ${e.sndNxt ?? '-'} ${e.rcvNxt ?? '-'}`).join(', ')}`);

  it('steps through the events of the ladder: each end concerned, SND.UNA, SND.NXT and RCV.NXT from its ISN or absolute', () => {
    const relative = render(HANDSHAKE, 'relative').timeline;
    assert.deepEqual([relative.ends, relative.numbers], [['a', 'b'], 'relative']);
    assert.deepEqual(steps(relative.steps, relative.ends), [
      'send 3/3: a SYN-SENT 0 1 -, b LISTEN - - -',
      'arrive 3/3: a SYN-SENT 0 1 -, b SYN-RECEIVED 0 0 1',
      'send 4/4: a SYN-SENT 0 1 -, b SYN-RECEIVED 0 1 1',
      'arrive 4/4: a ESTABLISHED 1 1 1, b SYN-RECEIVED 0 1 1',
      'send 5/5: a ESTABLISHED 1 1 1, b SYN-RECEIVED 0 1 1',
      'arrive 5/5: a ESTABLISHED 1 1 1, b ESTABLISHED 1 1 1',
    ]);
    const absolute = renderMessage(analyze(HANDSHAKE), 1, { uri: 'file:///x.tcpflow', fileName: 'x.tcpflow', locked: false }, { numbers: 'absolute' }, { naming: 'netstat', messagesPerPage: 200, isError: () => false, defaultTab: 'timeline' }, -1).timeline;
    assert.equal(absolute.numbers, 'absolute');
    assert.deepEqual(steps(absolute.steps, absolute.ends).slice(3, 4), ['arrive 4/4: a ESTABLISHED 101 101 301, b SYN_RCVD 300 301 101']);
  });

  it('steps through a lost segment, a delayed one arriving at its deliver, calls and waits', () => {
    const text = lines(
      'participant a',
      'participant b listen',
      'a -> b: SYN',
      'b -> a: SYN+ACK',
      'a -> b: ACK',
      'a ~> b: PSH+ACK "x" as late',
      'a -x b: PSH+ACK "y"',
      'deliver late',
      'a: close',
      'wait 1s',
    );
    const timeline = render(text, undefined).timeline;
    assert.deepEqual(steps(timeline.steps, timeline.ends).slice(6), [
      'send 6/6: a ESTABLISHED 1 2 1, b ESTABLISHED 1 1 1',
      'send 7/7: a ESTABLISHED 1 3 1, b ESTABLISHED 1 1 1',
      'lose 7/7: a ESTABLISHED 1 3 1, b ESTABLISHED 1 1 1',
      'arrive 8/6: a ESTABLISHED 1 3 1, b ESTABLISHED 1 1 2',
      'call 9: a ESTABLISHED 1 3 1, b ESTABLISHED 1 1 2',
      'wait 10: a ESTABLISHED 1 3 1, b ESTABLISHED 1 1 2',
    ]);
  });

  it('names the connection ends of a server with two clients, and leaves out an end not yet made', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'server-two-clients.tcpflow'), 'utf8');
    const timeline = render(text, undefined).timeline;
    assert.deepEqual(timeline.ends, ['alice↔server', 'bob↔server', 'server↔alice', 'server↔bob']);
    assert.deepEqual(steps(timeline.steps, timeline.ends).slice(4, 6), ['send 23/23: bob↔server SYN-SENT 0 1 -', 'arrive 23/23: bob↔server SYN-SENT 0 1 -, server↔bob SYN-RECEIVED 0 0 1']);
  });

  it('checks the steps it receives: an end out of range or a number past 2^32 is refused', () => {
    const message = render(HANDSHAKE, undefined);
    assert.equal(isHostMessage(message), true);
    const [first, ...rest] = message.timeline.steps;
    const withStep = (step: unknown) => ({ ...message, timeline: { ...message.timeline, steps: [step, ...rest] } });
    assert.equal(isHostMessage(withStep({ ...first, ends: [{ ...first.ends[0], end: 2 }] })), false);
    assert.equal(isHostMessage(withStep({ ...first, ends: [{ ...first.ends[0], sndNxt: 2 ** 32 }] })), false);
    assert.equal(isHostMessage(withStep({ ...first, kind: 'jump' })), false);
  });

  it('draws the State machine tab as Figure 5 with text large enough for a narrow panel, and keeps the Mermaid text to copy', () => {
    const message = render(HANDSHAKE, undefined);
    const figure = toFigure5(analyze(HANDSHAKE), { naming: 'rfc' });
    assert.equal(message.stateMachine.figure5.light, figure5Svg(figure, { palette: LIGHT_PALETTE, labelSize: FIGURE5_LABEL_SIZE, stateSize: FIGURE5_LABEL_SIZE }));
    assert.equal(message.stateMachine.figure5.dark, figure5Svg(figure, { palette: DARK_PALETTE, labelSize: FIGURE5_LABEL_SIZE, stateSize: FIGURE5_LABEL_SIZE }));
    assert.deepEqual([...new Set([...message.stateMachine.figure5.light.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])))].sort(), [18]);
    // SYN-RECEIVED is wider than its box at that size: condensed to fit.
    assert.match(message.stateMachine.figure5.light, /<text x="150" y="337" text-anchor="middle" fill="[^"]+" font-size="18" font-weight="bold" textLength="114" lengthAdjust="spacingAndGlyphs">SYN-RECEIVED<\/text>/);
    assert.match(message.stateMachine.text, /^stateDiagram-v2/);
  });
});
