// Writing an imported script: lines that remember their input line, segments in the
// language's own words, durations, and comments that keep what the language cannot say.

import type { FlagName } from '../syntax/ast';
import type { ImportDiagnostic, ImportResult } from './types';

/** A segment as an importer read it, numbers already resolved to what is to be written. */
export interface WireSegment {
  readonly flags: ReadonlySet<FlagName>;
  /** Undefined when the input did not show it: the engine then fills it in. */
  readonly seq?: number;
  readonly ack?: number;
  readonly len: number;
  readonly win?: number;
  readonly mss?: number;
  readonly wscale?: number;
  readonly sackOK: boolean;
  readonly ts?: { readonly val: number; readonly ecr?: number };
  readonly urg?: number;
  /** What the input line had that .tcpflow cannot say (SACK blocks, ECN marks…), for a comment. */
  readonly extras: readonly string[];
}

export type Arrow = '->' | '-x' | '~>';
export type SegmentMarker = 'retransmit' | 'keepalive';

export interface SegmentLine {
  readonly src: string;
  readonly arrow: Arrow;
  readonly dst: string;
  readonly segment: WireSegment;
  /** Overrides for what is written: the effective (scaled) window. */
  readonly win?: number;
  readonly marker?: SegmentMarker;
  readonly label?: string;
  readonly comment?: string;
}

/** The formatter's flag order (engine `flagsText`): SYN FIN RST PSH URG ECE CWR, then ACK. */
const FLAG_ORDER: readonly FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'ACK'];

export function flagsWord(flags: ReadonlySet<FlagName>): string {
  return FLAG_ORDER.filter((f) => flags.has(f)).join('+');
}

export function segmentText(line: SegmentLine): string {
  const s = line.segment;
  const parts = [`${line.src} ${line.arrow} ${line.dst}: ${flagsWord(s.flags)}`];
  if (s.seq !== undefined) parts.push(`seq=${s.seq}`);
  if (s.ack !== undefined && s.flags.has('ACK')) parts.push(`ack=${s.ack}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  const win = line.win ?? s.win;
  if (win !== undefined) parts.push(`win=${win}`);
  if (s.mss !== undefined) parts.push(`mss=${s.mss}`);
  if (s.wscale !== undefined) parts.push(`wscale=${s.wscale}`);
  if (s.sackOK) parts.push('sackOK');
  if (s.ts !== undefined) parts.push(`ts=${s.ts.val}${s.ts.ecr === undefined ? '' : `/${s.ts.ecr}`}`);
  if (s.urg !== undefined) parts.push(`urg=${s.urg}`);
  if (line.marker) parts.push(line.marker);
  if (line.label) parts.push(`as ${line.label}`);
  const notes = [...s.extras, ...(line.comment ? [line.comment] : [])];
  if (s.ack !== undefined && !s.flags.has('ACK')) notes.unshift(`ack ${s.ack} without the ACK flag`);
  return parts.join(' ') + (notes.length ? `   # ${notes.map(oneLine).join('; ')}` : '');
}

/** A duration given in microseconds, in the language's units: `100ms`, `2s`, `0.25ms`, `2h`. */
export function formatDuration(us: number): string {
  if (us > 0 && us % 3_600_000_000 === 0) return `${us / 3_600_000_000}h`;
  if (us > 0 && us % 60_000_000 === 0) return `${us / 60_000_000}m`;
  if (us % 1_000_000 === 0) return `${us / 1_000_000}s`;
  if (us % 1000 === 0) return `${us / 1000}ms`;
  return `${(us / 1000).toFixed(3).replace(/0+$/, '')}ms`;
}

/** Comments run to the end of the line: keep them on one. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trimEnd();
}

/** The script being written, line by line, with the input line each one comes from. */
export class ScriptBuilder {
  readonly lines: string[] = [];
  readonly sources: (number | undefined)[] = [];

  add(text: string, source?: number): void {
    this.lines.push(text);
    this.sources.push(source);
  }

  comment(text: string, source?: number): void {
    this.add(text === '' ? '#' : `# ${oneLine(text)}`, source);
  }

  blank(source?: number): void {
    this.add('', source);
  }

  get text(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

/** The header and the body, joined into one result. */
export function assemble(header: ScriptBuilder, body: ScriptBuilder, diagnostics: ImportDiagnostic[]): ImportResult {
  return {
    text: header.text + body.text,
    diagnostics: [...diagnostics].sort((a, b) => a.line - b.line),
    lineMap: [...header.sources, ...body.sources],
  };
}
