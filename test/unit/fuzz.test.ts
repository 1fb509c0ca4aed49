// The fuzz suite, bounded: every core entry point (analysis, both diagrams, every language
// service) and both importers on generated inputs. `npm run fuzz` runs the same for longer.

import fc from 'fast-check';
import { imports, scripts } from '../fuzz/inputs';
import { checkImport, checkScript } from '../fuzz/targets';

describe('fuzz (bounded)', () => {
  it('the script entry points keep their invariants on any input', () => {
    fc.assert(fc.property(scripts, checkScript), { numRuns: 300 });
  });

  it('the importers keep theirs', () => {
    fc.assert(fc.property(imports, checkImport), { numRuns: 300 });
  });
});
