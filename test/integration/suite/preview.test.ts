// Runs inside the VS Code extension host: the live preview in its webview, as the extension
// sees it — what the webview reports it drew and highlighted (previewHelpers.ts) — and as the
// editor shows it: the selection a click in the diagram makes. Screenshots show the editor
// with the diagram beside it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { closeAllEditors, EXTENSION_ID, exampleUri, rangeText, tcpflowApi, waitForValue } from './helpers';
import {
  clickInPreview,
  expectedDrawing,
  fitForScreenshot,
  previewReport,
  setColorTheme,
  waitForDrawing,
  waitForHighlight,
  type Drawing,
} from './previewHelpers';

/** 0-based lines of handshake.tcpflow's three segments, and of its `expect`. */
const HANDSHAKE_SEGMENTS = [12, 13, 14];
const HANDSHAKE_EXPECT = 15;
/** The handshake as drawn in the light theme: three arrows, seven state notes. */
const HANDSHAKE: Drawing = { diagram: 'sequence', theme: 'default', page: 0, messages: 3, notes: 7 };
const HANDSHAKE_STATE_MACHINE: Drawing = { diagram: 'state', theme: 'default', page: 0, messages: 0, notes: 0 };

describe('live preview', () => {
  before(async () => {
    await closeAllEditors();
    // Room for the editor and the diagram side by side.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  after(async () => {
    await setColorTheme(undefined);
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  describe('of handshake.tcpflow', () => {
    const uri = exampleUri('handshake.tcpflow');
    let editor: vscode.TextEditor;

    before(async () => {
      editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
      await tcpflowApi();
      await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    });

    after(closeAllEditors);

    it('opens beside the editor, which keeps the focus, and draws the three segments', async () => {
      await waitForDrawing(uri, HANDSHAKE);
      assert.deepEqual(
        vscode.window.tabGroups.all.map((group) => group.tabs.map((tab) => `${group.viewColumn} ${tab.label}`)),
        [['1 handshake.tcpflow'], ['2 Preview handshake.tcpflow']],
      );
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
      await fitForScreenshot(1);
      await screenshot('preview-handshake');
    });

    it('draws an added segment once typing pauses, and drops it again', async () => {
      const original = editor.document.getText();
      const end = editor.document.positionAt(original.length);
      const before = previewReport().renderId;
      assert.equal(await editor.edit((builder) => builder.insert(end, 'client -> server: PSH+ACK "hi"\n')), true);
      await waitForDrawing(uri, { ...HANDSHAKE, messages: 4 }, before);
      assert.deepEqual(expectedDrawing(editor.document.getText()), { ...HANDSHAKE, messages: 4 });
      await screenshot('preview-after-edit');

      const added = previewReport().renderId;
      assert.equal(await editor.edit((builder) => builder.delete(new vscode.Range(end, editor.document.positionAt(editor.document.getText().length)))), true);
      assert.equal(editor.document.getText(), original);
      await waitForDrawing(uri, HANDSHAKE, added);
    });

    it('selects the line of a clicked message in the editor, and the diagram then highlights it', async () => {
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await waitForHighlight(0, []);
      await clickInPreview({ kind: 'message', index: 1 });
      const line = editor.document.lineAt(HANDSHAKE_SEGMENTS[1]);
      await waitForValue(
        () => {
          const active = vscode.window.activeTextEditor;
          return active && `${active.document.uri.toString()} ${rangeText(active.selection)}`;
        },
        `${uri.toString()} ${line.lineNumber}:0-${line.lineNumber}:${line.text.length}`,
        'the editor to select the clicked message line',
      );
      await waitForHighlight(HANDSHAKE_SEGMENTS[1], [1]);
    });

    it('highlights the message of the cursor line, and none on a line without one', async () => {
      for (const [line, messages] of [
        [HANDSHAKE_SEGMENTS[2], [2]],
        [HANDSHAKE_SEGMENTS[0], [0]],
        [HANDSHAKE_EXPECT, []],
      ] as const) {
        editor.selection = new vscode.Selection(line, 4, line, 4);
        await waitForHighlight(line, messages);
      }
    });

    it('redraws both tabs in a dark theme, and in the light one again', async () => {
      editor.selection = new vscode.Selection(HANDSHAKE_SEGMENTS[1], 0, HANDSHAKE_SEGMENTS[1], 0);
      await waitForHighlight(HANDSHAKE_SEGMENTS[1], [1]);
      try {
        await setColorTheme('Default Dark Modern');
        await waitForDrawing(uri, { ...HANDSHAKE, theme: 'dark' });
        await screenshot('preview-dark');
        await clickInPreview({ kind: 'tab', tab: 'state' });
        await waitForDrawing(uri, { ...HANDSHAKE_STATE_MACHINE, theme: 'dark' });
        await screenshot('preview-state-dark');
      } finally {
        await setColorTheme(undefined);
      }
      await waitForDrawing(uri, HANDSHAKE_STATE_MACHINE);
      await clickInPreview({ kind: 'tab', tab: 'sequence' });
      await waitForDrawing(uri, HANDSHAKE);
    });
  });

  describe('of every example', () => {
    after(closeAllEditors);

    it('draws an arrow per segment and every state note, following the active editor', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      // The repository's examples, from the workspace's copy of them.
      const names = fs
        .readdirSync(path.join(extension.extensionPath, 'examples'))
        .filter((name) => name.endsWith('.tcpflow'))
        .sort();
      for (const [i, name] of names.entries()) {
        const uri = exampleUri(name);
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
        if (i === 0) await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
        await waitForDrawing(uri, expectedDrawing(document.getText()));
        if (i === 0) await fitForScreenshot(1);
        await screenshot(`example-${path.basename(name, '.tcpflow')}`);
      }
    });
  });
});
