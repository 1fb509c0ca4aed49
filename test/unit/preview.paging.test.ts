// The preview's pages: a long script is drawn a page of segments at a time, every page a
// complete diagram (participants, the states at its start, the open section) with its own
// source map; and the render message the host posts.

import * as assert from 'node:assert/strict';
import { analyze, toMermaid } from '../../src/core/index';
import { pageRanges, sequencePages, sliceAnalyses, sliceAnalysis } from '../../src/extension/preview/paging';
import { diagramSource, markdownBlock, renderMessage } from '../../src/extension/preview/renderModel';
import { lines } from './helpers/lines';
import { parseMermaid } from './helpers/mermaidParser';

const script = lines(
  'title Paged',
  'participant client',
  'participant server listen',
  'section Handshake',
  'client -> server: SYN',
  'server -> client: SYN+ACK',
  'client -> server: ACK',
  'section Data',
  'client -> server: PSH+ACK "a"',
  'note server: got a',
  'server -> client: ACK',
  'client -> server: PSH+ACK "b"',
);

/** A valid script of a handshake and `n` data segments, each acknowledged. */
function longScript(n: number): string {
  const out = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];
  for (let i = 0; i < n; i++) out.push('c -> s: PSH+ACK "x"', 's -> c: ACK');
  return lines(...out);
}

