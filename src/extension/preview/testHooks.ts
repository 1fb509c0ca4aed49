// Runs in the extension host: what the integration tests observe of the preview, and the one
// thing they make it do. The webview's DOM is out of the extension host's reach, so tests
// read what each panel's webview last reported (TcpflowApi.previewReports), and have a
// webview click one of its own elements with `tcpflow.test.click`, a command that exists only
// when VS Code runs with TCPFLOW_TEST=1 (the integration launchers set it), so users never
// meet it.

import * as vscode from 'vscode';
import { isClickTarget, type ClickTarget, type HighlightedMessage, type RenderedMessage } from '../../shared/previewProtocol';

/** What one preview panel last posted, and what its webview last reported. */
export interface PreviewReport {
  /** The document of the last render posted; '' before the first. */
  readonly uri: string;
  /** The id of the last render posted; 0 before the first. */
  readonly renderId: number;
  readonly rendered?: RenderedMessage;
  readonly highlighted?: HighlightedMessage;
}

export const TEST_CLICK_COMMAND = 'tcpflow.test.click';

/** Whether the extension runs under the integration tests (a web extension host has no `process`). */
export function isTestRun(): boolean {
  return typeof process !== 'undefined' && process.env.TCPFLOW_TEST === '1';
}

/** `tcpflow.test.click(target)`, in test runs only: resolves, once clicked, to whether the target was there. */
export function registerTestCommands(click: (target: ClickTarget) => Promise<boolean>): vscode.Disposable[] {
  if (!isTestRun()) return [];
  return [
    vscode.commands.registerCommand(TEST_CLICK_COMMAND, (target: unknown) => {
      if (!isClickTarget(target)) throw new Error(`${TEST_CLICK_COMMAND}: not a click target: ${JSON.stringify(target)}`);
      return click(target);
    }),
  ];
}
