// The Markdown preview plugin: ```tcpflow fences become a div holding the escaped Mermaid
// source (drawn by markdownPreview.js); other fences are left to markdown-it.

import * as assert from 'node:assert/strict';
import { analyze, ladderSvg, toLadder } from '../../src/core/index';
import { extendMarkdownIt, tcpflowBlock, type MarkdownIt } from '../../src/extension/markdown';
import { lines } from './helpers/lines';

function fakeMarkdownIt(): MarkdownIt & { fence: (info: string, content: string) => string } {
  const md: MarkdownIt = { renderer: { rules: { fence: (tokens, i) => `<pre class="default">${tokens[i].content}</pre>` } } };
  return Object.assign(md, {
    fence: (info: string, content: string) => md.renderer.rules.fence?.([{ info, content }], 0, {}, {}, {}) ?? '',
  });
}

describe('Markdown preview plugin', () => {
  it('turns a tcpflow fence into a tcpflow-diagram div with the Mermaid source as text', () => {
    const md = extendMarkdownIt(fakeMarkdownIt());
    assert.equal(
      md.fence('tcpflow', lines('participant a', 'participant b listen', 'a -> b: SYN', '')),
      '<div class="tcpflow-diagram">sequenceDiagram\n  participant p0 as a\n  participant p1 as b\n  Note left of p0: CLOSED\n  Note right of p1: LISTEN\n  p0-&gt;&gt;p1: SYN\n  Note left of p0: SYN-SENT\n  Note right of p1: SYN-RECEIVED\n</div>\n',
    );
    assert.equal(md.fence(' TCPflow  title="x"', 'a -> b: SYN').startsWith('<div class="tcpflow-diagram">'), true);
  });

  it('turns a tcpflow ladder fence into a tcpflow-ladder div with the ladder’s SVG as escaped text', () => {
    const md = extendMarkdownIt(fakeMarkdownIt());
    const script = lines('participant a as "<b>x</b>"', 'participant b listen', 'a -> b: SYN', '');
    const svg = ladderSvg(toLadder(analyze(script)));
    const escaped = svg.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    assert.equal(md.fence('tcpflow ladder', script), `<div class="tcpflow-ladder">${escaped}</div>\n`);
    assert.equal(md.fence('TCPflow   Ladder', script), `<div class="tcpflow-ladder">${escaped}</div>\n`);
    assert.doesNotMatch(md.fence('tcpflow ladder', script), /<svg|<b>/);
    assert.equal(md.fence('tcpflow sequence', script), md.fence('tcpflow', script));
  });

  it('leaves other fences to the renderer it replaced', () => {
    const md = extendMarkdownIt(fakeMarkdownIt());
    assert.equal(md.fence('mermaid', 'graph TD'), '<pre class="default">graph TD</pre>');
    assert.equal(md.fence('', 'text'), '<pre class="default">text</pre>');
  });

  it('lists the errors above the diagram, escaped, and never lets script text become markup', () => {
    const script = lines('participant a as "<img src=x onerror=alert(1)>"', 'participant b', 'a -> b: PSH "</div><script>x</script>"');
    const html = tcpflowBlock(script);
    const diagnostics = analyze(script).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['tcp.invalid-send'],
    );
    assert.equal(html.split('\n')[0], `<ul class="tcpflow-errors"><li>line 3: ${diagnostics[0].message} <code>tcp.invalid-send</code></li></ul>`);
    assert.doesNotMatch(html, /<img|<script|<\/div><script/);
    assert.equal(html.match(/<div/g)?.length, 1);
    assert.equal(html.match(/<\/div>/g)?.length, 1);
  });
});
