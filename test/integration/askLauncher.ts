// Runs inside the extension host, in integration tests and the latency benchmark: asks the
// offline launcher for what only the browser can do (launcherProtocol.ts, launcherRequests.ts)
// and waits for its answer.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANSWER_DIR_VARIABLE, LAUNCHER_REQUEST, type InlayHintBoxes, type LauncherRequest, type TypingLatency } from './launcherProtocol';
import { waitFor } from './waitFor';

let asked = 0;

/** True where a launcher answers: runOffline.ts, not runElectron.ts. */
export function launcherAnswers(): boolean {
  return Boolean(process.env[ANSWER_DIR_VARIABLE]);
}

/** Resizes the browser window. */
export async function setWindowSize(width: number, height: number): Promise<void> {
  await ask({ type: 'viewport', width, height });
}

/** The boxes of the inlay hints in the text editors on the page. */
export function inlayHintBoxes(): Promise<InlayHintBoxes> {
  return ask({ type: 'inlayHintBoxes' }) as Promise<InlayHintBoxes>;
}

/** Keystroke → error squiggles changed, as the page sees them (see launcherProtocol.ts). */
export function typingLatency(text: string, times: number, timeoutMs: number): Promise<TypingLatency> {
  return ask({ type: 'typingLatency', text, times, timeoutMs }, timeoutMs * times + 30_000) as Promise<TypingLatency>;
}

type Request = LauncherRequest extends infer R ? (R extends LauncherRequest ? Omit<R, 'id'> : never) : never;

/** The launcher's answer; fails where none answers (see launcherAnswers) or when the request failed. */
async function ask(request: Request, timeoutMs = 30_000): Promise<unknown> {
  const folder = process.env[ANSWER_DIR_VARIABLE];
  if (!folder) throw new Error(`${ANSWER_DIR_VARIABLE} is not set: no launcher answers requests in this run`);
  const id = `request-${process.pid}-${++asked}`;
  const file = path.join(folder, `${id}.json`);
  console.log(`${LAUNCHER_REQUEST}${JSON.stringify({ ...request, id })}`);
  await waitFor(() => fs.existsSync(file), `the launcher to answer ${request.type}`, timeoutMs);
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  fs.rmSync(file);
  if (typeof result === 'object' && result !== null && 'error' in result) throw new Error(`the launcher could not answer ${request.type}: ${String(result.error)}`);
  return result;
}
