// Every ```tcpflow block of README.md and docs/ is checked: clean, or with exactly the
// diagnostics listed in the comment after it (a fragment such as `expect client ESTABLISHED`
// cannot be clean on its own). The docs are where many first learn the language.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { docBlocks } from './helpers/scenarios';

describe('the tcpflow blocks of README.md and docs/', () => {
  const blocks = docBlocks();

  it('finds the README example and the language guide blocks', () => {
    assert.deepEqual(
      [...new Set(blocks.map((b) => b.file))],
      ['README.md', 'docs/language.md'],
    );
  });

  for (const block of blocks) {
    it(`${block.file}:${block.line} is ${block.listed ? `listed with ${block.listed}` : 'clean'}`, () => {
      const found = analyze(block.text).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`);
      assert.equal(found.join(', ') || undefined, block.listed, analyze(block.text).diagnostics.map((d) => d.message).join('\n'));
    });
  }
});
