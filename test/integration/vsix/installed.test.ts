// The packaged extension, installed with --install-extension, works: the language, its
// diagnostics and its status bar come from the installed copy, not the repository.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../waitFor';

describe('the installed VSIX', () => {
  it('is installed from the package and activates on a .tcpflow file', async () => {
    const extension = vscode.extensions.getExtension('tcpflow.tcpflow');
    assert.ok(extension, 'tcpflow.tcpflow is installed');
    assert.ok(!extension.extensionPath.includes('test/integration/fixtures'), extension.extensionPath);
    assert.match(extension.extensionPath, /tcpflow\.tcpflow-0\.1\.0/);
    const [uri] = await vscode.workspace.findFiles('handshake.tcpflow');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'tcpflow');
    await waitFor(() => extension.isActive, 'the extension activates', 30_000);
  });

  it('publishes diagnostics from the installed engine', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: 'participant c\nparticipant s listen\nc -> s: SYN\ns -> c: SYN+ACK ack=7\nc -> s: ACK\n' });
    await vscode.window.showTextDocument(document);
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).length > 0, 'diagnostics for the untitled document', 30_000);
    const diagnostics = vscode.languages.getDiagnostics(document.uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['tcp.bad-ack', vscode.DiagnosticSeverity.Error, 3, 20, 21]],
    );
  });
});

describe('the installed VSIX, importing', () => {
  it('loads the importers bundle it ships and opens the imported scenario', async () => {
    await vscode.env.clipboard.writeText(
      [
        '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+0 bind(3, ..., ...) = 0',
        '+0 listen(3, 1) = 0',
        '+0 < S 0:0(0) win 32792 <mss 1000>',
        '+0 > S. 0:0(0) ack 1 <mss 1460>',
        '+0 < . 1:1(0) ack 1 win 257',
        '',
      ].join('\n'),
    );
    const outcome = await vscode.commands.executeCommand<{ document?: vscode.TextDocument; cancelled?: string }>('tcpflow.importClipboard');
    assert.ok(outcome.document, outcome.cancelled);
    assert.equal(outcome.document.languageId, 'tcpflow');
    assert.match(outcome.document.getText(), /^local: listen +# \+0 listen\(3, 1\) = 0$/m);
  });
});

describe('the installed VSIX, the walkthrough', () => {
  it("ships the walkthrough's media and its example script", async () => {
    const extension = vscode.extensions.getExtension('tcpflow.tcpflow');
    assert.ok(extension);
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as { steps: { media: { markdown: string } }[] }[];
    for (const step of walkthrough.steps) {
      assert.equal((await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown))).type, vscode.FileType.File, step.media.markdown);
    }
    await vscode.commands.executeCommand('tcpflow.openWalkthroughExample');
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.languageId, 'tcpflow');
    assert.match(document.getText(), /^client -> server: ACK ack=300$/m);
  });
});
