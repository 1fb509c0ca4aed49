// Runs in Node, in the offline launcher (runOffline.ts): answers what the tests in the extension
// host ask of the browser (launcherProtocol.ts) — the window's size, boxes read from the
// workbench's DOM, keys typed with timings taken in the page.

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

import type { Page } from 'playwright-core';
import type { InlayHintBoxes, LauncherRequest, TypingLatency } from './launcherProtocol';

export async function answer(page: Page, request: LauncherRequest): Promise<unknown> {
  switch (request.type) {
    case 'viewport':
      await page.setViewportSize({ width: request.width, height: request.height });
      return {};
    case 'inlayHintBoxes':
      return page.evaluate(inlayHintBoxes);
    case 'typingLatency':
      return typingLatency(page, request.text, request.times, request.timeoutMs);
  }
}

/**
 * In the page. An inlay hint is injected text: a span whose class is one of the editor's
 * generated `dyn-rule-*` rules, inside a view line; in a .tcpflow editor nothing else injects
 * text. The text shows up to the minimap and the vertical scrollbar, both drawn over the
 * scrollable element's right end.
 */
function inlayHintBoxes(): InlayHintBoxes {
  const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
  const editors = [...document.querySelectorAll<HTMLElement>('.part.editor .monaco-editor')].filter((e) => e.querySelector('.view-lines') && e.getBoundingClientRect().width > 0);
  return {
    editors: editors.map((editor) => {
      const scrollable = editor.querySelector<HTMLElement>('.monaco-scrollable-element.editor-scrollable')!;
      const scrollbar = scrollable.querySelector<HTMLElement>(':scope > .scrollbar.vertical');
      const scrollableRight = scrollable.getBoundingClientRect().right;
      const leftOf = (element: HTMLElement | null) => {
        const r = element?.getBoundingClientRect();
        return r && r.width > 0 && getComputedStyle(element!).display !== 'none' ? r.left : scrollableRight;
      };
      const visibleRight = Math.min(scrollableRight, leftOf(scrollbar), leftOf(editor.querySelector<HTMLElement>('.minimap')));
      const lines = editor.querySelector<HTMLElement>('.view-lines')!;
      const probe = document.createElement('span');
      probe.textContent = 'x'.repeat(100);
      probe.style.cssText = `font:${getComputedStyle(lines).font};letter-spacing:${getComputedStyle(lines).letterSpacing};position:absolute;visibility:hidden;white-space:pre`;
      lines.appendChild(probe);
      const charWidth = probe.getBoundingClientRect().width / 100;
      probe.remove();
      return {
        visibleRight,
        textLeft: scrollable.getBoundingClientRect().left,
        charWidth,
        hints: [...lines.querySelectorAll<HTMLElement>('.view-line span[class*="dyn-rule-"]')].map((span) => ({
          text: (span.textContent ?? '').replace(/[\u00a0\u200a]/g, ' ').trim(),
          ...box(span.getBoundingClientRect()),
        })),
      };
    }),
  };
}

/**
 * Presses each key of `text` in turn, `times` keys in all (cycling through `text`), into the
 * focused editor. Each sample runs from the key's keydown, as the page sees it, to the first
 * change in the number of error squiggles the editor draws, seen by a MutationObserver: what
 * the user sees, give or take the paint that follows. Beside it, the time to the first change
 * of the editor's lines (the key's own text drawn): VS Code's part, which no extension shortens.
 */
async function typingLatency(page: Page, text: string, times: number, timeoutMs: number): Promise<TypingLatency> {
  const keys = [...text].map((c) => (c === '\b' ? 'Backspace' : c));
  const samples: number[] = [];
  const textDrawn: number[] = [];
  for (let i = 0; i < times; i++) {
    await page.evaluate((timeout) => {
      const w = window as unknown as { tcpflowLatency?: Promise<[number, number]> };
      const editor = document.querySelector<HTMLElement>('.part.editor .monaco-editor.focused');
      if (!editor) throw new Error('no focused text editor');
      const lines = editor.querySelector('.view-lines')!;
      const squiggles = () => editor.querySelectorAll('.squiggly-error').length;
      const before = squiggles();
      w.tcpflowLatency = new Promise<[number, number]>((resolve, reject) => {
        let pressed: number | undefined;
        let drawn: number | undefined;
        const onKey = () => {
          pressed ??= performance.now();
        };
        window.addEventListener('keydown', onKey, { capture: true, once: true });
        const observer = new MutationObserver((records) => {
          if (pressed === undefined) return;
          const now = performance.now();
          if (drawn === undefined && records.some((r) => lines.contains(r.target))) drawn = now;
          if (squiggles() === before) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve([now - pressed, (drawn ?? now) - pressed]);
        });
        observer.observe(editor, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the error squiggles did not change within ${timeout} ms of the key`));
        }, timeout);
      });
    }, timeoutMs);
    await page.keyboard.press(keys[i % keys.length]);
    const [squiggle, typed] = await page.evaluate(() => (window as unknown as { tcpflowLatency: Promise<[number, number]> }).tcpflowLatency);
    samples.push(squiggle);
    textDrawn.push(typed);
  }
  return { samples, textDrawn };
}
