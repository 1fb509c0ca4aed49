// The messages between the preview panel's host (src/extension/preview) and its webview
// (src/webview). Runs in both: no vscode, no DOM. Every message is a member of a
// discriminated union on `type`, and every message received is checked by a guard before
// it is used — the host treats what a webview sends as untrusted input.

import type { LadderModel } from '../core/index';
import { isPackedRecords, type PackedRecords } from './previewRecords';
import { isTimelineSteps, type TimelineSteps } from './previewSteps';
import { DIAGRAM_TABS, type DiagramTab } from './previewTabs';
import { isTestDoneMessage, isTestMessage, type TestDoneMessage, type TestMessage } from './previewTestProtocol';
import { isEffectiveViewOptions, isViewOptions, type EffectiveViewOptions, type ViewOptions } from './viewOptions';

export { stepAt, stepCount, TIMELINE_STEP_KINDS, type TimelineEndValues, type TimelineStepKind, type TimelineSteps, type TimelineStepView } from './previewSteps';
export { DIAGRAM_TABS, type DiagramTab } from './previewTabs';
export { isViewOptions, type EffectiveViewOptions, type ViewOptions } from './viewOptions';

export type ExportFormat = 'svg' | 'png';
export type CopyFormat = 'mermaid' | 'markdown';
/** What an export covers: the page shown, or the whole script (every page, one below the other). */
export type ExportScope = 'page' | 'all';
export const EXPORT_SCOPES: readonly ExportScope[] = ['page', 'all'];

/** One page of the sequence diagram, with its source map. */
export interface SequencePage {
  readonly text: string;
  /** 0-based source line of each message arrow, in drawing order. */
  readonly messages: readonly number[];
  /** 0-based source line of each note, in drawing order. */
  readonly notes: readonly number[];
  /** Indexes (into `notes`) of the section banners. */
  readonly sections: readonly number[];
  /** The whole label of each shortened message label (by message index), for its tooltip. */
  readonly fullLabels: readonly { readonly message: number; readonly text: string }[];
  /** The source lines this page covers, inclusive; the pages cover the script without gaps. */
  readonly firstLine: number;
  readonly lastLine: number;
  /** Segments drawn on this page. */
  readonly segments: number;
}

export interface StateMachineEndpoint {
  readonly label: string;
  /** A CSS colour, one per endpoint: its path's colour in Figure 5 in light themes, and in dark ones. */
  readonly color: string;
  readonly darkColor: string;
  /** `CLOSED → SYN-SENT → ESTABLISHED`. */
  readonly path: string;
  /** The state after the cursor line. */
  readonly current: string;
}

export interface StateMachineView {
  /** The Mermaid state diagram: what "Copy Mermaid source" copies. */
  readonly text: string;
  /** RFC 9293 Figure 5 with the endpoints' paths, as SVG text from the core's writer, in a light and a dark palette: what the tab draws. */
  readonly figure5: { readonly light: string; readonly dark: string };
  /** For each transition, in the order of the Mermaid text: the endpoints that took it. */
  readonly transitions: readonly (readonly number[])[];
  readonly endpoints: readonly StateMachineEndpoint[];
}

/**
 * The timing ladder as SVG text from the core's escaping writer, in a light and a dark
 * palette; for a long ladder, its layout instead (both texts empty): the webview draws its
 * frame and then only the pieces near what is on screen.
 */
export interface TimelineView {
  readonly light: string;
  readonly dark: string;
  /** A long ladder's layout: the webview draws only the part near the screen (light and dark are then empty). */
  readonly layout?: LadderLayoutView;
  /** The label of every connection end (every endpoint while each participant has one). */
  readonly ends: readonly string[];
  /** The step-through's events in time order (the core ladder's events), as columns. */
  readonly steps: TimelineSteps;
  /** SND.UNA, SND.NXT and RCV.NXT from each side's ISN, or absolute. */
  readonly numbers: 'relative' | 'absolute';
}

/**
 * A ladder's layout without its step-through events (the steps carry those), its segments and
 * state labels packed in columns (src/shared/previewRecords.ts).
 */
export type LadderLayoutView = Omit<LadderModel, 'events' | 'segments' | 'states'> & { readonly segments: PackedRecords; readonly states: PackedRecords };

export interface ErrorItem {
  /** 0-based. */
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
}

export interface PreviewSource {
  readonly uri: string;
  readonly fileName: string;
  readonly locked: boolean;
}

// ---- host → webview ----

export interface RenderMessage {
  readonly type: 'render';
  /** Increases with every render the host sends; the webview drops older ones. */
  readonly renderId: number;
  readonly source: PreviewSource;
  readonly pages: readonly SequencePage[];
  readonly stateMachine: StateMachineView;
  readonly timeline: TimelineView;
  readonly errors: readonly ErrorItem[];
  /** The tab a document opens on when this panel has not shown it before (`tcpflow.preview.defaultView`). */
  readonly defaultTab: DiagramTab;
  /** What the diagram shows after the script's options and the toolbar's overrides. */
  readonly effective: EffectiveViewOptions;
  /** 0-based line of the cursor in the source editor, -1 when unknown. */
  readonly cursorLine: number;
  /**
   * The pages carry only their lines and segment counts (no diagram, an empty source map):
   * a long script shown on another tab is not sent its sequence diagram. The webview asks for
   * it with a `tab` message when the Sequence tab is shown.
   */
  readonly sequenceOmitted?: boolean;
}

