// Runs inside the tcpflow preview webview (entry of dist/webview/preview.js). Receives the
// diagrams from the extension host (src/shared/previewProtocol.ts), draws them with the
// bundled Mermaid off screen and swaps them in when ready — the previous picture stays until
// then — and reports clicks, exports and copies back to the host, and what it drew and
// highlighted (for tests).

import type { ClickTarget, DiagramTab, ErrorItem, HostMessage, RenderMessage, StateMachineView, ViewOptions } from '../shared/previewProtocol';
import { isHostMessage, NUMBERS_MODES, pageOfLine, STATES_MODES } from '../shared/previewProtocol';
import { backgroundColor, pngBase64, standaloneSvg } from './exporter';
import { errorText, renderSvg } from './mermaidRenderer';
import { annotateSequence, countSequence, highlightedMessages, highlightLine, lineAt } from './sourceMap';
import { mermaidTheme, watchTheme, type MermaidTheme } from './theme';
import { Viewport } from './viewport';
import { vscodeApi } from './vscodeApi';
import { BACKGROUNDS, readState, type WebviewState } from './webviewState';

/** Errors listed above the diagram; the rest are counted. */
const MAX_ERRORS_SHOWN = 20;

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
  /** The last picture drawn for each tab, so switching tabs does not redraw. */
  private readonly shown: Partial<Record<DiagramTab, Shown>> = {};
  private rendering = false;
  private pending = false;
  /** What was last reported back for each tab: one `rendered` per render, tab, theme and page. */
  private readonly reported: Partial<Record<DiagramTab, string>> = {};
  /** The last `highlighted` report, as its JSON. */
  private reportedHighlight = '';

  private readonly stage = element('stage');
  private readonly diagram = element('diagram');
  private readonly offscreen = element('offscreen');
  private readonly status = element('status');
  private readonly viewport = new Viewport(this.stage, element('canvas'), (view) => {
    this.save({ views: { ...this.state.views, [this.state.tab]: view } });
  });

  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.receive(event.data);
    });
    watchTheme(document.body, (theme) => {
      this.theme = theme;
      this.schedule();
    });
    this.wireToolbar();
    this.diagram.addEventListener('click', (event) => {
      const line = lineAt(event.target);
      if (line !== undefined) this.vscode.postMessage({ type: 'reveal', line });
    });
    element('errors').addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('[data-error-line]') : null;
      const line = Number(target?.getAttribute('data-error-line'));
      if (target !== null && Number.isInteger(line)) this.vscode.postMessage({ type: 'reveal', line });
    });
    this.showTab();
    this.viewport.set(this.state.views[this.state.tab]);
    this.vscode.postMessage({ type: 'ready', options: this.state.options });
  }

  private receive(message: HostMessage): void {
    if (message.type === 'click') {
      this.vscode.postMessage({ type: 'clicked', id: message.id, done: this.click(message.target) });
      return;
    }
    if (message.type === 'highlight') {
      this.highlighted = message.line;
      if (message.stateMachine !== undefined && this.latest !== undefined) {
        this.latest = { ...this.latest, stateMachine: message.stateMachine };
        this.showLegend(message.stateMachine);
      }
      const page = this.latest ? pageOfLine(this.latest.pages, message.line) : this.state.page;
      if (page !== this.state.page) this.save({ page });
      this.schedule();
      return;
    }
    if (this.latest !== undefined && message.renderId < this.latest.renderId) return;
    this.latest = message;
    this.highlighted = message.cursorLine;
    const page = message.cursorLine >= 0 ? pageOfLine(message.pages, message.cursorLine) : Math.min(this.state.page, message.pages.length - 1);
    this.save({ page, source: { uri: message.source.uri, locked: message.source.locked } });
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
    const tab = this.state.tab;
    const page = message.pages[Math.min(this.state.page, message.pages.length - 1)];
    this.showPager(message);
    const text = tab === 'sequence' ? page.text : message.stateMachine.text;
    const key = `${this.theme}\n${text}`;
    const pageIndex = tab === 'sequence' ? Math.min(this.state.page, message.pages.length - 1) : 0;
    const shown = this.shown[tab];
    if (shown?.key === key) {
      if (this.diagram.firstElementChild !== shown.svg) this.diagram.replaceChildren(shown.svg);
      this.afterSwap(message);
      this.report(message.renderId, tab, pageIndex, 0, shown.svg);
      return;
    }
    const started = performance.now();
    try {
      const svg = await renderSvg(text, this.theme, this.offscreen);
      if (this.pending) return; // a newer render is waiting: this one is already stale
      if (tab === 'sequence') annotateSequence(svg, page.messages, page.notes);
      else colourTransitions(svg, message.stateMachine);
      this.shown[tab] = { key, svg };
      if (this.state.tab === tab) this.diagram.replaceChildren(svg);
      this.status.textContent = '';
      this.afterSwap(message);
      this.report(message.renderId, tab, pageIndex, performance.now() - started, svg);
    } catch (error) {
      this.status.textContent = `Mermaid could not draw this diagram: ${errorText(error)}`;
      this.report(message.renderId, tab, pageIndex, performance.now() - started, undefined, errorText(error));
    }
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
    this.diagram.setAttribute('aria-label', this.state.tab === 'sequence' ? `Sequence diagram of ${message.source.fileName}` : `State machine of ${message.source.fileName}`);
    if (this.state.tab !== 'sequence') return;
    const first = highlightLine(this.diagram, this.highlighted);
    if (first !== undefined) this.viewport.reveal(first);
    const highlighted = { type: 'highlighted', line: this.highlighted, messages: highlightedMessages(this.diagram) } as const;
    const json = JSON.stringify(highlighted);
    if (json === this.reportedHighlight) return;
    this.reportedHighlight = json;
    this.vscode.postMessage(highlighted);
  }

  /**
   * Clicks an element of the page as a user would (integration tests ask, see ClickTarget): a
   * message arrow's label is first brought into sight, and the press and click go to whatever
   * is topmost at the target's centre. False when the target is not on the page.
   */
  private click(target: ClickTarget): boolean {
    const aimedAt =
      target.kind === 'message'
        ? this.diagram.querySelectorAll('text.messageText')[target.index]
        : document.querySelector(target.kind === 'tab' ? `[data-tab="${target.tab}"]` : `[data-action="${target.action}"]`);
    if (aimedAt === null || aimedAt === undefined) return false;
    if (target.kind === 'message') this.viewport.reveal(aimedAt);
    const box = aimedAt.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const element = document.elementFromPoint(x, y);
    if (element === null) return false;
    const at = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, button: 0 };
    element.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerId: 1, isPrimary: true }));
    element.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerId: 1, isPrimary: true }));
    element.dispatchEvent(new MouseEvent('click', { ...at, detail: 1 }));
    return true;
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
    pager.hidden = count < 2 || this.state.tab !== 'sequence';
    const index = Math.min(this.state.page, count - 1);
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
      swatch.style.backgroundColor = endpoint.color;
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
    note.textContent = 'Coloured: states and transitions each endpoint went through. Dashed: shared by several endpoints. Thick border: the state at the cursor.';
    legend.replaceChildren(...rows, note);
  }

  private showToolbarValues(message: RenderMessage): void {
    element<HTMLSelectElement>('states').value = message.effective.states;
    element<HTMLSelectElement>('numbers').value = message.effective.numbers;
    element<HTMLInputElement>('autonumber').checked = this.state.options.autonumber;
    element<HTMLSelectElement>('background').value = this.state.background;
  }

  private showTab(): void {
    const tab = this.state.tab;
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    }
    document.body.dataset.activeTab = tab;
    element('legend').hidden = tab !== 'state';
    const shown = this.shown[tab];
    if (shown !== undefined) this.diagram.replaceChildren(shown.svg);
  }

  // ---- toolbar ----

  private wireToolbar(): void {
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
      button.addEventListener('click', () => {
        const tab = button.dataset.tab === 'state' ? 'state' : 'sequence';
        if (tab === this.state.tab) return;
        this.save({ tab });
        this.showTab();
        this.viewport.set(this.state.views[tab]);
        this.schedule();
      });
    }
    const states = element<HTMLSelectElement>('states');
    states.addEventListener('change', () => {
      const value = STATES_MODES.find((m) => m === states.value);
      if (value !== undefined) this.setOptions({ ...this.state.options, states: value });
    });
    const numbers = element<HTMLSelectElement>('numbers');
    numbers.addEventListener('change', () => {
      const value = NUMBERS_MODES.find((m) => m === numbers.value);
      if (value !== undefined) this.setOptions({ ...this.state.options, numbers: value });
    });
    const autonumber = element<HTMLInputElement>('autonumber');
    autonumber.addEventListener('change', () => this.setOptions({ ...this.state.options, autonumber: autonumber.checked }));
    const background = element<HTMLSelectElement>('background');
    background.addEventListener('change', () => {
      const value = BACKGROUNDS.find((b) => b === background.value);
      if (value !== undefined) this.save({ background: value });
    });
    const actions: Record<string, () => void> = {
      'zoom-in': () => this.viewport.zoomIn(),
      'zoom-out': () => this.viewport.zoomOut(),
      'zoom-reset': () => this.viewport.reset(),
      'page-previous': () => this.turnPage(-1),
      'page-next': () => this.turnPage(1),
      'export-svg': () => void this.export('svg'),
      'export-png': () => void this.export('png'),
      'copy-mermaid': () => this.vscode.postMessage({ type: 'copy', format: 'mermaid', diagram: this.state.tab }),
      'copy-markdown': () => this.vscode.postMessage({ type: 'copy', format: 'markdown', diagram: this.state.tab }),
    };
    for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
      const action = actions[button.dataset.action ?? ''];
      if (action !== undefined) button.addEventListener('click', action);
    }
  }

  private setOptions(options: ViewOptions): void {
    this.save({ options });
    this.vscode.postMessage({ type: 'options', options });
  }

  private turnPage(delta: number): void {
    const count = this.latest?.pages.length ?? 1;
    const page = Math.min(count - 1, Math.max(0, this.state.page + delta));
    if (page === this.state.page) return;
    this.save({ page, views: { ...this.state.views, sequence: { ...this.state.views.sequence, y: 0 } } });
    this.viewport.set(this.state.views.sequence);
    this.schedule();
  }

  private async export(format: 'svg' | 'png'): Promise<void> {
    const svg = this.diagram.querySelector('svg');
    const message = this.latest;
    if (svg === null || message === undefined) return;
    const background = backgroundColor(this.state.background, document.body);
    try {
      const file = standaloneSvg(svg, background);
      const data = format === 'svg' ? file.text : await pngBase64(file, background);
      const page = Math.min(this.state.page, message.pages.length - 1);
      this.vscode.postMessage({ type: 'export', format, data, diagram: this.state.tab, page, pageCount: message.pages.length });
    } catch (error) {
      this.status.textContent = `Export failed: ${errorText(error)}`;
    }
  }

  private save(change: Partial<WebviewState>): void {
    this.state = { ...this.state, ...change };
    this.vscode.setState(this.state);
  }
}

/**
 * stateDiagram-v2 cannot style transitions, so the picture is coloured here: Mermaid gives
 * the i-th transition of the text `data-id="edge<i>"`. A transition several endpoints took
 * is dashed in the first one's colour.
 */
function colourTransitions(svg: SVGSVGElement, machine: StateMachineView): void {
  machine.transitions.forEach((takenBy, i) => {
    if (takenBy.length === 0) return;
    const color = machine.endpoints[takenBy[0]]?.color;
    if (color === undefined) return;
    for (const path of svg.querySelectorAll<SVGElement>(`path[data-id="edge${i}"]`)) {
      path.style.stroke = color;
      path.style.strokeWidth = '3px';
      if (takenBy.length > 1) path.style.strokeDasharray = '8 4';
    }
  });
}

new Preview().start();
