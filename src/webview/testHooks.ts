// Runs inside the preview webview: its answers to the integration tests' `test` messages
// (src/shared/previewTestProtocol.ts) — act on the page as a user would, or measure what it
// shows. Every event goes to whatever is topmost where the user would aim, so a test fails
// when something covers the target.

import type { ClickTarget, Rect, TestAction, ViewMeasure } from '../shared/previewTestProtocol';

export interface TestPage {
  readonly diagram: HTMLElement;
  readonly stage: HTMLElement;
  /** Brings the i-th message label into sight before it is clicked. */
  reveal(element: Element): void;
  readonly zoom: number;
  readonly fit: string;
}

/** Carries out `action`; false when its target is not on the page. */
export function runTestAction(page: TestPage, action: TestAction): { done: boolean; measure?: ViewMeasure } {
  switch (action.kind) {
    case 'click':
      return { done: click(page, action.target, action.double === true) };
    case 'key': {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: action.key, ctrlKey: action.ctrl === true, bubbles: true, cancelable: true }));
      return { done: true };
    }
    case 'wheel': {
      const box = page.stage.getBoundingClientRect();
      const at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
      const target = document.elementFromPoint(at.clientX, at.clientY) ?? page.stage;
      const event = new WheelEvent('wheel', { ...at, deltaY: action.deltaY, ctrlKey: action.ctrl === true, bubbles: true, cancelable: true });
      // A wheel that no handler cancelled scrolls the stage, as the browser would.
      if (target.dispatchEvent(event)) page.stage.scrollBy(0, action.deltaY);
      return { done: true };
    }
    case 'scroll':
      page.stage.scrollBy(0, action.dy);
      return { done: true };
    case 'measure':
      return { done: true, measure: measure(page) };
  }
}

function click(page: TestPage, target: ClickTarget, double: boolean): boolean {
  const aimedAt =
    target.kind === 'message'
      ? page.diagram.querySelectorAll('text.messageText')[target.index]
      : target.kind === 'segment'
        ? page.diagram.querySelectorAll('g.segment > line.tcpflow-hit')[target.index]
        : document.querySelector(target.kind === 'tab' ? `[data-tab="${target.tab}"]` : `[data-action="${target.action}"]`);
  if (aimedAt === null || aimedAt === undefined) return false;
  if (target.kind === 'message' || target.kind === 'segment') page.reveal(aimedAt);
  const box = aimedAt.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const element = document.elementFromPoint(x, y);
  if (element === null) return false;
  const at = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, button: 0 };
  for (let detail = 1; detail <= (double ? 2 : 1); detail++) {
    element.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerId: 1, isPrimary: true }));
    element.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerId: 1, isPrimary: true }));
    element.dispatchEvent(new MouseEvent('click', { ...at, detail }));
  }
  if (double) element.dispatchEvent(new MouseEvent('dblclick', { ...at, detail: 2 }));
  return true;
}

function rect(element: Element | null): Rect {
  const box = element?.getBoundingClientRect();
  return { left: box?.left ?? 0, top: box?.top ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
}

function measure(page: TestPage): ViewMeasure {
  const toolbar = document.getElementById('toolbar');
  const shown = [...(toolbar?.querySelectorAll<HTMLElement>('[data-action], [data-tab], [data-option]') ?? [])].filter(
    (element) => element.offsetParent !== null && element.closest('#menu') === null,
  );
  const tops = shown.map((element) => element.getBoundingClientRect().top).sort((a, b) => a - b);
  const rows = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 12).length;
  // Font size on screen: the SVG's own, times the zoom it is drawn at.
  const sizes = [...page.diagram.querySelectorAll('text.messageText, text.noteText, svg.tcpflow-states text')].map((text) => Number.parseFloat(getComputedStyle(text).fontSize) * page.zoom);
  return {
    zoom: page.zoom,
    zoomLabel: document.getElementById('zoom-label')?.textContent ?? '',
    fit: page.fit,
    svg: rect(page.diagram.querySelector('svg')),
    stage: rect(page.stage),
    page: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    scrollTop: page.stage.scrollTop,
    scrollHeight: page.stage.scrollHeight,
    toolbarRows: rows,
    controls: shown.map((element) => element.dataset.action ?? element.dataset.tab ?? element.dataset.option ?? ''),
    smallestText: sizes.length > 0 ? Math.min(...sizes) : 0,
  };
}
