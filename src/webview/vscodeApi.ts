// Runs inside the preview webview: the typed handle on VS Code's webview API. A page that
// is not in VS Code (the headless-Chromium tests, a standalone renderer) defines
// `acquireVsCodeApi` itself before loading the bundle.

import type { WebviewMessage } from '../shared/previewProtocol';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
