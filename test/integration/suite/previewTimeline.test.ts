// Runs inside the VS Code extension host: the preview's Timeline tab in a real VS Code. A click
// on a ladder arrow puts the editor's cursor on its line; stepping with ← and → moves one event
// at a time (so the cursor stays on a line for its segment's sending and arrival) and the
// editor's cursor follows.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { waitFor } from '../waitFor';
import { closeAllEditors, exampleUri, openScript, rangeText, tcpflowApi, waitForValue } from './helpers';
import { actInPreview, clickInPreview, expectedDrawing, measurePreview, previewReport, RENDER_TIMEOUT_MS, waitForDrawing, type Drawing } from './previewHelpers';

/** 0-based lines of handshake.tcpflow's three segments. */
const SEGMENTS = [12, 13, 14];
const TIMELINE: Drawing = { diagram: 'timeline', theme: 'default', page: 0, messages: 0, notes: 0 };

describe('preview timeline', () => {
  before(closeAllEditors);
  after(closeAllEditors);

  it('opens the Timeline tab; a clicked arrow puts the cursor on its line; ←/→ step one event at a time and the cursor follows', async () => {
    const uri = exampleUri('handshake.tcpflow');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    await tcpflowApi();
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await waitForDrawing(uri, expectedDrawing(editor.document.getText()));
    await clickInPreview({ kind: 'tab', tab: 'timeline' });
    await waitForDrawing(uri, TIMELINE);
    const fitted = await measurePreview();
    assert.deepEqual([fitted.fit, fitted.toolbarRows], ['width', 1]);
    assert.deepEqual(fitted.controls, ['sequence', 'timeline', 'state', 'fit-width', 'fit-page', 'zoom-out', 'actual-size', 'zoom-in', 'step-first', 'step-previous', 'step-next', 'step-last', 'step-stop', 'menu']);

    const cursor = () => rangeText(editor.selection);
    const at = (line: number) => `${line}:0-${line}:0`;
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await clickInPreview({ kind: 'segment', index: 1 });
    await waitForValue(cursor, at(SEGMENTS[1]), 'the cursor on the clicked arrow’s line');
    await clickInPreview({ kind: 'segment', index: 2 });
    await waitForValue(cursor, at(SEGMENTS[2]), 'the cursor on the clicked arrow’s line');

    // Each segment is two events, its sending and its arrival, both on its line; the step
    // control starts at the first event.
    for (const [key, line] of [
      ['ArrowRight', SEGMENTS[0]],
      ['ArrowRight', SEGMENTS[0]],
      ['ArrowRight', SEGMENTS[1]],
      ['ArrowRight', SEGMENTS[1]],
      ['ArrowRight', SEGMENTS[2]],
      ['ArrowRight', SEGMENTS[2]],
      ['ArrowRight', SEGMENTS[2]],
      ['ArrowLeft', SEGMENTS[2]],
      ['ArrowLeft', SEGMENTS[1]],
    ] as const) {
      await actInPreview({ kind: 'key', key });
      await waitForValue(cursor, at(line), `the cursor to follow ${key} to line ${line}`);
    }
    await clickInPreview({ kind: 'button', action: 'step-first' });
    await waitForValue(cursor, at(SEGMENTS[0]), 'the cursor on the first step’s line');
    await screenshot('preview-timeline-step');
    await actInPreview({ kind: 'key', key: 'Escape' });
  });

  it('sends a long script shown on the Timeline without its sequence diagram, and draws that once the Sequence tab is shown', async () => {
    await closeAllEditors();
    const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
    for (let i = 0; i < 600; i++) rows.push(`client -> server: PSH+ACK "req ${i}"`, 'server -> client: ACK');
    const editor = await openScript(rows.join('\n'));
    // The cursor at the top: the preview opens on the first page.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    /** The newest render posted, drawn on `tab` (a first page of 200 arrows for the sequence diagram), after render `after`. */
    const drawn = (tab: string, after: number) => {
      const report = previewReport();
      const rendered = report.rendered;
      return report.renderId > after && rendered?.renderId === report.renderId && rendered.diagram === tab && rendered.error === undefined && (tab !== 'sequence' || rendered.messages === 200);
    };
    await waitFor(() => drawn('sequence', -1), 'the first page of the sequence diagram', RENDER_TIMEOUT_MS);
    await clickInPreview({ kind: 'tab', tab: 'timeline' });
    await waitFor(() => drawn('timeline', -1), 'the Timeline', RENDER_TIMEOUT_MS);
    // An edit renders again, for the Timeline only.
    const before = previewReport().renderId;
    await editor.edit((builder) => builder.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\n# edited'));
    await waitFor(() => drawn('timeline', before), 'the edited script on the Timeline', RENDER_TIMEOUT_MS);
    const edited = previewReport().renderId;
    // The Sequence tab asks for its diagram: a render follows without any edit, and its first page is drawn.
    await clickInPreview({ kind: 'tab', tab: 'sequence' });
    await waitFor(() => drawn('sequence', edited), 'the sequence diagram rendered again for the Sequence tab', RENDER_TIMEOUT_MS);
    assert.equal(previewReport().renderId, edited + 1);
  });
});
