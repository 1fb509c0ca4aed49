// One analysis per document version, shared by every feature (diagnostics, hovers, hints,
// the status bar, the preview), so a keystroke is parsed and simulated once.

import * as vscode from 'vscode';
import { analyze, notAnalysed, replacementCharacterDiagnostics, type Analysis } from '../core/index';
import { readSettings } from './config';

export const LANGUAGE_ID = 'tcpflow';

export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; msl: number; maxLines: number; analysis: Analysis }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString()))];
  }

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const { defaultMslMs: msl, maxLines } = readSettings(document);
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.msl === msl && hit.maxLines === maxLines) return hit.analysis;
    // Analysis runs on the extension host's thread: past the limit it would hold up every keystroke.
    const analysis =
      document.lineCount > maxLines
        ? notAnalysed(document.lineCount, maxLines, 'setting tcpflow.analysis.maxLines')
        : withEncoding(document.getText(), msl);
    this.cache.set(key, { version: document.version, msl, maxLines, analysis });
    return analysis;
  }

  dispose(): void {
    this.cache.clear();
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
