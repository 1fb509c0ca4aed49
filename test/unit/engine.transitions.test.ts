// Every transition of the RFC 9293 state diagram (Figure 5), plus the reset and abort
// transitions of §3.10, each as the smallest scenario that takes it. The `expect` lines in
// the scripts are the assertions on the state; each script must validate clean.

import * as assert from 'node:assert/strict';
import { assertClean, statesAfter } from './helpers/analysis';
import { lines } from './helpers/lines';

const established = ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK', 'expect a ESTABLISHED, b ESTABLISHED'];

interface Row {
  readonly from: string;
  readonly to: string;
  readonly event: string;
  readonly script: string[];
  /** 1-based line after which the transition has happened, and the states then. */
  readonly at: [number, string];
}

const rows: Row[] = [
  { from: 'CLOSED', to: 'LISTEN', event: 'passive OPEN', script: ['b: listen', 'expect b LISTEN'], at: [1, 'b LISTEN'] },
  { from: 'CLOSED', to: 'SYN-SENT', event: 'active OPEN / snd SYN', script: ['participant a', 'participant b listen', 'a: connect', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK'], at: [4, 'a SYN-SENT, b SYN-RECEIVED'] },
  { from: 'LISTEN', to: 'SYN-RECEIVED', event: 'rcv SYN / snd SYN,ACK', script: ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK'], at: [3, 'a SYN-SENT, b SYN-RECEIVED'] },
  {
    from: 'LISTEN',
    to: 'SYN-SENT',
    event: 'SEND / snd SYN',
    script: ['participant a listen', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK'],
    at: [3, 'a SYN-SENT, b SYN-RECEIVED'],
  },
  {
    from: 'SYN-SENT',
    to: 'SYN-RECEIVED',
    event: 'rcv SYN / snd SYN,ACK (simultaneous open)',
    script: ['a ~> b: SYN as s', 'b -> a: SYN', 'expect a SYN-RECEIVED', 'a -> b: SYN+ACK', 'b -> a: ACK', 'expect a ESTABLISHED, b ESTABLISHED', 'deliver s', 'b -> a: ACK'],
    at: [2, 'a SYN-RECEIVED, b SYN-SENT'],
  },
  { from: 'SYN-SENT', to: 'ESTABLISHED', event: 'rcv SYN,ACK / snd ACK', script: ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK'], at: [4, 'a ESTABLISHED, b SYN-RECEIVED'] },
  { from: 'SYN-RECEIVED', to: 'ESTABLISHED', event: 'rcv ACK of SYN', script: ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK'], at: [5, 'a ESTABLISHED, b ESTABLISHED'] },
  {
    from: 'SYN-RECEIVED',
    to: 'LISTEN',
    event: 'rcv RST (passive open)',
    script: ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: RST', 'expect a CLOSED, b LISTEN'],
    at: [5, 'a CLOSED, b LISTEN'],
  },
  {
    from: 'SYN-RECEIVED',
    to: 'FIN-WAIT-1',
    event: 'CLOSE / snd FIN',
    script: ['participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'b: close', 'b -> a: FIN+ACK', 'a -> b: ACK', 'expect b FIN-WAIT-2, a CLOSE-WAIT'],
    at: [6, 'a CLOSE-WAIT, b FIN-WAIT-1'],
  },
  { from: 'ESTABLISHED', to: 'FIN-WAIT-1', event: 'CLOSE / snd FIN', script: [...established, 'a: close', 'a -> b: FIN+ACK', 'b -> a: ACK'], at: [8, 'a FIN-WAIT-1, b CLOSE-WAIT'] },
  { from: 'ESTABLISHED', to: 'CLOSE-WAIT', event: 'rcv FIN / snd ACK', script: [...established, 'a -> b: FIN+ACK', 'b -> a: ACK'], at: [7, 'a FIN-WAIT-1, b CLOSE-WAIT'] },
  { from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', event: 'rcv ACK of FIN', script: [...established, 'a -> b: FIN+ACK', 'b -> a: ACK'], at: [8, 'a FIN-WAIT-2, b CLOSE-WAIT'] },
  {
    from: 'FIN-WAIT-1',
    to: 'CLOSING',
    event: 'rcv FIN / snd ACK',
    script: [...established, 'a ~> b: FIN+ACK as fa', 'b -> a: FIN+ACK', 'expect a CLOSING', 'a -> b: ACK', 'deliver fa', 'b -> a: ACK', 'expect a TIME-WAIT, b TIME-WAIT'],
    at: [8, 'a CLOSING, b FIN-WAIT-1'],
  },
  { from: 'FIN-WAIT-1', to: 'TIME-WAIT', event: 'rcv FIN,ACK of FIN / snd ACK', script: [...established, 'a -> b: FIN+ACK', 'b -> a: FIN+ACK', 'a -> b: ACK'], at: [8, 'a TIME-WAIT, b LAST-ACK'] },
  { from: 'FIN-WAIT-2', to: 'TIME-WAIT', event: 'rcv FIN / snd ACK', script: [...established, 'a -> b: FIN+ACK', 'b -> a: ACK', 'b -> a: FIN+ACK', 'a -> b: ACK'], at: [9, 'a TIME-WAIT, b LAST-ACK'] },
  {
    from: 'CLOSING',
    to: 'TIME-WAIT',
    event: 'rcv ACK of FIN',
    script: [...established, 'simultaneous', 'a -> b: FIN+ACK', 'b -> a: FIN+ACK', 'end', 'expect a CLOSING, b CLOSING', 'a -> b: ACK', 'b -> a: ACK'],
    at: [13, 'a TIME-WAIT, b TIME-WAIT'],
  },
  { from: 'CLOSE-WAIT', to: 'LAST-ACK', event: 'CLOSE / snd FIN', script: [...established, 'a -> b: FIN+ACK', 'b -> a: ACK', 'b: close', 'b -> a: FIN+ACK', 'a -> b: ACK'], at: [10, 'a TIME-WAIT, b LAST-ACK'] },
  { from: 'LAST-ACK', to: 'CLOSED', event: 'rcv ACK of FIN', script: [...established, 'a -> b: FIN+ACK', 'b -> a: FIN+ACK', 'a -> b: ACK'], at: [9, 'a TIME-WAIT, b CLOSED'] },
  {
    from: 'TIME-WAIT',
    to: 'CLOSED',
    event: 'timeout = 2MSL',
    script: ['option msl=30s', ...established, 'a -> b: FIN+ACK', 'b -> a: FIN+ACK', 'a -> b: ACK', 'wait 59s', 'expect a TIME-WAIT', 'wait 1s', 'expect a CLOSED'],
    at: [14, 'a CLOSED, b CLOSED'],
  },
  { from: 'LISTEN', to: 'CLOSED', event: 'CLOSE', script: ['participant b listen', 'b: close', 'expect b CLOSED'], at: [2, 'b CLOSED'] },
  { from: 'SYN-SENT', to: 'CLOSED', event: 'CLOSE', script: ['a -> b: SYN', 'a: close', 'expect a CLOSED', 'b -> a: RST+ACK'], at: [2, 'a CLOSED, b CLOSED'] },
  {
    from: 'SYN-SENT',
    to: 'CLOSED',
    event: 'rcv RST,ACK (connection refused)',
    script: ['a -> b: SYN', 'b -> a: RST+ACK seq=0 ack=1', 'expect a CLOSED, b CLOSED'],
    at: [2, 'a CLOSED, b CLOSED'],
  },
  { from: 'ESTABLISHED', to: 'CLOSED', event: 'rcv RST', script: [...established, 'b -> a: RST', 'expect a CLOSED, b CLOSED'], at: [7, 'a CLOSED, b CLOSED'] },
  { from: 'ESTABLISHED', to: 'CLOSED', event: 'ABORT / snd RST', script: [...established, 'a: abort', 'a -> b: RST'], at: [8, 'a CLOSED, b CLOSED'] },
  { from: 'CLOSE-WAIT', to: 'CLOSED', event: 'rcv RST', script: [...established, 'a -> b: FIN+ACK', 'b -> a: ACK', 'a -> b: RST'], at: [9, 'a CLOSED, b CLOSED'] },
];

describe('RFC 9293 state diagram: every transition', () => {
  for (const row of rows) {
    it(`${row.from} → ${row.to} on ${row.event}`, () => {
      const text = lines(...row.script);
      const a = assertClean(text);
      assert.equal(statesAfter(a, row.at[0]), row.at[1]);
    });
  }

  it('covers every state of the diagram as a source and a target', () => {
    const all = ['CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];
    assert.deepEqual([...new Set(rows.map((r) => r.from))].sort(), [...all].sort());
    assert.deepEqual([...new Set(rows.map((r) => r.to))].sort(), [...all].sort());
  });
});
