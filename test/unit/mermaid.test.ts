// The Mermaid emitter on hand-built analyses, so that it is tested on its own: exact
// diagram text, exact source maps, and every diagram accepted by Mermaid's own parser.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type {
  Analysis,
  EndpointInfo,
  EndpointSnapshot,
  ScriptOptions,
  SegmentInfo,
  StepKind,
  TimelineStep,
} from '../../src/core/analysis';
import type {
  Arrow,
  CallName,
  Field,
  FlagName,
  MarkerName,
  SegmentStatement,
  Statement,
} from '../../src/core/syntax/ast';
import type { Diagnostic } from '../../src/core/diagnostics';
import { analyze, toMermaid, type MermaidDiagram, type MermaidOptions } from '../../src/core/index';
import { range } from '../../src/core/syntax/range';
import type { TcpState } from '../../src/core/states';
import { lines } from './helpers/lines';
import { parseMermaid } from './helpers/mermaidParser';

// ---- fixture builder: plain data, as the parser and the engine would produce it ----

const at = (line: number) => range(line, 0, 1);
const id = (name: string, line: number) => ({ name, range: at(line) });

const st = {
  title: (line: number, text: string): Statement => ({ kind: 'title', line, range: at(line), text }),
  participant: (line: number, name: string): Statement => ({ kind: 'participant', line, range: at(line), name: id(name, line) }),
  section: (line: number, title: string): Statement => ({ kind: 'section', line, range: at(line), title }),
  note: (line: number, names: string[], text: string): Statement => ({
    kind: 'note',
    line,
    range: at(line),
    endpoints: names.map((n) => id(n, line)),
    text,
  }),
  call: (line: number, name: string, call: CallName): Statement => ({
    kind: 'call',
    line,
    range: at(line),
    endpoint: id(name, line),
    call,
    callRange: at(line),
  }),
  wait: (line: number, text: string, ms: number): Statement => ({ kind: 'wait', line, range: at(line), duration: { ms, text, range: at(line) } }),
  deliver: (line: number, label: string): Statement => ({ kind: 'deliver', line, range: at(line), label: id(label, line) }),
  expect: (line: number): Statement => ({ kind: 'expect', line, range: at(line), items: [] }),
  option: (line: number): Statement => ({
    kind: 'option',
    line,
    range: at(line),
    setting: { key: 'states', value: 'all' },
    keyRange: at(line),
    valueRange: at(line),
  }),
  simultaneous: (line: number, segments: SegmentStatement[], endLine?: number): Statement => ({
    kind: 'simultaneous',
    line,
    range: at(line),
    segments,
    endLine,
  }),
};

interface SegmentSpec {
  readonly fields?: Field[];
  readonly payload?: string;
  readonly markers?: MarkerName[];
  readonly label?: string;
}

/** `seg(6, 'client', '->', 'server', 'SYN', {fields: [seq('x')]})`; flags in the order written. */
function seg(line: number, src: string, arrow: Arrow, dst: string, flags: string, spec: SegmentSpec = {}): SegmentStatement {
  const items = flags === '' ? [] : flags.split('+').map((flag) => ({ flag: flag as FlagName, range: at(line) }));
  return {
    kind: 'segment',
    line,
    range: at(line),
    src: id(src, line),
    arrow,
    arrowRange: at(line),
    dst: id(dst, line),
    flags: { flags: new Set(items.map((i) => i.flag)), items, range: at(line) },
    fields: spec.fields ?? [],
    payload: spec.payload === undefined ? undefined : { raw: spec.payload, byteLength: spec.payload.length, range: at(line) },
    markers: (spec.markers ?? []).map((name) => ({ name, range: at(line) })),
    label: spec.label === undefined ? undefined : id(spec.label, line),
  };
}

const seq = (symbol: string | number, offset = 0): Field =>
  typeof symbol === 'number'
    ? { kind: 'seq', expr: { offset: symbol, range: at(0) }, range: at(0) }
    : { kind: 'seq', expr: { symbol, offset, range: at(0) }, range: at(0) };
const ack = (symbol: string | number, offset = 0): Field => ({ ...(seq(symbol, offset) as Field & { kind: 'seq' }), kind: 'ack' });
const num = (kind: 'len' | 'win' | 'mss' | 'wscale' | 'urg', value: number): Field => ({ kind, value: { value, range: at(0) }, range: at(0) });

function endpoint(name: string, initial: TcpState, more: Partial<EndpointInfo> = {}): EndpointInfo {
  return { name, label: name, unchecked: false, firstUse: 0, initial, ...more };
}

function snapshot(state: TcpState): EndpointSnapshot {
  return { state, iss: 0, sndUna: 0, sndNxt: 0, sndWnd: 0, irs: 0, rcvNxt: 0, rcvWnd: 0 };
}

