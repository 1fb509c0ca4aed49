// The preview's Timeline tab as the host builds it: the core's ladder in both palettes, the
// toolbar's numbering applied, the step-through's events with each concerned end's variables,
// and `tcpflow.preview.defaultView` read as a tab. Also the State machine tab's Figure 5.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DARK_PALETTE, figure5Svg, ladderSvg, LIGHT_PALETTE, toFigure5, toLadder } from '../../src/core/index';
import { defaultTabOf, FIGURE5_LABEL_SIZE, renderMessage } from '../../src/extension/preview/renderModel';
import { isHostMessage } from '../../src/shared/previewProtocol';
import { numbersOf, unpackRecords } from '../../src/shared/previewRecords';
import { stepAt, stepCount, TimelineStepsBuilder, type TimelineSteps } from '../../src/shared/previewSteps';
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
  const steps = (columns: TimelineSteps, ends: readonly string[]) =>
    Array.from({ length: stepCount(columns) }, (_, i) => stepAt(columns, i)).map((step) => `${step.kind} ${step.line + 1}${step.segment !== undefined ? `/${step.segment + 1}` : ''}: ${step.ends.map((e) => `${ends[e.end]} ${e.state} ${e.sndUna ?? '-'} ${e.sndNxt ?? '-'} ${e.rcvNxt ?? '-'}`).join(', ')}`);

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

  it('posts the steps as columns in typed arrays, each in a buffer of its own', () => {
    const { steps: columns } = render(HANDSHAKE, 'relative').timeline;
    assert.deepEqual([...columns.kinds], [0, 1, 0, 1, 0, 1]);
    assert.deepEqual([...columns.lines], [2, 2, 3, 3, 4, 4]);
    assert.deepEqual([...columns.segments], [2, 2, 3, 3, 4, 4]);
    assert.deepEqual([...columns.rowStart], [0, 2, 4, 6, 8, 10, 12]);
    assert.deepEqual(columns.stateNames, ['SYN-SENT', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED']);
    const buffers = [columns.kinds, columns.lines, columns.segments, columns.rowStart, columns.ends, columns.states, columns.known, columns.sndUna, columns.sndNxt, columns.rcvNxt].map((c) => c.buffer);
    assert.equal(new Set(buffers).size, 10);
    const call = new TimelineStepsBuilder();
    call.add({ kind: 'call', line: 7, ends: [{ end: 1, state: 'CLOSED', sndUna: null, sndNxt: null, rcvNxt: null }] });
    assert.deepEqual(stepAt(call.finish(), 0), { kind: 'call', line: 7, ends: [{ end: 1, state: 'CLOSED', sndUna: null, sndNxt: null, rcvNxt: null }] });
  });

  it('checks the steps it receives: an index out of range, a wrong array or a wrong length is refused', () => {
    const message = render(HANDSHAKE, undefined);
    assert.equal(isHostMessage(message), true);
    const columns = message.timeline.steps;
    const withSteps = (change: Partial<Record<keyof TimelineSteps, unknown>>) => ({ ...message, timeline: { ...message.timeline, steps: { ...columns, ...change } } });
    const changed = <T extends Uint8Array | Int32Array | Uint32Array>(column: T, at: number, value: number): T => {
      const copy = column.slice() as T;
      copy[at] = value;
      return copy;
    };
    assert.equal(isHostMessage(withSteps({})), true);
    assert.equal(isHostMessage(withSteps({ ends: changed(columns.ends, 0, 2) })), false, 'an end past the two');
    assert.equal(isHostMessage(withSteps({ ends: changed(columns.ends, 0, -1) })), false, 'a negative end');
    assert.equal(isHostMessage(withSteps({ kinds: changed(columns.kinds, 0, 5) })), false, 'a kind past the five');
    assert.equal(isHostMessage(withSteps({ states: changed(columns.states, 3, 4) })), false, 'a state past the names');
    assert.equal(isHostMessage(withSteps({ lines: changed(columns.lines, 1, -1) })), false, 'a negative line');
    assert.equal(isHostMessage(withSteps({ rowStart: changed(columns.rowStart, 3, 1) })), false, 'rows out of order');
    assert.equal(isHostMessage(withSteps({ sndUna: columns.sndUna.subarray(1) })), false, 'a column too short');
    assert.equal(isHostMessage(withSteps({ sndNxt: Float64Array.from(columns.sndNxt) })), false, 'a column of the wrong type');
    assert.equal(isHostMessage(withSteps({ lines: [...columns.lines] })), false, 'a plain array');
  });

  it('sends a long ladder as its layout, its segments and state labels packed in columns that unpack to the core model', () => {
    const text = lines('participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK', ...Array.from({ length: 500 }, (_, i) => [`a -> b: PSH+ACK "${i}"`, 'b -> a: ACK']).flat(), 'a -x b: FIN+ACK');
    const message = render(text, undefined);
    const model = toLadder(analyze(text), { naming: 'rfc', numbers: 'as-written' });
    const layout = message.timeline.layout;
    assert.ok(layout !== undefined);
    assert.deepEqual([message.timeline.light, message.timeline.dark, layout.segments.length, layout.states.length], ['', '', 1004, model.states.length]);
    assert.deepEqual(unpackRecords(layout.segments), model.segments);
    assert.deepEqual(unpackRecords(layout.states), model.states);
    assert.deepEqual(unpackRecords(layout.segments, 1002, 1004), model.segments.slice(1002));
    assert.deepEqual(Object.fromEntries(Object.entries(layout.segments.columns).map(([field, column]) => [field, column.kind])), {
      line: 'number',
      src: 'number',
      dst: 'number',
      from: 'point',
      to: 'point',
      fate: 'choice',
      retransmit: 'boolean',
      keepalive: 'boolean',
      invalid: 'boolean',
      label: 'text',
      labelAt: 'point',
      angle: 'number',
      arrivalLine: 'number',
    });
    assert.deepEqual([...(numbersOf(layout.segments, 'to.y') ?? [])], model.segments.map((s) => s.to.y));
    assert.equal(isHostMessage(structuredClone(message)), true);
    const bad = (segments: unknown) => ({ ...message, timeline: { ...message.timeline, layout: { ...layout, segments } } });
    const fate = layout.segments.columns.fate;
    assert.equal(isHostMessage(bad({ ...layout.segments, length: 1005 })), false, 'a length the columns do not have');
    assert.equal(isHostMessage(bad({ ...layout.segments, columns: { ...layout.segments.columns, fate: { ...fate, choices: [] } } })), false, 'a choice past the list');
    assert.equal(isHostMessage(bad(model.segments)), false, 'the segments as objects');
    const label = layout.segments.columns.label;
    assert.equal(label.kind, 'text');
    if (label.kind !== 'text') return;
    assert.equal(isHostMessage(bad({ ...layout.segments, columns: { ...layout.segments.columns, label: { ...label, text: label.text.slice(1) } } })), false, 'text shorter than its offsets');
    const ends = label.ends.slice();
    ends[5] = ends[3];
    assert.equal(isHostMessage(bad({ ...layout.segments, columns: { ...layout.segments.columns, label: { ...label, ends } } })), false, 'offsets out of order');
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
