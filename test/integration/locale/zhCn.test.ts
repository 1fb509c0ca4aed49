// Runs inside the VS Code extension host, VS Code's display language set to 简体中文 (code-server
// --locale zh-cn): what a Chinese reader gets — commands and settings from package.nls.zh-cn.json,
// diagnostics, quick fixes and hovers worded by the core's catalog.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import { closeAllEditors, EXTENSION_ID, exampleUri, lines, openScript, tcpflowApi, waitForDiagnostics } from '../suite/helpers';
import { expectedDrawing, waitForDrawing } from '../suite/previewHelpers';

describe('简体中文 (display language zh-cn)', () => {
  after(closeAllEditors);

  it('runs with zh-cn as the display language', () => {
    assert.equal(vscode.env.language, 'zh-cn');
  });

  it('shows the commands and settings in Chinese', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const { commands, configuration } = extension.packageJSON.contributes as {
      // A localized title keeps its English beside it: `{ value, original }`.
      commands: { command: string; title: { value: string; original: string } }[];
      configuration: { properties: Record<string, { description?: string }> };
    };
    assert.deepEqual(
      commands.map((c) => [c.command, c.title.value]),
      [
        ['tcpflow.openPreview', '打开预览'],
        ['tcpflow.openPreviewToSide', '在侧边打开预览'],
        ['tcpflow.togglePreviewLock', '切换预览锁定'],
        ['tcpflow.importFile', '导入 packetdrill 脚本、tcpdump 输出或 pcap 抓包文件…'],
        ['tcpflow.importClipboard', '从剪贴板新建场景（packetdrill 或 tcpdump）'],
        ['tcpflow.openWalkthroughExample', '打开入门演练的示例脚本'],
      ],
    );
    assert.equal(configuration.properties['tcpflow.stateNaming'].description, '悬停提示、内嵌提示、状态栏和图中连接状态的命名方式。');
  });

  it('words diagnostics, quick fixes and hovers in Chinese', async () => {
    const { document } = await openScript(lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK ack=7', 'c -> s: ACK'));
    await tcpflowApi();
    const [badAck] = await waitForDiagnostics(document.uri, [['tcp.bad-ack', 'Error', '3:20-3:21']]);
    assert.equal(badAck.message, 'ack=7 确认了 c 从未发送的数据（c 的 SND.NXT 为 1）：确认号应为 ack=1');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, badAck.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['改为 ack=1'],
    );
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(2, 8));
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.equal(markdown.split('\n')[0], '**SYN** — 同步序列号');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('zh-cn-problems');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('draws the Chinese example in the preview, its toolbar in Chinese', async () => {
    await closeAllEditors();
    const uri = exampleUri('zh-handshake-and-close.tcpflow');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('tcpflow.openPreviewToSide');
    const drawing = expectedDrawing(editor.document.getText());
    assert.deepEqual([drawing.messages, drawing.notes], [9, 16]);
    await waitForDrawing(uri, drawing);
    await screenshot('zh-cn-preview');
    await closeAllEditors();
  });

  it('lists the commands in Chinese in the command palette', async () => {
    await vscode.commands.executeCommand('workbench.action.quickOpen', '>tcpflow');
    await screenshot('zh-cn-command-palette');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
