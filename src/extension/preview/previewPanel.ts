// Runs in the extension host: one preview panel. Renders its source document into
// messages for the webview (debounced while the user types), forwards the cursor line, and
// carries out what the webview asks for — reveal a line, save an export, copy a source.

import * as vscode from 'vscode';
import { isWebviewMessage, type DiagramTab, type HostMessage, type ViewOptions, type WebviewMessage } from '../../shared/previewProtocol';
import type { TestAction, TestDoneMessage } from '../../shared/previewTestProtocol';
import type { Analyses } from '../analyses';
import { readSettings } from '../config';
import { displayLocale } from '../locale';
import { localizePreviewHtml } from '../previewLabels';
import { saveExport } from './exportFile';
import { buildPreviewHtml, LOCAL_RESOURCE_ROOTS, MERMAID_SCRIPT, newNonce, PREVIEW_SCRIPT, PREVIEW_STYLE } from './html';
import { DEFAULT_MESSAGES_PER_PAGE } from './paging';
import { defaultTabOf, diagramSource, markdownBlock, renderMessage, stateMachineView, type RenderSettings } from './renderModel';
import { TestRequests, type PreviewReport } from './testHooks';

export const PREVIEW_VIEW_TYPE = 'tcpflow.preview';

/** Long enough to skip the keystrokes of a word, short enough to feel live. */
const RENDER_DELAY_MS = 200;
/** A scroll of the editor that follows one of the preview's is not echoed back within this time. */
const SCROLL_ECHO_MS = 300;

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    // Ctrl+F in the preview finds text in the diagram's labels (plain SVG text).
    enableFindWidget: true,
    localResourceRoots: LOCAL_RESOURCE_ROOTS.map((segments) => vscode.Uri.joinPath(extensionUri, ...segments)),
  };
}

