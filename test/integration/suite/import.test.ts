// The import commands in the real VS Code: a packetdrill file and a tcpdump capture from the
// clipboard become new, unsaved .tcpflow documents with exactly the importers' text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, importPacketdrill, importTcpdump } from '../../../src/core/index';
import { closeAllEditors, EXTENSION_ID } from './helpers';

type Outcome = { document: vscode.TextDocument; problems: number } | { cancelled: string };

function fixture(name: string): string {
  return fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', name), 'utf8');
}

describe('import commands', () => {
  afterEach(closeAllEditors);

  it('imports a packetdrill script from a file into a new tcpflow document', async () => {
    const pkt = fixture('packetdrill/passive-open.pkt');
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'passive-open.pkt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pkt));
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importFile', uri);
    assert.ok('document' in outcome, JSON.stringify(outcome));
    const expected = importPacketdrill(pkt, { title: 'passive-open.pkt' }).text;
    assert.deepEqual([outcome.document.languageId, outcome.document.isUntitled, outcome.document.getText(), outcome.problems], ['tcpflow', true, expected, 0]);
    assert.equal(vscode.window.activeTextEditor?.document, outcome.document);
    assert.deepEqual(analyze(expected).diagnostics, []);
    await vscode.workspace.fs.delete(uri);
  });

  it('imports the chosen connection of a tcpdump capture from the clipboard', async () => {
    const capture = fixture('tcpdump/loopback-close.txt');
    await vscode.env.clipboard.writeText(capture);
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importClipboard', 1);
    assert.ok('document' in outcome, JSON.stringify(outcome));
    assert.equal(outcome.document.getText(), importTcpdump(capture, { connection: 1 }).text);
    assert.match(outcome.document.getText(), /^participant client /m);
  });

  it('refuses text that is neither format and opens nothing', async () => {
    await vscode.env.clipboard.writeText('hello, world\n');
    const before = vscode.workspace.textDocuments.length;
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importClipboard');
    assert.ok('cancelled' in outcome);
    assert.match(outcome.cancelled, /^Cannot import the clipboard: /);
    assert.equal(vscode.workspace.textDocuments.length, before);
  });
});
