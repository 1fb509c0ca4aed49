// Runs inside the VS Code extension host: the extensionTestsPath of `runOffline.js --self-test`,
// which proves the launcher works without needing the tcpflow extension.

import { runMochaSuite } from '../index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
