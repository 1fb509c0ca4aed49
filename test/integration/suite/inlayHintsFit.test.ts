// Runs inside the VS Code extension host, with the offline launcher (runOffline.ts) reading the
// workbench's DOM: at the default split — the workbench as a user first sees it, side bar
// open, the preview beside the editor — every inlay hint of every example ends inside the
// editor's visible width, read from the hints' boxes on the page, page by page of each script.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inlayHintBoxes, launcherAnswers, setWindowSize } from '../askLauncher';
import type { InlayHintBoxes } from '../launcherProtocol';
import { screenshot } from '../screenshot';
import { waitFor } from '../waitFor';
import { closeAllEditors, hintRows, resetSettings, tcpflowApi } from './helpers';
import { expectedDrawing, waitForDrawing } from './previewHelpers';

/** The labels of the hints the provider gives for the lines the editor shows, sorted. */
async function expectedLabels(editor: vscode.TextEditor): Promise<string[]> {
  const range = editor.visibleRanges[0];
  const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, range);
  return hintRows(hints)
    .map((row) => row.slice(row.indexOf(' ') + 1))
    .sort();
}

/** Whether `shown` holds every label of `expected`, as many times. */
function showsAll(shown: readonly string[], expected: readonly string[]): boolean {
  const left = [...shown];
  return expected.every((label) => {
    const at = left.indexOf(label);
    return at >= 0 && left.splice(at, 1).length === 1;
  });
}

/**
 * The hint boxes once the page shows every expected hint (it draws them a moment after
 * scrolling); it may show more, on a line it draws half past the visible range.
 */
async function boxesShowing(expected: readonly string[], what: string): Promise<InlayHintBoxes['editors'][number]> {
  let last: InlayHintBoxes | undefined;
  const shown = (boxes: InlayHintBoxes) =>
    boxes.editors[0]?.hints
      .map((h) => h.text)
      .filter((t) => t !== '')
      .sort();
  try {
    await waitFor(async () => {
      const boxes = await inlayHintBoxes();
      last = boxes;
      return boxes.editors.length === 1 && showsAll(shown(boxes), expected);
    }, `${what} to show its inlay hints`);
  } catch (error) {
    assert.deepEqual(last && { editors: last.editors.length, hints: shown(last) }, { editors: 1, hints: expected }, String(error));
    throw error;
  }
  return last!.editors[0];
}

/** The visible width in columns and the overflows, over every line of every example. */
async function checkEveryExample(screenshotName: string | undefined): Promise<{ checked: number; columns: number; overflows: string[] }> {
  // The four-way close first, drawn beside its editor for the screenshot.
  const first = (uri: vscode.Uri) => (uri.path.endsWith('/four-way-close.tcpflow') ? 0 : 1);
  const examples = (await vscode.workspace.findFiles('*.tcpflow')).sort((a, b) => first(a) - first(b) || a.path.localeCompare(b.path));
  assert.ok(examples.length >= 18, `${examples.length} examples`);
  const overflows: string[] = [];
  let checked = 0;
  let columns = Infinity;
  for (const uri of examples) {
    const name = path.basename(uri.path);
    await closeAllEditors();
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.One);
    await tcpflowApi();
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    await waitFor(() => vscode.window.tabGroups.all.length === 2 && vscode.window.activeTextEditor === editor, `${name}'s preview beside it`);
    const lastLine = editor.document.lineCount - 1;
    for (let top = 0; top <= lastLine; ) {
      editor.revealRange(new vscode.Range(top, 0, top, 0), vscode.TextEditorRevealType.AtTop);
      // Near the end the editor may stop scrolling before `top` reaches the top: the last page.
      await waitFor(() => editor.visibleRanges[0]?.start.line === top || editor.visibleRanges[0]?.end.line === lastLine, `${name} to show line ${top + 1}`);
      const expected = await expectedLabels(editor);
      const boxes = await boxesShowing(expected, `${name} from line ${top + 1}`);
      columns = Math.min(columns, (boxes.visibleRight - boxes.textLeft) / boxes.charWidth);
      for (const hint of boxes.hints) {
        checked += hint.text === '' ? 0 : 1;
        if (hint.right > boxes.visibleRight + 0.5) {
          overflows.push(`${name}: "${hint.text}" ends ${((hint.right - boxes.visibleRight) / boxes.charWidth).toFixed(1)} columns past the visible width`);
        }
      }
      if (screenshotName && name === 'four-way-close.tcpflow' && top === 0) {
        await waitForDrawing(uri, expectedDrawing(editor.document.getText()));
        await screenshot(screenshotName);
      }
      top = editor.visibleRanges[0].end.line + 1;
    }
  }
  return { checked, columns, overflows };
}

describe('inlay hints at the default split', () => {
  before(async function () {
    // Only the offline launcher can read the workbench's DOM.
    if (!launcherAnswers()) this.skip();
    await resetSettings();
    await closeAllEditors();
  });

  after(async () => {
    await closeAllEditors();
    if (!launcherAnswers()) return;
    await setWindowSize(1600, 1000);
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  // The suite's window, 1600×1000 with the side bar open, and a laptop's, 1280×800 with the
  // side bar closed: both leave the editor about 56 columns beside the preview.
  for (const [width, height, sideBar] of [
    [1600, 1000, true],
    [1280, 800, false],
  ] as const) {
    it(`end inside the visible width of the editor beside the preview, on every line of every example: ${width}×${height}, side bar ${sideBar ? 'open' : 'closed'}`, async function () {
      // Some 80 pages of scripts, each waited for until the editor has drawn its hints.
      this.timeout(300_000);
      await setWindowSize(width, height);
      await vscode.commands.executeCommand(sideBar ? 'workbench.view.explorer' : 'workbench.action.closeSidebar');
      // One screenshot: a preview opened after others were closed is not always drawn in time.
      const { checked, columns, overflows } = await checkEveryExample(sideBar ? 'inlay-hints-default-split' : undefined);
      console.log(`      ${checked} inlay hints checked; the editor shows ${columns.toFixed(1)} columns`);
      assert.ok(checked >= 100, `${checked} hints checked`);
      assert.ok(columns >= 50 && columns <= 62, `the editor shows ${columns.toFixed(1)} columns`);
      assert.deepEqual(overflows, []);
    });
  }
});
