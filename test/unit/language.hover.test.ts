// Hovers: exact Markdown for segments, flags, fields, markers, states, calls and durations,
// the range each one is about, and script text always shown as inline code.

import * as assert from 'node:assert/strict';
import { analyze, hover, type Hover } from '../../src/core/index';
import { lines } from './helpers/lines';

const script = lines(
  'option msl=30s', //                                              1
  'participant client 10.0.0.1:5000 isn=1000', //                   2
  'participant server listen isn=300', //                           3
  'client -> server: SYN seq=x', //                                 4
  'server -> client: S. ack=x+1', //                                5
  'client -> server: ACK', //                                       6
  'client -x server: PSH+ACK "hi"', //                              7
  'client ~> server: PSH+ACK seq=1001 "hi" retransmit as late', //  8
  'deliver late', //                                                9
  'server -> client: ACK', //                                       10
  'client: close', //                                               11
  'client -> server: FIN+ACK', //                                   12
  'simultaneous', //                                                13
  '  server -> client: ACK', //                                     14
  '  server -> client: FIN+ACK', //                                 15
  'end', //                                                         16
  'client -> server: ACK', //                                       17
  'expect client TIME_WAIT, server CLOSED', //                      18
  'wait 2MSL', //                                                   19
  'expect client closed', //                                        20
);
const analysis = analyze(script);

/** The hover at 1-based `line` and 0-based `character`: its Markdown and its range as `line:start-end`. */
function at(line: number, character: number, text = script, a = analysis): { markdown: string; range: string } | undefined {
  const h: Hover | undefined = hover(text, a, { line: line - 1, character });
  if (h === undefined) return undefined;
  const { start, end } = h.range;
  return { markdown: h.markdown, range: `${start.line + 1}:${start.character}-${end.character}` };
}

