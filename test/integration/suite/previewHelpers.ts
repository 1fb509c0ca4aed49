// Runs inside the VS Code extension host, in the preview's integration tests: the preview as
// the extension observes it. Its webview's DOM is out of the extension host's reach, so the
// tests read what the webview reports back to the extension (`rendered`, `highlighted`:
// src/shared/previewProtocol.ts) through the extension's API, and have the webview act on its
// own page or measure it with the test-only commands `tcpflow.test.click` and
// `tcpflow.test.preview` (src/shared/previewTestProtocol.ts).

import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { analyze, toMermaid } from '../../../src/core/index';
import type { DiagramTab, DiagramTheme, HighlightedMessage, RenderedMessage } from '../../../src/shared/previewProtocol';
import type { ClickTarget, TestAction, TestDoneMessage, ViewMeasure } from '../../../src/shared/previewTestProtocol';
import { screenshot } from '../screenshot';
import { waitFor } from '../waitFor';
import { EXTENSION_ID } from './helpers';

/** The first render loads Mermaid into a new webview: seconds on a slow machine. */
export const RENDER_TIMEOUT_MS = 20_000;

/**
 * The preview's part of the API activate() returns (TcpflowApi, PreviewReport in
 * src/extension/preview/testHooks.ts), declared again so that the tests do not compile the
 * extension's modules.
 */
export interface PreviewReport {
  readonly uri: string;
  readonly renderId: number;
  readonly rendered?: RenderedMessage;
  readonly highlighted?: HighlightedMessage;
}

interface PreviewApi {
  readonly previewReports: () => PreviewReport[];
}

/** What a picture shows, in one comparable value. */
export interface Drawing {
  readonly diagram: DiagramTab;
  readonly theme: DiagramTheme;
  readonly page: number;
  readonly messages: number;
  readonly notes: number;
  readonly error?: string;
}

/** The report of the one preview panel open; fails when there are none or several. */
export function previewReport(): PreviewReport {
  const extension = vscode.extensions.getExtension<PreviewApi | undefined>(EXTENSION_ID);
  assert.ok(extension?.isActive && extension.exports, `${EXTENSION_ID} is active`);
  const reports = extension.exports.previewReports();
  assert.equal(reports.length, 1, 'one preview is open');
  return reports[0];
}

/** The drawing of the render posted last, once the webview has shown it; else undefined. */
function currentDrawing(uri: vscode.Uri): Drawing | undefined {
  const report = previewReport();
  const rendered = report.rendered;
  if (report.uri !== uri.toString() || rendered === undefined || rendered.renderId !== report.renderId) return undefined;
  return drawingOf(rendered);
}

function drawingOf(rendered: RenderedMessage): Drawing {
  const { diagram, theme, page, messages, notes, error } = rendered;
  return error === undefined ? { diagram, theme, page, messages, notes } : { diagram, theme, page, messages, notes, error };
}

/**
 * Waits until the preview shows the newest render of `uri` drawn as `expected`; fails with the
 * last report after the deadline. `after`: only a render posted after that render id counts.
 */
export async function waitForDrawing(uri: vscode.Uri, expected: Drawing, after = -1): Promise<void> {
  try {
    await waitFor(
      () => previewReport().renderId > after && isDeepStrictEqual(currentDrawing(uri), expected),
      `the preview of ${uri.path} to show ${JSON.stringify(expected)}`,
      RENDER_TIMEOUT_MS,
    );
  } catch (error) {
    await screenshot('preview-wait-failed');
    assert.fail(`${error instanceof Error ? error.message : String(error)}; last report: ${JSON.stringify(previewReport())}`);
  }
}

/** Waits until the webview reports the cursor `line` highlighted on the arrows `messages`. */
export async function waitForHighlight(line: number, messages: readonly number[]): Promise<void> {
  const expected: HighlightedMessage = { type: 'highlighted', line, messages };
  try {
    await waitFor(() => isDeepStrictEqual(previewReport().highlighted, expected), `the preview to highlight line ${line}`, RENDER_TIMEOUT_MS);
  } catch (error) {
    await screenshot('preview-wait-failed');
    assert.fail(`${error instanceof Error ? error.message : String(error)}; last report: ${JSON.stringify(previewReport().highlighted)}`);
  }
}

/** Has the visible preview click `target` (a message arrow's label, a tab) as a user would. */
export async function clickInPreview(target: ClickTarget): Promise<void> {
  assert.equal(await vscode.commands.executeCommand<boolean>('tcpflow.test.click', target), true, `the preview took the click on ${JSON.stringify(target)}`);
}

/** Has the visible preview act on its page as a user would (a key, the wheel, a scroll, a double-click). */
export async function actInPreview(action: TestAction): Promise<void> {
  const answer = await vscode.commands.executeCommand<TestDoneMessage>('tcpflow.test.preview', action);
  assert.equal(answer.done, true, `the preview took ${JSON.stringify(action)}`);
}

/** What the visible preview shows, measured in the webview. */
export async function measurePreview(): Promise<ViewMeasure> {
  const answer = await vscode.commands.executeCommand<TestDoneMessage>('tcpflow.test.preview', { kind: 'measure' });
  assert.ok(answer.done && answer.measure !== undefined, 'the preview measured itself');
  return answer.measure;
}

/** What the sequence diagram of `text` must show on its one page in the light theme: an arrow per segment, the core's notes. */
export function expectedDrawing(text: string): Drawing {
  const analysis = analyze(text);
  return { diagram: 'sequence', theme: 'default', page: 0, messages: analysis.segments.size, notes: toMermaid(analysis, { naming: 'rfc' }).notes.length };
}

/** Sets the colour theme in the user settings; `undefined` restores the default. */
export async function setColorTheme(theme: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
}
