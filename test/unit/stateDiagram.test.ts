// The RFC 9293 state machine as a Mermaid stateDiagram-v2, with each endpoint's path:
// exact text for a handshake, the transitions the figure leaves out, escaping, naming.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { toStateDiagram } from '../../src/core/diagram/stateMachine';
import { lines } from './helpers/lines';
import { parseMermaid } from './helpers/mermaidParser';

const handshake = lines(
  'participant client',
  'participant server listen',
  'client -> server: SYN seq=x',
  'server -> client: SYN+ACK seq=y ack=x+1',
  'client -> server: ACK seq=x+1 ack=y+1',
);

/** The 11 states and the 21 transitions of RFC 9293 Figure 5 (with note 2's FIN-WAIT-1 → TIME-WAIT). */
const FIGURE = [
  '  state "CLOSED" as CLOSED',
  '  state "LISTEN" as LISTEN',
  '  state "SYN-SENT" as SYN_SENT',
  '  state "SYN-RECEIVED" as SYN_RECEIVED',
  '  state "ESTABLISHED" as ESTABLISHED',
  '  state "FIN-WAIT-1" as FIN_WAIT_1',
  '  state "FIN-WAIT-2" as FIN_WAIT_2',
  '  state "CLOSE-WAIT" as CLOSE_WAIT',
  '  state "CLOSING" as CLOSING',
  '  state "LAST-ACK" as LAST_ACK',
  '  state "TIME-WAIT" as TIME_WAIT',
  '  CLOSED --> LISTEN : passive OPEN / create TCB',
  '  CLOSED --> SYN_SENT : active OPEN / create TCB, snd SYN#',
  '  LISTEN --> CLOSED : CLOSE / delete TCB',
  '  LISTEN --> SYN_RECEIVED : rcv SYN / snd SYN,ACK#',
  '  LISTEN --> SYN_SENT : SEND / snd SYN',
  '  SYN_SENT --> CLOSED : CLOSE / delete TCB',
  '  SYN_SENT --> SYN_RECEIVED : rcv SYN / snd SYN,ACK',
  '  SYN_SENT --> ESTABLISHED : rcv SYN,ACK / snd ACK#',
  '  SYN_RECEIVED --> LISTEN : rcv RST (after passive OPEN)',
  '  SYN_RECEIVED --> ESTABLISHED : rcv ACK of SYN#',
  '  SYN_RECEIVED --> FIN_WAIT_1 : CLOSE / snd FIN',
  '  ESTABLISHED --> FIN_WAIT_1 : CLOSE / snd FIN',
  '  ESTABLISHED --> CLOSE_WAIT : rcv FIN / snd ACK',
  '  FIN_WAIT_1 --> FIN_WAIT_2 : rcv ACK of FIN',
  '  FIN_WAIT_1 --> CLOSING : rcv FIN / snd ACK',
  '  FIN_WAIT_1 --> TIME_WAIT : rcv FIN, ACK of FIN / snd ACK',
  '  FIN_WAIT_2 --> TIME_WAIT : rcv FIN / snd ACK',
  '  CLOSING --> TIME_WAIT : rcv ACK of FIN',
  '  CLOSE_WAIT --> LAST_ACK : CLOSE / snd FIN',
  '  LAST_ACK --> CLOSED : rcv ACK of FIN',
  '  TIME_WAIT --> CLOSED : Timeout=2MSL / delete TCB',
];

/** The figure with ` · <who>` on the transitions marked `#` in FIGURE, in order. */
function figure(...takers: string[]): string[] {
  let i = 0;
  return FIGURE.map((line) => (line.endsWith('#') ? `${line.slice(0, -1)} #183; ${takers[i++]}` : line));
}

