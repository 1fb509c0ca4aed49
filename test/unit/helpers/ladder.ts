// Helpers for the ladder tests: the examples, and geometry read back from a laid-out model.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LadderSegment } from '../../../src/core/index';

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', '..', 'examples');

export function exampleFiles(): string[] {
  return fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.tcpflow')).sort();
}

export function example(file: string): string {
  return fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
}

/** True when the two arrows cross strictly inside both (not where they only meet at a lane). */
export function cross(a: LadderSegment, b: LadderSegment): boolean {
  const d = (a.to.x - a.from.x) * (b.to.y - b.from.y) - (a.to.y - a.from.y) * (b.to.x - b.from.x);
  if (d === 0) return false;
  const qx = b.from.x - a.from.x;
  const qy = b.from.y - a.from.y;
  const t = (qx * (b.to.y - b.from.y) - qy * (b.to.x - b.from.x)) / d;
  const u = (qx * (a.to.y - a.from.y) - qy * (a.to.x - a.from.x)) / d;
  return t > 0.01 && t < 0.99 && u > 0.01 && u < 0.99;
}

/** `line: from → to` with 1-based lines, for exact comparisons. */
export function geometry(s: LadderSegment): string {
  return `${s.line + 1}: ${s.from.x},${s.from.y} → ${s.to.x},${s.to.y} ${s.fate}`;
}
