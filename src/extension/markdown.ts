// Runs in the extension host, inside VS Code's built-in Markdown preview (a
// `markdown.markdownItPlugins` contribution: `activate` returns `{ extendMarkdownIt }`).
// Turns ```tcpflow fences into <div class="tcpflow-diagram"> holding the diagram's Mermaid
// source as escaped text, and ```tcpflow ladder fences into <div class="tcpflow-ladder">
// holding the timing ladder's plain SVG as escaped text, each preceded by the script's
// errors; dist/webview/markdownPreview.js (a `markdown.previewScripts` contribution) draws
// the divs. No vscode import: testable in Node.

import { analyze, ladderSvg, toLadder, toMermaid } from '../core/index';

/** The part of markdown-it this plugin uses (markdown-it ships no types here). */
export interface MarkdownIt {
  renderer: { rules: Record<string, RenderRule | undefined> };
}

interface FenceToken {
  readonly info: string;
  readonly content: string;
}

type RenderRule = (tokens: FenceToken[], index: number, options: unknown, env: unknown, self: unknown) => string;

const MAX_ERRORS = 10;

export function extendMarkdownIt<T extends MarkdownIt>(md: T): T {
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const [language, view] = token.info.trim().toLowerCase().split(/\s+/);
    if (language === 'tcpflow') return tcpflowBlock(token.content, view === 'ladder' ? 'ladder' : 'sequence');
    return fallback !== undefined ? fallback(tokens, index, options, env, self) : `<pre><code>${escapeHtml(token.content)}</code></pre>\n`;
  };
  return md;
}

/** The HTML for one ```tcpflow block: errors (if any), then the diagram's source as text. */
export function tcpflowBlock(script: string, view: 'sequence' | 'ladder' = 'sequence'): string {
  const analysis = analyze(script);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  let html = '';
  if (errors.length > 0) {
    const items = errors
      .slice(0, MAX_ERRORS)
      .map((d) => `<li>line ${d.range.start.line + 1}: ${escapeHtml(d.message)} <code>${escapeHtml(d.code)}</code></li>`)
      .join('');
    const more = errors.length > MAX_ERRORS ? `<li>and ${errors.length - MAX_ERRORS} more</li>` : '';
    html += `<ul class="tcpflow-errors">${items}${more}</ul>\n`;
  }
  if (view === 'ladder') return `${html}<div class="tcpflow-ladder">${escapeHtml(ladderSvg(toLadder(analysis)))}</div>\n`;
  return `${html}<div class="tcpflow-diagram">${escapeHtml(toMermaid(analysis).text)}</div>\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
