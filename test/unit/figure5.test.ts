// RFC 9293 Figure 5 drawn by tcpflow: states where the figure puts them, no two of the
// figure's edges crossing, each endpoint's path, the states at the cursor, the transitions
// the figure leaves out, and the SVG read back.

import * as assert from 'node:assert/strict';
import { analyze, figure5Svg, toFigure5, type Figure5Model } from '../../src/core/index';
import { lines } from './helpers/lines';
import { example, exampleFiles } from './helpers/ladder';
import { allNodes, find, parseSvg } from './helpers/svgTree';

const handshake = lines(
  'participant client',
  'participant server listen',
  'client -> server: SYN seq=x',
  'server -> client: SYN+ACK seq=y ack=x+1',
  'client -> server: ACK seq=x+1 ack=y+1',
);

type P = { x: number; y: number };

function segmentsCross(a: P, b: P, c: P, d: P): boolean {
  const den = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x);
  if (den === 0) return false;
  const t = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / den;
  const u = ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)) / den;
  return t > 0.001 && t < 0.999 && u > 0.001 && u < 0.999;
}

function taken(m: Figure5Model): string[] {
  return m.edges.filter((e) => e.takenBy.length > 0).map((e) => `${e.from} → ${e.to} by ${e.takenBy.join(',')}${e.rfc ? '' : ' (not in the figure)'}`);
}

describe('Figure 5 state machine', () => {
  it('puts the states where RFC 9293 Figure 5 puts them', () => {
    const m = toFigure5(analyze(handshake));
    const columns = [...new Set(m.boxes.map((b) => b.x))].sort((a, b) => a - b);
    const rows = [...new Set(m.boxes.map((b) => b.y))].sort((a, b) => a - b);
    assert.deepEqual(
      m.boxes.map((b) => `${b.id} ${'LCR'[columns.indexOf(b.x)]}${rows.indexOf(b.y)}`),
      ['CLOSED C0', 'LISTEN C1', 'SYN-RECEIVED L2', 'SYN-SENT R2', 'ESTABLISHED C3', 'FIN-WAIT-1 L4', 'CLOSE-WAIT R4', 'FIN-WAIT-2 L5', 'CLOSING C5', 'LAST-ACK R5', 'TIME-WAIT C6', 'CLOSED-END R6'],
    );
    assert.equal(m.edges.length, 21);
  });

  it('routes the figure’s 21 transitions without two of them crossing, and keeps labels off the boxes', () => {
    const m = toFigure5(analyze(handshake));
    const legs = m.edges.flatMap((e, i) => e.points.slice(1).map((p, k) => ({ edge: i, a: e.points[k], b: p })));
    const crossings: string[] = [];
    for (const l1 of legs) for (const l2 of legs) if (l1.edge < l2.edge && segmentsCross(l1.a, l1.b, l2.a, l2.b)) crossings.push(`${m.edges[l1.edge].from}→${m.edges[l1.edge].to} × ${m.edges[l2.edge].from}→${m.edges[l2.edge].to}`);
    assert.deepEqual(crossings, []);
    for (const e of m.edges) {
      for (const b of m.boxes) {
        const inside = Math.abs(e.labelAt.x - b.x) < m.boxWidth / 2 && Math.abs(e.labelAt.y - b.y) < m.boxHeight / 2;
        assert.ok(!inside, `${e.from}→${e.to} label on ${b.id}`);
      }
    }
  });

  it('colours each endpoint’s path and outlines the states at the cursor', () => {
    const a = analyze(handshake);
    assert.deepEqual(taken(toFigure5(a)), ['SYN-RECEIVED → ESTABLISHED by 1', 'LISTEN → SYN-RECEIVED by 1', 'CLOSED → SYN-SENT by 0', 'SYN-SENT → ESTABLISHED by 0'].sort((x, y) => order(x) - order(y)));
    const atFirstSyn = toFigure5(a, { cursorLine: 2 });
    assert.deepEqual(
      atFirstSyn.boxes.filter((b) => b.currentFor.length > 0).map((b) => `${b.id} ${b.currentFor.join(',')}`),
      ['SYN-RECEIVED 1', 'SYN-SENT 0'],
    );
    assert.deepEqual(
      atFirstSyn.boxes.filter((b) => b.visitedBy.length > 0).map((b) => `${b.id} ${b.visitedBy.join(',')}`),
      ['CLOSED 0', 'LISTEN 1', 'SYN-RECEIVED 1', 'SYN-SENT 0', 'ESTABLISHED 0,1'],
    );
  });

  it('reaches the bottom CLOSED through TIME-WAIT and LAST-ACK, and draws resets the figure leaves out', () => {
    const close = toFigure5(analyze(example('lost-last-ack.tcpflow')), { cursorLine: 1000 });
    assert.deepEqual(
      close.boxes.filter((b) => b.currentFor.length > 0).map((b) => `${b.id} ${b.currentFor.join(',')}`),
      ['CLOSED-END 0,1'],
    );
    const abort = toFigure5(analyze(example('rst-abort.tcpflow')), { cursorLine: 1000 });
    assert.deepEqual(
      abort.edges.filter((e) => !e.rfc).map((e) => `${e.from} → ${e.to} ${e.event} by ${e.takenBy.join(',')}`),
      ['ESTABLISHED → CLOSED-END snd RST or rcv RST by 0,1'],
    );
  });

  for (const file of exampleFiles()) {
    it(`writes ${file} as plain SVG: 12 states, every transition with who took it`, () => {
      const m = toFigure5(analyze(example(file)), { cursorLine: 5 });
      const doc = parseSvg(figure5Svg(m));
      assert.deepEqual(
        find(doc, 'g', 'state').map((g) => `${g.attributes['data-state']} ${find(g, 'text')[0].text}`),
        m.boxes.map((b) => `${b.id} ${b.text}`),
      );
      assert.deepEqual(
        find(doc, 'g', 'transition').map((g) => `${g.attributes['data-from']}→${g.attributes['data-to']} [${g.attributes['data-taken']}] ${find(g, 'path', 'taken').length}`),
        m.edges.map((e) => `${e.from}→${e.to} [${e.takenBy.join(' ')}] ${e.takenBy.length}`),
      );
      assert.equal(find(doc, 'rect', 'current').length, m.boxes.reduce((n, b) => n + b.currentFor.length, 0));
      const tags = new Set(allNodes(doc).map((n) => n.tag));
      assert.deepEqual([...tags].filter((t) => !['svg', 'title', 'rect', 'g', 'line', 'path', 'text', 'circle'].includes(t)), []);
    });
  }

  it('escapes endpoint labels in the legend and names states the netstat way when asked', () => {
    const m = toFigure5(analyze(lines('participant a as "<b>&</b>"', 'participant b listen', 'a -> b: SYN')), { naming: 'netstat' });
    const doc = parseSvg(figure5Svg(m));
    assert.deepEqual(find(doc, 'text', 'legend').map((t) => t.text), ['<b>&</b>', 'b']);
    assert.equal(m.boxes.find((b) => b.id === 'SYN-RECEIVED')?.text, 'SYN_RCVD');
  });
});

const EDGE_ORDER = ['CLOSED → SYN-SENT', 'LISTEN → SYN-RECEIVED', 'SYN-SENT → ESTABLISHED', 'SYN-RECEIVED → ESTABLISHED'];
function order(s: string): number {
  return EDGE_ORDER.findIndex((e) => s.startsWith(e));
}
