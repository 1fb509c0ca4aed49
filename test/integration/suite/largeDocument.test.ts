// Runs inside the VS Code extension host, the desktop's and the web worker's: a document of
// 40,000 lines is analysed in slices. The extension host, which runs these tests too, gets its
// turn between slices: the status bar says how far the check is, another document's hover is
// answered meanwhile, and the diagnostics published are those of the version last typed.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { closeAllEditors, lines, openScript, resetSettings, tcpflowApi, waitForDiagnostics, waitForValue } from './helpers';

const LINES = 40_000;

/** A clean exchange of `count` lines: a handshake, then data acknowledged, ending with an ACK. */
function largeScript(count: number): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  while (rows.length < count - 1) rows.push('client -> server: PSH+ACK "abcd"', 'server -> client: ACK');
  rows.push('client -> server: ACK');
  return lines(...rows);
}

const CHECKING = /^\$\(sync~spin\) Checking… (\d+) %$/;

/** A later turn of the event loop, after whatever is waiting: a slice of the analysis among them. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('a large document', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it('is checked in slices: the status bar says how far, other requests are answered meanwhile, the diagnostics are the last version’s', async function () {
    this.timeout(300_000);
    const small = await openScript(lines('participant c', 'participant s listen', 'c -> s: SYN'));
    const api = await tcpflowApi();
    const editor = await openScript(largeScript(LINES));
    assert.equal(editor.document.lineCount, LINES);
    // Checked once through: the states at the end (the empty document's diagnostics, also
    // none, were published before it got its text).
    const last = LINES - 1;
    const end = editor.document.lineAt(last).range.end;
    editor.selection = new vscode.Selection(end, end);
    await waitForValue(() => api.statusText(), '$(arrow-swap) client ESTABLISHED · server ESTABLISHED', 'the states at the end', 60_000);
    await waitForDiagnostics(editor.document.uri, []);

    // The test's own turns come between the slices: from the first key to the last version's
    // diagnostics, it reads the status bar at every turn and sees the check advance.
    const percents = new Set<number>();
    let watching = true;
    const watch = async (): Promise<void> => {
      while (watching) {
        const checking = CHECKING.exec(api.statusText());
        if (checking) percents.add(Number(checking[1]));
        await nextTurn();
      }
    };
    const watched = watch();

    let answeredWhileChecking = 0;
    for (const key of ' seq=999') {
      await vscode.commands.executeCommand('type', { text: key });
      // Each key starts the check again; meanwhile a hover over another document is answered.
      if (!CHECKING.test(api.statusText())) continue;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', small.document.uri, new vscode.Position(2, 9));
      assert.deepEqual(
        hovers.map((h) => [h.range && [h.range.start.line, h.range.start.character, h.range.end.character], (h.contents[0] as vscode.MarkdownString).value.split('\n')[0]]),
        [[[2, 8, 11], '**SYN** — synchronize sequence numbers']],
      );
      if (CHECKING.test(api.statusText())) answeredWhileChecking++;
      if (key === '=') await screenshot('large-document-checking');
    }
    assert.equal(editor.document.lineAt(last).text, 'client -> server: ACK seq=999');
    try {
      await waitForDiagnostics(editor.document.uri, [['tcp.bad-seq', 'Error', `${last}:26-${last}:29`]], 60_000);
    } finally {
      watching = false;
      await watched;
    }
    assert.ok(answeredWhileChecking > 0, 'a hover was answered while the document was being checked');
    const midway = [...percents].filter((p) => p > 0);
    assert.ok(midway.length > 0, `the status bar showed the check advance past 0 %: ${[...percents].join(', ')} %`);
    await waitForValue(() => api.statusText(), '$(error) 1 error', 'the status bar once checked', 10_000);
  });
});
