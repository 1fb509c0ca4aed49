// What the views show of a host with several connections: the Mermaid state notes, one per
// lifeline, name the connection by its peer; a call on one connection says which; `tcpflow
// states` has a column per end; the state machine one path per end.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, toMermaid, toStateDiagram } from '../../src/core/index';
import { statesTable } from '../../src/cli/statesTable';
import { lines } from './helpers/lines';

const script = lines(
  'participant alice',
  'participant bob',
  'participant server listen',
  'alice -> server: SYN',
  'bob -> server: SYN',
  'server -> bob: SYN+ACK',
  'server(bob): close',
);

describe('views of many connections', () => {
  it('Mermaid: one note per lifeline; a host with several connections says which one (↔peer); a call on one names its peer', () => {
    assert.equal(
      toMermaid(analyze(script)).text,
      lines(
        'sequenceDiagram',
        '  participant p0 as alice',
        '  participant p1 as bob',
        '  participant p2 as server',
        '  Note over p0,p2: alice CLOSED, bob CLOSED, server LISTEN',
        '  p0->>p2: SYN seq=0',
        '  Note over p0: SYN-SENT',
        '  Note over p2: #8596;alice: SYN-RECEIVED',
        '  p1->>p2: SYN seq=0',
        '  Note over p1: SYN-SENT',
        '  Note over p2: #8596;bob: SYN-RECEIVED',
        '  p2->>p1: SYN+ACK seq=0 ack=1',
        '  Note over p1: ESTABLISHED',
        '  Note over p2: close() to bob',
        '',
      ),
    );
  });

  it('Mermaid: a script with one connection per pair draws its notes as before', () => {
    const text = toMermaid(analyze(lines('participant c', 'participant s listen', 'c -> s: SYN'))).text;
    assert.equal(text, lines('sequenceDiagram', '  participant p0 as c', '  participant p1 as s', '  Note over p0,p1: CLOSED | LISTEN', '  p0->>p1: SYN seq=0', '  Note over p0,p1: SYN-SENT | SYN-RECEIVED', ''));
  });

  it('tcpflow states: one column per connection end', () => {
    assert.equal(
      statesTable(analyze(script), script, 'rfc'),
      lines(
        'line  source                  alice↔server  bob↔server    server↔alice   server↔bob',
        '      (start)                 CLOSED        CLOSED        LISTEN',
        '   4  alice -> server: SYN    SYN-SENT*     CLOSED        SYN-RECEIVED*',
        '   5  bob -> server: SYN      SYN-SENT      SYN-SENT*     SYN-RECEIVED   SYN-RECEIVED*',
        '   6  server -> bob: SYN+ACK  SYN-SENT      ESTABLISHED*  SYN-RECEIVED   SYN-RECEIVED',
        '   7  server(bob): close      SYN-SENT      ESTABLISHED   SYN-RECEIVED   SYN-RECEIVED',
        '',
      ),
    );
  });

  it('the state machine: one path per connection end, every transition one of RFC 9293 Figure 5', () => {
    const proxy = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'proxy.tcpflow'), 'utf8');
    const diagram = toStateDiagram(analyze(proxy));
    assert.deepEqual(
      diagram.endpoints.map((e) => `${e.label}: ${e.path.map((v) => v.state).join(' > ')}`),
      [
        'client: CLOSED > SYN-SENT > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED',
        'proxy↔client: LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT',
        'server: LISTEN > SYN-RECEIVED > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT',
        'proxy↔server: CLOSED > SYN-SENT > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED',
      ],
    );
    assert.deepEqual(diagram.transitions.filter((t) => !t.rfc), []);
  });
});
