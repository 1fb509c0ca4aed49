// Runs inside the preview webview: zoom and scroll of the diagram. The stage is an ordinary
// scrolling element and the zoom is the SVG's own size (vector, so sharp at every zoom), so
// the wheel, the scroll bars, the keyboard and the find widget scroll it as a document, and
// it stops at the edges. Fit width / fit page follow the panel's size; Ctrl+wheel zooms
// about the pointer, Ctrl+= / Ctrl+- about the visible centre; dragging pans.

import type { Fit, View } from './webviewState';

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 8;
const STEP = 1.2;
/** Pointer travel (px) past which a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;
/** Space kept around the diagram, as #canvas's padding in preview.css. */
const PADDING = 16;
/** What an arrow key scrolls, in CSS pixels. */
const ARROW_STEP = 40;

export class Viewport {
  private view: View = { fit: 'width', zoom: 1, left: 0, top: 0 };
  private svg: SVGSVGElement | undefined;
  private natural = { width: 0, height: 0 };
  private drag: { pointer: number; startX: number; startY: number; left: number; top: number; moved: boolean } | undefined;
  private suppressClick = false;
  /** Set while the viewport itself scrolls the stage, so that the scroll event is not the user's. */
  private scrolling = false;

  constructor(
    private readonly stage: HTMLElement,
    private readonly onChange: (view: View) => void,
    /** The user scrolled (not the viewport): the diagram point now at the top of the panel. */
    private readonly onUserScroll: (top: number) => void = () => undefined,
    /**
     * The zoom is about to change: the part of the diagram (unscaled, from y1 to y2) the panel
     * will show. Called before the new size is laid out, so that what will be far can leave first.
     */
    private readonly onZoom: (y1: number, y2: number) => void = () => undefined,
  ) {
    stage.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    stage.addEventListener('pointerdown', (e) => this.pointerDown(e));
    stage.addEventListener('pointermove', (e) => this.pointerMove(e));
    stage.addEventListener('pointerup', (e) => this.pointerUp(e));
    stage.addEventListener('pointercancel', (e) => this.pointerUp(e));
    stage.addEventListener('scroll', () => this.scrolled());
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
    new ResizeObserver(() => {
      if (this.view.fit !== 'none') this.apply(this.view, false);
    }).observe(stage);
  }

  get current(): View {
    return this.view;
  }

  /** The zoom actually shown (a fitted view's zoom depends on the panel). */
  get zoom(): number {
    return this.view.zoom;
  }

  /** Shows `svg` (already in the page) at `view`. */
  show(svg: SVGSVGElement, view: View): void {
    this.svg = svg;
    const box = svg.viewBox.baseVal;
    const width = box !== null && box.width > 0 ? box.width : Number.parseFloat(svg.getAttribute('width') ?? '') || 300;
    const height = box !== null && box.height > 0 ? box.height : Number.parseFloat(svg.getAttribute('height') ?? '') || 150;
    this.natural = { width, height };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.style.maxWidth = 'none';
    this.apply(view, false);
  }

  fit(fit: Exclude<Fit, 'none'>): void {
    this.apply({ fit, zoom: this.view.zoom, left: 0, top: this.view.top }, true);
  }

  /** Zooms to `zoom` keeping the diagram point under (atX, atY) — stage coordinates — where it is. */
  zoomTo(zoom: number, atX = this.stage.clientWidth / 2, atY = this.stage.clientHeight / 2): void {
    const next = clamp(zoom, MIN_ZOOM, MAX_ZOOM);
    const old = this.view.zoom;
    const pointX = (this.stage.scrollLeft + atX - PADDING) / old;
    const pointY = (this.stage.scrollTop + atY - PADDING) / old;
    this.apply({ fit: 'none', zoom: next, left: pointX - (atX - PADDING) / next, top: pointY - (atY - PADDING) / next }, true);
  }

  zoomIn(): void {
    this.zoomTo(this.view.zoom * STEP);
  }

  zoomOut(): void {
    this.zoomTo(this.view.zoom / STEP);
  }

  actualSize(): void {
    this.zoomTo(1);
  }

  /** Scrolls so that `element` is in sight, centred vertically, when it is not already. */
  reveal(element: Element): void {
    const stage = this.stage.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const margin = 24;
    const inside = box.top >= stage.top + margin && box.bottom <= stage.bottom - margin && box.left >= stage.left && box.right <= stage.right;
    if (inside) return;
    const dy = box.top + box.height / 2 - (stage.top + stage.height / 2);
    const dx = box.left < stage.left || box.right > stage.right ? box.left + box.width / 2 - (stage.left + stage.width / 2) : 0;
    this.scrollTo(this.stage.scrollLeft + dx, this.stage.scrollTop + dy);
    this.remember(true);
  }

