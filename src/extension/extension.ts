// Runs in the VS Code extension host: wires the core's language services into the editor.
// Activation failures are shown to the user, not swallowed.

import * as vscode from 'vscode';
import { Analyses } from './analyses';
import { DiagnosticsController } from './diagnostics';
import { registerLanguageFeatures } from './features';
import { registerImportCommands } from './importCommands';
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

export function activate(context: vscode.ExtensionContext): TcpflowApi | undefined {
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
      ...registerImportCommands(),
      ...registerWalkthrough(context),
    );
    return { statusText: () => statusBar.text, extendMarkdownIt, previewReports: preview.reports };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`tcpflow could not start: ${message}`);
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
