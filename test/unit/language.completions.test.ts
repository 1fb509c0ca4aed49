// Completions by context, on partial lines: the cursor is written `|` in the fixtures.

import * as assert from 'node:assert/strict';
import { analyze, completions } from '../../src/core/index';
import { lines } from './helpers/lines';

const head = ['option msl=30s', 'participant client 10.0.0.1:1', 'participant server listen', 'client -> server: SYN seq=x', 'client ~> server: ACK as late'];

/** Completions at the `|` of `text`: the replaced range as `line:start-end`, and `label:kind` (`label=insert:kind` when the insert differs). */
function complete(text: string): { range?: string; items: string[] } {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const items = completions(source, analyze(source), position);
  const range = items[0]?.range;
  return {
    ...(range ? { range: `${range.start.line + 1}:${range.start.character}-${range.end.character}` } : {}),
    items: items.map((i) => `${i.label}${i.insertText !== undefined && i.insertText !== i.label ? `=${JSON.stringify(i.insertText)}` : ''}:${i.kind}`),
  };
}

const after = (...rows: string[]) => lines(...head, ...rows);

const KEYWORDS = [
  'participant="participant ":keyword',
  'title="title ":keyword',
  'section="section ":keyword',
  'note="note ":keyword',
  'expect="expect ":keyword',
  'wait="wait ":keyword',
  'option="option ":keyword',
  'simultaneous:keyword',
  'end:keyword',
  'deliver="deliver ":keyword',
];
const FIELDS = ['seq=:field', 'ack=:field', 'len=:field', 'win=:field', 'mss=:field', 'wscale=:field', 'sackOK:field', 'ts=:field', 'urg=:field'];
const MARKERS = ['retransmit:marker', 'keepalive:marker', 'duplicate:marker'];
const AS = 'as="as ":keyword';