  /** Scrolls so that diagram point `top` (unscaled) is at the top of the panel, as the editor asks. */
  scrollToDiagramTop(top: number): void {
    this.scrollTo(this.stage.scrollLeft, top * this.view.zoom);
    this.remember(true);
  }

  /** Handles the scrolling keys and Ctrl+= / Ctrl+- / Ctrl+0; true when the key was one of them. */
  key(e: KeyboardEvent): boolean {
    const page = Math.max(ARROW_STEP, this.stage.clientHeight - ARROW_STEP);
    if (e.ctrlKey || e.metaKey) {
      if (e.key === '=' || e.key === '+') this.zoomIn();
      else if (e.key === '-') this.zoomOut();
      else if (e.key === '0') this.actualSize();
      else return false;
      return true;
    }
    const moves: Record<string, [number, number] | undefined> = {
      ArrowDown: [0, ARROW_STEP],
      ArrowUp: [0, -ARROW_STEP],
      ArrowRight: [ARROW_STEP, 0],
      ArrowLeft: [-ARROW_STEP, 0],
      PageDown: [0, page],
      PageUp: [0, -page],
      ' ': [0, e.shiftKey ? -page : page],
    };
    const move = moves[e.key];
    if (move !== undefined) this.scrollTo(this.stage.scrollLeft + move[0], this.stage.scrollTop + move[1]);
    else if (e.key === 'Home') this.scrollTo(0, 0);
    else if (e.key === 'End') this.scrollTo(this.stage.scrollLeft, this.stage.scrollHeight);
    else return false;
    this.remember(true);
    return true;
  }

  private apply(view: View, notify: boolean): void {
    const zoom = clamp(view.fit === 'none' ? view.zoom : this.fittedZoom(view.fit), MIN_ZOOM, MAX_ZOOM);
    if (this.svg !== undefined && zoom !== this.view.zoom) this.onZoom(view.top - PADDING / zoom, view.top + (this.stage.clientHeight - PADDING) / zoom);
    this.view = { ...view, zoom };
    if (this.svg !== undefined) {
      this.svg.style.width = `${this.natural.width * zoom}px`;
      this.svg.style.height = `${this.natural.height * zoom}px`;
    }
    this.scrollTo(view.left * zoom, view.top * zoom);
    if (notify) this.onChange(this.view);
  }

  /** Never wider (or, for `page`, taller) than the panel; never above 100 %. */
  private fittedZoom(fit: 'width' | 'page'): number {
    const { width, height } = this.natural;
    if (width <= 0 || height <= 0) return 1;
    const byWidth = (this.stage.clientWidth - 2 * PADDING) / width;
    const byHeight = (this.stage.clientHeight - 2 * PADDING) / height;
    return Math.max(MIN_ZOOM, Math.min(1, byWidth, fit === 'page' ? byHeight : Number.POSITIVE_INFINITY));
  }

  private scrollTo(left: number, top: number): void {
    this.scrolling = true;
    this.stage.scrollLeft = left;
    this.stage.scrollTop = top;
    // The scroll event comes later, or not at all when nothing moved.
    requestAnimationFrame(() => {
      this.scrolling = false;
    });
  }

  /** Keeps the scroll position in the view, in diagram units. */
  private remember(notify: boolean): void {
    const zoom = this.view.zoom;
    this.view = { ...this.view, left: this.stage.scrollLeft / zoom, top: this.stage.scrollTop / zoom };
    if (notify) this.onChange(this.view);
  }

  private scrolled(): void {
    this.remember(false);
    if (this.scrolling) return;
    this.onChange(this.view);
    this.onUserScroll(this.view.top);
  }

  private wheel(e: WheelEvent): void {
    if (!(e.ctrlKey || e.metaKey)) return; // the stage scrolls itself, and stops at its edges
    e.preventDefault();
    const rect = this.stage.getBoundingClientRect();
    this.zoomTo(this.view.zoom * Math.exp(-e.deltaY / 300), e.clientX - rect.left, e.clientY - rect.top);
  }

  private pointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.suppressClick = false;
    this.drag = { pointer: e.pointerId, startX: e.clientX, startY: e.clientY, left: this.stage.scrollLeft, top: this.stage.scrollTop, moved: false };
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
    this.stage.scrollLeft = drag.left - dx;
    this.stage.scrollTop = drag.top - dy;
  }

  private pointerUp(e: PointerEvent): void {
    const drag = this.drag;
    if (drag === undefined || drag.pointer !== e.pointerId) return;
    this.drag = undefined;
    if (!drag.moved) return;
    this.suppressClick = e.type === 'pointerup';
    this.stage.classList.remove('dragging');
    if (this.stage.hasPointerCapture(e.pointerId)) this.stage.releasePointerCapture(e.pointerId);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
