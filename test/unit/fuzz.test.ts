// The fuzz suite, bounded: every core entry point (analysis, both diagrams, every language
// service), both importers and every quick fix on generated inputs. `npm run fuzz` runs the
// same for longer.

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { judgeFixes } from '../fuzz/fixCheck';
import { imports, lineMutatedScripts, scripts } from '../fuzz/inputs';
import { checkImport, checkScript } from '../fuzz/targets';

describe('fuzz (bounded)', () => {
  it('the script entry points keep their invariants on any input', () => {
    fc.assert(fc.property(scripts, checkScript), { numRuns: 300 });
  });

  it('the importers keep theirs', () => {
    fc.assert(fc.property(imports, checkImport), { numRuns: 300 });
  });

  it('every quick fix offered on an example with lines dropped, repeated, swapped or changed fixes its diagnostic and adds no error', () => {
    fc.assert(
      fc.property(lineMutatedScripts, (script) => assert.deepEqual(judgeFixes(script), [])),
      { numRuns: 150 },
    );
  });
});
