// Runs in either extension host (desktop/Node or the web worker of vscode.dev): what
// activation does, given how the host loads the importers' bundle. The two entry files,
// extension.ts (Node) and webExtension.ts (browser), differ only in that.
// Activation failures are shown to the user, not swallowed.

import * as vscode from 'vscode';
import { Analyses } from './analyses';
import { DiagnosticsController } from './diagnostics';
import { registerLanguageFeatures } from './features';
import { registerImportCommands, type LoadImporters } from './importCommands';
import { extendMarkdownIt } from './markdown';
import { MarkdownDiagnostics } from './markdownDiagnostics';
import { registerPreview, type PreviewReport } from './preview';
import { StatusBar } from './statusBar';
import { registerWalkthrough } from './walkthrough';

export interface TcpflowApi {
  /** The status bar text, for tests. */
  readonly statusText: () => string;
  /** Read by the built-in Markdown preview (`markdown.markdownItPlugins`): draws ```tcpflow fences. */
  readonly extendMarkdownIt: typeof extendMarkdownIt;
  /** For tests: what each open preview last rendered and highlighted (its webview's own reports). */
  readonly previewReports: () => PreviewReport[];
}

export function activateTcpflow(context: vscode.ExtensionContext, loadImporters: LoadImporters): TcpflowApi | undefined {
  try {
    const analyses = new Analyses();
    const statusBar = new StatusBar(analyses);
    const preview = registerPreview(context, analyses);
    context.subscriptions.push(
      analyses,
      new DiagnosticsController(analyses),
      new MarkdownDiagnostics(),
      statusBar,
      ...registerLanguageFeatures(analyses),
      ...preview.disposables,
      ...registerImportCommands(loadImporters),
      ...registerWalkthrough(context),
    );
    return { statusText: () => statusBar.text, extendMarkdownIt, previewReports: preview.reports };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('tcpflow could not start: {0}', message));
    return undefined;
  }
}
