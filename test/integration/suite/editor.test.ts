// Runs inside the VS Code extension host: writing a script with the editor's help, as a user
// does — the suggest widget's first item accepted line after line, the owed reply inserted by
// its code action, `expect` completed with the actual states, the inlay hints of an example,
// and the Getting Started walkthrough with the commands its steps run.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { waitFor } from '../waitFor';
import { EXTENSION_ID, closeAllEditors, exampleUri, inlayHintsOf, lines, openScript, resetSettings, setSetting, waitForDiagnostics, waitForValue } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** The completion items VS Code's providers give at the end of the document, in the order shown. */
async function offeredAtEnd(editor: vscode.TextEditor): Promise<vscode.CompletionItem[]> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
  return [...list.items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)));
}

/** Puts the cursor at the end of the document, on a new line unless the last one is empty. */
async function newLineAtEnd(editor: vscode.TextEditor): Promise<void> {
  await vscode.commands.executeCommand('leaveSnippet');
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  if (end.character > 0) await vscode.commands.executeCommand('type', { text: '\n' });
}

/** Opens the suggest widget and accepts its selected (first) item, as Ctrl+Space then Enter do. */
async function acceptFirstSuggestion(editor: vscode.TextEditor): Promise<void> {
  const version = editor.document.version;
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  // The widget opens once the providers answer; accepting before that does nothing.
  await waitFor(async () => {
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    return editor.document.version !== version;
  }, 'the suggest widget to open and take the first item');
}

