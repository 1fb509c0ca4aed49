// analyzeInSlices: the analysis of a large script done a slice at a time gives exactly what
// analyze gives, and no slice does more work than it was given.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, analyzeInSlices, type Analysis } from '../../src/core/index';
import { examples, scripts } from '../fuzz/inputs';
import { lines } from './helpers/lines';

/**
 * The analysis as data: some texts are kept as functions that make them when asked (an
 * obligation's reason), which two analyses never share; they are compared by what they make.
 */
function settled(value: unknown, done = new Map<object, unknown>()): unknown {
  if (typeof value === 'function') return { made: settled((value as () => unknown)(), done) };
  if (typeof value !== 'object' || value === null) return value;
  // The engine's tables of numbers (its segments and steps are kept in them): compared element by element.
  if (ArrayBuffer.isView(value)) return value;
  // Steps share what did not change: each shared object is settled once.
  if (done.has(value)) return done.get(value);
  const made =
    value instanceof Map
      ? new Map([...value].map(([k, v]) => [k, settled(v, done)]))
      : Array.isArray(value)
        ? value.map((v) => settled(v, done))
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settled(v, done)]));
  done.set(value, made);
  return made;
}

function assertSameAnalysis(actual: Analysis, expected: Analysis): void {
  assert.deepEqual(settled(actual), settled(expected));
}

/** Steps the job to its end with `budget` units a slice; the units each slice did. */
function runInSlices(text: string, budget: number, defaultMslMs?: number): { analysis: Analysis; slices: number[] } {
  const job = analyzeInSlices(text, { defaultMslMs });
  const slices: number[] = [];
  let done = false;
  while (!done) {
    const before = job.units;
    done = job.step(budget);
    slices.push(job.units - before);
  }
  return { analysis: job.result!, slices };
}

/** A valid exchange of `requests` acknowledged requests, seq/ack written now and then, with symbols. */
function largeScript(requests: number): string {
  const rows = [
    'title Large',
    'participant client 10.0.0.1:51000',
    'participant server 10.0.0.2:80 listen',
    'section Handshake',
    'client -> server: SYN seq=x mss=1460',
    'server -> client: SYN+ACK seq=y ack=x+1 mss=1460',
    'client -> server: ACK seq=x+1 ack=y+1',
    'section Data',
  ];
  let next = 1;
  for (let i = 0; i < requests; i++) {
    const fields = i % 8 === 0 ? ` seq=x+${next} ack=y+1` : i % 4 === 0 ? ` seq=${next} ack=1` : '';
    rows.push(`client -> server: PSH+ACK${fields} "GET /item/${i}"`, 'server -> client: ACK');
    next += `GET /item/${i}`.length;
  }
  rows.push('client: close', 'client -> server: FIN+ACK', 'server -> client: ACK', 'server: close', 'server -> client: FIN+ACK', 'client -> server: ACK');
  return lines(...rows);
}

describe('analyzeInSlices', () => {
  it('gives analyze’s result for every example, a slice of one unit or of many', () => {
    assert.ok(examples.length > 10);
    for (const text of examples) {
      const expected = analyze(text);
      for (const budget of [1, 7, 1_000_000]) assertSameAnalysis(runInSlices(text, budget).analysis, expected);
    }
  });

  it('gives analyze’s result for a large generated script, and for one with mistakes, blocks and many endpoints', function () {
    // Four analyses of 6,000 lines and their comparison: seconds on a busy machine.
    this.timeout(60_000);
    const large = largeScript(3_000);
    assertSameAnalysis(runInSlices(large, 250).analysis, analyze(large));
    const rows = large.split('\n');
    rows.splice(2_000, 0, 'simultaneous', 'client -> server: ACK seq=1', 'server -> client: ACK', 'end');
    rows.splice(4_000, 1, 'server -> client: SYN', 'clinet -> server: ACK seq=5', 'wait 2MSL', 'expect client CLOSED');
    rows.push(...Array.from({ length: 500 }, (_, i) => `e${i} -> e${i + 1}: SYN`), 'simultaneous', 'a -> b: SYN');
    const broken = lines(...rows);
    const expected = analyze(broken);
    assert.ok(expected.diagnostics.some((d) => d.code === 'syntax.unclosed-block'));
    assertSameAnalysis(runInSlices(broken, 333).analysis, expected);
  });

  it('keeps the MSL it is given', () => {
    const text = lines('a -> b: SYN', 'wait 2MSL');
    assertSameAnalysis(runInSlices(text, 1, 5_000).analysis, analyze(text, { defaultMslMs: 5_000 }));
  });

  it('gives analyze’s result for arbitrary scripts, in slices of any size', () => {
    fc.assert(
      fc.property(scripts, fc.integer({ min: 1, max: 50 }), (text, budget) => {
        assertSameAnalysis(runInSlices(text, budget).analysis, analyze(text));
      }),
      { numRuns: 200 },
    );
  });

  it('does at most its budget in each slice: a line parsed, a statement read for its endpoints or run is one unit', () => {
    const text = largeScript(2_000);
    const lineCount = text.split('\n').length;
    const statements = analyze(text).script.statements.length;
    const { slices } = runInSlices(text, 100);
    assert.ok(slices.every((units) => units >= 1 && units <= 100));
    // A slice does its whole budget but where a phase ends (parsing, reading the statements
    // for their endpoints, running them): one unit for each line, two for each statement, and
    // one each to start parsing and simulating.
    assert.equal(slices.filter((units) => units < 100).length, 3);
    assert.equal(slices.reduce((a, b) => a + b, 0), lineCount + 1 + 2 * statements + 1);
    const phaseEnds = [lineCount + 1, lineCount + 1 + statements + 1, lineCount + 1 + 2 * statements + 1];
    let done = 0;
    const ends: number[] = [];
    for (const units of slices) {
      done += units;
      if (units < 100) ends.push(done);
    }
    assert.deepEqual(ends, phaseEnds);
  });

  it('says how far it is, from 0 to 1, never going back', () => {
    const job = analyzeInSlices(largeScript(1_000));
    const seen = [job.progress];
    while (!job.step(50)) seen.push(job.progress);
    seen.push(job.progress);
    assert.equal(seen[0], 0);
    assert.equal(seen[seen.length - 1], 1);
    assert.ok(seen.every((p, i) => i === 0 || p >= seen[i - 1]));
    assert.ok(seen.some((p) => p > 0.2 && p < 0.8));
    assert.equal(job.result === undefined, false);
  });

  it('completes an empty script in three units: starting, its one empty line, simulating nothing', () => {
    const job = analyzeInSlices('');
    assert.deepEqual([job.step(1), job.step(1), job.result], [false, false, undefined]);
    assert.equal(job.step(1), true);
    assertSameAnalysis(job.result!, analyze(''));
  });
});
