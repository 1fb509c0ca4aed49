// The one place where core data becomes VS Code types.

import * as vscode from 'vscode';
import { translateDiagnostic, type Diagnostic, type Position, type Range } from '../core/index';
import type { SeveritySetting } from './config';
import { displayLocale } from './locale';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toPosition(p: Position): vscode.Position {
  return new vscode.Position(p.line, p.character);
}

export function fromPosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

const SEVERITY: Record<Exclude<SeveritySetting, 'ignore'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Core diagnostics keep their code and data, worded in the display language; `ignore` drops them. */
export function toDiagnostics(uri: vscode.Uri, diagnostics: readonly Diagnostic[], severity: (d: Diagnostic) => SeveritySetting): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const locale = displayLocale();
  for (const core of diagnostics) {
    const d = translateDiagnostic(core, locale);
    const level = severity(d);
    if (level === 'ignore') continue;
    const v = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[level]);
    v.code = d.code;
    v.source = 'tcpflow';
    if (d.related?.length) v.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
    out.push(v);
  }
  return out;
}
