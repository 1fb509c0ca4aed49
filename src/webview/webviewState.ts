// Runs inside the preview webview: the state VS Code keeps for it across hide/show and
// window reloads (`setState`), read back with every field checked, since it may come from
// an older version of the extension.

import { DIAGRAM_TABS, isPersistedSource, isViewOptions, type DiagramTab, type PersistedSource, type ViewOptions } from '../shared/previewProtocol';

export type Background = 'transparent' | 'white' | 'theme';
export const BACKGROUNDS: readonly Background[] = ['transparent', 'white', 'theme'];

export interface View {
  readonly zoom: number;
  readonly x: number;
  readonly y: number;
}

export interface WebviewState {
  readonly tab: DiagramTab;
  readonly options: ViewOptions;
  readonly background: Background;
  readonly views: Readonly<Record<DiagramTab, View>>;
  readonly page: number;
  /** Which file the panel shows; the extension's WebviewPanelSerializer reads it. */
  readonly source?: PersistedSource;
}

export const HOME: View = { zoom: 1, x: 0, y: 0 };

export const INITIAL_STATE: WebviewState = {
  tab: 'sequence',
  options: { autonumber: false },
  background: 'transparent',
  views: { sequence: HOME, state: HOME },
  page: 0,
};

function isView(value: unknown): value is View {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return [v.zoom, v.x, v.y].every((n) => typeof n === 'number' && Number.isFinite(n)) && (v.zoom as number) > 0;
}

export function readState(value: unknown): WebviewState {
  if (typeof value !== 'object' || value === null) return INITIAL_STATE;
  const v = value as Record<string, unknown>;
  const views = (typeof v.views === 'object' && v.views !== null ? v.views : {}) as Record<string, unknown>;
  return {
    tab: DIAGRAM_TABS.includes(v.tab as DiagramTab) ? (v.tab as DiagramTab) : INITIAL_STATE.tab,
    options: isViewOptions(v.options) ? v.options : INITIAL_STATE.options,
    background: BACKGROUNDS.includes(v.background as Background) ? (v.background as Background) : INITIAL_STATE.background,
    views: { sequence: isView(views.sequence) ? views.sequence : HOME, state: isView(views.state) ? views.state : HOME },
    page: Number.isInteger(v.page) && (v.page as number) >= 0 ? (v.page as number) : 0,
    source: isPersistedSource(v.source) ? v.source : undefined,
  };
}
