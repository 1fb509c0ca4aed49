// Runs inside the preview webview: the state VS Code keeps for it across hide/show and
// window reloads (`setState`), read back with every field checked, since it may come from
// an older version of the extension. Each document has its own view (tab, page, zoom and
// scroll), so that a file comes back as it was left and a new one opens at its top, fitted.

import { isPersistedSource, type PersistedSource } from '../shared/previewProtocol';
import { BACKGROUNDS, type Background } from './exporter';
import { DIAGRAM_TABS, type DiagramTab } from '../shared/previewTabs';
import { isViewOptions, type ViewOptions } from '../shared/viewOptions';


/** `width`/`page`: the zoom follows the panel's size; `none`: the zoom the user chose. */
export type Fit = 'width' | 'page' | 'none';
const FITS: readonly Fit[] = ['width', 'page', 'none'];

export interface View {
  readonly fit: Fit;
  readonly zoom: number;
  /** The diagram point (in unscaled SVG pixels) at the top left of the panel. */
  readonly left: number;
  readonly top: number;
}

export interface DocumentView {
  readonly tab: DiagramTab;
  readonly page: number;
  readonly views: Readonly<Record<DiagramTab, View>>;
}

export interface WebviewState {
  readonly options: ViewOptions;
  readonly background: Background;
  /** The view of each document shown in this panel, the most recent last. */
  readonly documents: Readonly<Record<string, DocumentView>>;
  /** Which file the panel shows; the extension's WebviewPanelSerializer reads it. */
  readonly source?: PersistedSource;
}

/** How many documents' views a panel remembers. */
const MAX_DOCUMENTS = 32;

export const FITTED: View = { fit: 'width', zoom: 1, left: 0, top: 0 };

function freshViews(): Record<DiagramTab, View> {
  return Object.fromEntries(DIAGRAM_TABS.map((tab) => [tab, FITTED])) as Record<DiagramTab, View>;
}

export const NEW_DOCUMENT: DocumentView = { tab: 'sequence', page: 0, views: freshViews() };

export const INITIAL_STATE: WebviewState = {
  options: {},
  background: 'transparent',
  documents: {},
};

function isView(value: unknown): value is View {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    FITS.includes(v.fit as Fit) &&
    [v.zoom, v.left, v.top].every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    (v.zoom as number) > 0
  );
}

function readDocument(value: unknown): DocumentView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const views = (typeof v.views === 'object' && v.views !== null ? v.views : {}) as Record<string, unknown>;
  return {
    tab: DIAGRAM_TABS.includes(v.tab as DiagramTab) ? (v.tab as DiagramTab) : NEW_DOCUMENT.tab,
    page: Number.isInteger(v.page) && (v.page as number) >= 0 ? (v.page as number) : 0,
    views: Object.fromEntries(DIAGRAM_TABS.map((tab) => [tab, isView(views[tab]) ? views[tab] : FITTED])) as Record<DiagramTab, View>,
  };
}

export function readState(value: unknown): WebviewState {
  if (typeof value !== 'object' || value === null) return INITIAL_STATE;
  const v = value as Record<string, unknown>;
  const documents: Record<string, DocumentView> = {};
  if (typeof v.documents === 'object' && v.documents !== null) {
    for (const [uri, view] of Object.entries(v.documents as Record<string, unknown>).slice(-MAX_DOCUMENTS)) {
      const read = readDocument(view);
      if (read !== undefined) documents[uri] = read;
    }
  }
  return {
    options: isViewOptions(v.options) ? v.options : INITIAL_STATE.options,
    background: BACKGROUNDS.includes(v.background as Background) ? (v.background as Background) : INITIAL_STATE.background,
    documents,
    source: isPersistedSource(v.source) ? v.source : undefined,
  };
}

/** `state` with the view of `uri` replaced (and moved to the most recent), the oldest dropped past the limit. */
export function withDocument(state: WebviewState, uri: string, view: DocumentView): WebviewState {
  const documents = Object.entries(state.documents).filter(([key]) => key !== uri);
  documents.push([uri, view]);
  return { ...state, documents: Object.fromEntries(documents.slice(-MAX_DOCUMENTS)) };
}
