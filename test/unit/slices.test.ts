// The extension's stepping of a sliced analysis (src/extension/slices.ts): one slice per turn
// of the event loop, other work runs between them, and it stops once the job is not wanted.

import * as assert from 'node:assert/strict';
import { analyze, analyzeInSlices } from '../../src/core/index';
import { runInSlices } from '../../src/extension/slices';
import { lines } from './helpers/lines';

function script(count: number): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  while (rows.length < count - 1) rows.push('client -> server: PSH+ACK "abcd"', 'server -> client: ACK');
  rows.push('client -> server: ACK seq=9');
  return lines(...rows);
}

describe('runInSlices', () => {
  it('runs a slice per turn, other work between them, to analyze’s diagnostics', async () => {
    const text = script(6_000);
    const job = analyzeInSlices(text);
    let slices = 0;
    let between = 0;
    let done = false;
    const finished = new Promise<void>((resolve) =>
      runInSlices(job, {
        wanted: () => true,
        sliced: () => slices++,
        done: () => {
          done = true;
          resolve();
        },
      }),
    );
    assert.equal(slices, 0, 'no slice runs in the caller’s turn');
    // Work queued behind each slice runs before the next one.
    const other = (): void => {
      if (done) return;
      between++;
      setImmediate(other);
    };
    setImmediate(other);
    await finished;
    assert.ok(slices > 1, `${slices} slices`);
    assert.ok(between >= slices - 1, `${between} turns of other work between ${slices} slices`);
    assert.deepEqual(job.result!.diagnostics, analyze(text).diagnostics);
    assert.deepEqual(
      job.result!.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['tcp.bad-seq', 5_999]],
    );
  });

  it('stops once the job is no longer wanted', async () => {
    const job = analyzeInSlices(script(20_000));
    let wanted = true;
    let slices = 0;
    let done = false;
    runInSlices(job, {
      wanted: () => wanted,
      sliced: () => {
        slices++;
        wanted = false;
      },
      done: () => (done = true),
    });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual([slices, done, job.result], [1, false, undefined]);
  });
});
