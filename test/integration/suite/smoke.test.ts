// Runs inside the VS Code extension host, with the tcpflow extension under development and a
// copy of examples/ as the workspace.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { waitFor } from '../waitFor';

describe('tcpflow extension in VS Code', () => {
  let document: vscode.TextDocument;

  before(async () => {
    const found = await vscode.workspace.findFiles('**/handshake.tcpflow', undefined, 1);
    assert.equal(found.length, 1, 'handshake.tcpflow is in the workspace');
    document = await vscode.workspace.openTextDocument(found[0]);
    await vscode.window.showTextDocument(document);
  });

  it('gives a .tcpflow file the tcpflow language', async () => {
    assert.equal(document.languageId, 'tcpflow');
    await screenshot('smoke-handshake-open');
  });

  it('activates when a .tcpflow file opens', async () => {
    const extension = vscode.extensions.getExtension('tcpflow.tcpflow');
    assert.ok(extension, 'the extension tcpflow.tcpflow is loaded');
    await waitFor(() => extension.isActive, 'tcpflow.tcpflow to activate');
  });
});
