// "Import packetdrill script, tcpdump output or pcap capture…" and "New Scenario from Clipboard":
// the core's importers behind VS Code commands. The result opens as a new, unsaved .tcpflow
// document, so nothing on disk is ever overwritten.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImportInput } from '../core/index';
import { LANGUAGE_ID } from './analyses';

type Importers = typeof import('./importers');

/** The importers' own bundle, next to this one; loaded on first use. */
function importers(): Importers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'importers.js')) as Importers;
}

/** What the commands did, for tests: the document opened, or why nothing was. */
export type ImportOutcome = { readonly document: vscode.TextDocument; readonly problems: number } | { readonly cancelled: string };

export function registerImportCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tcpflow.importFile', async (uri?: vscode.Uri, connection?: number): Promise<ImportOutcome> => {
      const { IMPORTERS } = importers();
      const file =
        uri ??
        (
          await vscode.window.showOpenDialog({
            title: 'Import a packetdrill script, tcpdump output or a pcap/pcapng capture',
            canSelectMany: false,
            filters: {
              [IMPORTERS.map((i) => i.label).join(', ')]: IMPORTERS.flatMap((i) => i.extensions),
              ...Object.fromEntries(IMPORTERS.map((i) => [i.label, [...i.extensions]])),
              'All files': ['*'],
            },
          })
        )?.[0];
      if (!file) return { cancelled: 'no file chosen' };
      // Bytes, through the workspace file system (so it works on vscode.dev too): a capture file is read as is.
      const bytes = await vscode.workspace.fs.readFile(file);
      let text: string | undefined;
      const input = {
        bytes,
        get text() {
          text ??= new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
          return text;
        },
      };
      return convert(input, file.path.split('/').pop(), connection);
    }),
    vscode.commands.registerCommand('tcpflow.importClipboard', async (connection?: number): Promise<ImportOutcome> => {
      return convert({ text: await vscode.env.clipboard.readText() }, undefined, connection);
    }),
  ];
}

async function convert(input: ImportInput, fileName: string | undefined, connection: number | undefined): Promise<ImportOutcome> {
  const { importerFor } = importers();
  const recognised = importerFor(input, { fileName });
  if (recognised.importer === undefined) return refuse(`Cannot import ${fileName ?? 'the clipboard'}: ${recognised.reason}`);
  const { importer } = recognised;
  const connections = importer.connections(input);
  let chosen = connection;
  if (chosen === undefined && connections.length > 1) {
    const pick = await vscode.window.showQuickPick(
      connections.map((c) => ({ label: c.description, index: c.index })),
      { title: 'The capture holds several TCP connections: import which one?' },
    );
    if (!pick) return { cancelled: 'no connection chosen' };
    chosen = pick.index;
  }
  const result = importer.run(input, { connection: chosen, title: fileName });
  if (result.text === '') {
    return refuse(`Nothing to import: ${result.diagnostics.map((d) => d.message).join('; ') || 'no TCP segment found'}`);
  }
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
  await vscode.window.showTextDocument(document);
  const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(
      `Imported with ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems
        .slice(0, 3)
        .map((d) => (d.line > 0 && result.unit !== 'packet' ? `line ${d.line}: ${d.message}` : d.message))
        .join('; ')}${problems.length > 3 ? '…' : ''}`,
    );
  }
  return { document, problems: problems.length };
}

function refuse(message: string): ImportOutcome {
  void vscode.window.showErrorMessage(message);
  return { cancelled: message };
}
