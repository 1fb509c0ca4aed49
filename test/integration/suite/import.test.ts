// The import commands in the real VS Code: a packetdrill file, a tcpdump capture from the
// clipboard and pcap files (one connection, or several and a quick pick) become new, unsaved
// .tcpflow documents with exactly the importers' text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, importCapture, importPacketdrill, importTcpdump } from '../../../src/core/index';
import { closeAllEditors, EXTENSION_ID } from './helpers';

type Outcome = { document: vscode.TextDocument; problems: number } | { cancelled: string };

function fixture(name: string): string {
  return fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', name), 'utf8');
}

function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', name)));
}

async function inWorkspace(name: string, bytes: Uint8Array): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
  await vscode.workspace.fs.writeFile(uri, bytes);
  return uri;
}

describe('import commands', () => {
  afterEach(closeAllEditors);

  it('imports a pcapng capture file, read as bytes, into a new tcpflow document', async () => {
    const bytes = fixtureBytes('pcap/lo-exchange.pcapng');
    const uri = await inWorkspace('lo-exchange.pcapng', bytes);
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importFile', uri);
    assert.ok('document' in outcome, JSON.stringify(outcome));
    const expected = importCapture(bytes, { title: 'lo-exchange.pcapng' }).text;
    assert.deepEqual([outcome.document.languageId, outcome.document.isUntitled, outcome.document.getText(), outcome.problems], ['tcpflow', true, expected, 0]);
    assert.deepEqual(analyze(expected).diagnostics, []);
    await vscode.workspace.fs.delete(uri);
  });

  it('asks which connection of a capture file with several, with a quick pick, and imports the one accepted', async () => {
    const bytes = fixtureBytes('pcap/lo-two-connections.pcap');
    const uri = await inWorkspace('two.cap', bytes);
    let settled: Outcome | undefined;
    const running = Promise.resolve(vscode.commands.executeCommand<Outcome>('tcpflow.importFile', uri)).then((o) => (settled = o));
    // The pick opens with the first connection active: accept it once it is there.
    const deadline = Date.now() + 10_000;
    while (settled === undefined && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcome = await running;
    assert.ok('document' in outcome, JSON.stringify(outcome));
    assert.equal(outcome.document.getText(), importCapture(bytes, { connection: 1, title: 'two.cap' }).text);
    assert.match(outcome.document.getText(), /^# Connection 1 of 2; 22 segments of the other connections are left out\.$/m);
    await vscode.workspace.fs.delete(uri);
  });

  it("offers all connections of a capture as one scenario, last in the quick pick, and imports them with a participant per host", async () => {
    const bytes = fixtureBytes('pcap/lo-two-connections.pcap');
    const uri = await inWorkspace('all.cap', bytes);
    let settled: Outcome | undefined;
    const running = Promise.resolve(vscode.commands.executeCommand<Outcome>('tcpflow.importFile', uri)).then((o) => (settled = o));
    // Once the pick is there (the first connection active), going up from the first item wraps to the last.
    const deadline = Date.now() + 10_000;
    while (settled === undefined && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectPrevious');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const outcome = await running;
    assert.ok('document' in outcome, JSON.stringify(outcome));
    const expected = importCapture(bytes, { all: true, title: 'all.cap' }).text;
    assert.equal(outcome.document.getText(), expected);
    assert.deepEqual(
      expected.split('\n').filter((l) => l.startsWith('participant')),
      ['participant client 127.0.0.1', 'participant server 127.0.0.1:45678 listen', 'participant server2 127.0.0.1:5001 listen'],
    );
    assert.deepEqual(analyze(expected).diagnostics, []);
    await vscode.workspace.fs.delete(uri);
  });

  it('imports all connections with the command argument all', async () => {
    const capture = fixture('tcpdump/loopback-close.txt');
    await vscode.env.clipboard.writeText(capture);
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importClipboard', 'all');
    assert.ok('document' in outcome, JSON.stringify(outcome));
    assert.equal(outcome.document.getText(), importTcpdump(capture, { all: true }).text);
  });

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
