// Runs inside the VS Code extension host: the diagnostics the extension publishes, as the
// Problems panel gets them — every example clean, a script with errors as it is edited and
// closed, the severity setting, related information.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import {
  EXTENSION_ID,
  applyTextEdits,
  closeAllEditors,
  diagnosticWithCode,
  exampleUri,
  lines,
  nextDiagnosticsChange,
  openScript,
  rangeText,
  resetSettings,
  setSetting,
  tcpflowApi,
  waitForDiagnostics,
  waitForEvent,
  workspaceFolder,
  type DiagnosticRow,
} from './helpers';

const errors = lines(
  'participant c', //                       0
  'participant s listen', //                1
  'c -> s: SYN', //                         2
  's -> c: SYN+ACK ack=7', //               3  tcp.bad-ack
  'c -> s: ACK', //                         4
  'c -> s: PSH "x"', //                     5  tcp.missing-ack-flag
  'note proxy: watching', //                6  endpoint.unknown
  'expect c SYN-SENT', //                   7  tcp.expect-failed
);
const errorRows: DiagnosticRow[] = [
  ['tcp.bad-ack', 'Error', '3:20-3:21'],
  ['tcp.missing-ack-flag', 'Error', '5:8-5:11'],
  ['endpoint.unknown', 'Error', '6:5-6:10'],
  ['tcp.expect-failed', 'Error', '7:9-7:17'],
];

/** The handshake without its last ACK: a reply is owed, and the script ends mid-handshake. */
const unfinished = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK');

describe('diagnostics', () => {
  before(async () => {
    // The pipeline works: a script with a known error gets it.
    const editor = await openScript(lines('participant c', 'c -> c: SYN'));
    await tcpflowApi();
    await waitForDiagnostics(editor.document.uri, [['endpoint.self', 'Error', '1:5-1:6']]);
    await closeAllEditors();
  });

  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  describe('every example in the workspace', () => {
    const folder = workspaceFolder().fsPath;
    const examples = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.tcpflow'))
      .sort();

    it('holds all of the repository’s examples', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const shipped = fs.readdirSync(path.join(extension.extensionPath, 'examples')).filter((name) => name.endsWith('.tcpflow'));
      assert.deepEqual(examples, shipped.sort());
    });

    for (const name of examples) {
      it(`${name} is clean`, async () => {
        const uri = exampleUri(name);
        // The extension publishes on open, an empty list included: for a document not open
        // yet, wait for that first change event; for one open already (activation.test.ts
        // opened one), its entry is there. waitForDiagnostics requires the entry either way,
        // so an empty list is never taken for "not checked yet".
        const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
        const published = open ? Promise.resolve() : nextDiagnosticsChange(uri);
        const document = await vscode.workspace.openTextDocument(uri);
        assert.equal(document.languageId, 'tcpflow');
        await published;
        await waitForDiagnostics(uri, []);
      });
    }
  });

  describe('a script with errors', () => {
    it('gets each error with its code, severity, range and message', async () => {
      const { document } = await openScript(errors);
      const diagnostics = await waitForDiagnostics(document.uri, errorRows);
      assert.deepEqual(
        diagnostics.map((d) => d.source),
        errorRows.map(() => 'tcpflow'),
      );
      assert.equal(diagnostics[0].message, "ack=7 acknowledges data c never sent (c's SND.NXT is 1): expected ack=1");
      assert.equal(diagnostics[2].message, "'proxy' is not a declared participant (declared: c, s); declare it with `participant proxy`");

      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot('diagnostics-problems-panel');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    });

    it('follows an edit that fixes one error', async () => {
      const { document } = await openScript(errors);
      await waitForDiagnostics(document.uri, errorRows);
      await applyTextEdits(document, [vscode.TextEdit.replace(new vscode.Range(3, 20, 3, 21), '1')]);
      assert.equal(document.lineAt(3).text, 's -> c: SYN+ACK ack=1');
      await waitForDiagnostics(document.uri, errorRows.slice(1));
    });

    it('clears them when the document closes', async () => {
      const { document } = await openScript(errors);
      await waitForDiagnostics(document.uri, errorRows);
      await closeAllEditors();
      await waitForEvent(
        vscode.languages.onDidChangeDiagnostics,
        () => vscode.languages.getDiagnostics(document.uri).length === 0,
        `the diagnostics of ${document.uri} to be cleared`,
      );
      assert.equal(document.isClosed, true);
    });
  });

  describe('the tcpflow.diagnostics.severity setting', () => {
    it('changes and hides diagnostics by code, and restores them when removed', async () => {
      const { document } = await openScript(unfinished);
      const defaults: DiagnosticRow[] = [
        ['tcp.reply-missing', 'Warning', '3:0-3:15'],
        ['tcp.unfinished', 'Information', '3:0-3:15'],
      ];
      await waitForDiagnostics(document.uri, defaults);

      await setSetting('diagnostics.severity', { 'tcp.unfinished': 'ignore', 'tcp.reply-missing': 'error' });
      await waitForDiagnostics(document.uri, [['tcp.reply-missing', 'Error', '3:0-3:15']]);

      await setSetting('diagnostics.severity', { 'tcp.*': 'hint' });
      await waitForDiagnostics(document.uri, [
        ['tcp.reply-missing', 'Hint', '3:0-3:15'],
        ['tcp.unfinished', 'Hint', '3:0-3:15'],
      ]);

      await setSetting('diagnostics.severity', undefined);
      await waitForDiagnostics(document.uri, defaults);
    });
  });

  describe('related information', () => {
    it('links a tcp.reply-mismatch to the line that created the obligation', async () => {
      const { document } = await openScript(
        lines(
          'participant c', //         0
          'participant s listen', //  1
          'c -> s: SYN', //           2  s now owes a SYN+ACK
          's -> c: RST+ACK', //       3  tcp.reply-mismatch
          'c -> s: ACK', //           4  tcp.rst-reply
        ),
      );
      await waitForDiagnostics(document.uri, [
        ['tcp.reply-mismatch', 'Error', '3:8-3:15'],
        ['tcp.rst-reply', 'Error', '4:8-4:11'],
      ]);
      const mismatch = diagnosticWithCode(document.uri, 'tcp.reply-mismatch');
      assert.equal(
        mismatch.message,
        's must answer with a SYN+ACK here, because it received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK; it sends RST+ACK instead',
      );
      assert.deepEqual(
        mismatch.relatedInformation?.map((r) => [r.location.uri.toString(), rangeText(r.location.range), r.message]),
        [[document.uri.toString(), '2:0-2:11', 's owes this reply because it received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK']],
      );
      assert.deepEqual(
        diagnosticWithCode(document.uri, 'tcp.rst-reply').relatedInformation?.map((r) => [rangeText(r.location.range), r.message]),
        [['3:0-3:15', 'the RST']],
      );
    });
  });
});
