// "Import packetdrill script, tcpdump output or pcap capture…" and "New Scenario from Clipboard":
// the core's importers behind VS Code commands. The result opens as a new, unsaved .tcpflow
// document, so nothing on disk is ever overwritten.

import * as vscode from 'vscode';
import type { ImportInput } from '../core/index';
import { LANGUAGE_ID } from './analyses';

export type Importers = typeof import('./importers');

/** Loads the importers' own bundle (each extension host has its way); called on first use. */
export type LoadImporters = () => Promise<Importers>;

/** What the commands did, for tests: the document opened, or why nothing was. */
/** A connection of a capture by its number (1-based), or `all` of them as one scenario. */
export type Connection = number | 'all';

export type ImportOutcome = { readonly document: vscode.TextDocument; readonly problems: number } | { readonly cancelled: string };

export function registerImportCommands(loadImporters: LoadImporters): vscode.Disposable[] {
  let loaded: Promise<Importers> | undefined;
  const importers = () => (loaded ??= loadImporters());
  return [
    vscode.commands.registerCommand('tcpflow.importFile', async (uri?: vscode.Uri, connection?: Connection): Promise<ImportOutcome> => {
      const loadedImporters = await importers();
      const { IMPORTERS } = loadedImporters;
      const file =
        uri ??
        (
          await vscode.window.showOpenDialog({
            title: vscode.l10n.t('Import a packetdrill script, tcpdump output or a pcap/pcapng capture'),
            canSelectMany: false,
            filters: {
              [IMPORTERS.map((i) => i.label).join(', ')]: IMPORTERS.flatMap((i) => i.extensions),
              ...Object.fromEntries(IMPORTERS.map((i) => [i.label, [...i.extensions]])),
              [vscode.l10n.t('All files')]: ['*'],
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
      return convertWith(loadedImporters, input, file.path.split('/').pop(), connection);
    }),
    vscode.commands.registerCommand('tcpflow.importClipboard', async (connection?: Connection): Promise<ImportOutcome> => {
      return convertWith(await importers(), { text: await vscode.env.clipboard.readText() }, undefined, connection);
    }),
  ];
}

async function convertWith({ importerFor }: Importers, input: ImportInput, fileName: string | undefined, connection: Connection | undefined): Promise<ImportOutcome> {
  const recognised = importerFor(input, { fileName });
  if (recognised.importer === undefined) {
    return refuse(fileName ? vscode.l10n.t('Cannot import {0}: {1}', fileName, recognised.reason) : vscode.l10n.t('Cannot import the clipboard: {0}', recognised.reason));
  }
  const { importer } = recognised;
  const connections = importer.connections(input);
  let chosen = connection;
  if (chosen === undefined && connections.length > 1) {
    // Each connection on its own, and last, all of them as one scenario with a participant per host.
    const all = { label: vscode.l10n.t('All {0} connections', connections.length), detail: vscode.l10n.t('One scenario: a participant per host, the ports on each segment'), index: 'all' as const };
    const pick = await vscode.window.showQuickPick<{ label: string; index: Connection }>([...connections.map((c) => ({ label: c.description, index: c.index })), all], {
      title: vscode.l10n.t('The capture holds several TCP connections: import which one?'),
    });
    if (!pick) return { cancelled: 'no connection chosen' };
    chosen = pick.index;
  }
  const result = chosen === 'all' ? importer.run(input, { all: true, title: fileName }) : importer.run(input, { connection: chosen, title: fileName });
  if (result.text === '') {
    return refuse(vscode.l10n.t('Nothing to import: {0}', result.diagnostics.map((d) => d.message).join('; ') || vscode.l10n.t('no TCP segment found')));
  }
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
  await vscode.window.showTextDocument(document);
  const problems = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length > 0) {
    const listed = `${problems
      .slice(0, 3)
      .map((d) => (d.line > 0 && result.unit !== 'packet' ? vscode.l10n.t('line {0}: {1}', d.line, d.message) : d.message))
      .join('; ')}${problems.length > 3 ? '…' : ''}`;
    void vscode.window.showWarningMessage(
      problems.length === 1 ? vscode.l10n.t('Imported with 1 problem: {0}', listed) : vscode.l10n.t('Imported with {0} problems: {1}', problems.length, listed),
    );
  }
  return { document, problems: problems.length };
}

function refuse(message: string): ImportOutcome {
  void vscode.window.showErrorMessage(message);
  return { cancelled: message };
}
