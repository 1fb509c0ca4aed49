// Runs in the extension host: squiggles in the Markdown editor for the scripts of its
// ```tcpflow fences, at the Markdown file's own lines — the same diagnostics a .tcpflow file
// gets, with the user's severity settings. Re-checked shortly after each edit.

import * as vscode from 'vscode';
import { readSettings } from './config';
import { toDiagnostics } from './convert';
import { markdownDiagnostics } from './markdown';

const DEBOUNCE_MS = 300;

export class MarkdownDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tcpflow-markdown');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, DEBOUNCE_MS),
    );
  }

  private update(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown' || document.isClosed) return;
    const text = document.getText();
    if (!/^ {0,3}(```|~~~)\s*tcpflow/im.test(text)) {
      this.collection.delete(document.uri);
      return;
    }
    const settings = readSettings(document);
    this.collection.set(document.uri, toDiagnostics(document.uri, markdownDiagnostics(text), (d) => settings.severity(d.code)));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