export interface HighlightMessage {
  readonly type: 'highlight';
  readonly line: number;
  /** The state machine again, when the cursor's states have changed it. */
  readonly stateMachine?: StateMachineView;
}

/** The source editor scrolled: `line` (0-based) is now its first visible line. */
export interface ScrollMessage {
  readonly type: 'scroll';
  readonly line: number;
}

export type HostMessage = RenderMessage | HighlightMessage | ScrollMessage | TestMessage;

// ---- webview → host ----

/** The webview has loaded (or been restored) and shows these choices. */
export interface ReadyMessage {
  readonly type: 'ready';
  readonly options: ViewOptions;
}

export interface OptionsMessage {
  readonly type: 'options';
  readonly options: ViewOptions;
}

/** A message or note was clicked: the cursor goes to its segment's start; `select`: the line is selected (double-click). */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly line: number;
  readonly select: boolean;
}

/** The webview shows `tab` for the document it was last sent: the host sends what that tab draws. */
export interface TabMessage {
  readonly type: 'tab';
  readonly tab: DiagramTab;
}

/** Step-through moved to the segment of `line` (0-based): the editor's cursor follows, the focus stays in the preview. */
export interface SteppedMessage {
  readonly type: 'stepped';
  readonly line: number;
}

/** The user scrolled the diagram: `line` (0-based) is the first source line drawn at its top. */
export interface ScrolledMessage {
  readonly type: 'scrolled';
  readonly line: number;
}

export interface ExportMessage {
  readonly type: 'export';
  readonly format: ExportFormat;
  /** SVG text, or the PNG's bytes in base64. */
  readonly data: string;
  readonly diagram: DiagramTab;
  /** 0-based page shown, and how many pages there are. */
  readonly page: number;
  readonly pageCount: number;
  readonly scope: ExportScope;
}

export interface CopyMessage {
  readonly type: 'copy';
  readonly format: CopyFormat;
  readonly diagram: DiagramTab;
}

export type DiagramTheme = 'default' | 'dark' | 'hc-dark' | 'hc-light';
export const DIAGRAM_THEMES: readonly DiagramTheme[] = ['default', 'dark', 'hc-dark', 'hc-light'];

/**
 * A picture was swapped in (or failed with `error`): once per render, tab, theme and page.
 * For tests and benchmarks.
 */
export interface RenderedMessage {
  readonly type: 'rendered';
  readonly renderId: number;
  readonly diagram: DiagramTab;
  readonly durationMs: number;
  readonly error?: string;
  /** The Mermaid theme it was drawn in. */
  readonly theme: DiagramTheme;
  /** 0-based page shown; 0 for the state machine. */
  readonly page: number;
  /** Message arrows and notes in the picture: 0 for the state machine and for a failed render. */
  readonly messages: number;
  readonly notes: number;
}

/**
 * The sequence diagram highlights the cursor's `line`: `messages` are the indexes, in drawing
 * order on the page shown, of the arrows drawn for it. Sent when either changes. For tests.
 */
export interface HighlightedMessage {
  readonly type: 'highlighted';
  readonly line: number;
  readonly messages: readonly number[];
}

export type WebviewMessage =
  | ReadyMessage
  | OptionsMessage
  | RevealMessage
  | SteppedMessage
  | ScrolledMessage
  | ExportMessage
  | CopyMessage
  | RenderedMessage
  | HighlightedMessage
  | TabMessage
  | TestDoneMessage;

/** The index of the page whose lines contain `line` (the last page for a line past the end). */
export function pageOfLine(pages: readonly { readonly lastLine: number }[], line: number): number {
  for (let i = 0; i < pages.length; i++) if (line <= pages[i].lastLine) return i;
  return Math.max(0, pages.length - 1);
}

/** What the webview keeps with `setState`; the panel serializer reads `source` back. */
export interface PersistedSource {
  readonly uri: string;
  readonly locked: boolean;
}

