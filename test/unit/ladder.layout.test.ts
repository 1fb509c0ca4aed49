// The timing ladder's layout: slanted arrows in time, crossing in every simultaneous block,
// losses stopping short, delayed segments arriving at their deliver line, timers as spans,
// wait gaps, states beside the lanes, wrap-around numbers, and scripts with mistakes.

import * as assert from 'node:assert/strict';
import { analyze, toLadder, type LadderModel, type LadderSegment } from '../../src/core/index';
import { lines } from './helpers/lines';
import { textWidth } from '../../src/core/diagram/svg/fontMetrics';
import { cross, example, exampleFiles, geometry } from './helpers/ladder';

const handshake = lines(
  'participant client',
  'participant server listen',
  'client -> server: SYN seq=x',
  'server -> client: SYN+ACK seq=y ack=x+1',
  'client -> server: ACK seq=x+1 ack=y+1',
);

function ladder(text: string): LadderModel {
  return toLadder(analyze(text));
}

describe('ladder layout', () => {
  it('draws each segment as an arrow that leaves one step before it arrives at the other lane', () => {
    const m = ladder(handshake);
    assert.deepEqual(
      m.lanes.map((l) => `${l.name} ${l.x}`),
      ['client 119', 'server 439'],
    );
    assert.deepEqual(m.segments.map(geometry), [
      '3: 119,103 → 439,153 delivered',
      '4: 439,153 → 119,203 delivered',
      '5: 119,203 → 439,253 delivered',
    ]);
    assert.deepEqual(
      m.states.map((s) => `${s.lane} ${s.text} @${s.at.y} line ${s.line + 1}`),
      ['0 CLOSED @65.5 line 0', '1 LISTEN @65.5 line 0', '0 SYN-SENT @103 line 3', '1 SYN-RECEIVED @153 line 3', '0 ESTABLISHED @203 line 4', '1 ESTABLISHED @253 line 5'],
    );
  });

  it('says which state changes come as a segment arrives rather than as it leaves', () => {
    assert.deepEqual(
      ladder(handshake).states.map((s) => `${s.text} line ${s.line + 1}${s.arrival ? ' on arrival' : ''}`),
      ['CLOSED line 0', 'LISTEN line 0', 'SYN-SENT line 3', 'SYN-RECEIVED line 3 on arrival', 'ESTABLISHED line 4 on arrival', 'ESTABLISHED line 5 on arrival'],
    );
  });

  it('slants every arrow of every example downwards, from its sender to its receiver or loss point', () => {
    for (const file of exampleFiles()) {
      const m = ladder(example(file));
      for (const s of m.segments) {
        assert.ok(s.to.y > s.from.y, `${file}:${s.line + 1} arrives after it leaves`);
        assert.equal(s.from.x, m.lanes[s.src].x, `${file}:${s.line + 1} leaves its sender's lane`);
        if (s.fate === 'lost') assert.ok(Math.abs(s.to.x - s.from.x) < Math.abs(m.lanes[s.dst].x - s.from.x), `${file}:${s.line + 1} stops short`);
        else assert.equal(s.to.x, m.lanes[s.dst].x, `${file}:${s.line + 1} reaches its receiver`);
      }
    }
  });

  it('sends every segment of a simultaneous block before any arrives, so opposite ones cross, in every example', () => {
    let blocks = 0;
    for (const file of exampleFiles()) {
      const a = analyze(example(file));
      const m = toLadder(a);
      for (const statement of a.script.statements) {
        if (statement.kind !== 'simultaneous') continue;
        blocks++;
        const inBlock = m.segments.filter((s) => statement.segments.some((t) => t.line === s.line));
        assert.equal(inBlock.length, statement.segments.length);
        assert.ok(Math.max(...inBlock.map((s) => s.from.y)) < Math.min(...inBlock.map((s) => s.to.y)), `${file}:${statement.line + 1}`);
        for (const s of inBlock) {
          for (const t of inBlock) if (s.src === t.dst && s.dst === t.src) assert.ok(cross(s, t), `${file}: lines ${s.line + 1} and ${t.line + 1} cross`);
          assert.equal(s.arrivalLine, statement.endLine);
        }
      }
    }
    assert.equal(blocks, 6);
  });

  it('crosses data with a FIN sent the other way at the same time', () => {
    const m = ladder(
      lines(handshake, 'simultaneous', '  client -> server: PSH+ACK "late data"', '  server -> client: FIN+ACK', 'end'),
    );
    assert.deepEqual(m.segments.slice(3).map(geometry), ['7: 119,253 → 447,328 delivered', '8: 447,278 → 119,353 delivered']);
    assert.ok(cross(m.segments[3], m.segments[4]));
  });

  it('stops a lost segment short of the receiver with the share LOSS_SHARE of the way, and changes only the sender', () => {
    const m = ladder(lines('participant client', 'participant server listen', 'client -x server: SYN', 'wait 1s', 'client -> server: SYN retransmit'));
    assert.deepEqual(m.segments.map(geometry), ['3: 153,103 → 345,133 lost', '5: 153,209 → 473,259 delivered']);
    assert.deepEqual(
      m.states.map((s) => `${s.text} line ${s.line + 1}`),
      ['CLOSED line 0', 'LISTEN line 0', 'SYN-SENT line 3', 'SYN-RECEIVED line 5'],
    );
  });

  it('ends a ~> segment at its deliver line, after the segments that overtook it', () => {
    const a = analyze(example('delayed-duplicate-syn.tcpflow'));
    const m = toLadder(a);
    const delayed = m.segments.find((s) => s.fate === 'delayed');
    assert.ok(delayed);
    assert.equal(delayed.line + 1, 12);
    assert.equal(delayed.arrivalLine + 1, 18);
    const arrival = m.events.find((e) => e.kind === 'arrive' && e.line + 1 === 18);
    assert.equal(arrival?.y, delayed.to.y);
    assert.equal(delayed.to.x, m.lanes[1].x);
    // The duplicate SYN, its SYN+ACK and the RST all leave after it and cross it.
    assert.deepEqual(
      m.segments.filter((s) => s !== delayed && cross(s, delayed)).map((s) => s.line + 1),
      [13, 14, 15],
    );
    assert.ok(m.segments.filter((s) => s.line + 1 > 18).every((s) => s.from.y >= delayed.to.y));
  });

  it('leaves a ~> segment that is never delivered in flight, short of the receiver', () => {
    const m = ladder(lines(handshake, 'client ~> server: PSH+ACK "x" as d1'));
    assert.deepEqual(m.segments.slice(3).map(geometry), ['6: 119,253 → 380,290.5 in-flight']);
  });

  it('shows the retransmission timeout and 2MSL as spans beside their lanes', () => {
    const m = ladder(example('lost-last-ack.tcpflow'));
    assert.deepEqual(
      m.timers.map((t) => `${t.kind} lane ${t.lane} lines ${t.line + 1}-${t.endLine + 1} ${t.label}${t.open ? ' open' : ''}`),
      ['rto lane 1 lines 18-23 RTO', '2msl lane 0 lines 18-27 2MSL 60 s'],
    );
    const [rto, msl] = m.timers;
    assert.equal(rto.y1, m.segments.find((s) => s.line + 1 === 18)?.from.y);
    assert.equal(rto.y2, m.segments.find((s) => s.line + 1 === 23)?.from.y);
    assert.ok(rto.x > m.lanes[1].x && msl.x < m.lanes[0].x, 'outside the lanes');
  });

  it('leaves 2MSL open when the script ends in TIME-WAIT', () => {
    const m = ladder(example('fin-wait-1-to-time-wait.tcpflow'));
    assert.deepEqual(
      m.timers.map((t) => `${t.kind} lane ${t.lane} lines ${t.line + 1}-${t.endLine + 1} ${t.label}${t.open ? ' open' : ''}`),
      ['2msl lane 0 lines 19-0 2MSL 240 s open'],
    );
    assert.equal(m.timers[0].y2, m.laneBottom);
  });

  it('shows the keep-alive idle time from the last segment the prober received to its probe', () => {
    const m = ladder(example('keepalive.tcpflow'));
    assert.deepEqual(
      m.timers.map((t) => `${t.kind} lane ${t.lane} lines ${t.line + 1}-${t.endLine + 1} ${t.label}`),
      ['keepalive lane 0 lines 16-20 keep-alive 60 s'],
    );
    assert.equal(m.timers[0].y1, m.segments.find((s) => s.line + 1 === 16)?.to.y);
    assert.equal(m.timers[0].y2, m.segments.find((s) => s.line + 1 === 20)?.from.y);
  });

  it('draws waits as labelled gaps, compressed with a break mark when long', () => {
    const m = ladder(example('lost-last-ack.tcpflow'));
    assert.deepEqual(
      m.gaps.map((g) => `${g.line + 1}: ${g.label} ${g.y2 - g.y1}px${g.broken ? ' broken' : ''}`),
      ['22: wait 3s 62px', '27: 2MSL = 60 s 82px broken'],
    );
    const hours = ladder(lines(handshake, 'wait 2h'));
    assert.deepEqual(
      hours.gaps.map((g) => `${g.line + 1}: ${g.label} ${g.y2 - g.y1}px${g.broken ? ' broken' : ''}`),
      ['6: wait 2h 113px broken'],
    );
  });

  it('writes sections, notes and calls where they happen', () => {
    const m = ladder(example('simultaneous-close.tcpflow'));
    assert.deepEqual(
      m.sections.map((s) => `${s.line + 1} ${s.title} ${s.y1}-${s.y2}`),
      [`15 Both close 287-${m.laneBottom}`],
    );
    assert.deepEqual(
      m.calls.map((c) => `${c.line + 1} ${m.lanes[c.lane].name} ${c.text} @${c.at.y}`),
      ['16 a close() @340', '17 b close() @370'],
    );
    const n = ladder(lines(handshake, 'note client, server: <b>both</b> "open"'));
    assert.deepEqual(
      n.notes.map((x) => `${x.line + 1} ${x.text} ${x.x1}-${x.x2} @${x.y}`),
      ['6 <b>both</b> "open" 105-453 @265'],
    );
  });

  it('labels wrapped-around sequence numbers as the engine computed them', () => {
    const m = ladder(
      lines(
        'option numbers=absolute',
        'participant client isn=4294967295',
        'participant server isn=4294967290 listen',
        'client -> server: SYN',
        'server -> client: SYN+ACK',
        'client -> server: ACK',
        'client -> server: PSH+ACK "hi"',
      ),
    );
    assert.deepEqual(
      m.segments.map((s) => s.label),
      ['SYN seq=4294967295', 'SYN+ACK seq=4294967290 ack=0', 'ACK seq=0 ack=4294967291', 'PSH+ACK seq=0 ack=4294967291 len=2 "hi"'],
    );
    assert.ok(m.segments.every((s) => s.to.y > s.from.y && s.fate === 'delivered'));
  });

  it('lays out scripts with mistakes: unknown endpoints, an unclosed block, an unknown deliver', () => {
    const m = ladder(
      lines('participant a', 'participant b listen', 'a -> c: SYN', 'a -> b: SYN', 'deliver nothing', 'simultaneous', '  b -> a: SYN+ACK', '  a -> b: ACK'),
    );
    // a's SYN to the undeclared c opens a connection of its own: the SYN to b opens another, and is valid.
    assert.deepEqual(m.segments.map((s) => `${s.line + 1} ${s.invalid ? 'invalid' : 'valid'} ${s.fate}`), ['3 invalid dropped', '4 valid delivered', '7 valid delivered', '8 invalid dropped']);
    assert.ok(m.segments.every((s) => s.to.y > s.from.y));
  });

  it('writes a state label of a lane between two others on the side its segment does not run', () => {
    const m = ladder(example('proxy.tcpflow'));
    assert.deepEqual(
      m.states.filter((s) => s.lane === 1).map((s) => `${s.line + 1} ${s.text} ${s.anchor === 'end' ? 'left' : 'right'}`),
      [
        '0 LISTEN right',
        '15 SYN-RECEIVED right',
        '17 ESTABLISHED right',
        '24 CLOSED right',
        '25 SYN-SENT left',
        '26 ESTABLISHED left',
        '39 CLOSE-WAIT left',
        '41 ESTABLISHED right',
        '42 FIN-WAIT-1 right',
        '43 FIN-WAIT-2 right',
        '48 TIME-WAIT right',
        '50 CLOSE-WAIT right',
        '51 LAST-ACK left',
        '52 CLOSED left',
      ],
    );
  });

  it('runs no arrow through a state label in any example', () => {
    for (const file of exampleFiles()) {
      const m = ladder(example(file));
      const crossed = m.states.flatMap((s) => {
        const width = textWidth(s.text, { size: 12, bold: true });
        const x1 = s.anchor === 'end' ? s.textAt.x - width : s.textAt.x;
        const inside = (x: number, y: number) => x > x1 && x < x1 + width && y > s.textAt.y - 10 && y < s.textAt.y + 3;
        return m.segments.filter((g) => sample(g).some(([x, y]) => inside(x, y))).map((g) => `${s.text} (line ${s.line + 1}) under segment ${g.line + 1}`);
      });
      assert.deepEqual(crossed, [], file);
    }
  });

  it('puts the label of an arrow that passes a lane between two lanes, clear of the lane it passes', () => {
    const m = ladder(example('server-two-clients.tcpflow'));
    const passing = m.segments.filter((s) => Math.abs(s.dst - s.src) === 2);
    assert.equal(passing.length, 10);
    const bob = m.lanes[1].x;
    const over = passing.filter((s) => {
      const half = textWidth(s.label, { size: 12.5 }) / 2;
      return s.labelAt.x - half < bob + 10 && s.labelAt.x + half > bob - 10;
    });
    assert.deepEqual(over.map((s) => s.line + 1), []);
  });

  it('puts every event of the step-through in time order, each with its segment', () => {
    const m = ladder(handshake);
    assert.deepEqual(
      m.events.map((e) => `${e.kind} ${e.line + 1} @${e.y} segment ${e.segment}`),
      ['send 3 @103 segment 0', 'arrive 3 @153 segment 0', 'send 4 @153 segment 1', 'arrive 4 @203 segment 1', 'send 5 @203 segment 2', 'arrive 5 @253 segment 2'],
    );
  });
});

/** Points along a segment's arrow, every two pixels. */
function sample(s: LadderSegment): [number, number][] {
  const n = Math.ceil(Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y) / 2);
  return Array.from({ length: n + 1 }, (_, i) => [s.from.x + ((s.to.x - s.from.x) * i) / n, s.from.y + ((s.to.y - s.from.y) * i) / n]);
}
