// One mistake, one diagnostic: every valid scenario of the repository (examples, docs, unit
// tests) with one mistake made on one line must give exactly one error, on that line (for two
// swapped lines: anywhere), and no warning on any other line. Prints, per mutator, how many mutations held the promise.
//
// A segment moved one line earlier is one mistake when it cannot be sent where it now stands:
// the engine then reads it where it belongs. A moved segment that is valid where it stands is
// another valid run of the protocol (the other side closes first, a RST meets a connection
// still in its handshake, a SYN reaches a host before it opens, data written without seq= takes
// other numbers), and every later line that relies on the first run is a claim of its own that
// the new run makes false: such moves, when they give more than one diagnostic, are two
// mistakes or more by the contract and are counted apart.

import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type SegmentStatement, type Statement, type TcpState } from '../../src/core/index';
import { endsAfterLine } from '../../src/core/language/connectionEnds';
import { docBlocks, exampleScripts, testScripts } from './helpers/scenarios';

interface Mutation {
  readonly text: string;
  /** 0-based lines where the mistake is. */
  readonly lines: readonly number[];
  /** For a moved segment: the 0-based line it now stands on. */
  readonly moved?: number;
}

interface Mutator {
  readonly name: string;
  readonly mutate: (a: Analysis, rows: readonly string[]) => Mutation[];
  /**
   * Swapping two independent segments is no mistake: such mutations are counted apart. And
   * which of two swapped lines is wrong is for the reader to say: the one error may show
   * where the order first matters (an `expect` further down).
   */
  readonly reordered?: boolean;
}

const AFTER_FIN: readonly TcpState[] = ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

function segmentsOf(a: Analysis): SegmentStatement[] {
  const out: SegmentStatement[] = [];
  const visit = (s: Statement) => {
    if (s.kind === 'segment') out.push(s);
    else if (s.kind === 'simultaneous') s.segments.forEach(visit);
  };
  a.script.statements.forEach(visit);
  return out;
}

/** Segments a checked endpoint sends, written in full on one line (not injected, not an old duplicate). */
function checkedSegments(a: Analysis): SegmentStatement[] {
  return segmentsOf(a).filter((s) => {
    const info = a.segments.get(s.line);
    return info && !a.endpoints[info.src].unchecked && !a.endpoints[info.dst].unchecked && !s.markers.some((m) => m.name === 'duplicate') && s.range.start.line === s.range.end.line;
  });
}

/** The state of the segment's sending end: of its own connection, where its host has several. */
function senderStateBefore(a: Analysis, s: SegmentStatement): TcpState {
  const info = a.segments.get(s.line)!;
  return endsAfterLine(a, s.line - 1)[info.srcEnd ?? info.src].state;
}

function replaceAt(rows: readonly string[], line: number, start: number, end: number, text: string): string {
  const copy = rows.slice();
  copy[line] = copy[line].slice(0, start) + text + copy[line].slice(end);
  return copy.join('\n');
}

/** Sets a seq= or ack= field to a number, replacing the field if written. */
function setField(rows: readonly string[], s: SegmentStatement, kind: 'seq' | 'ack', value: number): string {
  const f = s.fields.find((x) => x.kind === kind);
  if (f) return replaceAt(rows, s.line, f.range.start.character, f.range.end.character, `${kind}=${value}`);
  const at = s.flags.range.end.character;
  return replaceAt(rows, s.line, at, at, ` ${kind}=${value}`);
}

function flagsWith(s: SegmentStatement, add: string | undefined, drop: string | undefined): string {
  const names = s.flags.items.map((i) => i.flag).filter((f) => f !== drop);
  return (add ? [add, ...names] : names).join('+');
}

function misspelt(name: string): string {
  return name.length >= 4 ? name[0] + name[2] + name[1] + name.slice(3) : `${name}x`;
}

function indentOf(row: string): string {
  return /^\s*/.exec(row)![0];
}