describe('language: hover', () => {
  it('the script is clean', () => {
    assert.deepEqual(analysis.diagnostics, []);
  });

  it('a segment, on its arrow or either endpoint: both transitions, numbers, fate', () => {
    const expected = {
      markdown: lines(
        '**`client` → `server`** `SYN`',
        '',
        '- `client` CLOSED → SYN-SENT (sends)',
        '- `server` LISTEN → SYN-RECEIVED (receives)',
        '',
        'seq 1000 (relative 0) · 0 data bytes',
        '',
        'Delivered at once.',
      ),
      range: '4:7-9',
    };
    assert.deepEqual(at(4, 8), expected);
    assert.equal(at(4, 0)?.markdown, expected.markdown);
    assert.equal(at(4, 0)?.range, '4:0-6');
    assert.equal(at(4, 13)?.range, '4:10-16');
  });

  it('a lost segment and a delayed one, also from its label and its deliver', () => {
    assert.deepEqual(at(7, 8), {
      markdown: lines(
        '**`client` → `server`** `PSH+ACK`',
        '',
        '- `client` stays ESTABLISHED (sends)',
        '',
        'seq 1001 (relative 1) · ack 301 (relative 1) · 2 data bytes',
        '',
        'Lost in the network: `server` never receives it.',
      ),
      range: '7:7-9',
    });
    const delayed = lines(
      '**`client` → `server`** `PSH+ACK`',
      '',
      '- `client` stays ESTABLISHED (sends)',
      '- `server` stays ESTABLISHED (receives, line 9)',
      '',
      'seq 1001 (relative 1) · ack 301 (relative 1) · 2 data bytes',
      '',
      'Delivered at line 9 (`deliver late`).',
    );
    assert.deepEqual(at(8, 8), { markdown: delayed, range: '8:7-9' });
    assert.deepEqual(at(8, 55), { markdown: delayed, range: '8:54-58' });
    assert.deepEqual(at(9, 9), { markdown: delayed, range: '9:8-12' });
  });

  it('segments arriving together at the end of a simultaneous block', () => {
    assert.deepEqual(at(15, 10), {
      markdown: lines(
        '**`server` → `client`** `FIN+ACK`',
        '',
        '- `server` CLOSE-WAIT → LAST-ACK (sends)',
        '- `client` FIN-WAIT-1 → TIME-WAIT (receives, line 16, together with line 14)',
        '',
        'seq 301 (relative 1) · ack 1004 (relative 4) · 0 data bytes',
        '',
        'Delivered at line 16, the end of the simultaneous block.',
      ),
      range: '15:9-11',
    });
  });

  it('a compact flag: which flag, and how it was written', () => {
    assert.deepEqual(at(5, 19), {
      markdown: lines(
        '**ACK** — acknowledgment',
        '',
        'The acknowledgment number is valid: it is the next sequence number the sender expects from its peer (its RCV.NXT), and everything before it is acknowledged. Every segment after the first SYN carries ACK, except a RST.',
        '',
        "Written `.`, packetdrill's compact form.",
        '',
        'RFC 9293 §3.1 (header), §3.4 (sequence numbers)',
      ),
      range: '5:19-20',
    });
    assert.equal(at(5, 18)?.markdown.split('\n')[0], '**SYN** — synchronize sequence numbers');
    assert.equal(at(12, 19)?.markdown.split('\n')[0], '**FIN** — finish');
    assert.equal(at(12, 23)?.markdown.split('\n')[0], '**ACK** — acknowledgment');
  });

  it('ECE and CWR cite RFC 3168', () => {
    const text = lines('a -> b: SYN+ECE+CWR', 'b -> a: RST+ACK');
    const h = at(1, 13, text, analyze(text));
    assert.equal(h?.markdown.split('\n\n').pop(), 'RFC 3168 §6.1 (ECN in TCP)');
    assert.equal(h?.markdown.split('\n')[0], '**ECE** — ECN-Echo');
  });

  it('a field: its meaning and the resolved value, with the symbol binding', () => {
    assert.deepEqual(at(5, 22), {
      markdown: lines(
        '**ack** — acknowledgment number',
        '',
        'The next sequence number the sender expects to receive (its RCV.NXT): everything before it is acknowledged. Only valid with the ACK flag; left out, it is filled in.',
        '',
        'Here: 1001 (relative 1); `x` = 1000, bound on line 4.',
        '',
        'RFC 9293 §3.1 (header)',
      ),
      range: '5:21-28',
    });
  });

  it('a marker and a payload', () => {
    assert.deepEqual(at(8, 45), {
      markdown: lines(
        '**retransmit** — retransmission',
        '',
        "A re-send of a segment not yet acknowledged (data, a SYN or a FIN): its seq may be below the sender's SND.NXT, which it does not advance.",
        '',
        'RFC 9293 §3.8.1 (retransmission timeout)',
      ),
      range: '8:40-50',
    });
    assert.deepEqual(at(7, 27), { markdown: '**payload** — 2 bytes of data (UTF-8, escapes decoded)', range: '7:26-30' });
  });

  it('a state in expect: its meaning and the endpoint’s actual state', () => {
    assert.deepEqual(at(18, 16), {
      markdown: lines(
        '**TIME-WAIT** (netstat: `TIME_WAIT`)',
        '',
        'Waits 2MSL, so that the peer has surely received the acknowledgment of its FIN and old duplicates of this connection have died out.',
        '',
        '`client` is TIME-WAIT here.',
        '',
        'RFC 9293 §3.3.2',
      ),
      range: '18:14-23',
    });
    const wrong = lines('c -> s: SYN', 's -> c: RST+ACK', 'expect c ESTABLISHED');
    assert.equal(at(3, 12, wrong, analyze(wrong))?.markdown.split('\n\n')[2], '`c` is CLOSED here, not ESTABLISHED.');
  });

  it('2MSL in wait, with the script’s MSL, and the states it changes', () => {
    assert.deepEqual(at(19, 6), {
      markdown: lines(
        '**`2MSL`** = 60 s (1 min)',
        '',
        '2 × the MSL, the Maximum Segment Lifetime, how long a segment may survive in the network: 30 s here, set by `option msl` on line 1. TIME-WAIT lasts 2MSL.',
        '',
        '- `client` TIME-WAIT → CLOSED (now)',
        '',
        'RFC 9293 §3.4.2',
      ),
      range: '19:5-9',
    });
    const text = lines('a -> b: SYN', 'b -> a: RST+ACK', 'wait MSL');
    assert.equal(
      at(3, 6, text, analyze(text))?.markdown,
      lines(
        '**`MSL`** = 120 s (2 min)',
        '',
        "The MSL, the Maximum Segment Lifetime, how long a segment may survive in the network: 120 s (2 min) here, RFC 9293's default (set it with `option msl=…`). TIME-WAIT lasts 2MSL.",
        '',
        'RFC 9293 §3.4.2',
      ),
    );
  });

  it('option msl', () => {
    assert.deepEqual(at(1, 12), {
      markdown: lines(
        '**MSL** = 30 s',
        '',
        'The MSL is the Maximum Segment Lifetime, how long a segment may survive in the network; RFC 9293 takes 2 minutes. TIME-WAIT lasts 2MSL = 60 s (1 min).',
        '',
        'RFC 9293 §3.4.2',
      ),
      range: '1:11-14',
    });
  });

  it('a call: what it does and what it did here', () => {
    assert.deepEqual(at(11, 9), {
      markdown: lines(
        '**close** — CLOSE',
        '',
        'The application has no more data to send. In LISTEN or SYN-SENT the endpoint closes at once; in SYN-RECEIVED, ESTABLISHED or CLOSE-WAIT a FIN must follow; in FIN-WAIT-1 or FIN-WAIT-2 its FIN is already sent.',
        '',
        '- `client` stays ESTABLISHED (now)',
        '',
        'RFC 9293 §3.10.4',
      ),
      range: '11:8-13',
    });
    const text = lines('s: listen', 'c -> s: SYN');
    assert.equal(at(1, 4, text, analyze(text))?.markdown.split('\n\n')[2], '- `s` CLOSED → LISTEN (now)');
  });

  it('a participant name: declaration and state after the line', () => {
    assert.deepEqual(at(2, 13), { markdown: lines('**participant** `client` · `10.0.0.1:5000`', '', 'Starts CLOSED.'), range: '2:12-18' });
    assert.deepEqual(at(18, 8), { markdown: lines('**participant** `client` · `10.0.0.1:5000`', '', 'Starts CLOSED; TIME-WAIT after this line.'), range: '18:7-13' });
    const implicit = lines('c -> s: SYN', 'note s: hello');
    assert.equal(at(2, 5, implicit, analyze(implicit))?.markdown, lines('**participant** `s`', '', 'Declared by its first use on line 1; starts CLOSED; CLOSED after this line.'));
  });

  it('script text cannot become Markdown: addresses and labels are code, backticks fenced', () => {
    const text = lines('participant a *x*_[y]<b> as "a `tick` *b*"', 'a -> b: SYN');
    assert.equal(at(1, 12, text, analyze(text))?.markdown.split('\n')[0], '**participant** `a` · `*x*_[y]<b>` · `` "a `tick` *b*" ``');
  });

  it('an invalid segment says its numbers were assumed; one never simulated says so', () => {
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK ack=7', 'c -> c: ACK');
    const a = analyze(text);
    assert.equal(at(4, 3, text, a)?.markdown.split('\n\n').pop(), 'This line has an error: these are the numbers the checker assumed in order to go on.');
    assert.equal(at(5, 3, text, a)?.markdown, lines('**`c` → `c`** `ACK`', '', 'Not simulated: see the error on this line.'));
  });

  it('nothing to say on blanks, comments, keywords without a meaning of their own', () => {
    assert.equal(at(16, 1), undefined);
    assert.equal(at(13, 3), undefined);
    assert.equal(at(4, 17), undefined);
    assert.equal(at(30, 0), undefined);
  });
});
