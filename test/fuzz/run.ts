// `npm run fuzz [-- --seconds N]`: the fuzz suite for as long as asked (10 minutes unless
// told), over every core entry point, both importers and every quick fix. Prints inputs per second and the
// worst time; saves every input that threw or took more than 100 ms to fuzz-findings/, and
// exits 1 if there was any.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { judgeFixes } from './fixCheck';
import { imports, lineMutatedScripts, scripts } from './inputs';
import { checkImport, checkScript } from './targets';

const SLOW_MS = 100;
const BATCH = 200;

interface Target {
  readonly name: string;
  readonly inputs: fc.Arbitrary<string>;
  readonly check: (text: string) => void;
}

const TARGETS: readonly Target[] = [
  { name: 'script', inputs: scripts, check: checkScript },
  { name: 'import', inputs: imports, check: checkImport },
  { name: 'quick-fix', inputs: lineMutatedScripts, check: checkFixes },
];

/** Every quick fix offered, applied alone: its diagnostic gone, no new error. */
function checkFixes(text: string): void {
  const failure = judgeFixes(text)[0];
  if (failure !== undefined) throw new Error(`${failure.diagnostic}: "${failure.fix}" does not fix it: ${failure.problem}`);
}

interface Finding {
  readonly target: string;
  readonly input: string;
  readonly why: string;
}

function secondsWanted(argv: readonly string[]): number {
  const i = argv.indexOf('--seconds');
  const value = i >= 0 ? Number(argv[i + 1]) : 600;
  return Number.isFinite(value) && value > 0 ? value : 600;
}

/** The time of one run; a slow one is timed again, so that a pause of the machine is not taken for the input's cost. */
function timed(check: (text: string) => void, input: string): number {
  const once = () => {
    const start = performance.now();
    check(input);
    return performance.now() - start;
  };
  const first = once();
  return first > SLOW_MS ? Math.min(first, once()) : first;
}

function main(): number {
  const seconds = secondsWanted(process.argv.slice(2));
  const deadline = performance.now() + seconds * 1000;
  const seed = Date.now() | 0;
  const findings: Finding[] = [];
  const worst = new Map<string, { ms: number; length: number }>();
  const counts = new Map<string, number>();
  let batch = 0;
  console.log(`fuzzing for ${seconds} s, seed ${seed}`);
  while (performance.now() < deadline) {
    for (const target of TARGETS) {
      for (const input of fc.sample(target.inputs, { numRuns: BATCH, seed: seed + batch })) {
        let ms: number;
        try {
          ms = timed(target.check, input);
        } catch (error) {
          findings.push({ target: target.name, input, why: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          continue;
        }
        counts.set(target.name, (counts.get(target.name) ?? 0) + 1);
        if (ms > (worst.get(target.name)?.ms ?? -1)) worst.set(target.name, { ms, length: input.length });
        if (ms > SLOW_MS) findings.push({ target: target.name, input, why: `took ${ms.toFixed(1)} ms` });
      }
    }
    batch++;
  }

  const total = [...counts.values()].reduce((a, b) => a + b, 0) + findings.filter((f) => !f.why.startsWith('took')).length;
  console.log(`${total} inputs in ${seconds} s: ${(total / seconds).toFixed(0)} inputs/s`);
  for (const target of TARGETS) {
    const w = worst.get(target.name);
    console.log(`  ${target.name}: ${counts.get(target.name) ?? 0} inputs, worst ${w ? `${w.ms.toFixed(1)} ms (an input of ${w.length} characters)` : '-'}`);
  }
  if (findings.length === 0) {
    console.log('no exception, no input over 100 ms; nothing saved');
    return 0;
  }
  const dir = path.join(__dirname, '..', '..', '..', 'fuzz-findings');
  fs.mkdirSync(dir, { recursive: true });
  findings.forEach((f, i) => {
    const file = path.join(dir, `${seed}-${i}-${f.target}.txt`);
    fs.writeFileSync(file, f.input);
    fs.writeFileSync(`${file}.why`, `${f.why}\n`);
    console.log(`saved ${path.relative(process.cwd(), file)}: ${f.why.split('\n')[0]}`);
  });
  return 1;
}

process.exitCode = main();