const mutators: Mutator[] = [
  {
    name: 'drop the ACK flag',
    mutate: (a, rows) =>
      checkedSegments(a)
        .filter((s) => s.flags.flags.has('ACK') && s.flags.flags.size > 1 && !s.flags.flags.has('RST'))
        .map((s) => ({ text: replaceAt(rows, s.line, s.flags.range.start.character, s.flags.range.end.character, flagsWith(s, undefined, 'ACK')), lines: [s.line] })),
  },
  {
    name: 'wrong seq',
    mutate: (a, rows) =>
      checkedSegments(a)
        .filter((s) => !s.flags.flags.has('SYN') && s.markers.length === 0)
        .map((s) => ({ text: setField(rows, s, 'seq', (a.segments.get(s.line)!.seq + 7) >>> 0), lines: [s.line] })),
  },
  {
    name: 'wrong ack',
    mutate: (a, rows) =>
      checkedSegments(a)
        .filter((s) => s.flags.flags.has('ACK'))
        .map((s) => ({ text: setField(rows, s, 'ack', (a.segments.get(s.line)!.ack! + 7) >>> 0), lines: [s.line] })),
  },
  {
    name: 'misspelt sender or receiver',
    mutate: (a, rows) => {
      if (!a.script.statements.some((s) => s.kind === 'participant')) return [];
      const names = a.endpoints.map((e) => e.name);
      const out: Mutation[] = [];
      for (const s of checkedSegments(a)) {
        for (const id of [s.src, s.dst]) {
          const wrong = misspelt(id.name);
          if (names.includes(wrong)) continue;
          out.push({ text: replaceAt(rows, s.line, id.range.start.character, id.range.end.character, wrong), lines: [s.line] });
        }
      }
      return out;
    },
  },
  {
    name: 'another state in an expect',
    mutate: (a, rows) =>
      a.script.statements.flatMap((s) =>
        s.kind !== 'expect'
          ? []
          : s.items
              .filter((i) => i.state && !a.endpoints.find((e) => e.name === i.endpoint.name)?.unchecked)
              .map((i) => ({ text: replaceAt(rows, s.line, i.stateRange.start.character, i.stateRange.end.character, i.state === 'CLOSING' ? 'LAST-ACK' : 'CLOSING'), lines: [s.line] })),
      ),
  },
  {
    name: 'a second FIN',
    mutate: (a, rows) =>
      checkedSegments(a)
        .filter((s) => !['FIN', 'SYN', 'RST'].some((f) => s.flags.flags.has(f as 'FIN')) && s.markers.length === 0 && AFTER_FIN.includes(senderStateBefore(a, s)))
        .map((s) => ({ text: replaceAt(rows, s.line, s.flags.range.start.character, s.flags.range.end.character, flagsWith(s, 'FIN', undefined)), lines: [s.line] })),
  },
  {
    name: 'data in a state that cannot send it',
    mutate: (a, rows) =>
      checkedSegments(a)
        .filter((s) => !s.payload && !s.fields.some((f) => f.kind === 'len') && !s.flags.flags.has('SYN') && !s.flags.flags.has('RST') && s.markers.length === 0)
        .filter((s) => AFTER_FIN.includes(senderStateBefore(a, s)))
        .map((s) => {
          const at = Math.max(s.flags.range.end.character, ...s.fields.map((f) => f.range.end.character));
          return { text: replaceAt(rows, s.line, at, at, ' "x"'), lines: [s.line] };
        }),
  },
  {
    name: 'a retransmit of acknowledged data',
    mutate: (a, rows) => {
      const top = new Set(a.script.statements.filter((s) => s.kind === 'segment').map((s) => s.line));
      const all = checkedSegments(a).filter((s) => top.has(s.line) && s.arrow === '->');
      const out: Mutation[] = [];
      for (const data of all) {
        const info = a.segments.get(data.line)!;
        if (info.len === 0 || data.markers.length > 0 || data.flags.flags.has('SYN')) continue;
        const end = (info.seq + info.len) >>> 0;
        // On the same connection (a host may have several): the same sending end, its own SND.UNA, its ports written.
        const sender = info.srcEnd ?? info.src;
        const later = all.find((s) => {
          const other = a.segments.get(s.line)!;
          return s.line > data.line && (other.srcEnd ?? other.src) === sender && ((endsAfterLine(a, s.line - 1)[sender].sndUna - end) | 0) >= 0;
        });
        if (!later) continue;
        const flags = [...info.flags].filter((f) => f !== 'FIN').join('+');
        const port = (p: { value: number } | undefined) => (p ? `:${p.value}` : '');
        const copy = `${indentOf(rows[later.line])}${data.src.name}${port(data.srcPort)} -> ${data.dst.name}${port(data.dstPort)}: ${flags} seq=${info.seq} len=${info.len} retransmit`;
        const text = [...rows.slice(0, later.line), copy, ...rows.slice(later.line)].join('\n');
        out.push({ text, lines: [later.line] });
      }
      return out;
    },
  },
];

/**
 * Every segment line moved one line earlier, over the statement before it; `pairs`: only over
 * the peer's segment to its sender (an ACK above the SYN+ACK it acknowledges).
 */
