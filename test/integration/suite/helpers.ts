// Runs inside the VS Code extension host, in the integration tests: opening and closing
// scripts, settings, waiting for what the extension publishes (on VS Code's events, with a
// deadline), and one-line forms of VS Code's results so that tests compare whole lists.

import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { waitFor } from '../waitFor';

export const EXTENSION_ID = 'tcpflow.tcpflow';
const LANGUAGE_ID = 'tcpflow';

/**
 * The part of what activate() returns (TcpflowApi in src/extension/extension.ts) that tests
 * use. Declared again, not imported, so that compiling the tests does not compile the
 * extension's modules too.
 */
export interface TcpflowApi {
  readonly statusText: () => string;
}

/** Joins source lines into one script text. */
export function lines(...rows: string[]): string {
  return rows.join('\n');
}

// ---- the extension, documents, settings ---------------------------------------------------

/** The extension's API, once it is active (it activates when a tcpflow document opens). */
export async function tcpflowApi(): Promise<TcpflowApi> {
  const extension = vscode.extensions.getExtension<TcpflowApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  await waitFor(() => extension.isActive, `${EXTENSION_ID} to activate`);
  assert.ok(extension.exports, 'activate() returned the API: it did not fail');
  return extension.exports;
}

let scriptsOpened = 0;

/**
 * A new untitled document `script-N.tcpflow` holding `content`, shown and focused in an editor.
 * Each has a name of its own: `openTextDocument({ content })` names documents `Untitled-N`,
 * reusing the name of one closed just before, and code-server then at times restores that
 * closed document's text from its backup instead of the content asked for. So the document
 * opens empty and gets its content by an edit, which the extension checks a moment later: an
 * empty diagnostic list just after this proves nothing, as the empty document has one too.
 */
export async function openScript(content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `script-${++scriptsOpened}.tcpflow` });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  assert.equal(editor.document.languageId, LANGUAGE_ID);
  assert.equal(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), content)), true, 'the script was typed in');
  assert.equal(editor.document.getText(), content);
  return editor;
}

/** The workspace folder: the launcher's copy of examples/. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the examples folder open');
  return folder.uri;
}

export function exampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/**
 * Closes every editor without saving: reverting first, since closing a changed document asks
 * whether to save it. An untitled document is discarded, and so closed for extensions too.
 */
export async function closeAllEditors(): Promise<void> {
  const tabCount = () => vscode.window.tabGroups.all.reduce((n, group) => n + group.tabs.length, 0);
  for (let left = tabCount(); left > 0; left--) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  assert.equal(tabCount(), 0, 'every editor is closed');
}

/** Sets a `tcpflow.*` setting in the user settings; `undefined` removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(LANGUAGE_ID).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Removes every `tcpflow.*` setting a test may have set, so that each test starts from the defaults. */
export async function resetSettings(): Promise<void> {
  for (const key of ['stateNaming', 'inlayHints.enabled', 'inlayHints.mode', 'diagnostics.severity', 'diagnostics.delay', 'msl']) {
    if (vscode.workspace.getConfiguration(LANGUAGE_ID).inspect(key)?.globalValue !== undefined) await setSetting(key, undefined);
  }
}

// ---- waiting --------------------------------------------------------------------------------