describe('preview paging', () => {
  it('cuts after every `perPage` segments and covers every line', () => {
    assert.deepEqual(pageRanges(analyze(script), 2), [
      { firstLine: 0, lastLine: 5, segments: 2 },
      { firstLine: 6, lastLine: 8, segments: 2 },
      { firstLine: 9, lastLine: 11, segments: 2 },
    ]);
    assert.deepEqual(pageRanges(analyze(script), 200), [{ firstLine: 0, lastLine: 11, segments: 6 }]);
  });

  it('never splits a simultaneous block', () => {
    const text = lines('participant a isn=100', 'participant b isn=300', 'simultaneous', '  a -> b: SYN seq=100', '  b -> a: SYN seq=300', 'end', 'a -> b: SYN+ACK seq=100 ack=301');
    assert.deepEqual(pageRanges(analyze(text), 1), [
      { firstLine: 0, lastLine: 5, segments: 2 },
      { firstLine: 6, lastLine: 6, segments: 1 },
    ]);
  });

  it('draws each page as a whole diagram starting from the states at its first line', () => {
    const pages = sequencePages(analyze(script), { autonumber: true }, 2);
    assert.deepEqual(
      pages.map((p) => p.text.split('\n')),
      [
        [
          'sequenceDiagram',
          '  autonumber',
          '  title Paged',
          '  participant p0 as client',
          '  participant p1 as server',
          '  Note over p0,p1: CLOSED | LISTEN',
          '  rect rgba(38, 139, 210, 0.08)',
          '    Note over p0,p1: Handshake',
          '    p0->>p1: SYN seq=0',
          '    Note over p0,p1: SYN-SENT | SYN-RECEIVED',
          '    p1->>p0: SYN+ACK seq=0 ack=1',
          '    Note over p0: ESTABLISHED',
          '  end',
          '',
        ],
        [
          'sequenceDiagram',
          '  autonumber 3',
          '  title Paged',
          '  participant p0 as client',
          '  participant p1 as server',
          '  Note over p0,p1: ESTABLISHED | SYN-RECEIVED',
          '  rect rgba(38, 139, 210, 0.08)',
          '    Note over p0,p1: Handshake (continued)',
          '    p0->>p1: ACK seq=1 ack=1',
          '    Note over p1: ESTABLISHED',
          '  end',
          '  rect rgba(133, 153, 0, 0.08)',
          '    Note over p0,p1: Data',
          '    p0->>p1: PSH+ACK seq=1 ack=1 #34;a#34;',
          '  end',
          '',
        ],
        [
          'sequenceDiagram',
          '  autonumber 5',
          '  title Paged',
          '  participant p0 as client',
          '  participant p1 as server',
          '  Note over p0,p1: ESTABLISHED | ESTABLISHED',
          '  rect rgba(38, 139, 210, 0.08)',
          '    Note over p0,p1: Data (continued)',
          '    Note over p1: got a',
          '    p1->>p0: ACK seq=1 ack=2',
          '    p0->>p1: PSH+ACK seq=2 ack=1 #34;b#34;',
          '  end',
          '',
        ],
      ],
    );
    assert.deepEqual(
      pages.map((p) => [p.messages, p.notes, p.sections, p.firstLine, p.lastLine, p.segments]),
      [
        [[4, 5], [-1, 3, 4, 5], [1], 0, 5, 2],
        [[6, 8], [-1, 3, 6, 7], [1, 3], 6, 8, 2],
        [[10, 11], [-1, 7, 9], [1], 9, 11, 2],
      ],
    );
  });

  it('gives one page, the plain toMermaid text, to a script that fits', () => {
    const pages = sequencePages(analyze(script), { autonumber: false }, 200);
    assert.equal(pages.length, 1);
    assert.equal(pages[0].text, diagramSource(analyze(script), 'sequence', { autonumber: false }, { naming: 'rfc' }, -1));
  });

  it('splits 1,000 exchanges into pages of at most 200 segments that Mermaid accepts, losing no message', async () => {
    const a = analyze(longScript(499));
    assert.deepEqual(a.diagnostics, []);
    const pages = sequencePages(a, { autonumber: false }, 200);
    assert.deepEqual(
      pages.map((p) => p.segments),
      [200, 200, 200, 200, 200, 1],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.messages),
      [...a.segments.keys()].sort((x, y) => x - y),
    );
    for (const page of pages) await parseMermaid(page.text);
  });

  it('builds the render message: pages, state machine, errors in line order, effective options', () => {
    const text = lines('participant a', 'participant b listen', 'a -> b: SYN', 'a -> b: PSH "data"', 'b -> b: ACK');
    const message = renderMessage(
      analyze(text),
      3,
      { uri: 'file:///t.tcpflow', fileName: 't.tcpflow', locked: true },
      { states: 'all', autonumber: false },
      { naming: 'netstat', messagesPerPage: 200, isError: (d) => d.severity === 'error', defaultTab: 'sequence' },
      2,
    );
    assert.deepEqual(
      message.errors.map((e) => `${e.line}:${e.column} ${e.code}`),
      ['3:8 tcp.invalid-send', '4:5 endpoint.self'],
    );
    assert.deepEqual(message.effective, { states: 'all', numbers: 'as-written', autonumber: false });
    assert.equal(message.renderId, 3);
    assert.equal(message.cursorLine, 2);
    assert.equal(message.pages.length, 1);
    assert.deepEqual(
      message.stateMachine.endpoints.map((e) => [e.label, e.path, e.current]),
      [
        ['a', 'CLOSED → SYN-SENT', 'SYN-SENT'],
        ['b', 'LISTEN → SYN-RECEIVED', 'SYN-RECEIVED'],
      ],
    );
    assert.match(message.stateMachine.text, /state "SYN_RCVD" as SYN_RECEIVED/);
  });

  it('leaves out the sequence diagram of a long script shown on another tab: its pages carry their lines only', () => {
    const analysis = analyze(longScript(500));
    const settings = { naming: 'rfc', messagesPerPage: 200, isError: () => false, defaultTab: 'sequence' } as const;
    const source = { uri: 'file:///long.tcpflow', fileName: 'long.tcpflow', locked: false };
    const whole = renderMessage(analysis, 1, source, {}, settings, -1);
    const onTimeline = renderMessage(analysis, 2, source, {}, { ...settings, shownTab: 'timeline' }, -1);
    assert.equal(whole.sequenceOmitted, undefined);
    assert.equal(onTimeline.sequenceOmitted, true);
    assert.deepEqual(
      onTimeline.pages,
      whole.pages.map((p) => ({ text: '', messages: [], notes: [], sections: [], fullLabels: [], firstLine: p.firstLine, lastLine: p.lastLine, segments: p.segments })),
    );
    assert.deepEqual(onTimeline.timeline, whole.timeline);
    assert.deepEqual(renderMessage(analysis, 3, source, {}, { ...settings, shownTab: 'sequence' }, -1).pages, whole.pages);
    // A short script is always sent whole.
    assert.equal(renderMessage(analyze(script), 4, source, {}, { ...settings, shownTab: 'state' }, -1).sequenceOmitted, undefined);
  });

  it('wraps a diagram in a Markdown mermaid block', () => {
    assert.equal(markdownBlock('sequenceDiagram\n'), '```mermaid\nsequenceDiagram\n```\n');
    assert.equal(markdownBlock('stateDiagram-v2'), '```mermaid\nstateDiagram-v2\n```\n');
  });
});

