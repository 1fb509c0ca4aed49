// Every shipped example validates clean and ends in the states its comments promise.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core/index';
import { finalConnectionStates, finalStates } from './helpers/analysis';

const dir = path.join(__dirname, '..', '..', '..', 'examples');

const expectedFinal: Record<string, string> = {
  'connection-refused.tcpflow': 'client CLOSED, server CLOSED',
  'data-transfer.tcpflow': 'client ESTABLISHED, server ESTABLISHED',
  'delayed-duplicate-syn.tcpflow': 'client ESTABLISHED, server ESTABLISHED',
  'fin-wait-1-to-time-wait.tcpflow': 'client TIME-WAIT, server CLOSED',
  'four-way-close.tcpflow': 'client CLOSED, server CLOSED',
  'half-close.tcpflow': 'client TIME-WAIT, server CLOSED',
  'handshake.tcpflow': 'client ESTABLISHED, server ESTABLISHED',
  'keepalive.tcpflow': 'client ESTABLISHED, server ESTABLISHED',
  'listen-accept-connect.tcpflow': 'laptop↔server TIME-WAIT, phone↔server ESTABLISHED, server↔laptop CLOSED, server↔phone ESTABLISHED',
  'lost-last-ack.tcpflow': 'client CLOSED, server CLOSED',
  'mss-negotiation.tcpflow': 'client ESTABLISHED, server ESTABLISHED',
  'proxy.tcpflow': 'client↔proxy CLOSED, proxy↔client TIME-WAIT, server↔proxy TIME-WAIT, proxy↔server CLOSED',
  'rst-abort.tcpflow': 'client CLOSED, server CLOSED',
  'server-two-clients.tcpflow': 'alice↔server TIME-WAIT, bob↔server TIME-WAIT, server↔alice CLOSED, server↔bob CLOSED',
  'simultaneous-close.tcpflow': 'a CLOSED, b CLOSED',
  'simultaneous-open.tcpflow': 'a ESTABLISHED, b ESTABLISHED',
  // 简体中文: comments, title and labels in Chinese, netstat state spellings.
  'zh-handshake-and-close.tcpflow': 'client CLOSED, server CLOSED',
  'zh-simultaneous-open.tcpflow': 'a ESTABLISHED, b ESTABLISHED',
};

describe('examples', () => {
  it('has exactly the textbook scenarios listed here', () => {
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tcpflow')).sort(), Object.keys(expectedFinal).sort());
  });

  for (const [file, states] of Object.entries(expectedFinal)) {
    it(`${file} validates clean and ends with ${states}`, () => {
      const a = analyze(fs.readFileSync(path.join(dir, file), 'utf8'));
      assert.deepEqual(a.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), []);
      // With several connections per host, the states are those of every connection end.
      assert.equal(a.connections ? finalConnectionStates(a) : finalStates(a), states);
    });
  }
});