/** Steps with cumulative states: `t.step(6, 'send', {0: 'SYN-SENT'})` changes endpoint 0. */
function timeline(initial: TcpState[]) {
  const states = initial.slice();
  const steps: TimelineStep[] = [];
  return {
    steps,
    step(line: number, kind: StepKind, changes: Record<number, TcpState> = {}) {
      const changed = Object.keys(changes).map(Number);
      for (const k of changed) states[k] = changes[k];
      steps.push({ line, kind, updates: changed.map((endpoint) => ({ endpoint, snapshot: snapshot(states[endpoint]) })), changed });
      return this;
    },
  };
}

function info(line: number, src: number, dst: number, more: Partial<SegmentInfo> = {}): SegmentInfo {
  return {
    line,
    src,
    dst,
    flags: new Set<FlagName>(),
    seq: 0,
    len: 0,
    relSeq: 0,
    fate: 'delivered',
    invalid: false,
    effect: '',
    ...more,
  };
}

interface Fixture {
  readonly statements: Statement[];
  readonly endpoints: EndpointInfo[];
  readonly timeline?: TimelineStep[];
  readonly segments?: SegmentInfo[];
  readonly options?: Partial<ScriptOptions>;
  readonly diagnostics?: Diagnostic[];
}

function analysis(f: Fixture): Analysis {
  const last = f.statements.reduce((max, s) => Math.max(max, s.line, s.kind === 'simultaneous' ? (s.endLine ?? 0) : 0), 0);
  return {
    script: { statements: f.statements, lineCount: last + 1 },
    diagnostics: f.diagnostics ?? [],
    endpoints: f.endpoints,
    timeline: f.timeline ?? [],
    segments: new Map((f.segments ?? []).map((s) => [s.line, s])),
    symbols: new Map(),
    options: { mslMs: 120_000, states: 'changes', numbers: 'as-written', ...f.options },
  };
}

/** Emits, checks the text with Mermaid's parser and the line map's length, and returns the diagram. */
async function emit(f: Fixture, options: MermaidOptions = {}): Promise<MermaidDiagram> {
  const diagram = toMermaid(analysis(f), options);
  assert.strictEqual(diagram.lineMap.length, diagram.text.split('\n').length - 1, 'one lineMap entry per line');
  await parseMermaid(diagram.text).catch((error: Error) => assert.fail(`Mermaid rejected:\n${diagram.text}\n${error.message}`));
  return diagram;
}

/** The diagram text: lines ending in a newline. */
const diagram = (...rows: string[]) => lines(...rows, '');

// ---- the spec's handshake, used by several tests ----

function handshake(): Fixture {
  const t = timeline(['CLOSED', 'LISTEN'])
    .step(6, 'send', { 0: 'SYN-SENT' })
    .step(6, 'arrive', { 1: 'SYN-RECEIVED' })
    .step(7, 'send')
    .step(7, 'arrive', { 0: 'ESTABLISHED' })
    .step(8, 'send')
    .step(8, 'arrive', { 1: 'ESTABLISHED' })
    .step(9, 'expect');
  return {
    statements: [
      st.title(0, 'Three-way handshake'),
      st.participant(2, 'client'),
      st.participant(3, 'server'),
      st.section(5, 'Handshake'),
      seg(6, 'client', '->', 'server', 'SYN', { fields: [seq('x'), num('mss', 1460)] }),
      seg(7, 'server', '->', 'client', 'SYN+ACK', { fields: [seq('y'), ack('x', 1), num('mss', 1460)] }),
      seg(8, 'client', '->', 'server', 'ACK', { fields: [seq('x', 1), ack('y', 1)] }),
      st.expect(9),
    ],
    endpoints: [
      endpoint('client', 'CLOSED', { address: '10.0.0.1:51000', declaredAt: 2, firstUse: 2 }),
      endpoint('server', 'LISTEN', { address: '10.0.0.2:80', declaredAt: 3, firstUse: 3 }),
    ],
    timeline: t.steps,
    segments: [
      info(6, 0, 1, { seq: 0, len: 0 }),
      info(7, 1, 0, { seq: 0, ack: 1 }),
      info(8, 0, 1, { seq: 1, ack: 1 }),
    ],
  };
}

