// Runs inside the tcpflow preview webview (entry of dist/webview/preview.js, loaded after the
// shared dist/webview/mermaid.js). Receives the diagrams from the extension host
// (src/shared/previewProtocol.ts), draws them off screen and swaps them in when ready — the
// previous picture stays until then, and a page whose Mermaid text did not change is not
// redrawn — fitted to the panel, with each document's own view; reports clicks, scrolling,
// exports and copies back to the host, and what it drew and highlighted (for tests).

import type { ErrorItem, HostMessage, RenderMessage, StateMachineView } from '../shared/previewProtocol';
import { isHostMessage, pageOfLine } from '../shared/previewProtocol';
import { DIAGRAM_TABS, type DiagramTab } from '../shared/previewTabs';
import { VIEW_OPTION_NAMES, withOption, type ViewOptionName, type ViewOptions } from '../shared/viewOptions';
import { backgroundColor, BACKGROUNDS, pngBase64, standaloneSvgOfPages } from './exporter';
import { errorText } from './mermaidRenderer';
import { countSequence, firstLineFrom, highlightedMessages, highlightLine, lineAt, topLineAt } from './sourceMap';
import type { LadderBands } from './ladderBands';
import { wholeLadder } from './ladderBands';
import { showStepPanel } from './stepPanel';
import { markStep, nextStep, planStep, stepActionOfKey, stepPlan, type StepAction, type StepPlan } from './stepThrough';
import { runTestAction } from './testHooks';
import { mermaidTheme, watchTheme, type MermaidTheme } from './theme';
import { bandsOf, VIEWS } from './views';
import { Viewport } from './viewport';
import { vscodeApi } from './vscodeApi';
import { NEW_DOCUMENT, readState, withDocument, type DocumentView, type View, type WebviewState } from './webviewState';

const DIAGRAM_NAMES: Readonly<Record<DiagramTab, string>> = { sequence: 'Sequence diagram', timeline: 'Timing ladder', state: 'State machine' };

/** Errors listed above the diagram; the rest are counted. */
const MAX_ERRORS_SHOWN = 20;
/** The status while the host builds a long script's sequence diagram for the Sequence tab. */
const SEQUENCE_COMING = 'Drawing the sequence diagram…';
/** A scroll or zoom is saved (`setState`, which VS Code copies to its own process) at most this often, in ms. */
const SAVE_VIEW_EVERY = 250;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`preview page: #${id} is missing`);
  return found as T;
}

interface Shown {
  readonly key: string;
  readonly svg: SVGSVGElement;
}

