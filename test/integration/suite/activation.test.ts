// Runs inside the VS Code extension host, first of the suite files (they run in name order):
// the extension activates on `onLanguage:tcpflow`, so this file opens the first tcpflow
// document of the run and measures how long activation takes.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, exampleUri, type TcpflowApi } from './helpers';

const ACTIVATION_DEADLINE_MS = 10_000;

describe('activation', () => {
  it('activates when the first .tcpflow document opens, and returns its API', async () => {
    const extension = vscode.extensions.getExtension<TcpflowApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    assert.equal(extension.isActive, false, 'nothing activates it before a tcpflow document opens');

    const started = performance.now();
    await vscode.workspace.openTextDocument(exampleUri('handshake.tcpflow'));
    const opened = performance.now();
    // waitFor polls every 50 ms: too coarse to measure with.
    while (!extension.isActive) {
      assert.ok(performance.now() - started < ACTIVATION_DEADLINE_MS, `activated within ${ACTIVATION_DEADLINE_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const activated = performance.now();
    console.log(
      `    tcpflow activated ${Math.round(activated - started)} ms after openTextDocument ` +
        `(the document opened in ${Math.round(opened - started)} ms, activation ended ${Math.round(activated - opened)} ms later)`,
    );

    assert.ok(extension.exports, 'activate() returned the API: it did not fail');
    assert.equal(typeof extension.exports.statusText(), 'string');
  });
});