describe('writing with the editor', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  it('a four-way close from an empty file: the first suggestion on each line, only the calls typed', async () => {
    const editor = await openScript('');
    // Each line: typed, or the first suggestion's label and whether its detail says it is owed.
    const steps: readonly (readonly ['accept', string, boolean] | readonly ['type', string])[] = [
      ['accept', 'participant client, participant server listen', false],
      ['accept', 'client -> server: SYN', false],
      ['accept', 'server -> client: SYN+ACK', true],
      ['accept', 'client -> server: ACK', true],
      ['accept', 'client -> server: PSH+ACK "data"', false],
      ['accept', 'server -> client: ACK', false],
      ['type', 'client: close'],
      ['accept', 'client -> server: FIN+ACK', true],
      ['accept', 'server -> client: ACK', true],
      ['type', 'server: close'],
      ['accept', 'server -> client: FIN+ACK', true],
      ['accept', 'client -> server: ACK', true],
    ];
    for (const step of steps) {
      await newLineAtEnd(editor);
      if (step[0] === 'type') {
        await vscode.commands.executeCommand('type', { text: step[1] });
        continue;
      }
      const [first] = await offeredAtEnd(editor);
      assert.deepEqual([labelOf(first), first.detail?.startsWith('owed: ') ?? false], [step[1], step[2]], `the first item after:\n${editor.document.getText()}`);
      await acceptFirstSuggestion(editor);
    }
    assert.equal(
      editor.document.getText(),
      lines(
        'participant client',
        'participant server listen',
        'client -> server: SYN',
        'server -> client: SYN+ACK',
        'client -> server: ACK',
        'client -> server: PSH+ACK "data"',
        'server -> client: ACK',
        'client: close',
        'client -> server: FIN+ACK',
        'server -> client: ACK',
        'server: close',
        'server -> client: FIN+ACK',
        'client -> server: ACK',
      ),
    );
    await waitForDiagnostics(editor.document.uri, []);
  });

  it('the owed reply: first in completion with its numbers and RFC section, and as a code action', async () => {
    const editor = await openScript(lines('participant client', 'participant server listen', 'client -> server: SYN seq=x', ''));
    const [first] = await offeredAtEnd(editor);
    assert.deepEqual(
      [labelOf(first), vscode.CompletionItemKind[first.kind ?? -1], first.insertText instanceof vscode.SnippetString ? first.insertText.value : first.insertText, first.detail],
      ['server -> client: SYN+ACK ack=x+1', 'Event', 'server -> client: SYN+ACK ack=x+1', 'owed: server received a SYN in LISTEN (line 3), which RFC 9293 §3.10.7.2 answers with SYN+ACK'],
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(2, 5, 2, 5));
    // The line's own warning (the reply is still missing at the end) brings its fix too.
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value]), [
      ["Add 'server -> client: SYN+ACK' at the end", 'quickfix'],
      ['Insert the owed reply: server -> client: SYN+ACK ack=x+1', 'quickfix'],
    ]);
    const insert = actions[1].edit;
    assert.ok(insert);
    assert.equal(await vscode.workspace.applyEdit(insert), true);
    assert.equal(editor.document.getText(), lines('participant client', 'participant server listen', 'client -> server: SYN seq=x', 'server -> client: SYN+ACK ack=x+1', ''));
    await waitForDiagnostics(editor.document.uri, [['tcp.reply-missing', 'Warning', '3:0-3:33'], ['tcp.unfinished', 'Information', '3:0-3:33']]);
  });

  it('expect: the actual states first', async () => {
    const editor = await openScript(lines('participant client', 'participant server listen', 'client -> server: SYN', 'expect '));
    const [first] = await offeredAtEnd(editor);
    assert.deepEqual([labelOf(first), first.detail], ['client SYN-SENT, server SYN-RECEIVED', 'the states here']);
  });

  it('inlay hints on an example: only the state changes, each line its own', async () => {
    const document = await vscode.workspace.openTextDocument(exampleUri('four-way-close.tcpflow'));
    await vscode.window.showTextDocument(document);
    // Beside each end's name on a segment line, in Figure 5's short names.
    const changes = [
      '11:6 → SYN-SENT',
      '11:16 → SYN-RCVD',
      '12:16 → ESTAB',
      '13:16 → ESTAB',
      '17:6 → FIN-WAIT-1',
      '17:16 → CLOSE-WAIT',
      '18:16 → FIN-WAIT-2',
      '23:6 → LAST-ACK',
      '23:16 → TIME-WAIT',
      '24:16 → CLOSED',
      '28:9 client → CLOSED',
    ];
    assert.deepEqual(await inlayHintsOf(document), changes);
    // As a student sees them: the script beside its preview, at the default split.
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await screenshot('inlay-hints-beside-preview');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await screenshot('inlay-hints-beside-preview-no-sidebar');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await setSetting('inlayHints.mode', 'all');
    await waitForValue(() => inlayHintsOf(document), [
      '11:6 SYN-SENT',
      '11:16 SYN-RCVD',
      '12:6 SYN-RCVD',
      '12:16 ESTAB',
      '13:6 ESTAB',
      '13:16 ESTAB',
      '17:6 FIN-WAIT-1',
      '17:16 CLOSE-WAIT',
      '18:6 CLOSE-WAIT',
      '18:16 FIN-WAIT-2',
      '23:6 LAST-ACK',
      '23:16 TIME-WAIT',
      '24:6 TIME-WAIT',
      '24:16 CLOSED',
      '28:9 client CLOSED',
    ], 'every involved state with tcpflow.inlayHints.mode: all');
    await setSetting('inlayHints.mode', 'off');
    await waitForValue(() => inlayHintsOf(document), [], 'no hints with tcpflow.inlayHints.mode: off');
    await setSetting('inlayHints.mode', undefined);
    await waitForValue(() => inlayHintsOf(document), changes, 'the changes again by default');
  });

  it('the Getting Started walkthrough: contributed, its media shipped, every command its steps run exists', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const [walkthrough] = extension.packageJSON.contributes.walkthroughs as { id: string; steps: { id: string; description: string; media: { markdown: string } }[] }[];
    assert.deepEqual(
      walkthrough.steps.map((s) => [s.id, [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])]),
      [
        ['openExample', ['tcpflow.openWalkthroughExample']],
        ['seeDiagnostics', ['workbench.actions.view.problems']],
        ['quickFix', ['editor.action.quickFix']],
        ['openPreview', ['tcpflow.openPreviewToSide']],
        ['nextSegment', ['editor.action.triggerSuggest']],
      ],
    );
    const commands = new Set(await vscode.commands.getCommands(false));
    const missing = walkthrough.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])).filter((c) => !commands.has(c));
    assert.deepEqual(missing, []);
    for (const step of walkthrough.steps) {
      const media = await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, step.media.markdown));
      assert.equal(media.type, vscode.FileType.File, step.media.markdown);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
  });

  it("the walkthrough's first step opens a script whose mistake has a quick fix", async () => {
    await vscode.commands.executeCommand('tcpflow.openWalkthroughExample');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'tcpflow');
    assert.equal(editor.document.isUntitled, true);
    const [diagnostic] = await waitForDiagnostics(editor.document.uri, [['tcp.bad-ack', 'Error', '9:26-9:29']]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range);
    assert.deepEqual(actions.map((a) => a.title), ['Change to ack=301']);
    assert.ok(actions[0].edit);
    assert.equal(await vscode.workspace.applyEdit(actions[0].edit), true);
    await waitForDiagnostics(editor.document.uri, []);
  });
});
