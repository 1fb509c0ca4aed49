// Benchmark: typing in a 10 MB script, checked in the extension host (what the VS Code
// extension does: analyze() on the host's one thread after each pause in typing) against
// checked by `tcpflow lsp` in its own process (the host only sends the edit). Prints, for
// each keystroke, how long the editor's thread is blocked and how long until the diagnostics
// are fresh; asserts nothing.

import * as path from 'node:path';
import { analyze } from '../../src/core/index';
import { LspClient } from '../unit/helpers/lspClient';

const TARGET_BYTES = 10 * 1024 * 1024;
const EDITS = 3;
const URI = 'file:///bench/big.tcpflow';

function bigScript(): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN seq=x', 'server -> client: SYN+ACK ack=x+1', 'client -> server: ACK'];
  let bytes = rows.join('\n').length;
  while (bytes < TARGET_BYTES) {
    const pair = ['client -> server: PSH+ACK "abcdefghijklmnop"  # request', 'server -> client: ACK'];
    rows.push(...pair);
    bytes += pair[0].length + pair[1].length + 2;
  }
  return rows.join('\n');
}

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const text = bigScript();
  const lines = text.split('\n').length;
  console.log(`script: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${lines} lines; ${EDITS} edits each way, medians`);

  // In the extension host: each edit is one analyze() on the host's thread.
  const inHost: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const edited = `${text}\n# edit ${i}`;
    const start = process.hrtime.bigint();
    analyze(edited);
    inHost.push(ms(start));
  }
  console.log(`extension host: thread blocked ${median(inHost).toFixed(0)} ms per edit; diagnostics fresh ${median(inHost).toFixed(0)} ms after the pause`);

  // In the server: the host sends the edit (an incremental change), the server analyses.
  const client = new LspClient(process.execPath, [path.join(__dirname, '..', '..', 'src', 'cli', 'main.js'), 'lsp', '--stdio'], 120_000);
  await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  client.notify('initialized', {});
  const openStart = process.hrtime.bigint();
  client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'tcpflow', version: 1, text } });
  const openSend = ms(openStart);
  await client.notification((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { version?: number }).version === 1);
  console.log(`server: opening sends the 10 MB once (${openSend.toFixed(0)} ms on the host), first diagnostics after ${ms(openStart).toFixed(0)} ms`);
  const sends: number[] = [];
  const fresh: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const from = client.notifications.length;
    const start = process.hrtime.bigint();
    client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: i + 2 },
      contentChanges: [{ range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }, text: `\n# edit ${i}` }],
    });
    sends.push(ms(start));
    await client.notification((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { version?: number }).version === i + 2, from);
    fresh.push(ms(start));
  }
  // The server waits 150 ms after an edit before it analyses, as the extension does.
  console.log(
    `server: thread blocked ${median(sends).toFixed(2)} ms per edit (${(median(inHost) / median(sends)).toFixed(0)}x less); ` +
      `diagnostics fresh ${median(fresh).toFixed(0)} ms after the edit (150 ms of it the debounce)`,
  );
  await client.close();
}

void main();
