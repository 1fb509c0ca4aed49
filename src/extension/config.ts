// Reads the extension's settings (package.json `contributes.configuration`), checked against allow-lists.

import * as vscode from 'vscode';
import { DEFAULT_MSL_MS, DEFAULT_SEVERITY, type DiagnosticCode, type Severity, type StateNaming } from '../core/index';

export type SeveritySetting = Severity | 'ignore';
export type InlayHintMode = 'changes' | 'all' | 'off';

export interface Settings {
  readonly stateNaming: StateNaming;
  readonly inlayHints: InlayHintMode;
  /** Milliseconds between an edit and its check; undefined: adapt to the script's analysis time. */
  readonly diagnosticsDelayMs: number | undefined;
  readonly severity: (code: DiagnosticCode) => SeveritySetting;
  readonly defaultMslMs: number;
  /** Diagnostics shown per document, then one saying how many more. */
  readonly maxDiagnostics: number;
  /** Documents with more lines are not analysed. */
  readonly maxLines: number;
}

/**
 * The bounds of package.json's numeric settings. VS Code only warns about a value outside
 * them in settings.json, so they are applied here as well.
 */
export const BOUNDS = {
  msl: { min: 0.001, max: 86_400, default: DEFAULT_MSL_MS / 1000 },
  maxDiagnostics: { min: 1, max: 100_000, default: 1000 },
  maxLines: { min: 100, max: 2_000_000, default: 50_000 },
} as const;

/** `value` if it is a number within `bounds` (clamped to them), else the default. */
export function bounded(value: unknown, bounds: { readonly min: number; readonly max: number; readonly default: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return bounds.default;
  return Math.min(bounds.max, Math.max(bounds.min, value));
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'ignore'];

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('tcpflow', scope);
  const naming = c.get<string>('stateNaming') === 'netstat' ? 'netstat' : 'rfc';
  const overrides = c.get<Record<string, string>>('diagnostics.severity') ?? {};
  return {
    stateNaming: naming,
    inlayHints: inlayHintMode(c),
    diagnosticsDelayMs: delayMs(c.get<unknown>('diagnostics.delay')),
    severity: (code) => {
      const wanted = overrides[code] ?? overrides[code.split('.')[0] + '.*'];
      return SEVERITIES.includes(wanted as SeveritySetting) ? (wanted as SeveritySetting) : DEFAULT_SEVERITY[code];
    },
    defaultMslMs: bounded(c.get('msl'), BOUNDS.msl) * 1000,
    maxDiagnostics: Math.floor(bounded(c.get('diagnostics.maxPerDocument'), BOUNDS.maxDiagnostics)),
    maxLines: Math.floor(bounded(c.get('analysis.maxLines'), BOUNDS.maxLines)),
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