/** Largest export accepted from a webview (base64 PNG of a long diagram at 2x). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;
const MAX_LINE = 10_000_000;

// ---- guards ----

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLine(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LINE;
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isLines(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v) && v >= -1);
}

/** Checks a message from the webview: right type, right fields, values in range. */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'options':
      return isViewOptions(value.options);
    case 'reveal':
      return isLine(value.line) && typeof value.select === 'boolean';
    case 'scrolled':
    case 'stepped':
      return isLine(value.line);
    case 'export':
      return (
        oneOf(['svg', 'png'], value.format) &&
        typeof value.data === 'string' &&
        value.data.length > 0 &&
        value.data.length <= MAX_EXPORT_CHARS &&
        oneOf(DIAGRAM_TABS, value.diagram) &&
        isCount(value.pageCount) &&
        isCount(value.page) &&
        (value.page as number) < Math.max(1, value.pageCount as number) &&
        oneOf(EXPORT_SCOPES, value.scope)
      );
    case 'copy':
      return oneOf(['mermaid', 'markdown'], value.format) && oneOf(DIAGRAM_TABS, value.diagram);
    case 'rendered':
      return (
        isCount(value.renderId) &&
        oneOf(DIAGRAM_TABS, value.diagram) &&
        typeof value.durationMs === 'number' &&
        (value.error === undefined || typeof value.error === 'string') &&
        oneOf(DIAGRAM_THEMES, value.theme) &&
        isCount(value.page) &&
        isCount(value.messages) &&
        isCount(value.notes)
      );
    case 'highlighted':
      return (
        Number.isInteger(value.line) &&
        (value.line as number) >= -1 &&
        (value.line as number) <= MAX_LINE &&
        Array.isArray(value.messages) &&
        value.messages.every(isCount)
      );
    case 'tab':
      return oneOf(DIAGRAM_TABS, value.tab);
    case 'testDone':
      return isTestDoneMessage(value);
    default:
      return false;
  }
}

/** The shape the webview relies on; the numbers inside come from the host's own layout. */
function isLadderLayout(value: unknown): value is LadderLayoutView {
  return (
    isObject(value) &&
    typeof value.width === 'number' &&
    typeof value.height === 'number' &&
    Array.isArray(value.lanes) &&
    isPackedRecords(value.segments) &&
    isPackedRecords(value.states) &&
    Array.isArray(value.spans) &&
    Array.isArray(value.timers) &&
    Array.isArray(value.gaps) &&
    Array.isArray(value.sections) &&
    Array.isArray(value.notes) &&
    Array.isArray(value.calls)
  );
}

function isPage(value: unknown): value is SequencePage {
  return (
    isObject(value) &&
    typeof value.text === 'string' &&
    isLines(value.messages) &&
    isLines(value.notes) &&
    Array.isArray(value.sections) &&
    value.sections.every(isCount) &&
    Array.isArray(value.fullLabels) &&
    value.fullLabels.every((l) => isObject(l) && isCount(l.message) && typeof l.text === 'string') &&
    Number.isInteger(value.firstLine) &&
    Number.isInteger(value.lastLine) &&
    isCount(value.segments)
  );
}

export function isStateMachineView(value: unknown): value is StateMachineView {
  return (
    isObject(value) &&
    typeof value.text === 'string' &&
    isObject(value.figure5) &&
    typeof value.figure5.light === 'string' &&
    typeof value.figure5.dark === 'string' &&
    Array.isArray(value.transitions) &&
    value.transitions.every((t) => Array.isArray(t) && t.every(isCount)) &&
    Array.isArray(value.endpoints) &&
    value.endpoints.every(
      (e) =>
        isObject(e) &&
        typeof e.label === 'string' &&
        typeof e.color === 'string' &&
        typeof e.darkColor === 'string' &&
        typeof e.path === 'string' &&
        typeof e.current === 'string',
    )
  );
}

export function isTimelineView(value: unknown): value is TimelineView {
  if (!isObject(value) || typeof value.light !== 'string' || typeof value.dark !== 'string') return false;
  if (value.layout !== undefined && !isLadderLayout(value.layout)) return false;
  if (!Array.isArray(value.ends) || !value.ends.every((e) => typeof e === 'string')) return false;
  const ends = value.ends.length;
  return oneOf(['relative', 'absolute'], value.numbers) && isTimelineSteps(value.steps, ends);
}

function isErrorItem(value: unknown): value is ErrorItem {
  return isObject(value) && isLine(value.line) && isCount(value.column) && typeof value.code === 'string' && typeof value.message === 'string';
}

/** Checks a message from the host (the webview also receives other windows' messages). */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'render': {
      const source = value.source;
      const effective = value.effective;
      return (
        isCount(value.renderId) &&
        isObject(source) &&
        typeof source.uri === 'string' &&
        typeof source.fileName === 'string' &&
        typeof source.locked === 'boolean' &&
        Array.isArray(value.pages) &&
        value.pages.length > 0 &&
        value.pages.every(isPage) &&
        isStateMachineView(value.stateMachine) &&
        isTimelineView(value.timeline) &&
        Array.isArray(value.errors) &&
        value.errors.every(isErrorItem) &&
        isEffectiveViewOptions(effective) &&
        oneOf(DIAGRAM_TABS, value.defaultTab) &&
        Number.isInteger(value.cursorLine) &&
        (value.cursorLine as number) >= -1 &&
        (value.sequenceOmitted === undefined || typeof value.sequenceOmitted === 'boolean')
      );
    }
    case 'highlight':
      return Number.isInteger(value.line) && (value.line as number) >= -1 && (value.stateMachine === undefined || isStateMachineView(value.stateMachine));
    case 'scroll':
      return isLine(value.line);
    case 'test':
      return isTestMessage(value);
    default:
      return false;
  }
}

export function isPersistedSource(value: unknown): value is PersistedSource {
  return isObject(value) && typeof value.uri === 'string' && value.uri.length > 0 && typeof value.locked === 'boolean';
}
