// One analysis per document version, shared by every feature (diagnostics, hovers, hints,
// the status bar, the preview), so a keystroke is parsed and simulated once.

import * as vscode from 'vscode';
import { analyze, notAnalysed, replacementCharacterDiagnostics, type Analysis } from '../core/index';
import { readSettings } from './config';

export const LANGUAGE_ID = 'tcpflow';
const RECENT_DURATIONS = 5;

export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; msl: number; maxLines: number; analysis: Analysis }>();
  /** The last few analysis times of each document, in milliseconds. */
  private readonly durations = new Map<string, number[]>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.durations.delete(d.uri.toString());
      }),
    ];
  }

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const { defaultMslMs: msl, maxLines } = readSettings(document);
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.msl === msl && hit.maxLines === maxLines) return hit.analysis;
    const started = performance.now();
    // Analysis runs on the extension host's thread: past the limit it would hold up every keystroke.
    const analysis =
      document.lineCount > maxLines
        ? notAnalysed(document.lineCount, maxLines, 'setting tcpflow.analysis.maxLines')
        : withEncoding(document.getText(), msl);
    const recent = this.durations.get(key) ?? [];
    recent.push(performance.now() - started);
    if (recent.length > RECENT_DURATIONS) recent.shift();
    this.durations.set(key, recent);
    this.cache.set(key, { version: document.version, msl, maxLines, analysis });
    return analysis;
  }

  /**
   * What analysing the document costs, in milliseconds: the least of its last few analysis
   * times, so that one slow run (the machine busy, a collection) does not stand for the script.
   * Undefined before the first analysis.
   */
  analysisCostMs(document: vscode.TextDocument): number | undefined {
    const recent = this.durations.get(document.uri.toString());
    return recent && Math.min(...recent);
  }

  dispose(): void {
    this.cache.clear();
    this.durations.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/**
 * VS Code decodes files itself (`files.encoding`, or its guess), putting U+FFFD where bytes
 * were not in that encoding; the analysis then marks those characters (`syntax.encoding`).
 */
function withEncoding(text: string, msl: number): Analysis {
  const analysis = analyze(text, { defaultMslMs: msl });
  const encoding = replacementCharacterDiagnostics(text);
  if (encoding.length === 0) return analysis;
  const diagnostics = [...encoding, ...analysis.diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { ...analysis, diagnostics };
}

export function isTcpflow(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}
