// The Markdown preview plugin: ```tcpflow fences become a div holding the escaped Mermaid
// source (drawn by markdownPreview.js); other fences are left to markdown-it.

import * as assert from 'node:assert/strict';
import { analyze, ladderSvg, toLadder } from '../../src/core/index';
import { extendMarkdownIt, markdownDiagnostics, tcpflowBlock, tcpflowFences, type MarkdownIt } from '../../src/extension/markdown';
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
      '<div class="tcpflow-diagram">sequenceDiagram\n  participant p0 as a\n  participant p1 as b\n  Note over p0,p1: CLOSED | LISTEN\n  p0-&gt;&gt;p1: SYN seq=0\n  Note over p0,p1: SYN-SENT | SYN-RECEIVED\n</div>\n',
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

  it("numbers the errors by the Markdown file's lines and marks the section banners", () => {
    const md: MarkdownIt = { renderer: { rules: {} } };
    extendMarkdownIt(md);
    const script = lines('participant a', 'participant b', 'section Start', 'a -> b: SYN+ACK', '');
    const html = md.renderer.rules.fence?.([{ info: 'tcpflow', content: script, map: [8, 14] }], 0, {}, {}, {}) ?? '';
    assert.match(html, /^<ul class="tcpflow-errors"><li>line 13: /);
    assert.match(html, /<div class="tcpflow-diagram" data-sections="1">/);
  });

  it('finds the tcpflow fences of a Markdown text and puts their diagnostics at its lines', () => {
    const markdown = lines('# Doc', '', '```tcpflow', 'participant a', 'a -> b: SYN', '```', '', '~~~~ tcpflow x', 'participant c', 'participant d', 'c -> d: ACK', '~~~~', '```js', '```tcpflow', '```', '');
    assert.deepEqual(tcpflowFences(markdown), [
      { firstLine: 3, script: 'participant a\na -> b: SYN' },
      { firstLine: 8, script: 'participant c\nparticipant d\nc -> d: ACK' },
    ]);
    assert.deepEqual(
      markdownDiagnostics(markdown).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`),
      [...analyze('participant a\na -> b: SYN').diagnostics.map((d) => `${d.range.start.line + 3}:${d.range.start.character} ${d.code}`), ...analyze('participant c\nparticipant d\nc -> d: ACK').diagnostics.map((d) => `${d.range.start.line + 8}:${d.range.start.character} ${d.code}`)],
    );
    assert.ok(markdownDiagnostics(markdown).length >= 2, 'both fences have errors');
  });
});