describe('state machine diagram', () => {
  it('draws the handshake: every state and transition, each endpoint coloured, the cursor marked', () => {
    const diagram = toStateDiagram(analyze(handshake), { cursorLine: 2 });
    assert.deepEqual(diagram.text.split('\n'), [
      'stateDiagram-v2',
      '  classDef ep0 fill:#2f81f733,stroke:#2f81f7,stroke-width:2px',
      '  classDef ep1 fill:#e8710a33,stroke:#e8710a,stroke-width:2px',
      '  classDef shared fill:#8b949e33,stroke:#8b949e,stroke-width:2px,stroke-dasharray:6 3',
      '  classDef here stroke-width:5px,font-weight:bold',
      ...figure('client', 'server', 'client', 'server'),
      '  class CLOSED,SYN_SENT ep0',
      '  class LISTEN,SYN_RECEIVED ep1',
      '  class ESTABLISHED shared',
      '  class SYN_SENT,SYN_RECEIVED here',
      '',
    ]);
    assert.deepEqual(
      diagram.endpoints.map((e) => [e.name, e.className, e.color, e.path.map((v) => `${v.state}@${v.line}`).join(' '), e.current]),
      [
        ['client', 'ep0', '#2f81f7', 'CLOSED@-1 SYN-SENT@2 ESTABLISHED@3', 'SYN-SENT'],
        ['server', 'ep1', '#e8710a', 'LISTEN@-1 SYN-RECEIVED@2 ESTABLISHED@4', 'SYN-RECEIVED'],
      ],
    );
    assert.deepEqual(
      diagram.transitions.flatMap((t, i) => (t.takenBy.length > 0 ? [`${i} ${t.from}->${t.to} ${t.takenBy.join(',')}`] : [])),
      ['1 CLOSED->SYN-SENT 0', '3 LISTEN->SYN-RECEIVED 1', '7 SYN-SENT->ESTABLISHED 0', '9 SYN-RECEIVED->ESTABLISHED 1'],
    );
  });

  it('marks no state without a cursor line, and the final states past the end', () => {
    assert.doesNotMatch(toStateDiagram(analyze(handshake)).text, /here/);
    assert.match(toStateDiagram(analyze(handshake), { cursorLine: 99 }).text, /\n {2}class ESTABLISHED here\n$/);
  });

  it('adds a transition the figure leaves out, labelled by what happened, shared by both endpoints', () => {
    const text = lines(handshake, 'client -> server: RST+ACK');
    const diagram = toStateDiagram(analyze(text));
    const extra = diagram.transitions.filter((t) => !t.rfc);
    assert.deepEqual(extra, [{ from: 'ESTABLISHED', to: 'CLOSED', label: 'snd ACK,RST or rcv ACK,RST', rfc: false, takenBy: [0, 1] }]);
    assert.match(diagram.text, /\n {2}ESTABLISHED --> CLOSED : snd ACK,RST or rcv ACK,RST #183; client, server\n/);
    assert.match(diagram.text, /\n {2}class CLOSED,ESTABLISHED shared\n/);
  });

  it('uses netstat names when asked, keeping the ids', () => {
    const text = toStateDiagram(analyze(handshake), { naming: 'netstat' }).text;
    assert.match(text, /\n {2}state "SYN_RCVD" as SYN_RECEIVED\n/);
    assert.match(text, /\n {2}state "TIME_WAIT" as TIME_WAIT\n/);
  });

  it('escapes endpoint labels so they cannot become Mermaid syntax or markup', async () => {
    const text = lines('participant c as "<b>x</b>; %%{init}%% end"', 'participant s listen', 'c -> s: SYN');
    const diagram = toStateDiagram(analyze(text));
    assert.match(diagram.text, /\n {2}CLOSED --> SYN_SENT : active OPEN \/ create TCB, snd SYN #183; #60;b#62;x#60;\/b#62;#59; #37;#37;#123;init#125;#37;#37; #101;nd\n/);
    await parseMermaid(diagram.text);
  });

  it('is accepted by Mermaid for every example shape, and draws no classes without endpoints', async () => {
    await parseMermaid(toStateDiagram(analyze(handshake), { cursorLine: 3 }).text);
    const empty = toStateDiagram(analyze(''));
    assert.equal(empty.text, ['stateDiagram-v2', ...FIGURE.map((l) => l.replace(/#$/, '')), ''].join('\n'));
    await parseMermaid(empty.text);
  });
});