describe('language: completions', () => {
  it('at the start of a line: the owed reply, keywords and the declared participants', () => {
    const expected = ['server -> client: SYN+ACK ack=x+1:segment', ...KEYWORDS, 'client:endpoint', 'server:endpoint'];
    assert.deepEqual(complete(after('|')), { range: '6:0-0', items: expected });
    assert.deepEqual(complete(after('  cl|')), { range: '6:2-4', items: expected });
  });

  it('inside a simultaneous block: participants and end', () => {
    assert.deepEqual(complete(after('simultaneous', '  |', 'end')), { range: '7:2-2', items: ['end:keyword', 'client:endpoint', 'server:endpoint'] });
  });

  it('without participant lines, the names used so far, not the one being typed', () => {
    assert.deepEqual(complete(lines('a -> b: SYN', 'b -> a: RST+ACK', 'xy|')).items.slice(-3), ['deliver="deliver ":keyword', 'a:endpoint', 'b:endpoint']);
  });

  it('after a name: the arrows', () => {
    const arrows = ['->="-> ":keyword', '-x="-x ":keyword', '~>="~> ":keyword'];
    assert.deepEqual(complete(after('client |')), { range: '6:7-7', items: arrows });
    assert.deepEqual(complete(after('client -|')), { range: '6:7-8', items: arrows });
  });

  it('after an arrow: the receivers, not the sender, with the colon at the end of a line', () => {
    assert.deepEqual(complete(after('client -> |')), { range: '6:10-10', items: ['server="server: ":endpoint'] });
    assert.deepEqual(complete(after('server -x cl|')), { range: '6:10-12', items: ['client: SYN+ACK ack=x+1:segment', 'client="client: ":endpoint'] });
    assert.deepEqual(complete(after('server ~> cl| SYN')), { range: '6:10-12', items: ['client:endpoint'] });
    assert.deepEqual(complete(after('server ~> |')), { range: '6:10-10', items: ['client="client: ":endpoint'] });
  });

  it("after the receiver: the flags the sender's state allows first, then the others and the common combinations", () => {
    const inSynSent = ['ACK:flag', 'SYN+ACK:flag', 'RST:flag', 'SYN:flag', 'FIN:flag', 'PSH:flag', 'URG:flag', 'ECE:flag', 'CWR:flag', 'FIN+ACK:flag', 'PSH+ACK:flag', 'RST+ACK:flag'];
    assert.deepEqual(complete(after('client -> server: |')), { range: '6:18-18', items: inSynSent });
    assert.deepEqual(complete(after('client -> server S|')), { range: '6:17-18', items: inSynSent });
    assert.deepEqual(complete(lines('a -> b: |')), { range: '1:8-8', items: ['SYN:flag', 'RST:flag', 'RST+ACK:flag', 'ACK:flag', 'FIN:flag', 'PSH:flag', 'URG:flag', 'ECE:flag', 'CWR:flag', 'SYN+ACK:flag', 'FIN+ACK:flag', 'PSH+ACK:flag'] });
  });

  it('after the receiver it owes a reply to: the owed flags first, with their numbers', () => {
    assert.deepEqual(complete(after('server -> client: |')).items.slice(0, 4), ['SYN+ACK="SYN+ACK ack=x+1":flag', 'ACK:flag', 'FIN+ACK:flag', 'RST:flag']);
  });

  it('after a flag separator: the flags not yet written', () => {
    const rest = ['FIN:flag', 'RST:flag', 'PSH:flag', 'URG:flag', 'ECE:flag', 'CWR:flag'];
    assert.deepEqual(complete(after('client -> server: SYN+A|')), { range: '6:22-23', items: ['ACK:flag', ...rest] });
    assert.deepEqual(complete(after('client -> server: S.,|')), { range: '6:21-21', items: rest });
  });

  it('after the flags: fields and markers not yet written, and as', () => {
    assert.deepEqual(complete(after('client -> server: SYN |')), { range: '6:22-22', items: [...FIELDS, ...MARKERS, AS] });
    assert.deepEqual(complete(after('client -> server: PSH+ACK "a b" seq=1 retransmit |')), {
      range: '6:49-49',
      items: [...FIELDS.slice(1), ...MARKERS.filter((m) => !m.startsWith('retransmit')), AS],
    });
  });

  it('after seq= or ack=: the symbols bound so far', () => {
    assert.deepEqual(complete(after('server -> client: SYN+ACK ack=|')), { range: '6:30-30', items: ['x:value'] });
    assert.deepEqual(complete(after('server -> client: SYN+ACK win=|')), { items: [] });
  });

  it('nothing inside a string, a comment or a label', () => {
    assert.deepEqual(complete(after('client -> server: PSH+ACK "a b|')), { items: [] });
    assert.deepEqual(complete(after('client -> server: ACK # |')), { items: [] });
    assert.deepEqual(complete(after('client -> server: ACK as |')), { items: [] });
    assert.deepEqual(complete(after('title |')), { items: [] });
  });

  it('after name: the calls', () => {
    const calls = ['listen:call', 'connect:call', 'close:call', 'shutdown:call', 'abort:call', 'crash:call'];
    assert.deepEqual(complete(after('client: |')), { range: '6:8-8', items: calls });
    assert.deepEqual(complete(after('client:cl|')), { range: '6:7-9', items: calls });
  });

  it('in expect: the states here, names, then RFC state names led by the actual one', () => {
    const names = ['client:endpoint', 'server:endpoint'];
    assert.deepEqual(complete(after('expect |')), { range: '6:7-7', items: ['client SYN-SENT, server SYN-RECEIVED:state', ...names] });
    assert.deepEqual(complete(after('expect client ESTABLISHED, se|')), { range: '6:27-29', items: names });
    const states = complete(after('expect client EST|'));
    assert.equal(states.range, '6:14-17');
    assert.deepEqual(states.items, [
      'SYN-SENT:state', 'CLOSED:state', 'LISTEN:state', 'SYN-RECEIVED:state', 'ESTABLISHED:state', 'FIN-WAIT-1:state',
      'FIN-WAIT-2:state', 'CLOSE-WAIT:state', 'CLOSING:state', 'LAST-ACK:state', 'TIME-WAIT:state',
    ]);
    assert.deepEqual(complete(after('expect server |')).items.slice(0, 2), ['SYN-RECEIVED:state', 'CLOSED:state']);
  });

  it('in note: names before the colon only', () => {
    assert.deepEqual(complete(after('note client, |')), { range: '6:13-13', items: ['client:endpoint', 'server:endpoint'] });
    assert.deepEqual(complete(after('note client: |')), { items: [] });
  });

  it('option keys and values', () => {
    assert.deepEqual(complete(after('option st|')), { range: '6:7-9', items: ['msl=:option', 'states=:option', 'numbers=:option'] });
    assert.deepEqual(complete(after('option states=|')), { range: '6:14-14', items: ['changes:value', 'all:value', 'none:value'] });
    assert.deepEqual(complete(after('option numbers = a|')), { range: '6:17-18', items: ['as-written:value', 'absolute:value'] });
  });

  it('wait: MSL multiples; deliver: the labels still in flight', () => {
    assert.deepEqual(complete(after('wait |')), { range: '6:5-5', items: ['2MSL:value', 'MSL:value'] });
    assert.deepEqual(complete(after('deliver |')), { range: '6:8-8', items: ['late:value'] });
    assert.deepEqual(complete(after('deliver late', 'deliver |')), { items: [] });
  });

  it('participant attributes not yet written', () => {
    assert.deepEqual(complete(after('participant proxy listen |')), {
      range: '6:25-25',
      items: ['unchecked:keyword', 'isn=:keyword', 'keepalive=:keyword', 'as="as \\"":keyword'],
    });
    assert.deepEqual(complete(after('participant proxy as |')), { items: [] });
  });
});
