// Runs inside the VS Code extension host: the live preview in its webview, as the extension
// sees it — what the webview reports it drew and highlighted (previewHelpers.ts) — and as the
// editor shows it: the selection a click in the diagram makes. Screenshots show the editor
// with the diagram beside it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { closeAllEditors, EXTENSION_ID, exampleUri, openScript, rangeText, tcpflowApi, waitForValue } from './helpers';
import {
  actInPreview,
  clickInPreview,
  expectedDrawing,
  measurePreview,
  previewReport,
  setColorTheme,
  waitForDrawing,
  waitForHighlight,
  type Drawing,
} from './previewHelpers';
import { waitFor } from '../waitFor';

/** 0-based lines of handshake.tcpflow's three segments, and of its `expect`. */
const HANDSHAKE_SEGMENTS = [12, 13, 14];
const HANDSHAKE_EXPECT = 15;
/** The handshake as drawn in the light theme: three arrows, four state notes (one per line that changes a state) and the section banner. */
const HANDSHAKE: Drawing = { diagram: 'sequence', theme: 'default', page: 0, messages: 3, notes: 5 };
const HANDSHAKE_STATE_MACHINE: Drawing = { diagram: 'state', theme: 'default', page: 0, messages: 0, notes: 0 };

describe('live preview', () => {
  // The workbench as a user first sees it, sidebar open: at 1600×1000 the preview beside the
  // editor is 626 px wide, the width it is designed for.
  before(closeAllEditors);

  after(async () => {
    await setColorTheme(undefined);
    await closeAllEditors();
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
      assert.deepEqual(expectedDrawing(editor.document.getText()), HANDSHAKE);
      await screenshot('preview-handshake');
    });

    it('opens fitted: at the default split the diagram lies within the webview, at a true zoom of at most 100 %', async () => {
      const m = await measurePreview();
      const inside = m.svg.left >= m.stage.left && m.svg.left + m.svg.width <= m.stage.left + m.stage.width && m.stage.left + m.stage.width <= m.page.width;
      assert.ok(inside, `SVG ${JSON.stringify(m.svg)} in the stage ${JSON.stringify(m.stage)} of a ${m.page.width} px webview`);
      assert.ok(m.page.width >= 600 && m.page.width <= 660, `the preview is ${m.page.width} px wide beside the editor`);
      assert.deepEqual([m.fit, m.zoomLabel, m.toolbarRows], ['width', `${Math.round(m.zoom * 100)}%`, 1]);
      assert.ok(m.zoom <= 1 && m.smallestText >= 10, `zoom ${m.zoom}, smallest text ${m.smallestText} px`);
    });

    it('zooms with Ctrl+= and Ctrl+-, says so in its zoom label, and scrolls with the keys', async () => {
      const fitted = await measurePreview();
      await actInPreview({ kind: 'key', key: '=', ctrl: true });
      const zoomed = await measurePreview();
      assert.deepEqual([zoomed.fit, zoomed.zoomLabel], ['none', `${Math.round(fitted.zoom * 1.2 * 100)}%`]);
      await actInPreview({ kind: 'key', key: 'End' });
      const end = await measurePreview();
      assert.ok(Math.abs(end.scrollTop - (end.scrollHeight - end.stage.height)) <= 1, `End: ${end.scrollTop} of ${end.scrollHeight - end.stage.height}`);
      await actInPreview({ kind: 'wheel', deltaY: 5000 });
      assert.equal((await measurePreview()).scrollTop, end.scrollTop, 'the wheel stops at the bottom');
      await actInPreview({ kind: 'key', key: 'Home' });
      assert.equal((await measurePreview()).scrollTop, 0);
      await clickInPreview({ kind: 'button', action: 'fit-width' });
      assert.deepEqual([(await measurePreview()).fit, (await measurePreview()).zoomLabel], ['width', fitted.zoomLabel]);
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

    it('puts the cursor at the start of a clicked message, selects its line on a double-click, and the diagram then highlights it', async () => {
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await waitForHighlight(0, []);
      const selection = () => {
        const active = vscode.window.activeTextEditor;
        return active && `${active.document.uri.toString()} ${rangeText(active.selection)}`;
      };
      await clickInPreview({ kind: 'message', index: 1 });
      const line = editor.document.lineAt(HANDSHAKE_SEGMENTS[1]);
      await waitForValue(selection, `${uri.toString()} ${line.lineNumber}:0-${line.lineNumber}:0`, 'the cursor at the clicked message line');
      await waitForHighlight(HANDSHAKE_SEGMENTS[1], [1]);
      await actInPreview({ kind: 'click', target: { kind: 'message', index: 2 }, double: true });
      const third = editor.document.lineAt(HANDSHAKE_SEGMENTS[2]);
      await waitForValue(selection, `${uri.toString()} ${third.lineNumber}:0-${third.lineNumber}:${third.text.length}`, 'the double-clicked message line selected');
      await waitForHighlight(HANDSHAKE_SEGMENTS[2], [2]);
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

    for (const [theme, drawn] of [
      ['Default High Contrast', 'hc-dark'],
      ['Default High Contrast Light', 'hc-light'],
    ] as const) {
      it(`draws its own diagram in ${theme}`, async () => {
        try {
          await setColorTheme(theme);
          await waitForDrawing(uri, { ...HANDSHAKE, theme: drawn });
          await screenshot(`preview-${drawn}`);
        } finally {
          await setColorTheme(undefined);
        }
        await waitForDrawing(uri, HANDSHAKE);
      });
    }

    it('keeps a view per document: another file opens fitted at its top, and this one comes back zoomed as it was left', async () => {
      await actInPreview({ kind: 'key', key: '=', ctrl: true });
      const left = await measurePreview();
      assert.equal(left.fit, 'none');
      const other = exampleUri('four-way-close.tcpflow');
      const otherDocument = await vscode.workspace.openTextDocument(other);
      await vscode.window.showTextDocument(otherDocument, vscode.ViewColumn.One);
      await waitForDrawing(other, expectedDrawing(otherDocument.getText()));
      const fresh = await measurePreview();
      assert.deepEqual([fresh.fit, fresh.scrollTop], ['width', 0]);
      await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
      await waitForDrawing(uri, HANDSHAKE);
      const back = await measurePreview();
      assert.deepEqual([back.fit, back.zoomLabel], ['none', left.zoomLabel]);
      await clickInPreview({ kind: 'button', action: 'fit-width' });
    });
  });

  describe('of a long script', () => {
    after(closeAllEditors);

    it('scrolls with the editor, and the editor with it', async () => {
      const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
      for (let i = 0; i < 60; i++) rows.push(`client -> server: PSH+ACK "req ${i}"`, 'server -> client: ACK');
      const editor = await openScript(rows.join('\n'));
      await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
      await waitForDrawing(editor.document.uri, expectedDrawing(editor.document.getText()));
      editor.revealRange(new vscode.Range(80, 0, 80, 0), vscode.TextEditorRevealType.AtTop);
      // The editor reports its visible range more than once while it reveals: the preview has
      // followed once it is down there and stays put from one look to the next.
      let last = -1;
      await waitFor(async () => {
        const top = (await measurePreview()).scrollTop;
        const settled = top > 1000 && top === last;
        last = top;
        return settled;
      }, 'the preview to scroll down with the editor and stay there');
      const followed = await measurePreview();
      const top = editor.visibleRanges[0].start.line;
      await actInPreview({ kind: 'scroll', dy: -followed.scrollTop });
      await waitFor(() => editor.visibleRanges[0].start.line < top - 40, `the editor to scroll up with the preview (from line ${top})`);
      await screenshot('preview-scroll-sync');
    });
  });

  describe('in Markdown', () => {
    after(closeAllEditors);

    it('puts squiggles in the Markdown editor at the file\'s lines for the errors of a tcpflow fence', async () => {
      const markdown = ['# Notes', '', 'Some text.', '', '```tcpflow', 'participant a', 'participant b', 'a -> b: SYN+ACK', '```', ''].join('\n');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document);
      await waitFor(() => vscode.languages.getDiagnostics(document.uri).length > 0, 'squiggles in the Markdown editor');
      assert.deepEqual(
        vscode.languages.getDiagnostics(document.uri).map((d) => [String(d.code), d.range.start.line]),
        [['tcp.invalid-send', 7]],
      );
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
        await screenshot(`example-${path.basename(name, '.tcpflow')}`);
      }
    });
  });
});
