// Hovers: what a segment did (states, numbers, fate), what a flag, field, marker, state or
// call means, and what a duration amounts to with the script's MSL. Markdown; every piece of
// script text in it is inline code.

import type { Analysis, EndpointSnapshot, SegmentInfo } from '../analysis';
import type {
  CallStatement,
  Duration,
  ExpectItem,
  Field,
  FlagName,
  Identifier,
  Marker,
  OptionStatement,
  SegmentStatement,
  Statement,
  StringLiteral,
} from '../syntax/ast';
import { flagsText } from '../engine/model';
import { snapshotAfterLine } from '../engine/timeline';
import type { Position, Range } from '../syntax/range';
import { stateLabel } from '../states';
import { pickAt, sourceLines } from './document';
import { CALLS, FIELDS, FLAGS, MARKERS, MSL_REFERENCE, MSL_TEXT, STATE_REFERENCE, STATES, type Explanation } from './explanations';
import { code, seconds } from './markdown';
import { endName, endsAfterLine, endsAfterLineSteps, namedEnd } from './connectionEnds';
import { endpointsAfterLineSteps, scriptIndex, snapshotBeforeLine } from './scriptIndex';

export interface Hover {
  readonly markdown: string;
  /** The token the hover is about. */
  readonly range: Range;
}

interface Target {
  readonly range: Range;
  readonly render: () => string | undefined;
}

/** The hover for the token at `position`, if it is one that has something to say. */
export function hover(text: string, analysis: Analysis, position: Position): Hover | undefined {
  const stmt = scriptIndex(analysis).statements[position.line];
  if (stmt === undefined) return undefined;
  const target = pickAt(targets(text, analysis, stmt), position);
  const markdown = target?.render();
  return target && markdown !== undefined ? { markdown, range: target.range } : undefined;
}

function targets(text: string, analysis: Analysis, stmt: Statement): Target[] {
  const endpoint = (id: Identifier): Target => ({ range: id.range, render: () => endpointHover(analysis, id.name, stmt) });
  switch (stmt.kind) {
    case 'segment': {
      const segment = (): string => segmentHover(analysis, stmt);
      const list: Target[] = [
        { range: stmt.src.range, render: segment },
        { range: stmt.arrowRange, render: segment },
        { range: stmt.dst.range, render: segment },
      ];
      const line = sourceLines(text).lines[stmt.line] ?? '';
      for (const item of stmt.flags.items) {
        const written = line.slice(item.range.start.character, item.range.end.character);
        list.push({ range: item.range, render: () => flagHover(item.flag, written) });
      }
      for (const field of stmt.fields) list.push({ range: field.range, render: () => fieldHover(analysis, stmt, field) });
      for (const marker of stmt.markers) list.push({ range: marker.range, render: () => markerHover(marker) });
      const payload = stmt.payload;
      if (payload) list.push({ range: payload.range, render: () => payloadHover(payload) });
      if (stmt.label) list.push({ range: stmt.label.range, render: segment });
      return list;
    }
    case 'participant':
      return [endpoint(stmt.name)];
    case 'call':
      return [endpoint(stmt.endpoint), { range: stmt.callRange, render: () => callHover(analysis, stmt) }];
    case 'note':
      return stmt.endpoints.map(endpoint);
    case 'expect':
      return stmt.items.flatMap((item) => [endpoint(item.endpoint), { range: item.stateRange, render: () => stateHover(analysis, item, stmt.line) }]);
    case 'wait':
      return [{ range: stmt.duration.range, render: () => waitHover(analysis, stmt.duration, stmt.line) }];
    case 'option':
      return stmt.setting.key === 'msl' ? [{ range: stmt.valueRange, render: () => mslOptionHover(stmt) }] : [];
    case 'deliver': {
      const delivered = scriptIndex(analysis).arrivals.get(stmt.line)?.[0];
      const segment = delivered && scriptIndex(analysis).statements[delivered.line];
      return segment?.kind === 'segment' ? [{ range: stmt.label.range, render: () => segmentHover(analysis, segment) }] : [];
    }
    default:
      return [];
  }
}

function explained(heading: string, explanation: Explanation, ...more: string[]): string {
  return [`${heading} — ${explanation.title}`, explanation.text, ...more, explanation.reference].join('\n\n');
}

// ---- segments ----------------------------------------------------------------------------

function segmentHover(analysis: Analysis, stmt: SegmentStatement): string {
  const heading = `**${code(stmt.src.name)} → ${code(stmt.dst.name)}** ${code(flagsText(stmt.flags.flags))}`;
  const info = analysis.segments.get(stmt.line);
  if (info === undefined) return `${heading}\n\nNot simulated: see the error on this line.`;
  const parts = [heading, transitions(analysis, stmt, info).join('\n'), numbers(info), fate(analysis, stmt, info)];
  if (info.invalid) parts.push('This line has an error: these are the numbers the checker assumed in order to go on.');
  return parts.join('\n\n');
}

