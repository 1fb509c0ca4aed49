// Runs in the desktop VS Code extension host (Node): package.json's `main`. The importers'
// bundle is required from beside this one when an import command first runs.

import * as path from 'node:path';
import type * as vscode from 'vscode';
import { activateTcpflow, type TcpflowApi } from './activate';
import type { Importers } from './importCommands';

export type { TcpflowApi } from './activate';

export function activate(context: vscode.ExtensionContext): TcpflowApi | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return activateTcpflow(context, async () => require(path.join(__dirname, 'importers.js')) as Importers);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
