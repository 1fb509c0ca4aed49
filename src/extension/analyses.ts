// One analysis per document version, shared by every feature (diagnostics, hovers, hints,
// the status bar, the preview), so a keystroke is parsed and simulated once.

import * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/index';
import { readSettings } from './config';

export const LANGUAGE_ID = 'tcpflow';

export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; msl: number; analysis: Analysis; ms: number }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()))];
  }

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const msl = readSettings(document).defaultMslMs;
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.msl === msl) return hit.analysis;
    const started = performance.now();
    const analysis = analyze(document.getText(), { defaultMslMs: msl });
    this.cache.set(key, { version: document.version, msl, analysis, ms: performance.now() - started });
    return analysis;
  }

  /** How long the document's latest analysis took, in milliseconds; undefined before the first. */
  lastAnalysisMs(document: vscode.TextDocument): number | undefined {
    return this.cache.get(document.uri.toString())?.ms;
  }

  dispose(): void {
    this.cache.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

export function isTcpflow(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}
