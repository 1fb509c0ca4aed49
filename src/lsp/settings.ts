// The language server's settings: the VS Code extension's `tcpflow.*` settings, as a client
// passes them in `initializationOptions` or `workspace/didChangeConfiguration`. Both spellings
// are taken: `{ "stateNaming": "netstat" }` and `{ "tcpflow": { "stateNaming": "netstat" } }`,
// with the dotted keys nested (`inlayHints.enabled` → `{ inlayHints: { enabled } }`) or not.
// Anything else is ignored, so a client's wrong setting never stops the server.

import { DEFAULT_SEVERITY, type DiagnosticCode, type Severity, type StateNaming } from '../core/index';

export type SeveritySetting = Severity | 'ignore';

export interface ServerSettings {
  readonly stateNaming: StateNaming;
  readonly inlayHints: boolean;
  readonly severity: (code: DiagnosticCode) => SeveritySetting;
  readonly defaultMslMs: number;
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'ignore'];
const DEFAULT_MSL_S = 120;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `inlayHints.enabled` read as a dotted key or as nested objects. */
function lookup(settings: Record<string, unknown>, key: string): unknown {
  if (key in settings) return settings[key];
  const [head, ...rest] = key.split('.');
  return rest.length === 0 ? undefined : lookup(record(settings[head]), rest.join('.'));
}

export function readServerSettings(options: unknown): ServerSettings {
  const outer = record(options);
  const settings = 'tcpflow' in outer ? record(outer.tcpflow) : outer;
  const overrides = record(lookup(settings, 'diagnostics.severity'));
  const msl = lookup(settings, 'msl');
  const mslSeconds = typeof msl === 'number' && Number.isFinite(msl) && msl > 0 ? msl : DEFAULT_MSL_S;
  return {
    stateNaming: lookup(settings, 'stateNaming') === 'netstat' ? 'netstat' : 'rfc',
    inlayHints: lookup(settings, 'inlayHints.enabled') !== false,
    severity: (code) => {
      const wanted = overrides[code] ?? overrides[code.split('.')[0] + '.*'];
      return SEVERITIES.includes(wanted as SeveritySetting) ? (wanted as SeveritySetting) : DEFAULT_SEVERITY[code];
    },
    defaultMslMs: mslSeconds * 1000,
  };
}
