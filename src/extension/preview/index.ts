// Runs in the extension host: the tcpflow preview's commands, its panels and their
// restoration after a reload. One unlocked ("dynamic") preview follows the active .tcpflow
// editor, as the Markdown preview does; locked previews stay on their file.

import * as vscode from 'vscode';
import { isPersistedSource } from '../../shared/previewProtocol';
import type { TestAction, TestDoneMessage } from '../../shared/previewTestProtocol';
import { isTcpflow, type Analyses } from '../analyses';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions } from './previewPanel';
import { registerTestCommands, type PreviewReport } from './testHooks';

export type { PreviewReport } from './testHooks';

export interface PreviewRegistration {
  readonly disposables: vscode.Disposable[];
  /** For tests: each open panel's report, oldest panel first. */
  readonly reports: () => PreviewReport[];
}

export function registerPreview(context: vscode.ExtensionContext, analyses: Analyses): PreviewRegistration {
  const manager = new PreviewManager(context.extensionUri, analyses);
  return {
    disposables: [
      manager,
      vscode.commands.registerCommand('tcpflow.openPreview', (uri?: unknown) => manager.open(uri, false)),
      vscode.commands.registerCommand('tcpflow.openPreviewToSide', (uri?: unknown) => manager.open(uri, true)),
      vscode.commands.registerCommand('tcpflow.togglePreviewLock', () => manager.toggleLock()),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, manager),
      ...registerTestCommands((action) => manager.test(action)),
    ],
    reports: () => manager.reports(),
  };
}

class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Set<PreviewPanel>();
  private dynamic: PreviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly analyses: Analyses,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor !== undefined && isTcpflow(editor.document)) this.dynamic?.setSource(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const panel of this.showing(e.document.uri)) panel.documentChanged();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        const top = e.visibleRanges[0]?.start.line;
        if (top !== undefined) for (const panel of this.showing(e.textEditor.document.uri)) panel.editorScrolled(top);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        for (const panel of this.showing(e.textEditor.document.uri)) panel.cursorMoved(e.selections[0].active.line);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tcpflow')) for (const panel of this.panels) panel.refresh();
      }),
    ];
  }

  /** `tcpflow.openPreview` / `openPreviewToSide`: `uri` comes from a menu, else the active editor. */
  open(uri: unknown, toSide: boolean): void {
    const editor = vscode.window.activeTextEditor;
    const source = uri instanceof vscode.Uri ? uri : editor !== undefined && isTcpflow(editor.document) ? editor.document.uri : undefined;
    if (source === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tcpflow file to preview it.'));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    const locked = [...this.panels].find((p) => p.isLocked && p.shows(source));
    const target = locked ?? this.dynamic;
    if (target !== undefined) {
      target.setSource(source);
      target.panel.reveal(column, toSide);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Preview', { viewColumn: column, preserveFocus: toSide }, webviewOptions(this.extensionUri));
    this.dynamic = this.track(new PreviewPanel(panel, source, false, this.extensionUri, this.analyses));
  }

  /** `tcpflow.togglePreviewLock`: the active preview stays on its file, or follows the editor again. */
  toggleLock(): void {
    const active = [...this.panels].find((p) => p.panel.active);
    if (active === undefined) return;
    if (active.isLocked) {
      if (this.dynamic !== undefined && this.dynamic !== active) this.dynamic.dispose();
      active.setLocked(false);
      this.dynamic = active;
    } else {
      active.setLocked(true);
      if (this.dynamic === active) this.dynamic = undefined;
    }
  }

  /** Restores a preview after a window reload, from the state its webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const source = typeof state === 'object' && state !== null ? (state as { source?: unknown }).source : undefined;
    if (!isPersistedSource(source)) {
      panel.dispose();
      return;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(source.uri, true);
    } catch {
      panel.dispose();
      return;
    }
    const restored = this.track(new PreviewPanel(panel, uri, source.locked, this.extensionUri, this.analyses));
    if (!source.locked) {
      if (this.dynamic === undefined) this.dynamic = restored;
      else restored.setLocked(true);
    }
  }

  reports(): PreviewReport[] {
    return [...this.panels].map((p) => p.report);
  }

  /** For tests: the one visible preview acts on its page or measures it. */
  test(action: TestAction): Promise<TestDoneMessage> {
    const visible = [...this.panels].filter((p) => p.panel.visible);
    if (visible.length !== 1) throw new Error(`${visible.length} previews are visible: a test action needs exactly one`);
    return visible[0].test(action);
  }

  private track(panel: PreviewPanel): PreviewPanel {
    this.panels.add(panel);
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      if (this.dynamic === panel) this.dynamic = undefined;
    });
    return panel;
  }

  private showing(uri: vscode.Uri): PreviewPanel[] {
    return [...this.panels].filter((p) => p.shows(uri));
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
