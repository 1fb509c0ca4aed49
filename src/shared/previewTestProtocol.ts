// The preview's test-only messages: the integration tests have the webview act on its own
// page as a user would (click, double-click, press a key, turn the wheel, scroll) and
// measure what it shows, because the webview's DOM is out of the extension host's reach.
// Runs in both the host and the webview (no vscode, no DOM). Only the `tcpflow.test.*`
// commands send them (extension/preview/testHooks.ts, in test runs); the webview answers
// in webview/testHooks.ts.

import { DIAGRAM_TABS, type DiagramTab } from './previewTabs';

/** What a click aims at: the i-th message arrow's label on the page shown, the i-th arrow of the timing ladder, a tab, or a toolbar button. */
export type ClickTarget =
  | { readonly kind: 'message'; readonly index: number }
  | { readonly kind: 'segment'; readonly index: number }
  | { readonly kind: 'tab'; readonly tab: DiagramTab }
  | { readonly kind: 'button'; readonly action: string };

export type TestAction =
  | { readonly kind: 'click'; readonly target: ClickTarget; readonly double?: boolean }
  | { readonly kind: 'key'; readonly key: string; readonly ctrl?: boolean }
  | { readonly kind: 'wheel'; readonly deltaY: number; readonly ctrl?: boolean }
  /** Scrolls the diagram by `dy` pixels, as the scroll bar would. */
  | { readonly kind: 'scroll'; readonly dy: number }
  | { readonly kind: 'measure' };

export interface TestMessage {
  readonly type: 'test';
  readonly id: number;
  readonly action: TestAction;
}

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** What the webview shows, measured in its own CSS pixels. */
export interface ViewMeasure {
  /** The zoom applied, and what the toolbar's zoom label says. */
  readonly zoom: number;
  readonly zoomLabel: string;
  readonly fit: string;
  /** The diagram's box, the scrolling stage's box and the whole page's size. */
  readonly svg: Rect;
  readonly stage: Rect;
  readonly page: { readonly width: number; readonly height: number };
  readonly scrollTop: number;
  readonly scrollHeight: number;
  /** Toolbar rows at the current width, and the controls shown (their `data-action` or id). */
  readonly toolbarRows: number;
  readonly controls: readonly string[];
  /** The smallest font on screen of a message label or note, or of any text of the Figure 5 state machine, in CSS pixels. */
  readonly smallestText: number;
}

/** The answer to a test message: `done` is false when the target was not on the page. */
export interface TestDoneMessage {
  readonly type: 'testDone';
  readonly id: number;
  readonly done: boolean;
  readonly measure?: ViewMeasure;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

export function isClickTarget(value: unknown): value is ClickTarget {
  if (!isObject(value)) return false;
  if (value.kind === 'message' || value.kind === 'segment') return isCount(value.index);
  if (value.kind === 'button') return typeof value.action === 'string' && /^[a-z-]{1,40}$/.test(value.action);
  return value.kind === 'tab' && (DIAGRAM_TABS as readonly unknown[]).includes(value.tab);
}

export function isTestAction(value: unknown): value is TestAction {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'click':
      return isClickTarget(value.target) && (value.double === undefined || typeof value.double === 'boolean');
    case 'key':
      return typeof value.key === 'string' && value.key.length <= 20 && (value.ctrl === undefined || typeof value.ctrl === 'boolean');
    case 'wheel':
      return Number.isFinite(value.deltaY) && (value.ctrl === undefined || typeof value.ctrl === 'boolean');
    case 'scroll':
      return Number.isFinite(value.dy);
    case 'measure':
      return true;
    default:
      return false;
  }
}

export function isTestMessage(value: unknown): value is TestMessage {
  return isObject(value) && value.type === 'test' && isCount(value.id) && isTestAction(value.action);
}

export function isTestDoneMessage(value: unknown): value is TestDoneMessage {
  return isObject(value) && value.type === 'testDone' && isCount(value.id) && typeof value.done === 'boolean' && (value.measure === undefined || isObject(value.measure));
}
