// Linear in everything (issue 12, defect 1): a timeline step stores the endpoints it changed,
// so a script between many endpoints keeps a timeline as long as the script, not its square.

import * as assert from 'node:assert/strict';
import { analyze, endpointsAfterStep, owedAfterStep, snapshotAfterLine, toStateDiagram } from '../../src/core/index';
import { statesTable } from '../../src/cli/statesTable';

describe('many endpoints', () => {
  const pairs = 1000;
  const text = Array.from({ length: pairs }, (_, i) => `e${2 * i} -> e${2 * i + 1}: SYN`).join('\n');
  const a = analyze(text);

  it('2,000 implicit endpoints, one step per line, each storing the two endpoints it changed', () => {
    assert.equal(a.endpoints.length, 2 * pairs);
    assert.equal(a.timeline.length, pairs);
    // The receiver stays CLOSED; the step stores it too, as some of its variables changed.
    assert.deepEqual(
      a.timeline.slice(0, 2).map((s) => [s.line, s.kind, s.changed, s.updates.map((u) => [u.endpoint, u.snapshot.state])]),
      [
        [0, 'arrive', [0], [[0, 'SYN-SENT'], [1, 'CLOSED']]],
        [1, 'arrive', [2], [[2, 'SYN-SENT'], [3, 'CLOSED']]],
      ],
    );
    assert.equal(a.timeline.reduce((n, s) => n + s.updates.length, 0), 2 * pairs);
    assert.ok(a.timeline.every((s) => s.updates.every((u) => u.endpoint === 2 * s.line || u.endpoint === 2 * s.line + 1)));
  });

  it('each step stores only the debts it changed, though every receiver still owes its RST at the end', () => {
    assert.deepEqual(
      a.timeline.slice(0, 2).map((s) => s.owedChanges?.map((c) => [c.end, c.owed.map((o) => `${o.from}->${o.to} ${o.flags} line ${o.line + 1}`)])),
      [[[1, ['1->0 RST+ACK line 1']]], [[3, ['3->2 RST+ACK line 2']]]],
    );
    assert.equal(a.timeline.reduce((n, s) => n + (s.owedChanges ?? []).reduce((m, c) => m + c.owed.length, 0), 0), pairs);
    assert.deepEqual(owedAfterStep(a, 1).map((o) => o.from), [1, 3]);
    assert.deepEqual(owedAfterStep(a, -1), []);
    const last = owedAfterStep(a, a.timeline.length - 1);
    assert.equal(last.length, pairs);
    assert.ok(last.every((o, i) => o.from === 2 * i + 1 && o.to === 2 * i));
  });

  it('reads every endpoint at any line: the ones a line reached, and the others as they were', () => {
    const after = snapshotAfterLine(a, 499);
    assert.deepEqual(
      [after[998].state, after[999].state, after[1000].state, after[1001].state],
      [endpointsAfterStep(a, 499)[998].state, endpointsAfterStep(a, 499)[999].state, 'CLOSED', 'CLOSED'],
    );
    assert.equal(after[0].state, 'SYN-SENT');
    assert.equal(toStateDiagram(a).endpoints.length, 2 * pairs);
    const table = statesTable(analyze('a -> b: SYN\nc -> d: SYN'), 'a -> b: SYN\nc -> d: SYN', 'rfc');
    assert.equal(
      table,
      [
        'line  source       a          b       c          d',
        '      (start)      CLOSED     CLOSED  CLOSED     CLOSED',
        '   1  a -> b: SYN  SYN-SENT*  CLOSED  CLOSED     CLOSED',
        '   2  c -> d: SYN  SYN-SENT   CLOSED  SYN-SENT*  CLOSED',
        '',
      ].join('\n'),
    );
  });
});
