// The segments and steps the engine keeps in columns of numbers (segmentTable.ts, steps.ts),
// read back through the Analysis: a ReadonlyMap of SegmentInfo by line, and TimelineSteps.

import * as assert from 'node:assert/strict';
import { analyze, endpointsAfterStep } from '../../src/core/index';
import type { SegmentInfo } from '../../src/core/index';
import { lines } from './helpers/lines';

function fields(s: SegmentInfo | undefined) {
  return s && [s.line, s.src, s.dst, [...s.flags].join('+'), s.seq, s.ack, s.len, s.relSeq, s.relAck, s.fate, s.deliveredAt, s.invalid, s.effect];
}

describe('engine tables', () => {
  const a = analyze(
    lines(
      'participant client isn=1000',
      'participant server listen isn=5000',
      'client -> server: SYN',
      'server -> client: ACK+SYN',
      'client -> server: ACK',
      'client ~> server: PSH+ACK "hi" as d',
      'server -> client: ACK seq=5001 ack=1001',
      'deliver d',
      'client -x server: FIN+ACK',
    ),
  );

  it('reads every segment back by its line, in the order they were sent', () => {
    assert.equal(a.diagnostics.length, 0);
    assert.equal(a.segments.size, 6);
    assert.deepEqual([...a.segments.keys()], [2, 3, 4, 5, 6, 8]);
    assert.deepEqual(fields(a.segments.get(2)), [2, 0, 1, 'SYN', 1000, undefined, 0, 0, undefined, 'delivered', undefined, false, 'client CLOSED → SYN-SENT; server LISTEN → SYN-RECEIVED']);
    assert.deepEqual(fields(a.segments.get(3)), [3, 1, 0, 'SYN+ACK', 5000, 1001, 0, 0, 1, 'delivered', undefined, false, 'server stays SYN-RECEIVED; client SYN-SENT → ESTABLISHED']);
    assert.equal(a.segments.get(7), undefined);
    assert.equal(a.segments.has(7), false);
    assert.equal(a.segments.has(8), true);
  });

  it('keeps what happens later to a segment: its delivery, its loss', () => {
    assert.deepEqual(fields(a.segments.get(5)), [5, 0, 1, 'ACK+PSH', 1001, 5001, 2, 1, 1, 'delivered', 7, false, 'client stays ESTABLISHED; server stays ESTABLISHED; on arrival server is ESTABLISHED']);
    assert.deepEqual(fields(a.segments.get(8)), [8, 0, 1, 'ACK+FIN', 1003, 5001, 0, 3, 1, 'lost', undefined, false, 'client ESTABLISHED → FIN-WAIT-1; server stays ESTABLISHED; lost in the network']);
  });

  it('marks a segment whose line has an error', () => {
    const wrong = analyze(lines('a -> b: SYN', 'a -> b: ACK'));
    assert.deepEqual(wrong.diagnostics.map((d) => [d.code, d.range.start.line]), [['tcp.invalid-send', 1]]);
    assert.deepEqual([...wrong.segments.values()].map((s) => [s.line, s.invalid]), [[0, false], [1, true]]);
  });

  it('gives the same entries through get, forEach, values and iteration', () => {
    const viaGet = [...a.segments.keys()].map((line) => fields(a.segments.get(line)));
    const viaForEach: unknown[] = [];
    a.segments.forEach((s, line) => viaForEach.push(line === s.line && fields(s)));
    assert.deepEqual(viaForEach, viaGet);
    assert.deepEqual([...a.segments.values()].map(fields), viaGet);
    assert.deepEqual([...a.segments].map(([, s]) => fields(s)), viaGet);
  });

  it('reads each step back with the endpoints it changed and their variables', () => {
    assert.deepEqual(
      a.timeline.map((s) => [s.line, s.kind, s.changed, s.updates.map((u) => [u.endpoint, u.snapshot.state, u.snapshot.sndNxt, u.snapshot.rcvNxt])]),
      [
        [2, 'arrive', [0, 1], [[0, 'SYN-SENT', 1001, 0], [1, 'SYN-RECEIVED', 5000, 1001]]],
        [3, 'arrive', [0], [[0, 'ESTABLISHED', 1001, 5001], [1, 'SYN-RECEIVED', 5001, 1001]]],
        [4, 'arrive', [1], [[1, 'ESTABLISHED', 5001, 1001]]],
        [5, 'send', [], [[0, 'ESTABLISHED', 1003, 5001]]],
        [6, 'arrive', [], []],
        [7, 'arrive', [], [[1, 'ESTABLISHED', 5001, 1003]]],
        [8, 'send', [0], [[0, 'FIN-WAIT-1', 1004, 5001]]],
      ],
    );
    // After the delivery on line 8 (step 5): the server has received the two bytes.
    assert.deepEqual(endpointsAfterStep(a, 5).map((e) => [e.state, e.iss, e.sndUna, e.sndNxt, e.irs, e.rcvNxt]), [
      ['ESTABLISHED', 1000, 1001, 1003, 5000, 5001],
      ['ESTABLISHED', 5000, 5001, 5001, 1000, 1003],
    ]);
  });
});
