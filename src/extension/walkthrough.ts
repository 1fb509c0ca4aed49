// Runs in the VS Code extension host: the command behind the Getting Started walkthrough's
// first step. It opens a copy of a short script with one mistake in it, as a new untitled
// document, so that the steps after it (diagnostics, quick fix, preview) have something to
// show and the student's edits never change a file of the extension.

import * as vscode from 'vscode';
import { LANGUAGE_ID } from './analyses';

export const WALKTHROUGH_EXAMPLE = ['media', 'walkthrough', 'first-script.tcpflow'] as const;

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpflow.openWalkthroughExample', async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...WALKTHROUGH_EXAMPLE));
      const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(document);
    }),
  ];
}
