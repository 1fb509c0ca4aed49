// The report of `tcpflow corpus`: counts, then failures, then every diagnostic code with its
// count and a few example locations. Plain text, one idea per line, for a terminal or a PR.

import type { Severity } from '../core';

export interface CorpusFinding {
  readonly code: string;
  readonly severity: Severity;
  /** The input file, to count scripts per code. */
  readonly script: string;
  /** `file:line (imported line n)` or `file:line`. */
  readonly where: string;
  readonly message: string;
}

export interface CorpusReport {
  readonly folders: readonly string[];
  packetdrill: number;
  tcpdump: number;
  /** Text files that turned out to be neither format. */
  skipped: number;
  /** Scripts imported (a capture gives one per connection). */
  scripts: number;
  /** Imported scripts whose check found nothing at all. */
  clean: number;
  readonly failed: { file: string; reason: string }[];
  /** Diagnostics of the imported scripts. */
  readonly checks: CorpusFinding[];
  /** The importers' own problems with the inputs. */
  readonly problems: CorpusFinding[];
}

/** Example locations shown per code. */
export const EXAMPLES = 3;

export function renderCorpusReport(r: CorpusReport): string {
  const out: string[] = [`tcpflow corpus: ${r.folders.join(', ')}`, ''];
  const rows: [string, string, string][] = [
    ['files found', String(r.packetdrill + r.tcpdump), `${r.packetdrill} packetdrill, ${r.tcpdump} tcpdump; ${r.skipped} other text file${r.skipped === 1 ? '' : 's'} skipped`],
    ['imported', String(r.scripts), 'scripts (one per connection of a capture)'],
    ['failed to import', String(r.failed.length), ''],
    ['validated clean', String(r.clean), 'no diagnostic at all'],
    ['with diagnostics', String(r.scripts - r.clean), ''],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  const numbers = Math.max(...rows.map((row) => row[1].length));
  for (const [label, count, note] of rows) out.push(`  ${label.padEnd(width)}  ${count.padStart(numbers)}${note ? `  ${note}` : ''}`);

  if (r.failed.length) {
    out.push('', 'Failed to import:');
    for (const f of r.failed) out.push(`  ${f.file}: ${f.reason.replace(/\n\s*/g, ' ')}`);
  }
  section(out, 'Diagnostics of the imported scripts, by code:', r.checks);
  section(out, 'Import problems, by code:', r.problems);
  return `${out.join('\n')}\n`;
}

function section(out: string[], title: string, findings: readonly CorpusFinding[]): void {
  out.push('', title);
  if (findings.length === 0) {
    out.push('  none');
    return;
  }
  const byCode = new Map<string, CorpusFinding[]>();
  for (const f of findings) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  const codes = [...byCode.keys()].sort((a, b) => byCode.get(b)!.length - byCode.get(a)!.length || (a < b ? -1 : 1));
  for (const code of codes) {
    const list = byCode.get(code)!;
    const scripts = new Set(list.map((f) => f.script)).size;
    out.push(`  ${code} (${list[0].severity}): ${list.length} in ${scripts} file${scripts === 1 ? '' : 's'}`);
    for (const f of examples(list)) out.push(`      ${f.where}: ${f.message.replace(/\n\s*/g, ' ')}`);
  }
}

/** Up to EXAMPLES findings: different messages from different files first, then different messages. */
function examples(list: readonly CorpusFinding[]): CorpusFinding[] {
  const chosen: CorpusFinding[] = [];
  const pick = (accept: (f: CorpusFinding) => boolean) => {
    for (const f of list) if (chosen.length < EXAMPLES && !chosen.includes(f) && accept(f)) chosen.push(f);
  };
  const newMessage = (f: CorpusFinding) => !chosen.some((c) => c.message === f.message);
  pick((f) => newMessage(f) && !chosen.some((c) => c.script === f.script));
  pick(newMessage);
  pick(() => true);
  return chosen;
}