class Preview {
  private readonly vscode = vscodeApi();
  private state: WebviewState = readState(this.vscode.getState());
  private theme: MermaidTheme = mermaidTheme(document.body);
  private latest: RenderMessage | undefined;
  private highlighted = -1;
  /** The Timeline tab's step-through position (index of its current event), undefined when not stepping. */
  private step: number | undefined;
  private plan: StepPlan = stepPlan(undefined);
  /** The last picture drawn for each tab, so switching tabs does not redraw. */
  private readonly shown: Partial<Record<DiagramTab, Shown>> = {};
  private rendering = false;
  private pending = false;
  /** What was last reported back for each tab: one `rendered` per render, tab, theme and page. */
  private readonly reported: Partial<Record<DiagramTab, string>> = {};
  /** The last `highlighted` report, as its JSON. */
  private reportedHighlight = '';
  /** The last line reported as scrolled to, so that one scroll is reported once. */
  private reportedScroll = -1;
  /** The long ladder on screen, drawn a band at a time. */
  private bands: LadderBands | undefined;
  /** The picture, plan and step the Timeline was last marked for, so that a highlight alone does not mark it again. */
  private marked: { svg: Element | null; plan: StepPlan; step: number | undefined } | undefined;
  /** The document and tab last reported to the host (`tab`), and the render whose omitted sequence diagram was asked for. */
  private reportedTab = '';
  private askedForSequence = -1;
  /** Pending save of a scrolled or zoomed view. */
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly diagram = element('diagram');
  private readonly offscreen = element('offscreen');
  private readonly status = element('status');
  private readonly stage = element('stage');
  private readonly stepPanel = element('step-panel');
  private readonly viewport = new Viewport(
    this.stage,
    (view) => this.viewChanged(view),
    () => this.userScrolled(),
    (y1, y2) => this.bands?.keepOnly(y1, y2),
  );

  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.receive(event.data);
    });
    watchTheme(document.body, (theme) => {
      this.theme = theme;
      if (this.latest !== undefined) this.showLegend(this.latest.stateMachine);
      this.schedule();
    });
    this.wireToolbar();
    this.diagram.addEventListener('click', (event) => {
      const line = lineAt(event.target);
      if (line !== undefined && event.detail <= 1) this.vscode.postMessage({ type: 'reveal', line, select: false });
    });
    this.diagram.addEventListener('dblclick', (event) => {
      const line = lineAt(event.target);
      if (line !== undefined) this.vscode.postMessage({ type: 'reveal', line, select: true });
    });
    element('errors').addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('[data-error-line]') : null;
      const line = Number(target?.getAttribute('data-error-line'));
      if (target !== null && Number.isInteger(line)) this.vscode.postMessage({ type: 'reveal', line, select: false });
    });
    document.addEventListener('keydown', (event) => {
      const target = event.target;
      if (target instanceof HTMLSelectElement || target instanceof HTMLInputElement) return;
      if (this.stepKey(event) || this.viewport.key(event)) event.preventDefault();
    });
    // A view saved later is saved now when the panel is hidden (VS Code may then discard the page).
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushState();
    });
    this.showTab();
    this.vscode.postMessage({ type: 'ready', options: this.state.options });
  }

  // ---- this document's view ----

  private get uri(): string {
    return this.latest?.source.uri ?? this.state.source?.uri ?? '';
  }

  private get document(): DocumentView {
    return this.state.documents[this.uri] ?? NEW_DOCUMENT;
  }

  private saveDocument(change: Partial<DocumentView>, later = false): void {
    this.state = withDocument(this.state, this.uri, { ...this.document, ...change });
    if (later) this.saveSoon();
    else this.flushState();
  }

  /** Scrolling fires an event every frame: the view is saved once it has been still a moment, or with the next other save. */
  private saveSoon(): void {
    this.saveTimer ??= setTimeout(() => this.flushState(), SAVE_VIEW_EVERY);
  }

  private flushState(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.vscode.setState(this.state);
  }

  private viewChanged(view: View): void {
    this.showZoom(view.zoom);
    if (this.uri === '') return;
    const tab = this.document.tab;
    this.saveDocument({ views: { ...this.document.views, [tab]: view } }, true);
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'test': {
        const { done, measure } = runTestAction(
          { diagram: this.diagram, stage: this.stage, reveal: (e) => this.viewport.reveal(e), zoom: this.viewport.zoom, fit: this.viewport.current.fit },
          message.action,
        );
        this.vscode.postMessage({ type: 'testDone', id: message.id, done, measure });
        return;
      }
      case 'scroll':
        this.scrollToLine(message.line);
        return;
      case 'highlight': {
        this.highlighted = message.line;
        if (message.stateMachine !== undefined && this.latest !== undefined) {
          this.latest = { ...this.latest, stateMachine: message.stateMachine };
          this.showLegend(message.stateMachine);
        }
        const page = this.latest ? pageOfLine(this.latest.pages, message.line) : this.document.page;
        if (page !== this.document.page) this.saveDocument({ page });
        this.schedule();
        return;
      }
      case 'render':
        this.rendered(message);
        return;
    }
  }

  private rendered(message: RenderMessage): void {
    if (this.latest !== undefined && message.renderId < this.latest.renderId) return;
    const switched = this.latest?.source.uri !== message.source.uri;
    this.latest = message;
    this.highlighted = message.cursorLine;
    if (this.plan.steps !== message.timeline.steps) this.plan = stepPlan(message.timeline.steps);
    if (switched) this.step = undefined;
    else if (this.step !== undefined) this.step = this.plan.count === 0 ? undefined : Math.min(this.step, this.plan.count - 1);
    this.state = { ...this.state, source: { uri: message.source.uri, locked: message.source.locked } };
    const known = this.state.documents[message.source.uri] !== undefined;
    if (!known) this.saveDocument({ tab: message.defaultTab });
    const restored = this.document;
    const page = switched && known ? restored.page : message.cursorLine >= 0 ? pageOfLine(message.pages, message.cursorLine) : restored.page;
    this.saveDocument({ page: Math.min(page, message.pages.length - 1) });
    if (switched) this.showTab();
    this.reportTab();
    this.showErrors(message.errors);
    this.showToolbarValues(message);
    this.showLegend(message.stateMachine);
    this.schedule();
  }

  // ---- drawing: one render at a time; a request during a render is served after it, newest only ----

  private schedule(): void {
    if (this.rendering) {
      this.pending = true;
      return;
    }
    this.rendering = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      do {
        // Let the messages already queued arrive first, so that only the newest is drawn.
        await new Promise((resolve) => setTimeout(resolve, 0));
        this.pending = false;
        await this.draw();
      } while (this.pending);
    } finally {
      this.rendering = false;
    }
  }

  private async draw(): Promise<void> {
    const message = this.latest;
    if (message === undefined) return;
    const tab = this.document.tab;
    const view = VIEWS[tab];
    const pageIndex = view.paged ? Math.min(this.document.page, message.pages.length - 1) : 0;
    this.showPager(message);
    if (this.status.textContent === SEQUENCE_COMING) this.status.textContent = '';
    if (tab === 'sequence' && message.sequenceOmitted === true) {
      // A long script shown first on another tab: the host sends the diagram once asked.
      this.status.textContent = SEQUENCE_COMING;
      if (this.askedForSequence !== message.renderId) {
        this.askedForSequence = message.renderId;
        this.vscode.postMessage({ type: 'tab', tab });
      }
      return;
    }
    const key = `${message.source.uri}\n${this.theme}\n${view.text(message, pageIndex, this.theme)}`;
    const shown = this.shown[tab];
    if (shown?.key === key) {
      if (this.diagram.firstElementChild !== shown.svg) this.swapIn(shown.svg);
      this.afterSwap(message);
      this.report(message.renderId, tab, pageIndex, 0, shown.svg);
      return;
    }
    const started = performance.now();
    try {
      const svg = await view.draw(message, pageIndex, this.theme, this.offscreen);
      if (this.pending) return; // a newer render is waiting: this one is already stale
      this.shown[tab] = { key, svg };
      if (this.document.tab === tab) this.swapIn(svg);
      this.status.textContent = '';
      this.afterSwap(message);
      this.report(message.renderId, tab, pageIndex, performance.now() - started, svg);
    } catch (error) {
      this.status.textContent = `Mermaid could not draw this diagram: ${errorText(error)}`;
      this.report(message.renderId, tab, pageIndex, performance.now() - started, undefined, errorText(error));
    }
  }

  private swapIn(svg: SVGSVGElement): void {
    this.diagram.replaceChildren(svg);
    this.viewport.show(svg, this.document.views[this.document.tab]);
    this.showZoom(this.viewport.zoom);
    this.followBands(bandsOf(svg));
  }

  /**
   * A long ladder draws its bands as the stage scrolls; each band drawn later gets the marks
   * the whole picture has (the cursor's highlight, the step-through's current and future).
   */
  private followBands(bands: LadderBands | undefined): void {
    if (bands === this.bands) return;
    this.bands?.detach();
    this.bands = bands;
    if (bands === undefined) return;
    if (!BANDS_FOLLOWED.has(bands)) {
      BANDS_FOLLOWED.add(bands);
      bands.onDrawn(({ group }) => {
        highlightLine(group, this.highlighted);
        markStep(group, this.plan, this.step);
      });
    }
    bands.attach(this.stage);
  }

  /** Tells the host which tab this document is shown on, when that changed: it sends what the tab draws. */
  private reportTab(): void {
    const key = `${this.uri}\n${this.document.tab}`;
    if (this.uri === '' || key === this.reportedTab) return;
    this.reportedTab = key;
    if (this.document.tab === 'sequence' && this.latest !== undefined) this.askedForSequence = this.latest.renderId;
    this.vscode.postMessage({ type: 'tab', tab: this.document.tab });
  }

  /** Tells the host that `svg` is shown (or that drawing failed with `error`). */
  private report(renderId: number, diagram: DiagramTab, page: number, durationMs: number, svg: SVGSVGElement | undefined, error?: string): void {
    const key = `${renderId} ${this.theme} ${page}`;
    if (this.reported[diagram] === key && error === undefined) return;
    this.reported[diagram] = key;
    const counts = svg !== undefined && diagram === 'sequence' ? countSequence(svg) : { messages: 0, notes: 0 };
    this.vscode.postMessage({ type: 'rendered', renderId, diagram, durationMs, error, theme: this.theme, page, ...counts });
  }

  private afterSwap(message: RenderMessage): void {
    const tab = this.document.tab;
    this.diagram.setAttribute('aria-label', `${DIAGRAM_NAMES[tab]} of ${message.source.fileName}`);
    if (tab === 'state') return;
    // A long ladder draws the band of the cursor's segment first, so that it can be revealed.
    if (tab === 'timeline' && this.bands !== undefined && this.highlighted >= 0) {
      const index = this.bands.segmentOfLine(this.highlighted);
      if (index >= 0) this.bands.segment(index);
    }
    const first = highlightLine(this.diagram, this.highlighted);
    if (first !== undefined) this.viewport.reveal(first);
    if (tab === 'timeline') this.markSteps();
    if (tab !== 'sequence') return;
    const highlighted = { type: 'highlighted', line: this.highlighted, messages: highlightedMessages(this.diagram) } as const;
    const json = JSON.stringify(highlighted);
    if (json === this.reportedHighlight) return;
    this.reportedHighlight = json;
    this.vscode.postMessage(highlighted);
  }

  // ---- step-through (Timeline tab) ----

  /** ←/→ step through the ladder, Escape stops. */
  private stepKey(event: KeyboardEvent): boolean {
    if (this.document.tab !== 'timeline' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
    if (event.key === 'Escape' && this.step !== undefined) {
      this.stopStepping();
      return true;
    }
    const action = stepActionOfKey(event.key);
    if (action === undefined) return false;
    this.stepTo(action);
    return true;
  }

  /** Moves the step-through one event (or to either end): the event marked, its values shown, the editor's cursor on its line. */
  private stepTo(action: StepAction): void {
    if (this.document.tab !== 'timeline') return;
    const step = nextStep(action, this.step, this.plan.count);
    const at = step === undefined ? undefined : planStep(this.plan, step);
    if (step === undefined || at === undefined) return;
    this.step = step;
    // A long ladder draws the band of the step's segment first, so that it can be marked and revealed.
    const segment = at.segment;
    if (this.bands !== undefined && segment !== undefined) {
      const index = this.bands.segmentOfLine(segment);
      if (index >= 0) this.bands.segment(index);
    }
    this.marked = undefined;
    const [current] = this.markSteps();
    if (current !== undefined) this.viewport.reveal(current);
    this.vscode.postMessage({ type: 'stepped', line: at.line });
  }

  private stopStepping(): void {
    this.step = undefined;
    this.markSteps();
  }

  /**
   * Marks the Timeline for the step-through's position and shows its panel, unless both are
   * already so (the host answers every step with the cursor's highlight); the current elements.
   */
  private markSteps(): Element[] {
    const svg = this.diagram.firstElementChild;
    const marked = this.marked;
    if (marked !== undefined && marked.svg === svg && marked.plan === this.plan && marked.step === this.step) return [];
    this.marked = { svg, plan: this.plan, step: this.step };
    const current = markStep(this.diagram, this.plan, this.step);
    this.showStepPanel();
    return current;
  }

  private showStepPanel(): void {
    const timeline = this.latest?.timeline;
    if (timeline === undefined || this.document.tab !== 'timeline') this.stepPanel.hidden = true;
    else showStepPanel(this.stepPanel, timeline, this.step);
  }

  // ---- scroll sync with the editor ----

  /** The editor shows `line` at its top: bring the first message or note from there to the top. */
  private scrollToLine(line: number): void {
    if (this.document.tab !== 'sequence' || this.latest === undefined) return;
    const page = pageOfLine(this.latest.pages, line);
    if (page !== this.document.page) {
      this.saveDocument({ page });
      this.schedule();
      return;
    }
    const target = firstLineFrom(this.diagram, line);
    if (target === undefined) return;
    const stage = this.stage.getBoundingClientRect();
    const top = (target.getBoundingClientRect().top - stage.top + this.stage.scrollTop - 8) / this.viewport.zoom;
    this.reportedScroll = line;
    this.viewport.scrollToDiagramTop(Math.max(0, top));
  }

  private userScrolled(): void {
    if (this.document.tab !== 'sequence') return;
    const line = topLineAt(this.diagram, this.stage.getBoundingClientRect().top);
    if (line === undefined || line === this.reportedScroll) return;
    this.reportedScroll = line;
    this.vscode.postMessage({ type: 'scrolled', line });
  }

  // ---- the page around the diagram ----

  private showErrors(errors: readonly ErrorItem[]): void {
    const section = element('errors');
    section.hidden = errors.length === 0;
    if (errors.length === 0) {
      section.replaceChildren();
      return;
    }
    const heading = document.createElement('h2');
    heading.textContent = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    const list = document.createElement('ul');
    for (const error of errors.slice(0, MAX_ERRORS_SHOWN)) {
      const item = document.createElement('li');
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'error-line';
      link.setAttribute('data-error-line', String(error.line));
      link.textContent = `Line ${error.line + 1}`;
      const text = document.createElement('span');
      text.textContent = ` ${error.message} `;
      const code = document.createElement('code');
      code.textContent = error.code;
      item.append(link, text, code);
      list.append(item);
    }
    section.replaceChildren(heading, list);
    if (errors.length > MAX_ERRORS_SHOWN) {
      const more = document.createElement('p');
      more.textContent = `and ${errors.length - MAX_ERRORS_SHOWN} more (see the Problems panel)`;
      section.append(more);
    }
  }

  private showPager(message: RenderMessage): void {
    const pager = element('pager');
    const count = message.pages.length;
    pager.hidden = count < 2 || !VIEWS[this.document.tab].paged;
    const index = Math.min(this.document.page, count - 1);
    const page = message.pages[index];
    element('page-label').textContent = `Page ${index + 1} of ${count} · lines ${page.firstLine + 1}–${page.lastLine + 1} · ${page.segments} segment${page.segments === 1 ? '' : 's'}`;
    (pager.querySelector('[data-action="page-previous"]') as HTMLButtonElement).disabled = index === 0;
    (pager.querySelector('[data-action="page-next"]') as HTMLButtonElement).disabled = index === count - 1;
  }

  private showLegend(machine: StateMachineView): void {
    const legend = element('legend');
    const rows = machine.endpoints.map((endpoint) => {
      const row = document.createElement('div');
      row.className = 'legend-row';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = this.theme === 'dark' || this.theme === 'hc-dark' ? endpoint.darkColor : endpoint.color;
      const name = document.createElement('strong');
      name.textContent = endpoint.label;
      const path = document.createElement('span');
      path.textContent = ` ${endpoint.path}`;
      row.append(swatch, name, path);
      if (endpoint.current !== '') {
        const now = document.createElement('em');
        now.textContent = ` — at the cursor: ${endpoint.current}`;
        row.append(now);
      }
      return row;
    });
    const note = document.createElement('div');
    note.className = 'legend-note';
    note.textContent = 'Coloured: the transitions each endpoint took, side by side, and a dot in each state it went through. Dashed: transitions Figure 5 does not draw (resets, aborts). Ring: the state at the cursor.';
    legend.replaceChildren(...rows, note);
  }

  private showToolbarValues(message: RenderMessage): void {
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-option]')) {
      const value = message.effective[control.dataset.option as ViewOptionName];
      if (control instanceof HTMLInputElement) control.checked = value === true;
      else control.value = String(value);
    }
    element<HTMLSelectElement>('background').value = this.state.background;
  }

  private showZoom(zoom: number): void {
    const label = element('zoom-label');
    label.textContent = `${Math.round(zoom * 100)}%`;
    label.setAttribute('aria-label', `Zoom ${Math.round(zoom * 100)}%; click for 100%`);
  }

  /** Marks the selected tab and shows only the controls that act on it. */
  private showTab(): void {
    const tab = this.document.tab;
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    }
    for (const control of document.querySelectorAll<HTMLElement>('[data-tabs]')) {
      control.hidden = !(control.dataset.tabs ?? '').split(' ').includes(tab);
    }
    document.body.dataset.activeTab = tab;
    element('legend').hidden = tab !== 'state';
    this.showStepPanel();
    const shown = this.shown[tab];
    if (shown !== undefined) this.swapIn(shown.svg);
  }

  // ---- toolbar ----

  private wireToolbar(): void {
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      button.addEventListener('click', () => {
        const tab = DIAGRAM_TABS.find((t) => t === button.dataset.tab);
        if (tab === undefined || tab === this.document.tab) return;
        this.saveDocument({ tab });
        this.showTab();
        this.reportTab();
        this.schedule();
      });
    }
    for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-option]')) {
      const name = VIEW_OPTION_NAMES.find((n) => n === control.dataset.option);
      if (name === undefined) continue;
      control.addEventListener('change', () => {
        const next = withOption(this.state.options, name, control instanceof HTMLInputElement ? control.checked : control.value);
        if (next !== undefined) this.setOptions(next);
      });
    }
    const background = element<HTMLSelectElement>('background');
    background.addEventListener('change', () => {
      const value = BACKGROUNDS.find((b) => b === background.value);
      if (value !== undefined) this.save({ background: value });
    });
    const menu = element('menu');
    const actions: Record<string, () => void> = {
      'fit-width': () => this.viewport.fit('width'),
      'fit-page': () => this.viewport.fit('page'),
      'zoom-in': () => this.viewport.zoomIn(),
      'zoom-out': () => this.viewport.zoomOut(),
      'actual-size': () => this.viewport.actualSize(),
      'page-previous': () => this.turnPage(-1),
      'page-next': () => this.turnPage(1),
      menu: () => {
        menu.hidden = !menu.hidden;
      },
      'export-svg': () => void this.export('svg', 'page'),
      'export-png': () => void this.export('png', 'page'),
      'export-all-svg': () => void this.export('svg', 'all'),
      'export-all-png': () => void this.export('png', 'all'),
      'step-first': () => this.stepTo('first'),
      'step-previous': () => this.stepTo('previous'),
      'step-next': () => this.stepTo('next'),
      'step-last': () => this.stepTo('last'),
      'step-stop': () => this.stopStepping(),
      'copy-mermaid': () => this.vscode.postMessage({ type: 'copy', format: 'mermaid', diagram: this.document.tab }),
      'copy-markdown': () => this.vscode.postMessage({ type: 'copy', format: 'markdown', diagram: this.document.tab }),
    };
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
      const name = button.dataset.action ?? '';
      const action = actions[name];
      if (action === undefined) continue;
      button.addEventListener('click', () => {
        if (name !== 'menu' && button.closest('#menu') !== null) menu.hidden = true;
        action();
      });
    }
    document.addEventListener('pointerdown', (event) => {
      if (!menu.hidden && event.target instanceof Node && !menu.parentElement?.contains(event.target)) menu.hidden = true;
    });
  }

  private setOptions(options: ViewOptions): void {
    this.save({ options });
    this.vscode.postMessage({ type: 'options', options });
  }

  private turnPage(delta: number): void {
    const count = this.latest?.pages.length ?? 1;
    const page = Math.min(count - 1, Math.max(0, this.document.page + delta));
    if (page === this.document.page) return;
    const view = this.document.views.sequence;
    this.saveDocument({ page, views: { ...this.document.views, sequence: { ...view, top: 0 } } });
    this.schedule();
  }

  private async export(format: 'svg' | 'png', scope: 'page' | 'all'): Promise<void> {
    const message = this.latest;
    const shown = this.diagram.querySelector('svg');
    if (shown === null || message === undefined) return;
    const tab = this.document.tab;
    const background = backgroundColor(this.state.background, document.body);
    try {
      const layout = tab === 'timeline' ? message.timeline.layout : undefined;
      // A long ladder is exported whole, not as the bands on screen.
      const whole = layout !== undefined ? wholeLadder(layout, this.theme) : shown;
      const svgs = scope === 'all' && VIEWS[tab].paged && message.pages.length > 1 ? await this.allPages(message) : [whole];
      const file = standaloneSvgOfPages(svgs, background);
      const data = format === 'svg' ? file.text : await pngBase64(file, background);
      const page = Math.min(this.document.page, message.pages.length - 1);
      this.vscode.postMessage({ type: 'export', format, data, diagram: tab, page, pageCount: message.pages.length, scope });
    } catch (error) {
      this.status.textContent = `Export failed: ${errorText(error)}`;
    }
  }

  /** Every page of the sequence diagram, drawn off screen (the page shown is reused). */
  private async allPages(message: RenderMessage): Promise<SVGSVGElement[]> {
    const svgs: SVGSVGElement[] = [];
    for (let i = 0; i < message.pages.length; i++) svgs.push(await VIEWS.sequence.draw(message, i, this.theme, this.offscreen));
    return svgs;
  }

  private save(change: Partial<WebviewState>): void {
    this.state = { ...this.state, ...change };
    this.flushState();
  }
}

/** The long ladders whose drawn bands the preview already marks. */
const BANDS_FOLLOWED = new WeakSet<LadderBands>();

new Preview().start();
