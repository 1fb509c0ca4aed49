// `analyze`, a slice at a time: the same parse and simulation, paused every few lines or
// statements, so that an editor can analyse a very large script without holding its thread.
// Pure: no timers here; whoever steps the job decides when each slice runs.

import type { Analysis } from './analysis';
import { simulateStatements } from './engine/simulate';
import { parseLines, type Parsed } from './syntax/parser';

/** Parsing is about two fifths of an analysis, simulating the rest (`npm run bench`). */
const PARSE_SHARE = 0.4;

export type AnalysisPhase = 'parse' | 'endpoints' | 'simulate' | 'done';

export class AnalysisJob {
  private parsing: Generator<number, Parsed, void> | undefined;
  private simulating: Generator<number, Analysis, void> | undefined;
  private statementCount = 0;
  /** Units done simulating. */
  private simulated = 0;
  private fraction = 0;
  private done = 0;
  private analysis: Analysis | undefined;

  constructor(
    private readonly text: string,
    private readonly defaultMslMs: number,
  ) {
    this.parsing = parseLines(text, true);
  }

  /**
   * Does at most `budget` units of work (at least one): a unit parses one line, reads one
   * statement for the endpoints it names, or simulates one statement. A slice ends early where
   * a phase ends, since the next one's units cost differently. True once the analysis is
   * complete.
   */
  step(budget: number): boolean {
    const units = Math.max(1, Math.floor(budget));
    const phase = this.phase;
    for (let i = 0; i < units && this.phase === phase; i++) {
      this.done++;
      if (this.parsing !== undefined) {
        const next = this.parsing.next();
        if (!next.done) {
          this.fraction = PARSE_SHARE * (this.text.length === 0 ? 1 : next.value / this.text.length);
          continue;
        }
        this.parsing = undefined;
        this.statementCount = next.value.script.statements.length;
        this.simulating = simulateStatements(next.value.script, next.value.diagnostics, this.defaultMslMs);
        this.fraction = PARSE_SHARE;
        continue;
      }
      const next = this.simulating!.next();
      if (!next.done) {
        // Each statement is read once for its endpoints, then run.
        this.simulated++;
        this.fraction = PARSE_SHARE + (1 - PARSE_SHARE) * Math.min(1, this.simulated / (2 * this.statementCount + 1));
        continue;
      }
      this.simulating = undefined;
      this.analysis = next.value;
      this.fraction = 1;
    }
    return this.analysis !== undefined;
  }

  /**
   * What the job does now: its units cost differently in each (reading a statement for its
   * endpoints is far cheaper than running it), so a caller timing its slices times each apart.
   */
  get phase(): AnalysisPhase {
    if (this.analysis !== undefined) return 'done';
    if (this.simulating === undefined) return 'parse';
    return this.simulated <= this.statementCount ? 'endpoints' : 'simulate';
  }

  /** How much of the work is done, from 0 to 1. */
  get progress(): number {
    return this.fraction;
  }

  /** The units of work done so far. */
  get units(): number {
    return this.done;
  }

  /** The analysis, once `step` has returned true; the same as `analyze` gives for the text. */
  get result(): Analysis | undefined {
    return this.analysis;
  }
}
