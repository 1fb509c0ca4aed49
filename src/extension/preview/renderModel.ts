// What the preview shows for one analysis, as the messages the host posts: the sequence
// diagram in pages, the state machine, the errors. Pure (no vscode): the panel supplies the
// settings, and the unit tests call it directly.

import type { Analysis, Diagnostic, StateNaming } from '../../core/index';
import { toMermaid } from '../../core/index';
import { toStateDiagram } from '../../core/index';
import type { DiagramTab, ErrorItem, PreviewSource, RenderMessage, StateMachineView, ViewOptions } from '../../shared/previewProtocol';
import { sequencePages } from './paging';

export interface RenderSettings {
  readonly naming: StateNaming;
  readonly messagesPerPage: number;
  /** Whether a diagnostic counts as an error under the user's severity settings. */
  readonly isError: (diagnostic: Diagnostic) => boolean;
}

export function renderMessage(
  analysis: Analysis,
  renderId: number,
  source: PreviewSource,
  options: ViewOptions,
  settings: RenderSettings,
  cursorLine: number,
): RenderMessage {
  const mermaidOptions = { states: options.states, numbers: options.numbers, autonumber: options.autonumber, naming: settings.naming };
  return {
    type: 'render',
    renderId,
    source,
    pages: sequencePages(analysis, mermaidOptions, settings.messagesPerPage),
    stateMachine: stateMachineView(analysis, settings.naming, cursorLine),
    errors: errorItems(analysis.diagnostics, settings.isError),
    effective: { states: options.states ?? analysis.options.states, numbers: options.numbers ?? analysis.options.numbers },
    cursorLine,
  };
}

export function stateMachineView(analysis: Analysis, naming: StateNaming, cursorLine: number): StateMachineView {
  const diagram = toStateDiagram(analysis, { naming, cursorLine: cursorLine >= 0 ? cursorLine : undefined });
  return {
    text: diagram.text,
    transitions: diagram.transitions.map((t) => t.takenBy),
    endpoints: diagram.endpoints.map((e) => ({
      label: e.label,
      color: e.color,
      path: e.path.map((visit) => visit.state).join(' → '),
      current: e.current ?? '',
    })),
  };
}

export function errorItems(diagnostics: readonly Diagnostic[], isError: (d: Diagnostic) => boolean): ErrorItem[] {
  return diagnostics
    .filter(isError)
    .map((d) => ({ line: d.range.start.line, column: d.range.start.character, code: d.code, message: d.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The whole diagram's source (not a page of it), for the clipboard. */
export function diagramSource(analysis: Analysis, diagram: DiagramTab, options: ViewOptions, naming: StateNaming, cursorLine: number): string {
  if (diagram === 'state') return stateMachineView(analysis, naming, cursorLine).text;
  return toMermaid(analysis, { states: options.states, numbers: options.numbers, autonumber: options.autonumber, naming }).text;
}

/** A fenced Markdown block that renders in GitHub, GitLab and VS Code's Markdown preview. */
export function markdownBlock(mermaid: string): string {
  return '```mermaid\n' + (mermaid.endsWith('\n') ? mermaid : mermaid + '\n') + '```\n';
}