function transitions(analysis: Analysis, stmt: SegmentStatement, info: SegmentInfo): string[] {
  // With several connections per host, the states are those of the segment's own connection.
  const src = info.srcEnd ?? info.src;
  const dst = info.dstEnd ?? info.dst;
  const before = endsAfterLine(analysis, stmt.line - 1);
  const after = endsAfterLineSteps(analysis, stmt.line);
  if (after === undefined) return [];
  const lines = [change(endName(analysis, src), before[src].state, after[src].state, 'sends')];
  const receiver = endName(analysis, dst);
  if (info.deliveredAt !== undefined) {
    const arrived = endsAfterLineSteps(analysis, info.deliveredAt);
    const waiting = endsAfterLine(analysis, info.deliveredAt - 1);
    // A block's arrivals share one step: name the other segments that reached the same endpoint.
    const together = (scriptIndex(analysis).arrivals.get(info.deliveredAt) ?? [])
      .filter((other) => (other.dstEnd ?? other.dst) === dst && other.line !== info.line)
      .map((other) => other.line + 1);
    const also = together.length === 0 ? '' : `, together with line${together.length === 1 ? '' : 's'} ${together.join(', ')}`;
    if (arrived) lines.push(change(receiver, waiting[dst].state, arrived[dst].state, `receives, line ${info.deliveredAt + 1}${also}`));
  } else if (info.fate === 'delivered' || info.fate === 'dropped') {
    lines.push(change(receiver, before[dst].state, after[dst].state, 'receives'));
  }
  return lines;
}

function change(name: string, from: string, to: string, when: string): string {
  return from === to ? `- ${code(name)} stays ${from} (${when})` : `- ${code(name)} ${from} → ${to} (${when})`;
}

