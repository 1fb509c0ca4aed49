// Runs in the extension host: saves a diagram exported by the preview webview, after asking
// where with the save dialog. The webview cannot write files; the host checks what it sent.

import * as vscode from 'vscode';
import type { ExportMessage } from '../../shared/previewProtocol';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** `handshake.svg`, `handshake-page2.svg`, `handshake-timeline.svg`, `handshake-states.png`. */
export function exportFileName(source: vscode.Uri, message: Pick<ExportMessage, 'format' | 'diagram' | 'page' | 'pageCount'>): string {
  const base = source.path.slice(source.path.lastIndexOf('/') + 1).replace(/\.tcpflow$/i, '') || 'diagram';
  const suffix = message.diagram === 'state' ? '-states' : message.diagram === 'timeline' ? '-timeline' : message.pageCount > 1 ? `-page${message.page + 1}` : '';
  return `${base}${suffix}.${message.format}`;
}

export async function saveExport(source: vscode.Uri, message: ExportMessage): Promise<void> {
  const bytes = fileBytes(message);
  const name = exportFileName(source, message);
  const folder = source.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(source, '..');
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: message.format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
    title: message.diagram === 'state' ? vscode.l10n.t('Save the state machine') : message.diagram === 'timeline' ? vscode.l10n.t('Save the timing ladder') : vscode.l10n.t('Save the sequence diagram'),
  });
  if (target === undefined) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(vscode.l10n.t('tcpflow: saved {0}', target.path.slice(target.path.lastIndexOf('/') + 1)), 3000);
}

function fileBytes(message: ExportMessage): Uint8Array {
  if (message.format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(message.data)) throw new Error('the exported SVG is not an SVG document');
    return new TextEncoder().encode(message.data);
  }
  const binary = atob(message.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('the exported PNG is not a PNG image');
  return bytes;
}
