// Runs inside the VS Code extension host that `runOffline.js --self-test` starts, with
// fixtures/minimal-extension as the extension under development.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';

describe('the offline launcher', () => {
  it('runs the tests in VS Code 1.100.3 with the development extension active', async () => {
    console.log(`vscode.version ${vscode.version}, appHost ${vscode.env.appHost}, appName ${vscode.env.appName}`);
    assert.equal(vscode.version, '1.100.3');

    const extension = vscode.extensions.getExtension('tcpflow-test.minimal-extension');
    assert.ok(extension, 'the development extension tcpflow-test.minimal-extension is loaded');
    await extension.activate();
    assert.equal(extension.isActive, true);

    await screenshot('self-test');
  });
});
