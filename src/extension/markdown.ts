// Runs in the extension host, inside VS Code's built-in Markdown preview (a
// `markdown.markdownItPlugins` contribution: `activate` returns `{ extendMarkdownIt }`).
// Turns ```tcpflow fences into <div class="tcpflow-diagram"> holding the diagram's Mermaid
// source as escaped text, and ```tcpflow ladder fences into <div class="tcpflow-ladder">
// holding the timing ladder's plain SVG as escaped text, each preceded by the script's errors
// with the Markdown file's own line numbers; dist/webview/markdownPreview.js (a
// `markdown.previewScripts` contribution) draws the divs, fitted to the preview's width.
// `tcpflowFences` finds the same fences for the Markdown editor's squiggles
// (markdownDiagnostics.ts). No vscode import: testable in Node.

import { analyze, ladderSvg, toLadder, toMermaid, type Diagnostic, type Range } from '../core/index';

/** The part of markdown-it this plugin uses (markdown-it ships no types here). */
export interface MarkdownIt {
  renderer: { rules: Record<string, RenderRule | undefined> };
}

interface FenceToken {
  readonly info: string;
  readonly content: string;
  /** markdown-it's [first line, line after] of the fence, 0-based. */
  readonly map?: readonly [number, number] | null;
}

type RenderRule = (tokens: FenceToken[], index: number, options: unknown, env: unknown, self: unknown) => string;

const MAX_ERRORS = 10;

export function extendMarkdownIt<T extends MarkdownIt>(md: T): T {
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const [language, view] = token.info.trim().toLowerCase().split(/\s+/);
    // The script starts on the line after the opening ```.
    if (language === 'tcpflow') return tcpflowBlock(token.content, view === 'ladder' ? 'ladder' : 'sequence', token.map ? token.map[0] + 1 : 0);
    return fallback !== undefined ? fallback(tokens, index, options, env, self) : `<pre><code>${escapeHtml(token.content)}</code></pre>\n`;
  };
  return md;
}

function isTcpflowInfo(info: string): boolean {
  return info.trim().split(/\s+/)[0]?.toLowerCase() === 'tcpflow';
}

/**
 * The HTML for one ```tcpflow block whose script starts on 0-based line `firstLine` of the
 * Markdown file: errors (if any, with the file's line numbers), then the diagram's source as
 * text and which of its notes are section banners, or the ladder's plain SVG as text.
 */
export function tcpflowBlock(script: string, view: 'sequence' | 'ladder' = 'sequence', firstLine = 0): string {
  const analysis = analyze(script);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  let html = '';
  if (errors.length > 0) {
    const items = errors
      .slice(0, MAX_ERRORS)
      .map((d) => `<li>line ${firstLine + d.range.start.line + 1}: ${escapeHtml(d.message)} <code>${escapeHtml(d.code)}</code></li>`)
      .join('');
    const more = errors.length > MAX_ERRORS ? `<li>and ${errors.length - MAX_ERRORS} more</li>` : '';
    html += `<ul class="tcpflow-errors">${items}${more}</ul>\n`;
  }
  if (view === 'ladder') return `${html}<div class="tcpflow-ladder">${escapeHtml(ladderSvg(toLadder(analysis)))}</div>\n`;
  const diagram = toMermaid(analysis);
  const sections = diagram.sections.length > 0 ? ` data-sections="${diagram.sections.join(' ')}"` : '';
  return `${html}<div class="tcpflow-diagram"${sections}>${escapeHtml(diagram.text)}</div>\n`;
}

export interface TcpflowFence {
  /** 0-based line of the fence's first script line in the Markdown text. */
  readonly firstLine: number;
  readonly script: string;
}

/** The ```tcpflow (or ~~~tcpflow) fences of a Markdown text, as CommonMark delimits them. */
export function tcpflowFences(markdown: string): TcpflowFence[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  const fences: TcpflowFence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (open === null) continue;
    const marker = open[1];
    if (marker[0] === '`' && open[2].includes('`')) continue;
    let end = i + 1;
    const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    while (end < lines.length && !close.test(lines[end])) end++;
    if (isTcpflowInfo(open[2])) fences.push({ firstLine: i + 1, script: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return fences;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function shifted(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** The diagnostics of every tcpflow fence in `markdown`, placed at the file's lines. */
export function markdownDiagnostics(markdown: string): Diagnostic[] {
  return tcpflowFences(markdown).flatMap((fence) =>
    analyze(fence.script).diagnostics.map((d) => ({
      ...d,
      range: shifted(d.range, fence.firstLine),
      related: d.related?.map((r) => ({ ...r, range: shifted(r.range, fence.firstLine) })),
    })),
  );
}
