// The readers that take one part of a compact node without making the rest (a segment's names,
// flags and payload; a step's states; the delivered segments) give what the full reading gives,
// for compact nodes and for plain objects alike.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import type { SegmentStatement, Statement, TcpState, TimelineStep } from '../../src/core/index';
import { deliveredSegments } from '../../src/core/engine/segmentTable';
import { readStatesAfter } from '../../src/core/engine/steps';
import { flagNamesOf, flagsTextOf, payloadBytesOf, payloadRawOf, receiverName, segmentObject, senderName } from '../../src/core/syntax/segmentNode';
import { examples } from '../fuzz/inputs';
import { lines } from './helpers/lines';

function segmentsOf(statements: readonly Statement[]): SegmentStatement[] {
  return statements.flatMap((s) => (s.kind === 'segment' ? [s] : s.kind === 'simultaneous' ? [...s.segments] : []));
}

/** What each reader gives, beside what the full reading gives. */
function readers(s: SegmentStatement) {
  return {
    got: [senderName(s), receiverName(s), flagNamesOf(s), flagsTextOf(s), payloadRawOf(s), payloadBytesOf(s)],
    full: [s.src.name, s.dst.name, s.flags.flags, s.flags.items.map((i) => i.flag).join('+'), s.payload?.raw, s.payload?.byteLength],
  };
}

function statesAfter(step: TimelineStep, count: number): (TcpState | undefined)[] {
  const states: (TcpState | undefined)[] = new Array(count).fill(undefined);
  readStatesAfter(step, states);
  return states;
}

function statesFromUpdates(step: TimelineStep, count: number): (TcpState | undefined)[] {
  const states: (TcpState | undefined)[] = new Array(count).fill(undefined);
  for (const { endpoint, snapshot } of step.updates) if (endpoint < count) states[endpoint] = snapshot.state;
  return states;
}

describe('compact readers', () => {
  const script = lines(
    'participant client',
    'participant server listen',
    'client -> server: SYN seq=x',
    'server -> client: S. seq=y ack=x+1',
    'client -> server: ACK',
    'client ~> server: PSH+ACK "héllo\\r\\n" retransmit as d',
    'client -> server: FIN ACK',
    'deliver d',
  );

  it('read a segment line as its full reading does, compact or plain', () => {
    const segments = segmentsOf(analyze(script).script.statements);
    assert.equal(segments.length, 5);
    assert.deepEqual(readers(segments[3]).got, ['client', 'server', new Set(['ACK', 'PSH']), 'PSH+ACK', 'héllo\\r\\n', 8]);
    assert.deepEqual(readers(segments[1]).got, ['server', 'client', new Set(['SYN', 'ACK']), 'SYN+ACK', undefined, undefined]);
    assert.deepEqual(readers(segments[4]).got, ['client', 'server', new Set(['ACK', 'FIN']), 'FIN+ACK', undefined, undefined]);
    for (const s of segments) {
      const { got, full } = readers(s);
      assert.deepEqual(got, full);
      assert.deepEqual(readers(segmentObject(s)).got, full);
    }
  });

  it('read every segment line of every example as its full reading does', () => {
    let count = 0;
    for (const text of examples) {
      for (const s of segmentsOf(analyze(text).script.statements)) {
        const { got, full } = readers(s);
        assert.deepEqual(got, full, `line ${s.line + 1} of an example`);
        count++;
      }
    }
    assert.ok(count > 100, `only ${count} segment lines read`);
  });

  it("read a step's states as its updates give them, and the delivered segments as the whole map gives them", () => {
    for (const text of [script, ...examples]) {
      const a = analyze(text);
      const count = a.endpoints.length;
      for (const step of a.timeline) {
        if (step.endUpdates) continue;
        assert.deepEqual(statesAfter(step, count), statesFromUpdates(step, count));
        // Endpoints past the list's end are left out.
        assert.deepEqual(statesAfter(step, 1), statesFromUpdates(step, 1));
        assert.deepEqual(statesAfter({ ...step, updates: step.updates }, count), statesFromUpdates(step, count));
      }
      const delivered = [...a.segments.values()].filter((s) => s.deliveredAt !== undefined);
      assert.deepEqual(deliveredSegments(a.segments).map((s) => [s.line, s.deliveredAt]), delivered.map((s) => [s.line, s.deliveredAt]));
      assert.deepEqual(deliveredSegments(new Map(a.segments)).map((s) => [s.line, s.deliveredAt]), delivered.map((s) => [s.line, s.deliveredAt]));
    }
    assert.deepEqual(deliveredSegments(analyze(script).segments).map((s) => [s.line, s.deliveredAt]), [[5, 7]]);
  });
});