describe('emitMermaid', () => {
  it('draws the three-way handshake with state changes and a source map', async () => {
    const d = await emit(handshake());
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  title Three-way handshake',
        '  participant p0 as client<br/>10.0.0.1#58;51000',
        '  participant p1 as server<br/>10.0.0.2#58;80',
        '  Note over p0,p1: CLOSED | LISTEN',
        '  rect rgba(38, 139, 210, 0.08)',
        '    Note over p0,p1: Handshake',
        '    p0->>p1: SYN seq=x mss=1460',
        '    Note over p0,p1: SYN-SENT | SYN-RECEIVED',
        '    p1->>p0: SYN+ACK seq=y ack=x+1 mss=1460',
        '    Note over p0: ESTABLISHED',
        '    p0->>p1: ACK seq=x+1 ack=y+1',
        '    Note over p1: ESTABLISHED',
        '  end',
      ),
    );
    assert.deepStrictEqual(d.messages, [6, 7, 8]);
    assert.deepStrictEqual(d.notes, [-1, 5, 6, 7, 8]);
    assert.deepStrictEqual([d.sections, d.fullLabels], [[1], []]);
    assert.deepStrictEqual(d.lineMap, [-1, 0, 2, 3, -1, 5, 5, 6, 6, 7, 7, 8, 8, -1]);
  });

  it('emits an empty diagram for an empty script', async () => {
    const d = await emit({ statements: [], endpoints: [] });
    assert.strictEqual(d.text, diagram('sequenceDiagram'));
    assert.deepStrictEqual([d.messages, d.notes, d.lineMap], [[], [], [-1]]);
  });

  it('skips sections and waits when there is no endpoint to put the note over', async () => {
    const d = await emit({ statements: [st.section(0, 'Empty'), st.wait(1, '2MSL', 240_000)], endpoints: [] });
    assert.strictEqual(d.text, diagram('sequenceDiagram'));
  });

  it('names participants by generated ids with label and address, implicit ones mapped to -1', async () => {
    const d = await emit(
      {
        statements: [st.participant(0, 'web'), st.participant(1, 'db'), seg(2, 'web', '->', 'cache', 'SYN')],
        endpoints: [
          endpoint('web', 'CLOSED', { label: 'Web server', declaredAt: 0 }),
          endpoint('db', 'LISTEN', { address: '[2001:db8::1]:5432', declaredAt: 1, firstUse: 1 }),
          endpoint('cache', 'CLOSED', { firstUse: 2 }),
        ],
        segments: [info(2, 0, 2)],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as Web server',
        '  participant p1 as db<br/>[2001#58;db8#58;#58;1]#58;5432',
        '  participant p2 as cache',
        '  p0->>p2: SYN seq=0',
      ),
    );
    assert.deepStrictEqual(d.lineMap, [-1, 0, 1, -1, 2]);
  });

  it('puts one note per line over the endpoints it concerns, naming each state when there are more than two', async () => {
    const t = timeline(['CLOSED', 'CLOSED', 'LISTEN']).step(3, 'send', { 1: 'SYN-SENT' }).step(3, 'arrive', { 2: 'SYN-RECEIVED' });
    const d = await emit({
      statements: [st.participant(0, 'a'), st.participant(1, 'b'), st.participant(2, 'c'), seg(3, 'b', '->', 'c', 'SYN')],
      endpoints: [endpoint('a', 'CLOSED', { declaredAt: 0 }), endpoint('b', 'CLOSED', { declaredAt: 1 }), endpoint('c', 'LISTEN', { declaredAt: 2 })],
      timeline: t.steps,
      segments: [info(3, 1, 2)],
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  participant p2 as c',
        '  Note over p0,p2: a CLOSED, b CLOSED, c LISTEN',
        '  p1->>p2: SYN seq=0',
        '  Note over p1,p2: b SYN-SENT, c SYN-RECEIVED',
      ),
    );
    assert.deepStrictEqual(d.notes, [-1, 3]);
  });

  it('puts the notes of an only endpoint over its lifeline', async () => {
    const d = await emit({
      statements: [st.call(0, 'solo', 'listen')],
      endpoints: [endpoint('solo', 'CLOSED', { firstUse: 0 })],
      timeline: timeline(['CLOSED']).step(0, 'call', { 0: 'LISTEN' }).steps,
    });
    assert.strictEqual(
      d.text,
      diagram('sequenceDiagram', '  participant p0 as solo', '  Note over p0: CLOSED', '  Note over p0: listen()', '  Note over p0: LISTEN'),
    );
    assert.deepStrictEqual(d.notes, [-1, 0, 0]);
  });

  it('alternates the tints of sections and closes each band at the next section and at the end', async () => {
    const d = await emit(
      {
        statements: [
          st.section(0, 'One'),
          seg(1, 'a', '->', 'b', 'SYN'),
          st.section(2, 'Two'),
          st.section(3, 'Three'),
          seg(4, 'b', '->', 'a', 'RST+ACK'),
        ],
        endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'CLOSED')],
        segments: [info(1, 0, 1), info(4, 1, 0)],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  rect rgba(38, 139, 210, 0.08)',
        '    Note over p0,p1: One',
        '    p0->>p1: SYN seq=0',
        '  end',
        '  rect rgba(133, 153, 0, 0.08)',
        '    Note over p0,p1: Two',
        '  end',
        '  rect rgba(38, 139, 210, 0.08)',
        '    Note over p0,p1: Three',
        '    p1->>p0: RST+ACK seq=0',
        '  end',
      ),
    );
    assert.deepStrictEqual(d.notes, [0, 2, 3]);
    assert.deepStrictEqual(d.lineMap, [-1, -1, -1, 0, 0, 1, -1, 2, 2, -1, 3, 3, 4, -1]);
  });

  it('draws a lost segment as a cross and its sender-side state change only', async () => {
    const d = await emit({
      statements: [seg(0, 'a', '-x', 'b', 'SYN', { fields: [seq(100)] })],
      endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'LISTEN')],
      timeline: timeline(['CLOSED', 'LISTEN']).step(0, 'send', { 0: 'SYN-SENT' }).steps,
      segments: [info(0, 0, 1, { fate: 'lost', seq: 100 })],
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: CLOSED | LISTEN',
        '  p0-xp1: SYN seq=100 (lost)',
        '  Note over p0: SYN-SENT',
      ),
    );
  });

  it('draws a delayed segment dashed and notes its arrival, followed by the arrival state changes', async () => {
    const t = timeline(['ESTABLISHED', 'ESTABLISHED'])
      .step(0, 'send', { 0: 'FIN-WAIT-1' })
      .step(1, 'send')
      .step(1, 'arrive')
      .step(2, 'arrive', { 1: 'CLOSE-WAIT' });
    const d = await emit({
      statements: [
        seg(0, 'a', '~>', 'b', 'FIN+ACK', { label: 'fin1' }),
        seg(1, 'b', '->', 'a', 'ACK'),
        st.deliver(2, 'fin1'),
        seg(3, 'a', '~>', 'b', 'ACK'),
      ],
      endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')],
      timeline: t.steps,
      segments: [info(0, 0, 1, { deliveredAt: 2 }), info(1, 1, 0), info(3, 0, 1, { fate: 'in-flight' })],
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: ESTABLISHED | ESTABLISHED',
        '  p0-->>p1: FIN+ACK seq=0 (delayed#58; fin1)',
        '  Note over p0: FIN-WAIT-1',
        '  p1->>p0: ACK seq=0',
        '  Note over p1: fin1 arrives',
        '  Note over p1: CLOSE-WAIT',
        '  p0-->>p1: ACK seq=0 (delayed)',
      ),
    );
    assert.deepStrictEqual(d.messages, [0, 1, 3]);
    assert.deepStrictEqual(d.notes, [-1, 0, 2, 2]);
  });

  it('finds the receiver of a deliver by label when the engine did not match it, and skips an unknown one', async () => {
    const d = await emit(
      {
        statements: [seg(0, 'a', '~>', 'b', 'SYN', { label: 's' }), st.deliver(1, 's'), st.deliver(2, 'nothing')],
        endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'LISTEN')],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram('sequenceDiagram', '  participant p0 as a', '  participant p1 as b', '  p0-->>p1: SYN (delayed#58; s)', '  Note over p1: s arrives'),
    );
  });

  it('wraps an invalid segment in a red band with a cross, from SegmentInfo or from an error on its line', async () => {
    const error: Diagnostic = { code: 'syntax.unknown-flag', severity: 'error', range: range(2, 10, 13), message: 'unknown flag' };
    const warning: Diagnostic = { code: 'tcp.bad-option', severity: 'warning', range: range(3, 0, 1), message: 'odd' };
    const d = await emit(
      {
        statements: [
          st.section(0, 'Bad'),
          seg(1, 'a', '->', 'b', 'FIN+ACK', { payload: 'x' }),
          seg(2, 'b', '->', 'a', ''),
          seg(3, 'b', '->', 'a', 'ACK', { fields: [num('mss', 0)] }),
        ],
        endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'LISTEN')],
        segments: [info(1, 0, 1, { invalid: true }), info(3, 1, 0)],
        diagnostics: [error, warning],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  rect rgba(38, 139, 210, 0.08)',
        '    Note over p0,p1: Bad',
        '    rect rgba(220, 50, 47, 0.18)',
        '      p0->>p1: #10007; FIN+ACK seq=0 #34;x#34;',
        '    end',
        '    rect rgba(220, 50, 47, 0.18)',
        '      p1->>p0: #10007;',
        '    end',
        '    p1->>p0: ACK seq=0 mss=0',
        '  end',
      ),
    );
    assert.deepStrictEqual(d.messages, [1, 2, 3]);
    assert.deepStrictEqual(d.lineMap, [-1, -1, -1, 0, 0, 1, 1, 1, 2, 2, 2, 3, -1]);
  });

  it('draws a simultaneous block as par branches, the arrivals after its end', async () => {
    const t = timeline(['CLOSED', 'CLOSED'])
      .step(1, 'send', { 0: 'SYN-SENT' })
      .step(2, 'send', { 1: 'SYN-SENT' })
      .step(3, 'arrive', { 1: 'SYN-RECEIVED' })
      .step(3, 'arrive', { 0: 'SYN-RECEIVED' });
    const d = await emit({
      statements: [
        st.simultaneous(0, [seg(1, 'a', '->', 'b', 'SYN', { fields: [seq('x')] }), seg(2, 'b', '->', 'a', 'SYN', { fields: [seq('y')] })], 3),
        st.expect(4),
      ],
      endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'CLOSED')],
      timeline: t.steps,
      segments: [info(1, 0, 1), info(2, 1, 0)],
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: CLOSED | CLOSED',
        '  par simultaneous',
        '    p0->>p1: SYN seq=x',
        '    Note over p0: SYN-SENT',
        '  and',
        '    p1->>p0: SYN seq=y',
        '    Note over p1: SYN-SENT',
        '  end',
        '  Note over p0,p1: SYN-RECEIVED | SYN-RECEIVED',
      ),
    );
    assert.deepStrictEqual(d.messages, [1, 2]);
    assert.deepStrictEqual(d.notes, [-1, 1, 2, 3]);
    assert.deepStrictEqual(d.lineMap, [-1, -1, -1, -1, 0, 1, 1, 2, 2, 2, 3, 3]);
  });

  it('closes an unclosed simultaneous block and marks an invalid segment inside it', async () => {
    const d = await emit(
      {
        statements: [st.simultaneous(0, [seg(1, 'a', '->', 'b', 'FIN+ACK')])],
        endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')],
        segments: [info(1, 0, 1, { invalid: true })],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  par simultaneous',
        '    rect rgba(220, 50, 47, 0.18)',
        '      p0->>p1: #10007; FIN+ACK seq=0',
        '    end',
        '  end',
      ),
    );
    assert.deepStrictEqual(d.lineMap, [-1, -1, -1, 0, 1, 1, 1, -1]);
  });

  it('shows a line once per endpoint, in its final state, and nothing when it comes back to where it was', async () => {
    const t = timeline(['SYN-RECEIVED', 'SYN-SENT'])
      .step(0, 'send', { 1: 'ESTABLISHED' })
      .step(0, 'arrive', { 0: 'ESTABLISHED' })
      .step(0, 'arrive', { 0: 'CLOSE-WAIT' })
      .step(1, 'send', { 1: 'FIN-WAIT-1' })
      .step(1, 'arrive', { 1: 'ESTABLISHED' });
    const d = await emit({
      statements: [seg(0, 'b', '->', 'a', 'FIN+ACK'), seg(1, 'b', '->', 'a', 'ACK')],
      endpoints: [endpoint('a', 'SYN-RECEIVED'), endpoint('b', 'SYN-SENT')],
      timeline: t.steps,
      segments: [info(0, 1, 0), info(1, 1, 0)],
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: SYN-RECEIVED | SYN-SENT',
        '  p1->>p0: FIN+ACK seq=0',
        '  Note over p0,p1: CLOSE-WAIT | ESTABLISHED',
        '  p1->>p0: ACK seq=0',
      ),
    );
    assert.deepStrictEqual(d.notes, [-1, 0]);
  });

  it('with states=all shows every endpoint after each segment line, and changes elsewhere', async () => {
    const t = timeline(['TIME-WAIT', 'LAST-ACK']).step(0, 'send').step(0, 'arrive', { 1: 'CLOSED' }).step(1, 'timer', { 0: 'CLOSED' });
    const fixture: Fixture = {
      statements: [seg(0, 'a', '->', 'b', 'ACK'), st.wait(1, '2MSL', 240_000)],
      endpoints: [endpoint('a', 'TIME-WAIT'), endpoint('b', 'LAST-ACK')],
      timeline: t.steps,
      segments: [info(0, 0, 1)],
      options: { states: 'all' },
    };
    const d = await emit(fixture);
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: TIME-WAIT | LAST-ACK',
        '  p0->>p1: ACK seq=0',
        '  Note over p0,p1: TIME-WAIT | CLOSED',
        '  Note over p0,p1: wait 2MSL',
        '  Note over p0: CLOSED',
      ),
    );
    assert.deepStrictEqual(d.notes, [-1, 0, 1, 1]);

    const none = await emit(fixture, { states: 'none' });
    assert.strictEqual(
      none.text,
      diagram('sequenceDiagram', '  participant p0 as a', '  participant p1 as b', '  p0->>p1: ACK seq=0', '  Note over p0,p1: wait 2MSL'),
    );
    assert.deepStrictEqual(none.notes, [1]);
  });

  it('with states=all shows every endpoint even on a segment line without steps, and inside par branches', async () => {
    const d = await emit(
      {
        statements: [st.simultaneous(0, [seg(1, 'a', '->', 'b', 'ACK'), seg(2, 'b', '->', 'a', 'ACK')], 3)],
        endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')],
      },
      { states: 'all' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: ESTABLISHED | ESTABLISHED',
        '  par simultaneous',
        '    p0->>p1: ACK',
        '    Note over p0,p1: ESTABLISHED | ESTABLISHED',
        '  and',
        '    p1->>p0: ACK',
        '    Note over p0,p1: ESTABLISHED | ESTABLISHED',
        '  end',
        '  Note over p0,p1: ESTABLISHED | ESTABLISHED',
      ),
    );
  });

  it('names states the netstat way when asked', async () => {
    const t = timeline(['CLOSED', 'LISTEN']).step(0, 'send', { 0: 'SYN-SENT' }).step(0, 'arrive', { 1: 'SYN-RECEIVED' });
    const d = await emit(
      {
        statements: [seg(0, 'a', '->', 'b', 'SYN')],
        endpoints: [endpoint('a', 'CLOSED'), endpoint('b', 'LISTEN')],
        timeline: t.steps,
        segments: [info(0, 0, 1)],
      },
      { naming: 'netstat' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  Note over p0,p1: CLOSED | LISTEN',
        '  p0->>p1: SYN seq=0',
        '  Note over p0,p1: SYN_SENT | SYN_RCVD',
      ),
    );
  });

  describe('segment labels', () => {
    const fields: Field[] = [
      seq('x', 1),
      ack('y', -1),
      num('len', 5),
      num('win', 65535),
      num('wscale', 7),
      { kind: 'sackOK', range: at(0) },
      { kind: 'ts', val: { value: 100, range: at(0) }, ecr: { value: 7, range: at(0) }, range: at(0) },
      { kind: 'ts', val: { value: 101, range: at(0) }, range: at(0) },
      num('urg', 1),
    ];
    const fixture = (): Fixture => ({
      statements: [
        seg(0, 'a', '->', 'b', 'PSH+ACK', { fields, payload: 'hello', markers: ['retransmit', 'duplicate'] }),
        seg(1, 'a', '->', 'b', 'ACK', { fields: [seq(5)], markers: ['keepalive'] }),
        seg(2, 'a', '->', 'b', 'ACK', { fields: [num('mss', 1460)] }),
        seg(3, 'a', '->', 'b', 'FIN+ACK'),
      ],
      endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')],
      segments: [
        info(0, 0, 1, { seq: 4001, ack: 9000, len: 5, relSeq: 1, relAck: 1 }),
        info(1, 0, 1, { seq: 4, ack: 9000, len: 0, relSeq: 2, relAck: 1 }),
        info(2, 0, 1, { seq: 4294967295, len: 0, relSeq: 3 }),
      ],
      options: { states: 'none' },
    });

    it('shows seq/ack as written by default, and the engine\'s relative numbers where the script omits them', async () => {
      const d = await emit(fixture());
      assert.strictEqual(
        d.text,
        diagram(
          'sequenceDiagram',
          '  participant p0 as a',
          '  participant p1 as b',
          '  p0->>p1: PSH+ACK seq=x+1 ack=y-1 len=5 win=65535 wscale=7 sackOK ts=100/7 ts=101 urg=1 #34;hello#34; retransmit duplicate',
          '  p0->>p1: ACK seq=5 ack=1 keepalive',
          '  p0->>p1: ACK seq=3 mss=1460',
          '  p0->>p1: FIN+ACK',
        ),
      );
    });

    it('shows the resolved numbers with numbers=absolute, from the options or the script', async () => {
      const expected = diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  p0->>p1: PSH+ACK seq=4001 ack=9000 len=5 win=65535 wscale=7 sackOK ts=100/7 ts=101 urg=1 #34;hello#34; retransmit duplicate',
        '  p0->>p1: ACK seq=4 ack=9000 keepalive',
        '  p0->>p1: ACK seq=4294967295 mss=1460',
        '  p0->>p1: FIN+ACK',
      );
      assert.strictEqual((await emit(fixture(), { numbers: 'absolute' })).text, expected);
      assert.strictEqual((await emit({ ...fixture(), options: { states: 'none', numbers: 'absolute' } })).text, expected);
      assert.notStrictEqual((await emit({ ...fixture(), options: { states: 'none', numbers: 'absolute' } }, { numbers: 'as-written' })).text, expected);
    });

    it('shows the numbers relative to each ISN with numbers=relative, and none with numbers=none', async () => {
      const relative = await emit(fixture(), { numbers: 'relative' });
      assert.strictEqual(
        relative.text,
        diagram(
          'sequenceDiagram',
          '  participant p0 as a',
          '  participant p1 as b',
          '  p0->>p1: PSH+ACK seq=1 ack=1 len=5 win=65535 wscale=7 sackOK ts=100/7 ts=101 urg=1 #34;hello#34; retransmit duplicate',
          '  p0->>p1: ACK seq=2 ack=1 keepalive',
          '  p0->>p1: ACK seq=3 mss=1460',
          '  p0->>p1: FIN+ACK',
        ),
      );
      const none = await emit(fixture(), { numbers: 'none' });
      assert.strictEqual(
        none.text,
        diagram(
          'sequenceDiagram',
          '  participant p0 as a',
          '  participant p1 as b',
          '  p0->>p1: PSH+ACK win=65535 wscale=7 sackOK ts=100/7 ts=101 urg=1 #34;hello#34; retransmit duplicate',
          '  p0->>p1: ACK keepalive',
          '  p0->>p1: ACK mss=1460',
          '  p0->>p1: FIN+ACK',
        ),
      );
    });

    it('cuts long payloads to 12 characters by default, or to the length asked for, without splitting an escape', async () => {
      const payloads = ['GET / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n', 'abcdefghijklmnopqrstuvwx', 'abcdefghijklmnopqrstuvwxy', 'abcdefghijklmnopqrstu\\x0d\\x0a', '🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀', ''];
      const fixtureOf = (texts: string[]): Fixture => ({
        statements: texts.map((payload, line) => seg(line, 'a', '->', 'b', 'PSH+ACK', { payload })),
        endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')],
        options: { states: 'none' },
      });
      const d = await emit(fixtureOf(payloads));
      assert.strictEqual(
        d.text,
        diagram(
          'sequenceDiagram',
          '  participant p0 as a',
          '  participant p1 as b',
          '  p0->>p1: PSH+ACK #34;GET / HTTP/#8230;#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijk#8230;#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijk#8230;#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijk#8230;#34;',
          '  p0->>p1: PSH+ACK #34;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#8230;#34;',
          '  p0->>p1: PSH+ACK #34;#34;',
        ),
      );
      assert.deepStrictEqual(d.fullLabels, [
        { message: 0, text: 'PSH+ACK "GET / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n"' },
        { message: 1, text: 'PSH+ACK "abcdefghijklmnopqrstuvwx"' },
        { message: 2, text: 'PSH+ACK "abcdefghijklmnopqrstuvwxy"' },
        { message: 3, text: 'PSH+ACK "abcdefghijklmnopqrstu\\x0d\\x0a"' },
        { message: 4, text: `PSH+ACK "${'🚀'.repeat(25)}"` },
      ]);
      const long = await emit({ ...fixtureOf(payloads) }, { payloadChars: 24 });
      assert.strictEqual(
        long.text,
        diagram(
          'sequenceDiagram',
          '  participant p0 as a',
          '  participant p1 as b',
          '  p0->>p1: PSH+ACK #34;GET / HTTP/1.1#92;r#92;nHost#58;#8230;#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijklmnopqrstuvwx#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijklmnopqrstuvw#8230;#34;',
          '  p0->>p1: PSH+ACK #34;abcdefghijklmnopqrstu#8230;#34;',
          '  p0->>p1: PSH+ACK #34;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#128640;#8230;#34;',
          '  p0->>p1: PSH+ACK #34;#34;',
        ),
      );
    });
  });

  it('writes notes over the span of their endpoints, calls, waits, and nothing for expect and option', async () => {
    const d = await emit(
      {
        statements: [
          st.option(0),
          st.note(1, ['c', 'a'], 'both ends'),
          st.note(2, ['b'], 'middle'),
          st.note(3, ['a', 'c', 'b'], 'all three'),
          st.note(4, ['ghost'], 'unknown endpoint'),
          st.note(5, ['ghost', 'b'], 'partly unknown'),
          st.call(6, 'a', 'close'),
          st.call(7, 'ghost', 'abort'),
          st.wait(8, '30s', 30_000),
          st.expect(9),
        ],
        endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED'), endpoint('c', 'ESTABLISHED')],
      },
      { states: 'none' },
    );
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  participant p0 as a',
        '  participant p1 as b',
        '  participant p2 as c',
        '  Note over p0,p2: both ends',
        '  Note over p1: middle',
        '  Note over p0,p2: all three',
        '  Note over p1: partly unknown',
        '  Note over p0: close()',
        '  Note over p0,p2: wait 30s',
      ),
    );
    assert.deepStrictEqual(d.notes, [1, 2, 3, 5, 6, 8]);
  });

  it('adds autonumber right after the header', async () => {
    const d = await emit(handshake(), { autonumber: true, states: 'none' });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        '  autonumber',
        '  title Three-way handshake',
        '  participant p0 as client<br/>10.0.0.1#58;51000',
        '  participant p1 as server<br/>10.0.0.2#58;80',
        '  rect rgba(38, 139, 210, 0.08)',
        '    Note over p0,p1: Handshake',
        '    p0->>p1: SYN seq=x mss=1460',
        '    p1->>p0: SYN+ACK seq=y ack=x+1 mss=1460',
        '    p0->>p1: ACK seq=x+1 ack=y+1',
        '  end',
      ),
    );
    assert.deepStrictEqual(d.lineMap, [-1, -1, 0, 2, 3, 5, 5, 6, 7, 8, -1]);
  });

  it('escapes hostile text in every place it shows', async () => {
    const evil = '<b>x</b>;%%{init: {}}%% end #1;';
    const escaped = '#60;b#62;x#60;/b#62;#59;#37;#37;#123;init#58; #123;#125;#125;#37;#37; #101;nd #35;1#59;';
    const d = await emit({
      statements: [
        st.title(0, evil),
        st.section(1, evil),
        seg(2, 'a', '~>', 'b', 'SYN', { fields: [seq('end'), ack('x;y', 1)], payload: evil, label: 'end' }),
        st.deliver(3, 'end'),
        st.note(4, ['a'], evil),
        st.wait(5, evil, 0),
      ],
      endpoints: [endpoint('a', 'CLOSED', { label: evil, address: evil }), endpoint('b', 'LISTEN', { label: '' })],
      segments: [info(2, 0, 1, { deliveredAt: 3 })],
      options: { states: 'none' },
    });
    assert.strictEqual(
      d.text,
      diagram(
        'sequenceDiagram',
        `  title ${escaped}`,
        `  participant p0 as ${escaped}<br/>${escaped}`,
        '  participant p1 as #32;',
        '  rect rgba(38, 139, 210, 0.08)',
        `    Note over p0,p1: ${escaped}`,
        '    p0-->>p1: SYN seq=#101;nd ack=x#59;y+1 #34;#60;b#62;x#60;/b#62;#59;#37;#37;#8230;#34; (delayed#58; #101;nd)',
        '    Note over p1: #101;nd arrives',
        `    Note over p0: ${escaped}`,
        `    Note over p0,p1: wait ${escaped}`,
        '  end',
      ),
    );
    assert.doesNotMatch(d.text.replace(/#\d+;/g, '').replace(/<br\/>/g, ''), /[<;"%#{}&]/, 'no markup but ours');
  });

  it('emits 100k segments, one message each (speed is measured by npm run bench)', () => {
    const count = 100_000;
    const statements: Statement[] = [];
    const segments: SegmentInfo[] = [];
    const t = timeline(['ESTABLISHED', 'ESTABLISHED']);
    for (let line = 0; line < count; line++) {
      const fromA = line % 2 === 0;
      statements.push(seg(line, fromA ? 'a' : 'b', '->', fromA ? 'b' : 'a', 'PSH+ACK', { fields: [seq('x', line)], payload: 'data;<>' }));
      segments.push(info(line, fromA ? 0 : 1, fromA ? 1 : 0, { seq: line, len: 7 }));
      t.step(line, 'send').step(line, 'arrive');
    }
    const a = analysis({ statements, endpoints: [endpoint('a', 'ESTABLISHED'), endpoint('b', 'ESTABLISHED')], timeline: t.steps, segments });
    const d = toMermaid(a);
    assert.strictEqual(d.messages.length, count);
    assert.strictEqual(d.lineMap.length, d.text.split('\n').length - 1);
  });

  describe('with the real parser and engine', () => {
    const examples = path.join(__dirname, '..', '..', '..', 'examples');

    it('emits Mermaid that parses for every example, with a message per segment line', async () => {
      for (const file of fs.readdirSync(examples).filter((f) => f.endsWith('.tcpflow'))) {
        const a = analyze(fs.readFileSync(path.join(examples, file), 'utf8'));
        for (const states of ['changes', 'all', 'none'] as const) {
          const d = toMermaid(a, { states, numbers: 'absolute', autonumber: true });
          await parseMermaid(d.text).catch((error: Error) => assert.fail(`${file}: ${error.message}`));
          assert.deepStrictEqual(d.messages, [...a.segments.keys()].sort((x, y) => x - y), file);
        }
      }
    });

    it('emits Mermaid that parses for any jumble of statements and hostile text', async () => {
      const text = fc.constantFrom('x', 'end', '<b>;#%%{}"', '🚀', 'a: b', '\\');
      const statement = fc.oneof(
        fc.constantFrom(
          'participant a 10.0.0.1:1 listen',
          'participant b as "B;end"',
          'a -> b: SYN seq=x',
          'b -> a: SYN+ACK ack=x+1',
          'a -> b: ACK "GET / HTTP/1.1\\r\\n"',
          'a -x b: FIN+ACK',
          'b ~> a: ACK as d1',
          'deliver d1',
          'deliver nope',
          'simultaneous',
          'end',
          'a: close',
          'wait 2MSL',
          'expect a ESTABLISHED',
          'option states=all',
          'a -> a: RST',
        ),
        text.map((t) => `title ${t}`),
        text.map((t) => `section ${t}`),
        text.map((t) => `note a, b: ${t}`),
        text.map((t) => `a -> b: PSH+ACK "${t}"`),
        text,
      );
      await fc.assert(
        fc.asyncProperty(fc.array(statement, { maxLength: 12 }), async (rows) => {
          const d = toMermaid(analyze(lines(...rows)));
          await parseMermaid(d.text).catch((error: Error) => assert.fail(`${error.message}\n${d.text}`));
        }),
        { numRuns: 150 },
      );
    });
  });
});