function moves(a: Analysis, rows: readonly string[], pairs: boolean): Mutation[] {
  const top = a.script.statements;
  const checked = checkedSegments(a);
  const out: Mutation[] = [];
  for (let i = 1; i < top.length; i++) {
    const s = top[i];
    const prev = top[i - 1];
    if (s.kind !== 'segment' || prev.line !== s.line - 1 || ['participant', 'title', 'option'].includes(prev.kind) || !checked.includes(s)) continue;
    if (pairs && !(prev.kind === 'segment' && prev.src.name === s.dst.name && prev.dst.name === s.src.name)) continue;
    const copy = rows.slice();
    [copy[s.line - 1], copy[s.line]] = [copy[s.line], copy[s.line - 1]];
    out.push({ text: copy.join('\n'), lines: [s.line - 1, s.line], moved: s.line - 1 });
  }
  return out;
}

/** The moved segment is valid where it now stands: the lines up to it give no error. */
function validWhereMoved(m: Mutation): boolean {
  if (m.moved === undefined) return false;
  const prefix = m.text.split('\n').slice(0, m.moved + 1).join('\n');
  return analyze(prefix).diagnostics.every((d) => d.severity !== 'error');
}

/** How often the promise holds for a set of mutations, and the first few that break it. */
function measure(scenarios: readonly string[], mutator: Mutator): { total: number; held: number; stillValid: number; otherRun: number; failures: string[] } {
  let total = 0;
  let stillValid = 0;
  let otherRun = 0;
  const failures: string[] = [];
  for (const text of scenarios) {
    const a = analyze(text);
    for (const m of mutator.mutate(a, text.split('\n'))) {
      const d = analyze(m.text).diagnostics;
      if (mutator.reordered && d.every((x) => x.severity !== 'error' && x.severity !== 'warning')) {
        // The mutation happens to be another valid script (two independent segments swapped).
        stillValid++;
        continue;
      }
      const why = broken(m, mutator.reordered === true);
      if (why && validWhereMoved(m)) {
        otherRun++;
        continue;
      }
      total++;
      if (why) failures.push(`line ${m.lines.map((l) => l + 1).join('/')} of\n${m.text}\n${why}`);
    }
  }
  return { total, held: total - failures.length, stillValid, otherRun, failures };
}

function figure(name: string, r: ReturnType<typeof measure>): string {
  return `${name}: ${r.held}/${r.total} mutations give one diagnostic (${r.total ? ((100 * r.held) / r.total).toFixed(1) : '100.0'} %)${r.stillValid ? `; ${r.stillValid} were still valid scripts` : ''}${r.otherRun ? `; ${r.otherRun} moved a segment that is valid where it stands, another valid run that later lines contradict (counted apart)` : ''}`;
}

function validScenarios(): string[] {
  const texts = [...exampleScripts(), ...docBlocks().map((b) => b.text), ...testScripts()];
  return [...new Set(texts)].filter((t) => {
    const d = analyze(t).diagnostics;
    return d.length > 0 ? d.every((x) => x.severity === 'info' || x.severity === 'hint') : t.includes('->') || t.includes('~>');
  });
}

/** Why a mutation breaks the promise, or undefined when it holds. */
function broken(m: Mutation, reordered: boolean): string | undefined {
  const diagnostics = analyze(m.text).diagnostics;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const allowed = reordered && errors.length === 1 ? [...m.lines, errors[0].range.start.line] : m.lines;
  const strayWarnings = diagnostics.filter((d) => d.severity === 'warning' && !allowed.includes(d.range.start.line));
  if (errors.length === 1 && allowed.includes(errors[0].range.start.line) && strayWarnings.length === 0) return undefined;
  // A reordering whose only consequence is worth a warning (a keep-alive probe now early) is one diagnostic too.
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  if (reordered && errors.length === 0 && warnings.length === 1) return undefined;
  return diagnostics.map((d) => `  ${d.severity} ${d.code} line ${d.range.start.line + 1}: ${d.message}`).join('\n') || '  (no diagnostic)';
}

describe('one mistake, one diagnostic', () => {
  const scenarios = validScenarios();

  it('finds the valid scenarios of the examples, docs and tests', () => {
    console.log(`      ${scenarios.length} valid scenarios`);
    assert.ok(scenarios.length >= 90, `only ${scenarios.length} valid scenarios found`);
  });

  const moved: Mutator[] = [
    { name: 'a segment moved above the peer segment it follows', reordered: true, mutate: (a, rows) => moves(a, rows, true) },
    { name: 'any segment moved one line earlier', reordered: true, mutate: (a, rows) => moves(a, rows, false) },
  ];

  for (const mutator of [...mutators, ...moved]) {
    it(`${mutator.name}: exactly one error, on that line, and no warning elsewhere`, () => {
      const r = measure(scenarios, mutator);
      console.log(`      ${figure(mutator.name, r)}`);
      assert.ok(r.total > 0, 'the mutator found nothing to mutate');
      assert.equal(r.failures.length, 0, `${r.failures.length} of ${r.total} broke the promise, e.g.\n${r.failures.slice(0, 3).join('\n\n')}`);
    });
  }
});
