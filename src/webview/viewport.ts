// Runs inside the preview webview: zoom and pan of the diagram by a CSS transform on the
// canvas element, so they survive the diagram being swapped for a new render. Ctrl+wheel
// zooms around the pointer, the wheel pans, dragging pans.

import { HOME, type View } from './webviewState';

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 8;
const STEP = 1.2;
/** Pointer travel (px) past which a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;

export class Viewport {
  private view: View = HOME;
  private drag: { pointer: number; startX: number; startY: number; x: number; y: number; moved: boolean } | undefined;
  private suppressClick = false;

  constructor(
    private readonly stage: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly onChange: (view: View) => void,
  ) {
    stage.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    stage.addEventListener('pointerdown', (e) => this.pointerDown(e));
    stage.addEventListener('pointermove', (e) => this.pointerMove(e));
    stage.addEventListener('pointerup', (e) => this.pointerUp(e));
    stage.addEventListener('pointercancel', (e) => this.pointerUp(e));
    // A drag ends with a click on whatever is under the pointer: swallow it.
    stage.addEventListener(
      'click',
      (e) => {
        if (!this.suppressClick) return;
        this.suppressClick = false;
        e.stopPropagation();
        e.preventDefault();
      },
      true,
    );
  }

  get current(): View {
    return this.view;
  }

  set(view: View, notify = false): void {
    this.view = { zoom: clamp(view.zoom, MIN_ZOOM, MAX_ZOOM), x: view.x, y: view.y };
    this.canvas.style.transform = `translate(${this.view.x}px, ${this.view.y}px) scale(${this.view.zoom})`;
    if (notify) this.onChange(this.view);
  }

  zoomBy(factor: number, atX = this.stage.clientWidth / 2, atY = this.stage.clientHeight / 2): void {
    const { zoom, x, y } = this.view;
    const next = clamp(zoom * factor, MIN_ZOOM, MAX_ZOOM);
    // Keep the point under (atX, atY) where it is.
    this.set({ zoom: next, x: atX - ((atX - x) * next) / zoom, y: atY - ((atY - y) * next) / zoom }, true);
  }

  zoomIn(): void {
    this.zoomBy(STEP);
  }

  zoomOut(): void {
    this.zoomBy(1 / STEP);
  }

  reset(): void {
    this.set(HOME, true);
  }

  /** Pans so that `element` is in sight, centred vertically, when it is not already. */
  reveal(element: Element): void {
    const stage = this.stage.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const margin = 24;
    const inside = box.top >= stage.top + margin && box.bottom <= stage.bottom - margin && box.left >= stage.left && box.right <= stage.right;
    if (inside) return;
    const dy = stage.top + stage.height / 2 - (box.top + box.height / 2);
    const dx = box.left < stage.left || box.right > stage.right ? stage.left + stage.width / 2 - (box.left + box.width / 2) : 0;
    this.set({ zoom: this.view.zoom, x: this.view.x + dx, y: this.view.y + dy }, true);
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.stage.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) {
      this.zoomBy(Math.exp(-e.deltaY / 300), e.clientX - rect.left, e.clientY - rect.top);
      return;
    }
    const unit = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? rect.height : 1;
    const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit;
    const dy = (e.shiftKey ? 0 : e.deltaY) * unit;
    this.set({ zoom: this.view.zoom, x: this.view.x - dx, y: this.view.y - dy }, true);
  }

  private pointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.suppressClick = false;
    this.drag = { pointer: e.pointerId, startX: e.clientX, startY: e.clientY, x: this.view.x, y: this.view.y, moved: false };
  }

  private pointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (drag === undefined || drag.pointer !== e.pointerId) return;
    const dx = e.clientX - drag.startX;
    const dy = e.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      this.stage.setPointerCapture(e.pointerId);
      this.stage.classList.add('dragging');
    }
    this.set({ zoom: this.view.zoom, x: drag.x + dx, y: drag.y + dy });
  }

  private pointerUp(e: PointerEvent): void {
    const drag = this.drag;
    if (drag === undefined || drag.pointer !== e.pointerId) return;
    this.drag = undefined;
    if (!drag.moved) return;
    this.suppressClick = e.type === 'pointerup';
    this.stage.classList.remove('dragging');
    if (this.stage.hasPointerCapture(e.pointerId)) this.stage.releasePointerCapture(e.pointerId);
    this.onChange(this.view);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
