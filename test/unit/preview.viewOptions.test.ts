// The preview's view options, described once: the toolbar's controls, the check of what a
// webview sends, the resolution against the script's own options and the emitter's options
// all follow VIEW_OPTIONS.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { buildPreviewHtml } from '../../src/extension/preview/html';
import { emitterOptions } from '../../src/extension/preview/renderModel';
import { PREVIEW_TABS } from '../../src/shared/previewTabs';
import { isEffectiveViewOptions, isViewOptions, resolveViewOptions, VIEW_OPTION_NAMES, VIEW_OPTIONS, withOption } from '../../src/shared/viewOptions';
import { lines } from './helpers/lines';

const page = () => buildPreviewHtml({ cspSource: 'https://x', nonce: 'abcdef0123456789abcdef', mermaidUri: 'm.js', scriptUri: 'p.js', styleUri: 's.css' });

describe('preview view options', () => {
  it('has one toolbar control per option, with every value, on the tabs the option names', () => {
    assert.deepEqual(VIEW_OPTION_NAMES, ['states', 'numbers', 'autonumber']);
    const html = page();
    assert.deepEqual(
      [...html.matchAll(/<select data-option="(\w+)"[^>]*>(.*?)<\/select>/g)].map((m) => [m[1], [...m[2].matchAll(/value="([^"]+)"/g)].map((v) => v[1])]),
      [
        ['states', ['changes', 'all', 'none']],
        ['numbers', ['as-written', 'relative', 'absolute', 'none']],
      ],
    );
    assert.deepEqual([...html.matchAll(/<input type="checkbox" data-option="(\w+)">/g)].map((m) => m[1]), ['autonumber']);
    assert.equal((html.match(/data-tabs="sequence"/g) ?? []).length, 5, 'three options and the two whole-script exports act on the sequence tab only');
    assert.deepEqual([...html.matchAll(/data-tab="(\w+)"/g)].map((m) => m[1]), PREVIEW_TABS.map((t) => t.id));
  });

  it('accepts only known options with known values', () => {
    assert.deepEqual(
      [{}, { states: 'all' }, { numbers: 'none', autonumber: true }, { states: undefined }].map(isViewOptions),
      [true, true, true, true],
    );
    assert.deepEqual(
      [null, [], { zoom: 1 }, { states: 'some' }, { autonumber: 'yes' }, { toString: 'x' }, { constructor: 1 }].map(isViewOptions),
      [false, false, false, false, false, false, false],
    );
    assert.equal(isEffectiveViewOptions({ states: 'all', numbers: 'relative' }), false, 'every option resolved');
    assert.equal(isEffectiveViewOptions({ states: 'all', numbers: 'relative', autonumber: false }), true);
  });

  it("resolves the toolbar's choice, else the script's option, else the fallback, and hands the result to the emitter", () => {
    const analysis = analyze(lines('option states=all', 'option numbers=absolute', 'participant a', 'participant b listen', 'a -> b: SYN'));
    assert.deepEqual(resolveViewOptions({}, analysis.options), { states: 'all', numbers: 'absolute', autonumber: false });
    assert.deepEqual(resolveViewOptions({ numbers: 'relative', autonumber: true }, analysis.options), { states: 'all', numbers: 'relative', autonumber: true });
    assert.deepEqual(resolveViewOptions({}, analyze('participant a').options), { states: 'changes', numbers: 'as-written', autonumber: false });
    assert.deepEqual(emitterOptions({ states: 'none', numbers: 'none', autonumber: true }, 'netstat', 20), {
      states: 'none',
      numbers: 'none',
      autonumber: true,
      naming: 'netstat',
      payloadChars: 20,
    });
  });

  it('sets an option from the toolbar only to one of its values', () => {
    assert.deepEqual(withOption({ states: 'all' }, 'numbers', 'relative'), { states: 'all', numbers: 'relative' });
    assert.deepEqual(withOption({}, 'autonumber', true), { autonumber: true });
    assert.equal(withOption({}, 'numbers', 'hex'), undefined);
    assert.equal(withOption({}, 'autonumber', 'true'), undefined);
    assert.equal(VIEW_OPTIONS.numbers.fallback, 'as-written');
  });
});
