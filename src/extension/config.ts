// Reads the extension's settings (package.json `contributes.configuration`), checked against allow-lists.

import * as vscode from 'vscode';
import { DEFAULT_SEVERITY, type DiagnosticCode, type Severity, type StateNaming } from '../core/index';

export type SeveritySetting = Severity | 'ignore';
export type InlayHintMode = 'changes' | 'all' | 'off';

export interface Settings {
  readonly stateNaming: StateNaming;
  readonly inlayHints: InlayHintMode;
  /** Milliseconds between an edit and its check; undefined: adapt to the script's analysis time. */
  readonly diagnosticsDelayMs: number | undefined;
  readonly severity: (code: DiagnosticCode) => SeveritySetting;
  readonly defaultMslMs: number;
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'ignore'];

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('tcpflow', scope);
  const naming = c.get<string>('stateNaming') === 'netstat' ? 'netstat' : 'rfc';
  const overrides = c.get<Record<string, string>>('diagnostics.severity') ?? {};
  const mslSeconds = c.get<number>('msl') ?? 120;
  return {
    stateNaming: naming,
    inlayHints: inlayHintMode(c),
    diagnosticsDelayMs: delayMs(c.get<unknown>('diagnostics.delay')),
    severity: (code) => {
      const wanted = overrides[code] ?? overrides[code.split('.')[0] + '.*'];
      return SEVERITIES.includes(wanted as SeveritySetting) ? (wanted as SeveritySetting) : DEFAULT_SEVERITY[code];
    },
    defaultMslMs: Number.isFinite(mslSeconds) && mslSeconds > 0 ? mslSeconds * 1000 : 120_000,
  };
}

const INLAY_HINT_MODES: readonly InlayHintMode[] = ['changes', 'all', 'off'];

/** `inlayHints.mode`; where it is not set, the older `inlayHints.enabled: false` still means off. */
function inlayHintMode(c: vscode.WorkspaceConfiguration): InlayHintMode {
  const set = c.inspect<string>('inlayHints.mode');
  const explicit = set && [set.globalValue, set.workspaceValue, set.workspaceFolderValue, set.globalLanguageValue, set.workspaceLanguageValue, set.workspaceFolderLanguageValue].some((v) => v !== undefined);
  if (!explicit && c.get<boolean>('inlayHints.enabled') === false) return 'off';
  const mode = c.get<string>('inlayHints.mode');
  return INLAY_HINT_MODES.includes(mode as InlayHintMode) ? (mode as InlayHintMode) : 'changes';
}

function delayMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, 10_000) : undefined;
}
