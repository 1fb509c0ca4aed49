// Runs inside VS Code's web worker extension host (runOffline.js --web): what is particular to
// the web extension — that it is the browser bundle running, without Node; the examples'
// diagnostics read through vscode.workspace.fs; the preview's webview; an import through the
// importers' browser bundle. The shared suite files bundled beside this one cover quick
// fixes, hovers and the other providers.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { analyze, importPacketdrill } from '../../../src/core/index';
import { closeAllEditors, EXTENSION_ID, exampleUri, lines, nextDiagnosticsChange, openScript, rangeText, tcpflowApi, waitForDiagnostics, workspaceFolder } from '../suite/helpers';
import { waitForDrawing } from '../suite/previewHelpers';

type Outcome = { document: vscode.TextDocument; problems: number } | { cancelled: string };

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('the web extension', () => {
  afterEach(closeAllEditors);

  it('runs its browser bundle in the web worker extension host, which has no Node', async () => {
    await tcpflowApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // Mocha's browser build brings a `process` of its own, without `versions.node`.
    const global = globalThis as { process?: { versions?: { node?: string } }; WorkerGlobalScope?: unknown };
    assert.deepEqual(
      [vscode.env.uiKind, extension.packageJSON.browser, typeof global.WorkerGlobalScope, global.process?.versions?.node],
      [vscode.UIKind.Web, './dist/web/extension.js', 'function', undefined],
    );
  });

  it('finds every example clean', async () => {
    const names = (await vscode.workspace.fs.readDirectory(workspaceFolder()))
      .map(([name]) => name)
      .filter((name) => name.endsWith('.tcpflow'))
      .sort();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const shipped = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(extension.extensionUri, 'examples'))).map(([name]) => name);
    assert.deepEqual(names, shipped.filter((name) => name.endsWith('.tcpflow')).sort());
    for (const name of names) {
      const uri = exampleUri(name);
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      const published = open ? Promise.resolve() : nextDiagnosticsChange(uri);
      await vscode.workspace.openTextDocument(uri);
      await published;
      await waitForDiagnostics(uri, []);
    }
  });

  it('publishes a script’s errors with their codes, ranges, messages and related information', async () => {
    // s owes a SYN+ACK and sends RST+ACK; c's ACK follows the RST; proxy is not declared.
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: RST+ACK', 'c -> s: ACK', 'note proxy: watching');
    const { document } = await openScript(text);
    const diagnostics = await waitForDiagnostics(document.uri, [
      ['tcp.reply-mismatch', 'Error', '3:8-3:15'],
      ['tcp.rst-reply', 'Error', '4:8-4:11'],
      ['endpoint.unknown', 'Error', '5:5-5:10'],
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.source, d.relatedInformation?.map((r) => [r.location.uri.toString(), rangeText(r.location.range), r.message])]),
      analyze(text).diagnostics.map((d) => [d.message, 'tcpflow', d.related?.map((r) => [document.uri.toString(), `${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`, r.message])]),
    );
    assert.deepEqual(
      diagnostics.map((d) => d.relatedInformation?.map((r) => rangeText(r.location.range))),
      [['2:0-2:11'], ['3:0-3:15'], undefined],
    );
  });

  it('draws the preview of handshake.tcpflow in its webview', async () => {
    const uri = exampleUri('handshake.tcpflow');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await waitForDrawing(uri, { diagram: 'sequence', theme: 'default', page: 0, messages: 3, notes: 5 });
  });

  it('imports a packetdrill script with the importers’ browser bundle', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const pkt = await readText(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'packetdrill', 'passive-open.pkt'));
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'passive-open.pkt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(pkt));
    const outcome = await vscode.commands.executeCommand<Outcome>('tcpflow.importFile', uri);
    await vscode.workspace.fs.delete(uri);
    assert.ok('document' in outcome, JSON.stringify(outcome));
    assert.deepEqual([outcome.document.languageId, outcome.document.getText(), outcome.problems], ['tcpflow', importPacketdrill(pkt, { title: 'passive-open.pkt' }).text, 0]);
  });
});
