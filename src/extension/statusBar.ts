// The status bar item of an active .tcpflow editor: the endpoints' states at the cursor
// line, or the error count when there are errors; a click opens the Problems panel. While a
// large document is analysed in slices, how far the check is.

import * as vscode from 'vscode';
import { snapshotAfterLine, stateLabel } from '../core/index';
import { isTcpflow, type Analyses } from './analyses';
import { readSettings } from './config';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tcpflow.states', vscode.StatusBarAlignment.Left, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly analyses: Analyses) {
    this.item.name = 'tcpflow connection states';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tcpflow') && this.update()),
      analyses.onDidProgress((uri) => uri.toString() === vscode.window.activeTextEditor?.document.uri.toString() && this.update()),
    );
    this.update();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTcpflow(editor.document)) {
      this.item.hide();
      return;
    }
    const analysis = this.analyses.peek(editor.document);
    if (analysis === undefined) {
      const percent = Math.floor((this.analyses.progress(editor.document) ?? 0) * 100);
      this.item.text = `$(sync~spin) ${vscode.l10n.t('Checking… {0} %', percent)}`;
      this.item.tooltip = vscode.l10n.t('tcpflow is checking this document ({0} lines) in the background', editor.document.lineCount);
      this.item.command = 'workbench.actions.view.problems';
      this.item.show();
      return;
    }
    const settings = readSettings(editor.document);
    const naming = settings.stateNaming;
    // Counted as the Problems panel shows them: after the `tcpflow.diagnostics.severity` overrides.
    const errors = analysis.diagnostics.filter((d) => settings.severity(d.code) === 'error').length;
    const line = editor.selection.active.line;
    const states = snapshotAfterLine(analysis, line)
      .map((s, i) => `${analysis.endpoints[i].name} ${stateLabel(s.state, naming)}`)
      .join(' · ');
    if (errors > 0) {
      this.item.text = `$(error) ${errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', errors)}`;
      this.item.tooltip =
        errors === 1
          ? vscode.l10n.t('tcpflow: 1 error in this scenario. At line {0}: {1}', line + 1, states || vscode.l10n.t('no endpoints'))
          : vscode.l10n.t('tcpflow: {0} errors in this scenario. At line {1}: {2}', errors, line + 1, states || vscode.l10n.t('no endpoints'));
      this.item.command = 'workbench.actions.view.problems';
    } else {
      this.item.text = `$(arrow-swap) ${states || 'tcpflow'}`;
      this.item.tooltip = vscode.l10n.t('Connection states after line {0}', line + 1);
      this.item.command = 'workbench.actions.view.problems';
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