/** Resolves once `condition` holds: checked now and after each firing of `event`; fails after the deadline. */
export function waitForEvent<T>(event: vscode.Event<T>, condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      subscription.dispose();
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      try {
        if (condition()) settle();
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const subscription = event(check);
    const timer = setTimeout(() => settle(new Error(`gave up after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    check();
  });
}

/**
 * Polls `actual` until it deep-equals `expected`, for what VS Code offers no event for (the
 * status bar, providers' results after a setting changes); after the deadline, fails with the
 * difference between the last value and the expected one.
 */
export async function waitForValue<T>(actual: () => T | Promise<T>, expected: T, what: string, timeoutMs = 5_000): Promise<void> {
  let last: T | undefined;
  try {
    await waitFor(async () => isDeepStrictEqual((last = await actual()), expected), what, timeoutMs);
  } catch (error) {
    assert.deepEqual(last, expected, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

// ---- diagnostics ----------------------------------------------------------------------------

/** A diagnostic as `[code, severity, range]`, the severity by its enum name. */
export type DiagnosticRow = readonly [code: string, severity: string, range: string];

/** `line:character-line:character`, 0-based as in vscode.Range. */
export function rangeText(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function diagnosticRows(uri: vscode.Uri): DiagnosticRow[] {
  return vscode.languages.getDiagnostics(uri).map((d) => [String(d.code), vscode.DiagnosticSeverity[d.severity], rangeText(d.range)]);
}

/**
 * Whether diagnostics were published for `uri`. A clean document has an empty list, which
 * `getDiagnostics(uri)` cannot tell from "not checked yet"; but a diagnostic collection keeps
 * an entry for a URI it was given an empty list for, and `getDiagnostics()` (all URIs) lists
 * it. (After a collection deletes a URI, VS Code may echo an empty entry back for it from the
 * Problems panel's side: so this tells apart only URIs not published and closed before.)
 */
export function diagnosticsPublished(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.languages.getDiagnostics().some(([published]) => published.toString() === key);
}

/**
 * Resolves with the next `onDidChangeDiagnostics` event that names `uri`. The extension host
 * fires it whenever a collection sets the URI's list, an empty list included (batched, 50 ms).
 */
export function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs = 5_000): Promise<void> {
  const key = uri.toString();
  let named = false;
  const event: vscode.Event<vscode.DiagnosticChangeEvent> = (listener) =>
    vscode.languages.onDidChangeDiagnostics((e) => {
      named ||= e.uris.some((changed) => changed.toString() === key);
      listener(e);
    });
  return waitForEvent(event, () => named, `a diagnostics change of ${key}`, timeoutMs);
}

/**
 * Waits until the diagnostics published for `uri` are exactly `expected` (checked on every
 * diagnostics change), and returns them; fails with the difference after the deadline.
 */
export async function waitForDiagnostics(uri: vscode.Uri, expected: readonly DiagnosticRow[], timeoutMs = 5_000): Promise<vscode.Diagnostic[]> {
  const matches = () => diagnosticsPublished(uri) && isDeepStrictEqual(diagnosticRows(uri), expected);
  try {
    await waitForEvent(vscode.languages.onDidChangeDiagnostics, matches, `the diagnostics of ${uri}`, timeoutMs);
  } catch (error) {
    assert.deepEqual(diagnosticRows(uri), expected, error instanceof Error ? error.message : String(error));
    assert.ok(diagnosticsPublished(uri), `no diagnostics were published for ${uri}`);
    throw error;
  }
  return vscode.languages.getDiagnostics(uri);
}

/** The one diagnostic of `uri` with `code`. */
export function diagnosticWithCode(uri: vscode.Uri, code: string): vscode.Diagnostic {
  const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} diagnostic in ${uri}`);
  return found[0];
}

// ---- other results ----------------------------------------------------------------------------

/** Applies text edits to `document` and checks that VS Code took them. */
export async function applyTextEdits(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, [...edits]);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit was applied');
}

/** `line:character label`, 0-based. */
export function hintRows(hints: readonly vscode.InlayHint[]): string[] {
  return hints.map((h) => {
    const label = typeof h.label === 'string' ? h.label : h.label.map((part) => part.value).join('');
    return `${h.position.line}:${h.position.character} ${label}`;
  });
}

/** The inlay hints of the whole document. */
export async function inlayHintsOf(document: vscode.TextDocument): Promise<string[]> {
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  return hintRows(await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole));
}

/**
 * Resolves when VS Code next asks the hover providers of tcpflow documents, which it does for
 * every provider together: a sign that a hover the editor was told to show is being computed.
 */
export function nextHoverRequest(timeoutMs = 5_000): Promise<void> {
  const asked = new vscode.EventEmitter<void>();
  let seen = false;
  const spy = vscode.languages.registerHoverProvider(
    { language: LANGUAGE_ID },
    {
      provideHover() {
        seen = true;
        asked.fire();
        return undefined;
      },
    },
  );
  return waitForEvent(asked.event, () => seen, 'VS Code to ask for a hover', timeoutMs).finally(() => {
    spy.dispose();
    asked.dispose();
  });
}
