// Runs in the extension host: everything the integration tests observe of the preview and
// make it do, in one place. The webview's DOM is out of the extension host's reach, so tests
// read what each panel's webview last reported (TcpflowApi.previewReports), and have the
// visible preview's webview act on its own page or measure it (src/shared/previewTestProtocol.ts)
// with `tcpflow.test.click` and `tcpflow.test.preview`, commands that exist only when VS Code
// runs with TCPFLOW_TEST=1 (the integration launchers set it), so users never meet them.

import * as vscode from 'vscode';
import type { HighlightedMessage, RenderedMessage } from '../../shared/previewProtocol';
import { isClickTarget, isTestAction, type TestAction, type TestDoneMessage, type TestMessage } from '../../shared/previewTestProtocol';

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
export const TEST_PREVIEW_COMMAND = 'tcpflow.test.preview';

/** How long a test action waits for the webview's answer. */
const TEST_TIMEOUT_MS = 10_000;

/** Whether the extension runs under the integration tests (a web extension host has no `process`). */
export function isTestRun(): boolean {
  return typeof process !== 'undefined' && process.env.TCPFLOW_TEST === '1';
}

/** One panel's test actions in flight: each posted with an id, settled by the webview's `testDone`. */
export class TestRequests {
  private readonly waiting = new Map<number, (answer: TestDoneMessage) => void>();
  private nextId = 0;

  constructor(private readonly post: (message: TestMessage) => void) {}

  /** Resolves to the webview's answer; `done: false` when it does not answer in time. */
  run(action: TestAction): Promise<TestDoneMessage> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ type: 'testDone', id, done: false }), TEST_TIMEOUT_MS);
      const settle = (answer: TestDoneMessage) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(answer);
      };
      this.waiting.set(id, settle);
      this.post({ type: 'test', id, action });
    });
  }

  answered(message: TestDoneMessage): void {
    this.waiting.get(message.id)?.(message);
  }

  dispose(): void {
    for (const [id, settle] of [...this.waiting]) settle({ type: 'testDone', id, done: false });
  }
}

/**
 * In test runs only: `tcpflow.test.click(target)` resolves, once clicked, to whether the target
 * was there; `tcpflow.test.preview(action)` to the webview's whole answer (with a measure).
 */
export function registerTestCommands(run: (action: TestAction) => Promise<TestDoneMessage>): vscode.Disposable[] {
  if (!isTestRun()) return [];
  return [
    vscode.commands.registerCommand(TEST_CLICK_COMMAND, async (target: unknown) => {
      if (!isClickTarget(target)) throw new Error(`${TEST_CLICK_COMMAND}: not a click target: ${JSON.stringify(target)}`);
      return (await run({ kind: 'click', target })).done;
    }),
    vscode.commands.registerCommand(TEST_PREVIEW_COMMAND, (action: unknown) => {
      if (!isTestAction(action)) throw new Error(`${TEST_PREVIEW_COMMAND}: not a test action: ${JSON.stringify(action)}`);
      return run(action);
    }),
  ];
}
