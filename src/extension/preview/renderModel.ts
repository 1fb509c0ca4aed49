// What the preview shows for one analysis, as the messages the host posts: the sequence
// diagram in pages, the state machine, the errors. Pure (no vscode): the panel supplies the
// settings, and the unit tests call it directly.

import type { Analysis, Diagnostic, MermaidOptions, StateNaming } from '../../core/index';
import { DARK_PALETTE, figure5Svg, ladderSvg, LIGHT_PALETTE, toFigure5, toLadder, toMermaid } from '../../core/index';
import { toStateDiagram } from '../../core/index';
import type { DiagramTab, ErrorItem, PreviewSource, RenderMessage, SequencePage, StateMachineView, TimelineView } from '../../shared/previewProtocol';
import { resolveViewOptions, type EffectiveViewOptions, type ViewOptions } from '../../shared/viewOptions';
import { packRecords } from '../../shared/previewRecords';
import { pageRanges, sequencePages } from './paging';
import { endLabels, timelineSteps } from './timelineSteps';

export interface RenderSettings {
  readonly naming: StateNaming;
  readonly messagesPerPage: number;
  /** Longest payload shown in a label (`tcpflow.preview.payloadLength`); undefined: the emitter's default. */
  readonly payloadChars?: number;
  /** Whether a diagnostic counts as an error under the user's severity settings. */
  readonly isError: (diagnostic: Diagnostic) => boolean;
  /** The tab a document opens on (`tcpflow.preview.defaultView`). */
  readonly defaultTab: DiagramTab;
  /**
   * The tab the webview shows this document on, when known: a long script (LONG_LADDER
   * segments or more) shown on another tab than Sequence is sent only its pages' lines.
   */
  readonly shownTab?: DiagramTab;
}

export function renderMessage(
  analysis: Analysis,
  renderId: number,
  source: PreviewSource,
  options: ViewOptions,
  settings: RenderSettings,
  cursorLine: number,
): RenderMessage {
  const effective = resolveViewOptions(options, analysis.options);
  const mermaidOptions = emitterOptions(effective, settings.naming, settings.payloadChars);
  const sequenceOmitted = settings.shownTab !== undefined && settings.shownTab !== 'sequence' && analysis.segments.size >= LONG_LADDER;
  return {
    type: 'render',
    renderId,
    source,
    pages: sequenceOmitted ? pageOutlines(analysis, mermaidOptions, settings.messagesPerPage) : sequencePages(analysis, mermaidOptions, settings.messagesPerPage),
    ...(sequenceOmitted ? { sequenceOmitted } : {}),
    stateMachine: stateMachineView(analysis, settings.naming, cursorLine),
    timeline: timelineView(analysis, settings.naming, effective),
    errors: errorItems(analysis.diagnostics, settings.isError),
    defaultTab: settings.defaultTab,
    effective,
    cursorLine,
  };
}

/** The pages' lines and segment counts, without their diagrams. */
function pageOutlines(analysis: Analysis, options: MermaidOptions, perPage: number): SequencePage[] {
  return pageRanges(analysis, perPage, toMermaid(analysis, options)).map((range) => ({ text: '', messages: [], notes: [], sections: [], fullLabels: [], ...range }));
}

/**
 * Figure 5's text sizes in the preview: the figure is 1,022 px wide, and fitted to the default
 * 626 px split (about 600 px of stage) its labels stay at 10 px or more.
 */
export const FIGURE5_LABEL_SIZE = 18;

export function stateMachineView(analysis: Analysis, naming: StateNaming, cursorLine: number): StateMachineView {
  const cursor = cursorLine >= 0 ? cursorLine : undefined;
  const diagram = toStateDiagram(analysis, { naming, cursorLine: cursor });
  const figure = toFigure5(analysis, { naming, cursorLine: cursor });
  const sizes = { labelSize: FIGURE5_LABEL_SIZE, stateSize: FIGURE5_LABEL_SIZE };
  return {
    text: diagram.text,
    figure5: { light: figure5Svg(figure, { palette: LIGHT_PALETTE, ...sizes }), dark: figure5Svg(figure, { palette: DARK_PALETTE, ...sizes }) },
    transitions: diagram.transitions.map((t) => t.takenBy),
    endpoints: diagram.endpoints.map((e, k) => ({
      label: e.label,
      color: LIGHT_PALETTE.endpoints[k % LIGHT_PALETTE.endpoints.length],
      darkColor: DARK_PALETTE.endpoints[k % DARK_PALETTE.endpoints.length],
      path: e.path.map((visit) => visit.state).join(' → '),
      current: e.current ?? '',
    })),
  };
}

/**
 * From this many segments on, the preview is sent the ladder's layout rather than its
 * picture: the webview draws only the part near the screen, and nothing writes the whole
 * picture twice on every keystroke.
 */
export const LONG_LADDER = 1000;

/**
 * The ladder is laid out once and written in both palettes: the webview picks one by its theme.
 * Its step-through counts SND.UNA, SND.NXT and RCV.NXT from each ISN unless the numbers are absolute.
 */
export function timelineView(analysis: Analysis, naming: StateNaming, effective: EffectiveViewOptions): TimelineView {
  const model = toLadder(analysis, { naming, numbers: effective.numbers });
  const numbers = effective.numbers === 'absolute' ? 'absolute' : 'relative';
  const stepping = { ends: endLabels(analysis), steps: timelineSteps(analysis, model, naming, numbers), numbers } as const;
  if (model.segments.length >= LONG_LADDER) {
    const { events: _events, segments, states, ...frame } = model;
    return { light: '', dark: '', layout: { ...frame, segments: packRecords(segments), states: packRecords(states) }, ...stepping };
  }
  return { light: ladderSvg(model, { palette: LIGHT_PALETTE }), dark: ladderSvg(model, { palette: DARK_PALETTE }), ...stepping };
}

/** `tcpflow.preview.defaultView` as a tab; anything else opens on the sequence diagram. */
export function defaultTabOf(setting: unknown): DiagramTab {
  return setting === 'timeline' ? 'timeline' : setting === 'states' ? 'state' : 'sequence';
}

export function errorItems(diagnostics: readonly Diagnostic[], isError: (d: Diagnostic) => boolean): ErrorItem[] {
  return diagnostics
    .filter(isError)
    .map((d) => ({ line: d.range.start.line, column: d.range.start.character, code: d.code, message: d.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * What the Mermaid emitter is told: the resolved view options (their names are the
 * emitter's), plus the settings that are not toolbar choices.
 */
export function emitterOptions(effective: EffectiveViewOptions, naming: StateNaming, payloadChars: number | undefined): MermaidOptions {
  return { ...effective, naming, payloadChars };
}

/** The whole diagram's source (not a page of it), for the clipboard. */
export function diagramSource(analysis: Analysis, diagram: DiagramTab, options: ViewOptions, settings: Pick<RenderSettings, 'naming' | 'payloadChars'>, cursorLine: number): string {
  if (diagram === 'state') return stateMachineView(analysis, settings.naming, cursorLine).text;
  return toMermaid(analysis, emitterOptions(resolveViewOptions(options, analysis.options), settings.naming, settings.payloadChars)).text;
}

/** A fenced Markdown block that renders in GitHub, GitLab and VS Code's Markdown preview. */
export function markdownBlock(mermaid: string): string {
  return '```mermaid\n' + (mermaid.endsWith('\n') ? mermaid : mermaid + '\n') + '```\n';
}
