// Runs in VS Code's web worker extension host (vscode.dev, github.dev): package.json's
// `browser`. No Node here: the importers' browser bundle is read with vscode.workspace.fs and
// evaluated as a CommonJS module, the way this host loads extensions themselves.

import * as vscode from 'vscode';
import { activateTcpflow, type TcpflowApi } from './activate';
import type { Importers } from './importCommands';

export type { TcpflowApi } from './activate';

export function activate(context: vscode.ExtensionContext): TcpflowApi | undefined {
  return activateTcpflow(context, () => loadImporters(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'importers.js')));
}

async function loadImporters(bundle: vscode.Uri): Promise<Importers> {
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(bundle));
  const module = { exports: {} as Importers };
  // The bundle is ours, shipped beside this file; it has no imports (esbuild bundled them).
  new Function('module', 'exports', `${source}\n//# sourceURL=${bundle.toString()}`)(module, module.exports);
  return module.exports;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