describe('preview pages bounded by drawn elements, not only segments (issue 12, defect 4)', () => {
  it('4,000 notes and no segment: pages of 200 × 5 elements, the participant and its state included', () => {
    const a = analyze(lines('participant c', ...Array.from({ length: 4000 }, (_, i) => `note c: n${i}`)));
    const pages = sequencePages(a, {}, 200);
    // Each page draws `participant p0` and its first state, then 998 of the script's notes.
    assert.deepEqual(
      pages.map((p) => [p.firstLine, p.lastLine, p.notes.length, p.notes.filter((line) => line >= 1).length]),
      [
        [0, 998, 999, 998],
        [999, 1996, 999, 998],
        [1997, 2994, 999, 998],
        [2995, 3992, 999, 998],
        [3993, 4000, 9, 8],
      ],
    );
  });

  it('sections, waits and calls count too; a page of segments still ends after its last segment', () => {
    const body: string[] = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];
    for (let i = 0; i < 300; i++) {
      body.push(`section s${i}`, 'wait 1s', 'note s: a', 'note s: b', 'note c: c', 'note s: d', 'note s: e', 'c -> s: PSH+ACK "x"', 's -> c: ACK');
    }
    const a = analyze(lines(...body));
    assert.deepEqual(a.diagnostics, []);
    const pages = sequencePages(a, { states: 'none' }, 100);
    const ranges = pageRanges(a, 100, toMermaid(a, { states: 'none' }));
    // About ten elements per exchange of two segments: the 500 elements of a page bind
    // about as soon as its 100 segments.
    assert.deepEqual(
      pages.map((p) => p.segments),
      [100, 99, 100, 98, 100, 98, 8],
    );
    assert.deepEqual(
      ranges.map((r) => r.segments),
      [100, 99, 100, 98, 100, 98, 8],
    );
    assert.deepEqual(
      pages.map((p) => p.text.split('\n').filter((l) => /->>|Note |rect /.test(l)).length),
      [492, 498, 497, 496, 498, 490, 40],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.messages),
      [...a.segments.keys()].sort((x, y) => x - y),
    );
  });

  it('slices every page in one pass: its statements, steps, the segments sent or delivered on it, its diagnostics', () => {
    const text = lines(
      'participant client isn=100',
      'participant server isn=300 listen',
      'client ~> server: SYN seq=100 as late',
      'client -> server: SYN seq=90',
      'server -> client: SYN+ACK seq=300 ack=91',
      'client -> server: RST seq=91',
      'deliver late',
      'server -> client: SYN+ACK seq=400 ack=101',
      'client -> server: ACK seq=101 ack=999',
    );
    const analysis = analyze(text);
    const ranges = pageRanges(analysis, 2);
    assert.deepEqual(ranges, [
      { firstLine: 0, lastLine: 3, segments: 2 },
      { firstLine: 4, lastLine: 5, segments: 2 },
      { firstLine: 6, lastLine: 8, segments: 2 },
    ]);
    const slices = sliceAnalyses(analysis, ranges);
    assert.deepEqual(
      slices.map((s) => ({
        statements: s.script.statements.map((st) => st.line),
        steps: [...new Set(s.timeline.map((step) => step.line))],
        segments: [...s.segments.keys()],
        diagnostics: s.diagnostics.map((d) => `${d.range.start.line} ${d.code}`),
        initial: s.endpoints.map((e) => e.initial),
      })),
      [
        { statements: [0, 1, 2, 3], steps: [2, 3], segments: [2, 3], diagnostics: ['3 tcp.invalid-send'], initial: ['CLOSED', 'LISTEN'] },
        { statements: [4, 5], steps: [4, 5], segments: [4, 5], diagnostics: [], initial: ['SYN-SENT', 'SYN-RECEIVED'] },
        // The delayed SYN, sent on the first page, is delivered on this one.
        { statements: [6, 7, 8], steps: [6, 7, 8], segments: [2, 7, 8], diagnostics: ['8 tcp.bad-ack'], initial: ['SYN-SENT', 'LISTEN'] },
      ],
    );
    assert.deepEqual(sliceAnalysis(analysis, ranges[2]), slices[2]);
    // Drawn in pages, every arrow is there once, in the order of the whole diagram.
    const pages = sequencePages(analysis, {}, 2);
    assert.deepEqual(pages.flatMap((p) => p.messages), toMermaid(analysis).messages);
  });

  it('messagesPerPage is bounded: a page never holds more than 1,000 segments', () => {
    assert.deepEqual(
      pageRanges(analyze(longScript(1200)), 1e9).map((r) => r.segments),
      [1000, 1000, 403],
    );
  });
});
