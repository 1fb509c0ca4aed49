// Runs inside the VS Code extension host: the status bar item, read through the API that
// activate() returns — the endpoints' states after the cursor's line, or the error count.

import * as vscode from 'vscode';
import {
  applyTextEdits,
  closeAllEditors,
  exampleUri,
  lines,
  openScript,
  resetSettings,
  setSetting,
  tcpflowApi,
  waitForValue,
} from './helpers';

/** Puts the cursor at the start of 0-based `line` and waits for the status bar to read `expected`. */
async function expectStatusAt(editor: vscode.TextEditor, line: number, expected: string): Promise<void> {
  const api = await tcpflowApi();
  editor.selection = new vscode.Selection(line, 0, line, 0);
  await waitForValue(() => api.statusText(), expected, `the status bar after line ${line}`);
}

describe('status bar', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it("shows the endpoints' states after the cursor's line", async () => {
    // handshake.tcpflow: 8 `participant client …`, 9 `participant server … listen`,
    // 12 SYN, 13 SYN+ACK, 14 ACK, 15 expect.
    const editor = await vscode.window.showTextDocument(exampleUri('handshake.tcpflow'));
    await expectStatusAt(editor, 9, '$(arrow-swap) client CLOSED · server LISTEN');
    await expectStatusAt(editor, 12, '$(arrow-swap) client SYN-SENT · server SYN-RECEIVED');
    await expectStatusAt(editor, 13, '$(arrow-swap) client ESTABLISHED · server SYN-RECEIVED');
    await expectStatusAt(editor, 15, '$(arrow-swap) client ESTABLISHED · server ESTABLISHED');
  });

  it('names the states as tcpflow.stateNaming says', async () => {
    const editor = await vscode.window.showTextDocument(exampleUri('handshake.tcpflow'));
    await expectStatusAt(editor, 12, '$(arrow-swap) client SYN-SENT · server SYN-RECEIVED');
    await setSetting('stateNaming', 'netstat');
    await expectStatusAt(editor, 12, '$(arrow-swap) client SYN_SENT · server SYN_RCVD');
  });

  it('counts the errors instead, as they are edited and as the severity setting makes them', async () => {
    const editor = await openScript(
      lines(
        'participant c',
        'participant s listen',
        'c -> s: SYN',
        's -> c: SYN+ACK ack=7', //  tcp.bad-ack
        'c -> s: ACK',
        'c -> s: PSH "x"', //        tcp.missing-ack-flag
        'note proxy: watching', //   endpoint.unknown
        'expect c SYN-SENT', //      tcp.expect-failed
      ),
    );
    await expectStatusAt(editor, 2, '$(error) 4 errors');
    await applyTextEdits(editor.document, [vscode.TextEdit.replace(new vscode.Range(3, 20, 3, 21), '1')]);
    await expectStatusAt(editor, 2, '$(error) 3 errors');
    await setSetting('diagnostics.severity', { 'tcp.*': 'warning' });
    await expectStatusAt(editor, 2, '$(error) 1 error');
    await setSetting('diagnostics.severity', { 'tcp.*': 'warning', 'endpoint.unknown': 'ignore' });
    await expectStatusAt(editor, 2, '$(arrow-swap) c SYN-SENT · s SYN-RECEIVED · proxy CLOSED');
  });
});
