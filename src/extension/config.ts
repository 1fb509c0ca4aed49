// Reads the extension's settings (package.json `contributes.configuration`), checked against allow-lists.

import * as vscode from 'vscode';
import { DEFAULT_MSL_MS, DEFAULT_SEVERITY, type DiagnosticCode, type Severity, type StateNaming } from '../core/index';

export type SeveritySetting = Severity | 'ignore';

export interface Settings {
  readonly stateNaming: StateNaming;
  readonly inlayHints: boolean;
  readonly severity: (code: DiagnosticCode) => SeveritySetting;
  readonly defaultMslMs: number;
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'ignore'];

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('tcpflow', scope);
  const naming = c.get<string>('stateNaming') === 'netstat' ? 'netstat' : 'rfc';
  const overrides = c.get<Record<string, string>>('diagnostics.severity') ?? {};
  const mslSeconds = c.get<number>('msl') ?? DEFAULT_MSL_MS / 1000;
  return {
    stateNaming: naming,
    inlayHints: c.get<boolean>('inlayHints.enabled') ?? true,
    severity: (code) => {
      const wanted = overrides[code] ?? overrides[code.split('.')[0] + '.*'];
      return SEVERITIES.includes(wanted as SeveritySetting) ? (wanted as SeveritySetting) : DEFAULT_SEVERITY[code];
    },
    defaultMslMs: Number.isFinite(mslSeconds) && mslSeconds > 0 ? mslSeconds * 1000 : DEFAULT_MSL_MS,
  };
}