function numbers(info: SegmentInfo): string {
  const relative = (absolute: number, rel: number | undefined) => (rel === undefined || rel === absolute ? '' : ` (relative ${rel})`);
  const parts = [`seq ${info.seq}${relative(info.seq, info.relSeq)}`];
  if (info.ack !== undefined) parts.push(`ack ${info.ack}${relative(info.ack, info.relAck)}`);
  parts.push(`${info.len} data byte${info.len === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function fate(analysis: Analysis, stmt: SegmentStatement, info: SegmentInfo): string {
  const receiver = code(stmt.dst.name);
  const at = info.deliveredAt;
  const where =
    at === undefined
      ? ''
      : scriptIndex(analysis).statements[at]?.kind === 'deliver'
        ? ` at line ${at + 1} (${code(`deliver ${stmt.label?.name ?? ''}`)})`
        : ` at line ${at + 1}, the end of the simultaneous block`;
  switch (info.fate) {
    case 'delivered':
      return at === undefined ? 'Delivered at once.' : `Delivered${where}.`;
    case 'dropped':
      return `Discarded by ${receiver}${where === '' ? '' : ` on arrival${where}`}: it could not accept the segment.`;
    case 'lost':
      return `Lost in the network: ${receiver} never receives it.`;
    case 'in-flight':
      return `Still in flight at the end of the script: no ${code('deliver')} brings it to ${receiver}.`;
  }
}

function flagHover(flag: FlagName, written: string): string {
  const compact = written.length === 1 ? [`Written ${code(written)}, packetdrill's compact form.`] : [];
  return explained(`**${flag}**`, FLAGS[flag], ...compact);
}

function fieldHover(analysis: Analysis, stmt: SegmentStatement, field: Field): string {
  const here = fieldValue(analysis, stmt, field);
  return explained(`**${field.kind}**`, FIELDS[field.kind], ...(here === undefined ? [] : [here]));
}

function fieldValue(analysis: Analysis, stmt: SegmentStatement, field: Field): string | undefined {
  const info = analysis.segments.get(stmt.line);
  if (info === undefined) return undefined;
  if (field.kind === 'seq' || field.kind === 'ack') {
    const value = field.kind === 'seq' ? info.seq : info.ack;
    const rel = field.kind === 'seq' ? info.relSeq : info.relAck;
    if (value === undefined) return undefined;
    const symbol = field.expr.symbol;
    const bound = symbol === undefined ? undefined : analysis.symbols.get(symbol);
    const binding = bound && symbol ? `; ${code(symbol)} = ${bound.value}, bound on line ${bound.line + 1}` : '';
    return `Here: ${value}${rel === value || rel === undefined ? '' : ` (relative ${rel})`}${binding}.`;
  }
  if (field.kind === 'len') return `Here: ${info.len} byte${info.len === 1 ? '' : 's'}.`;
  return undefined;
}

function markerHover(marker: Marker): string {
  return explained(`**${marker.name}**`, MARKERS[marker.name]);
}

function payloadHover(payload: StringLiteral): string {
  return `**payload** — ${payload.byteLength} byte${payload.byteLength === 1 ? '' : 's'} of data (UTF-8, escapes decoded)`;
}

// ---- endpoints, states, calls --------------------------------------------------------------

function endpointHover(analysis: Analysis, name: string, stmt: Statement): string | undefined {
  const i = scriptIndex(analysis).endpointIndex.get(name);
  if (i === undefined) return undefined;
  const info = analysis.endpoints[i];
  const details = [info.address, info.label === name ? undefined : `"${info.label}"`].filter((d): d is string => d !== undefined);
  const heading = `**participant** ${code(name)}${details.map((d) => ` · ${code(d)}`).join('')}`;
  const origin = info.declaredAt === undefined ? `Declared by its first use on line ${info.firstUse + 1}; starts` : 'Starts';
  const now = stmt.kind === 'participant' ? '' : `; ${snapshotAfterLine(analysis, stmt.line)[i].state} after this line`;
  const facts = [`${origin} ${info.initial}${now}.`];
  if (info.unchecked) facts.push('Unchecked: a packet injector, whose own segments are taken as written.');
  return [heading, facts.join(' ')].join('\n\n');
}

function stateHover(analysis: Analysis, item: ExpectItem, line: number): string | undefined {
  const state = item.state;
  if (state === undefined) return undefined;
  const netstat = stateLabel(state, 'netstat');
  const heading = `**${state}**${netstat === state ? '' : ` (netstat: ${code(netstat)})`}`;
  const p = scriptIndex(analysis).endpointIndex.get(item.endpoint.name);
  const parts = [heading, STATES[state]];
  if (p !== undefined) {
    // The state of the connection the item names (`server(bob)`), where the host has several.
    const i = namedEnd(analysis, p, item.connection);
    const who = analysis.connections ? endName(analysis, i) : item.endpoint.name;
    const actual = endsAfterLine(analysis, line)[i].state;
    parts.push(actual === state ? `${code(who)} is ${actual} here.` : `${code(who)} is ${actual} here, not ${state}.`);
  }
  parts.push(STATE_REFERENCE);
  return parts.join('\n\n');
}

function callHover(analysis: Analysis, stmt: CallStatement): string {
  const i = scriptIndex(analysis).endpointIndex.get(stmt.endpoint.name);
  const more: string[] = [];
  const after = endpointsAfterLineSteps(analysis, stmt.line);
  if (i !== undefined && after !== undefined) {
    more.push(change(stmt.endpoint.name, snapshotBeforeLine(analysis, stmt.line)[i].state, after[i].state, 'now'));
  }
  return explained(`**${stmt.call}**`, CALLS[stmt.call], ...more);
}

// ---- durations ---------------------------------------------------------------------------------

function waitHover(analysis: Analysis, duration: Duration, line: number): string {
  const mslMs = analysis.options.mslMs;
  const ms = duration.mslMultiple === undefined ? duration.ms : duration.mslMultiple * mslMs;
  const parts = [`**${code(duration.text)}** = ${seconds(ms)}`];
  if (duration.mslMultiple !== undefined) {
    const optionLine = scriptIndex(analysis).mslOptionLine;
    const origin =
      optionLine === undefined
        ? `RFC 9293's default (set it with ${code('option msl=…')})`
        : `set by ${code('option msl')} on line ${optionLine + 1}`;
    const times = duration.mslMultiple === 1 ? 'The MSL' : `${duration.mslMultiple} × the MSL`;
    parts.push(`${times}, ${MSL_TEXT}: ${seconds(mslMs)} here, ${origin}. TIME-WAIT lasts 2MSL.`);
  } else {
    parts.push('Time passes: TIME-WAIT ends once 2MSL have passed, and keep-alive probes become due after the idle time.');
  }
  const changes = stateChanges(analysis, line);
  if (changes.length > 0) parts.push(changes.join('\n'));
  if (duration.mslMultiple !== undefined) parts.push(MSL_REFERENCE);
  return parts.join('\n\n');
}

function stateChanges(analysis: Analysis, line: number): string[] {
  const after = endpointsAfterLineSteps(analysis, line);
  if (after === undefined) return [];
  const before = snapshotBeforeLine(analysis, line);
  const lines: string[] = [];
  after.forEach((s: EndpointSnapshot, i: number) => {
    if (s.state !== before[i].state) lines.push(change(analysis.endpoints[i].name, before[i].state, s.state, 'now'));
  });
  return lines;
}

function mslOptionHover(stmt: OptionStatement): string | undefined {
  if (stmt.setting.key !== 'msl') return undefined;
  const ms = stmt.setting.duration.ms;
  return [
    `**MSL** = ${seconds(ms)}`,
    `The MSL is ${MSL_TEXT}; RFC 9293 takes 2 minutes. TIME-WAIT lasts 2MSL = ${seconds(2 * ms)}.`,
    MSL_REFERENCE,
  ].join('\n\n');
}
