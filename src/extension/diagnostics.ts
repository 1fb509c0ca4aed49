// Keeps the Problems panel in step with every open .tcpflow document: re-validated after each
// edit, cleared when the document closes. The wait after an edit adapts to what a check costs:
// a script analysed in a few milliseconds is checked at once (in the next turn of the event
// loop, so that the changes of one edit are checked together); a larger one waits a few times
// its analysis time, so that fast typing is checked once per pause and never blocked. A
// document large enough to be analysed in slices is checked at once, its diagnostics published
// when the analysis of the version then current completes (an edit starts it again).

import * as vscode from 'vscode';
import { limitDiagnostics, type Analysis } from '../core/index';
import type { Analyses } from './analyses';
import { isTcpflow, SLICED_ABOVE_LINES } from './analyses';
import { readSettings } from './config';
import { toDiagnostics } from './convert';

/** Scripts analysed faster than this are checked at once. */
const CHEAP_MS = 5;
const DELAY_PER_ANALYSIS_MS = 3;
const MAX_DELAY_MS = 1_000;

function adaptiveDelayMs(analysisMs: number): number {
  return analysisMs <= CHEAP_MS ? 0 : Math.min(MAX_DELAY_MS, Math.round(DELAY_PER_ANALYSIS_MS * analysisMs));
}

export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('tcpflow');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly analyses: Analyses) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tcpflow')) for (const d of vscode.workspace.textDocuments) this.update(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isTcpflow(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const delay =
      readSettings(document).diagnosticsDelayMs ??
      (document.lineCount > SLICED_ABOVE_LINES ? 0 : adaptiveDelayMs(this.analyses.analysisCostMs(document) ?? 0));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.update(document);
      }, delay),
    );
  }

  update(document: vscode.TextDocument): void {
    if (!isTcpflow(document) || document.isClosed) return;
    const analysis = this.analyses.analyse(document);
    if (!(analysis instanceof Promise)) {
      this.publish(document, analysis);
      return;
    }
    const version = document.version;
    analysis.then(
      (done) => {
        if (!document.isClosed && document.version === version) this.publish(document, done);
      },
      () => undefined,
    );
  }

  private publish(document: vscode.TextDocument, analysis: Analysis): void {
    const settings = readSettings(document);
    const kept = analysis.diagnostics.filter((d) => settings.severity(d.code) !== 'ignore');
    const shown = limitDiagnostics(kept, settings.maxDiagnostics, 'setting tcpflow.diagnostics.maxPerDocument');
    this.collection.set(document.uri, toDiagnostics(document.uri, shown, (d) => settings.severity(d.code)));
  }

  private clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
