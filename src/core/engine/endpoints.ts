// The script's endpoints: its participants in declaration order, then names first used
// elsewhere in order of use, each with a fresh TCB in its initial state.

import type { Identifier, ParticipantStatement, Script, Statement } from '../syntax/ast';
import type { DiagnosticCode, DiagnosticData, RelatedInformation } from '../diagnostics';
import type { Range } from '../syntax/range';
import type { TcpState } from '../states';
import { DEFAULT_KEEPALIVE_MS, newTcb, type Endpoint } from './model';
import { editDistance } from '../syntax/suggest';
import { decodeEscapes } from '../syntax/escapes';
import { receiverName, senderName } from '../syntax/segmentNode';

export interface DeclareContext {
  readonly report: (code: DiagnosticCode, range: Range, message: string, extra?: { related?: RelatedInformation[]; data?: DiagnosticData }) => void;
  readonly rangeOfLine: (line: number) => Range;
  readonly durationMs: (d: { ms: number; mslMultiple?: number }) => number;
}

export interface Endpoints {
  readonly list: Endpoint[];
  readonly byName: Map<string, Endpoint>;
}

/**
 * Declares the endpoints a script names. With `existing` (a script fed piece by piece), the
 * endpoints of the earlier pieces are kept and extended in place.
 */
export function declareEndpoints(script: Script, ctx: DeclareContext, existing?: Endpoints): Endpoints {
  return declaringEndpoints(script, ctx, existing, false).next().value as Endpoints;
}

/** `declareEndpoints`, resumable: with `stepped`, it pauses before each statement it reads (yielding its index). */
export function* declaringEndpoints(script: Script, ctx: DeclareContext, existing: Endpoints | undefined, stepped: boolean): Generator<number, Endpoints, void> {
  const list: Endpoint[] = existing?.list ?? [];
  const byName = existing?.byName ?? new Map<string, Endpoint>();
  const add = (name: string, line: number, p: ParticipantStatement | undefined, checked: boolean): void => {
    const ep = newEndpoint(list.length, name, line, p, checked, ctx);
    list.push(ep);
    byName.set(name, ep);
  };
  const participants = script.statements.filter((s): s is ParticipantStatement => s.kind === 'participant');
  for (const p of participants) {
    const first = byName.get(p.name.name);
    if (first) {
      ctx.report('endpoint.duplicate', p.name.range, `participant '${p.name.name}' is already declared on line ${(first.declaredAt ?? 0) + 1}`, {
        related: [{ range: ctx.rangeOfLine(first.declaredAt ?? 0), message: 'first declaration' }],
      });
      continue;
    }
    add(p.name.name, p.line, p, !p.unchecked);
  }
  const declaredBefore = list.filter((e) => e.declaredAt !== undefined && !participants.some((p) => p.name.name === e.name)).map((e) => e.name);
  const declares = participants.length > 0 || declaredBefore.length > 0;
  const use = (id: Identifier, line: number, other?: Identifier) => {
    if (byName.has(id.name)) return;
    if (!declares) {
      add(id.name, line, undefined, true);
      return;
    }
    const declared = [...declaredBefore, ...participants.map((p) => p.name.name)];
    const near = misspeltParticipant(id.name, declared);
    // Not the segment's other end: an endpoint does not send to itself.
    const meant = near !== undefined && near !== other?.name ? near : undefined;
    const fix = meant ? `: it is taken to be ${meant} (a misspelling?); otherwise declare it with \`participant ${id.name}\`` : `; declare it with \`participant ${id.name}\``;
    ctx.report('endpoint.unknown', id.range, `'${id.name}' is not a declared participant (declared: ${declared.join(', ')})${fix}`, {
      data: { participant: { name: id.name, declare: true } },
    });
    if (meant) {
      // One or two edits from exactly one participant: the author meant that one, on both sides.
      byName.set(id.name, byName.get(meant)!);
      return;
    }
    // Any other undeclared endpoint is simulated unchecked, so that the one mistake gives one diagnostic.
    add(id.name, line, undefined, false);
  };
  const visit = (s: Statement) => {
    switch (s.kind) {
      case 'segment':
        // Most segments are between endpoints already known: their Identifiers are not made.
        if (!byName.has(senderName(s))) use(s.src, s.line, s.dst);
        if (!byName.has(receiverName(s))) use(s.dst, s.line, s.src);
        break;
      case 'call':
        use(s.endpoint, s.line);
        if (s.connection?.peer) use(s.connection.peer, s.line, s.endpoint);
        break;
      case 'note':
        for (const e of s.endpoints) use(e, s.line);
        break;
      case 'expect':
        for (const item of s.items) {
          use(item.endpoint, s.line);
          if (item.connection?.peer) use(item.connection.peer, s.line, item.endpoint);
        }
        break;
      case 'simultaneous':
        for (const inner of s.segments) visit(inner);
        break;
      default:
        break;
    }
  };
  for (let i = 0; i < script.statements.length; i++) {
    if (stepped) yield i;
    visit(script.statements[i]);
  }
  return { list, byName };
}

/** The one declared name within one edit (a name of up to three letters) or two of `name`, if there is exactly one. */
function misspeltParticipant(name: string, declared: readonly string[]): string | undefined {
  const max = name.length <= 3 ? 1 : 2;
  const near = declared.filter((d) => editDistance(name.toUpperCase(), d.toUpperCase(), max) <= max);
  return near.length === 1 ? near[0] : undefined;
}

function newEndpoint(index: number, name: string, line: number, p: ParticipantStatement | undefined, checked: boolean, ctx: DeclareContext): Endpoint {
  const initial: TcpState = p?.listen ? 'LISTEN' : 'CLOSED';
  const declaredIsn = p?.isn?.value;
  return {
    index,
    name,
    label: p?.label ? decodeEscapes(p.label.raw) : name,
    address: p?.address?.text,
    checked,
    declaredIsn,
    keepaliveMs: p?.keepalive ? ctx.durationMs(p.keepalive) : DEFAULT_KEEPALIVE_MS,
    declaredAt: p?.line,
    firstUse: line,
    initial,
    tcb: newTcb(initial, declaredIsn ?? 0, 0),
    alt: undefined,
    snapshot: undefined,
  };
}