export class PreviewPanel implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private ready = false;
  private renderId = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private options: ViewOptions = {};
  private cursorLine = -1;
  /** The state machine last posted (its Figure 5), so a cursor move resends it only when it changed. */
  private stateText = '';
  /** The tab the webview last said it shows, and for which document. */
  private shownTab: { uri: string; tab: DiagramTab } | undefined;
  /** Whether the last render posted left out the sequence diagram (its pages' lines only). */
  private sequenceOmitted = false;
  private isDisposed = false;
  /** What tests read (PreviewReport): the last render posted and what the webview reported. */
  private lastReport: PreviewReport = { uri: '', renderId: 0 };
  private readonly tests = new TestRequests((message) => this.post(message));
  /**
   * Until when editor scrolls are the echo of the preview's own. (The reverse needs no guard:
   * the webview reports only scrolls the user made.)
   */
  private editorScrolledByPreviewUntil = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private source: vscode.Uri,
    private locked: boolean,
    extensionUri: vscode.Uri,
    private readonly analyses: Analyses,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    webview.html = localizePreviewHtml(buildPreviewHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      mermaidUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...MERMAID_SCRIPT)).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...PREVIEW_SCRIPT)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...PREVIEW_STYLE)).toString(),
    }), displayLocale());
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'tcpflow-file.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'tcpflow-file-dark.svg'),
    };
    this.subscriptions.push(
      webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.cursorLine = this.editorCursorLine();
    this.updateTitle();
  }

  get uri(): vscode.Uri {
    return this.source;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  shows(uri: vscode.Uri): boolean {
    return this.source.toString() === uri.toString();
  }

  setSource(uri: vscode.Uri): void {
    if (this.shows(uri)) return;
    this.source = uri;
    this.stateText = '';
    this.cursorLine = this.editorCursorLine();
    this.updateTitle();
    void this.render();
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateTitle();
    void this.render();
  }

  /** The source changed: render once the typing pauses. */
  documentChanged(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.render();
    }, RENDER_DELAY_MS);
  }

  cursorMoved(line: number): void {
    if (line === this.cursorLine) return;
    this.cursorLine = line;
    if (!this.ready) return;
    const document = this.openDocument();
    if (document === undefined) return;
    // A large document still being checked: the render that follows the check marks the cursor.
    const analysis = this.analyses.peek(document);
    if (analysis === undefined) return;
    const machine = stateMachineView(analysis, readSettings(document).stateNaming, line);
    const changed = machine.figure5.light !== this.stateText;
    this.stateText = machine.figure5.light;
    this.post({ type: 'highlight', line, stateMachine: changed ? machine : undefined });
  }

  /** The source editor scrolled so that `line` is its first visible line (`tcpflow.preview.scrollPreviewWithEditor`). */
  editorScrolled(line: number): void {
    if (!this.ready || Date.now() < this.editorScrolledByPreviewUntil) return;
    if (!vscode.workspace.getConfiguration('tcpflow', this.source).get<boolean>('preview.scrollPreviewWithEditor', true)) return;
    this.post({ type: 'scroll', line });
  }

  refresh(): void {
    void this.render();
  }

  /** For tests: what this panel last posted and was told (see testHooks.ts). */
  get report(): PreviewReport {
    return this.lastReport;
  }

  /** For tests: has the webview act on its page or measure it (see testHooks.ts). */
  test(action: TestAction): Promise<TestDoneMessage> {
    if (!this.ready || this.isDisposed) return Promise.resolve({ type: 'testDone', id: 0, done: false });
    return this.tests.run(action);
  }

  private async render(): Promise<void> {
    if (!this.ready || this.isDisposed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(this.source);
    } catch (error) {
      void vscode.window.showWarningMessage(`tcpflow preview: cannot open ${this.source.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (this.isDisposed) return;
    // A large document is checked in slices: the preview waits for it rather than finishing it at once.
    const analysis = await this.analyses.analyse(document);
    if (this.isDisposed) return;
    const message = renderMessage(
      analysis,
      ++this.renderId,
      { uri: this.source.toString(), fileName: fileName(this.source), locked: this.locked },
      this.options,
      this.renderSettings(document),
      this.cursorLine,
    );
    this.stateText = message.stateMachine.figure5.light;
    this.sequenceOmitted = message.sequenceOmitted === true;
    this.lastReport = { ...this.lastReport, uri: message.source.uri, renderId: message.renderId };
    this.post(message);
  }

  private renderSettings(document: vscode.TextDocument): RenderSettings {
    const settings = readSettings(document);
    const configuration = vscode.workspace.getConfiguration('tcpflow', document);
    const perPage = configuration.get<number>('preview.messagesPerPage');
    const payload = configuration.get<number>('preview.payloadLength');
    const uri = document.uri.toString();
    const defaultTab = defaultTabOf(configuration.get<string>('preview.defaultView'));
    return {
      naming: settings.stateNaming,
      messagesPerPage: typeof perPage === 'number' && Number.isFinite(perPage) && perPage >= 10 ? Math.floor(perPage) : DEFAULT_MESSAGES_PER_PAGE,
      payloadChars: typeof payload === 'number' && Number.isFinite(payload) ? Math.min(1000, Math.max(4, Math.floor(payload))) : undefined,
      isError: (d) => settings.severity(d.code) === 'error',
      defaultTab,
      // Until the webview says, a document opens on the default tab (or where it was left, which it will say).
      shownTab: this.shownTab?.uri === uri ? this.shownTab.tab : defaultTab,
    };
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    try {
      await this.handle(message);
    } catch (error) {
      void vscode.window.showErrorMessage(`tcpflow preview: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'options':
        this.options = message.options;
        this.ready = true;
        await this.render();
        return;
      case 'reveal':
        await this.reveal(message.line, message.select);
        return;
      case 'stepped':
        await this.reveal(message.line, false, true);
        return;
      case 'scrolled':
        this.previewScrolled(message.line);
        return;
      case 'export':
        await saveExport(this.source, message);
        return;
      case 'copy': {
        const document = await vscode.workspace.openTextDocument(this.source);
        const text = diagramSource(this.analyses.get(document), message.diagram, this.options, this.renderSettings(document), this.cursorLine);
        await vscode.env.clipboard.writeText(message.format === 'markdown' ? markdownBlock(text) : text);
        vscode.window.setStatusBarMessage(message.format === 'markdown' ? 'tcpflow: copied as a Markdown block' : 'tcpflow: copied the Mermaid source', 3000);
        return;
      }
      case 'rendered':
        if (message.error !== undefined) console.warn(`tcpflow preview: render ${message.renderId} failed: ${message.error}`);
        this.lastReport = { ...this.lastReport, rendered: message };
        return;
      case 'highlighted':
        this.lastReport = { ...this.lastReport, highlighted: message };
        return;
      case 'tab':
        this.shownTab = { uri: this.source.toString(), tab: message.tab };
        if (message.tab === 'sequence' && this.sequenceOmitted) {
          this.sequenceOmitted = false;
          await this.render();
        }
        return;
      case 'testDone':
        this.tests.answered(message);
        return;
    }
  }

  /**
   * Shows the source with the cursor at the start of `line`'s segment (a click), or with the
   * line selected (a double-click), in the editor that has it open or beside the preview.
   */
  /** `preserveFocus`: the keys go on stepping in the preview. */
  private async reveal(line: number, select: boolean, preserveFocus = false): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.source);
    if (line >= document.lineCount) return;
    const text = document.lineAt(line);
    const start = text.firstNonWhitespaceCharacterIndex;
    const selection = select ? new vscode.Range(line, start, line, text.range.end.character) : new vscode.Range(line, start, line, start);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus });
  }

  /** The user scrolled the preview: the editor follows (`tcpflow.preview.scrollEditorWithPreview`). */
  private previewScrolled(line: number): void {
    if (!vscode.workspace.getConfiguration('tcpflow', this.source).get<boolean>('preview.scrollEditorWithPreview', true)) return;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString());
    if (editor === undefined || line >= editor.document.lineCount) return;
    this.editorScrolledByPreviewUntil = Date.now() + SCROLL_ECHO_MS;
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  }

  private openDocument(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.source.toString());
  }

  private editorCursorLine(): number {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.source.toString());
    return editor?.selection.active.line ?? -1;
  }

  private updateTitle(): void {
    this.panel.title = this.locked ? `[Preview] ${fileName(this.source)}` : `Preview ${fileName(this.source)}`;
  }

  private post(message: HostMessage): void {
    if (!this.isDisposed) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.timer);
    this.tests.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
    this.disposed.fire();
    this.disposed.dispose();
  }
}

function fileName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString(true);
}
