// The editor services on a host with several connections: completion of the peer in
// `name(peer)`, the formatter keeping ports and peers, rename reaching the peer, and hovers,
// inlay hints and the status bar naming the segment's own connection.

import * as assert from 'node:assert/strict';
import { analyze, completions, format, hover, inlayHints, quickFixes, rename, summaryAt } from '../../src/core/index';
import { lines } from './helpers/lines';

const script = lines(
  'participant alice', //                  1
  'participant bob', //                    2
  'participant server listen', //          3
  'alice -> server: SYN', //               4
  'bob -> server: SYN', //                 5
  'server -> bob: SYN+ACK', //             6
  'expect server(bob) SYN-RECEIVED', //    7
  'server(alice): abort', //               8
);

function labelsAt(text: string): string[] {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return completions(source, analyze(source), position).map((i) => `${i.label}:${i.kind}`);
}

describe('language: many connections', () => {
  it('completes the peer in name(peer), in expect and in calls, and the call and state after it', () => {
    const head = script.split('\n').slice(0, 6).join('\n');
    assert.deepEqual(labelsAt(`${head}\nexpect server(|`), ['alice:endpoint', 'bob:endpoint']);
    assert.deepEqual(labelsAt(`${head}\nserver(b|`), ['alice:endpoint', 'bob:endpoint']);
    assert.deepEqual(labelsAt(`${head}\nserver(bob): cl|`), ['listen:call', 'connect:call', 'close:call', 'shutdown:call', 'abort:call', 'crash:call']);
    assert.equal(labelsAt(`${head}\nexpect server(bob) SYN|`)[0], 'CLOSED:state');
  });

  it('the formatter keeps ports and peers', () => {
    const text = lines('client:51000->server:80:SYN', 'server  ->  client:51000 : SYN+ACK', 'expect   server(client:51000)  SYN-RECEIVED ,client:51000(server) SYN-SENT', 'server(client) :close');
    assert.deepEqual(
      format(text).map((e) => e.newText),
      ['client:51000 -> server:80: SYN', 'server       -> client:51000: SYN+ACK', 'expect server(client:51000) SYN-RECEIVED, client:51000(server) SYN-SENT', 'server(client): close'],
    );
  });

  it('rename reaches the peer of name(peer)', () => {
    const edits = rename(script, analyze(script), { line: 1, character: 13 }, 'carol');
    assert.ok(Array.isArray(edits));
    assert.deepEqual(
      edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character}`),
      ['2:12', '5:0', '6:10', '7:14'],
    );
  });

  it("a segment's hover, inlay hint tooltip and status bar name its own connection", () => {
    const a = analyze(script);
    const text = hover(script, a, { line: 5, character: 1 })!.markdown;
    assert.equal(text, '**`server` → `bob`** `SYN+ACK`\n\n- `server↔bob` stays SYN-RECEIVED (sends)\n- `bob` SYN-SENT → ESTABLISHED (receives)\n\nseq 0 · ack 1 · 0 data bytes\n\nDelivered at once.');
    assert.deepEqual(inlayHints(a).map((h) => `${h.position.line + 1}:${h.position.character} ${h.label} (${h.tooltip})`), [
      '4:5 → SYN-SENT (alice: CLOSED → SYN-SENT)',
      '4:15 → SYN-RCVD (server↔alice: LISTEN → SYN-RECEIVED)',
      '5:3 → SYN-SENT (bob: CLOSED → SYN-SENT)',
      '5:13 → SYN-RCVD (server↔bob: LISTEN → SYN-RECEIVED)',
      '6:13 → ESTAB (bob: SYN-SENT → ESTABLISHED)',
    ]);
    assert.deepEqual(inlayHints(a, { mode: 'all' }).map((h) => `${h.position.line + 1}:${h.position.character} ${h.label} (${h.tooltip})`), [
      '4:5 SYN-SENT (alice: CLOSED → SYN-SENT)',
      '4:15 SYN-RCVD (server↔alice: LISTEN → SYN-RECEIVED)',
      '5:3 SYN-SENT (bob: CLOSED → SYN-SENT)',
      '5:13 SYN-RCVD (server↔bob: LISTEN → SYN-RECEIVED)',
      '6:6 SYN-RCVD (server↔bob: SYN-RECEIVED)',
      '6:13 ESTAB (bob: SYN-SENT → ESTABLISHED)',
    ]);
    assert.equal(summaryAt(a, 5), 'bob ESTABLISHED · server↔bob SYN-RECEIVED');
    assert.equal(summaryAt(a, 7), 'alice SYN-SENT · bob ESTABLISHED · server↔alice SYN-RECEIVED · server↔bob SYN-RECEIVED');
  });

  it("an expect item's hover tells the state of the connection it names", () => {
    const a = analyze(script);
    assert.match(hover(script, a, { line: 6, character: 22 })!.markdown, /\n\n`server↔bob` is SYN-RECEIVED here\.\n\n/);
  });

  it('the hint on a bare name offers the explicit form as its quick fix', () => {
    const text = lines(...script.split('\n').slice(0, 6), 'expect server SYN-RECEIVED');
    const a = analyze(text);
    const hint = a.diagnostics.find((d) => d.code === 'endpoint.ambiguous')!;
    assert.deepEqual(
      quickFixes(text, a, hint).map((f) => [f.title, f.edits.map((e) => `${e.range.start.line + 1}:${e.range.start.character}-${e.range.end.character} ${e.newText}`)]),
      [['Name the connection: server(alice)', ['7:7-13 server(alice)']]],
    );
  });
});
