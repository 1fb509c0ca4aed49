// Runs inside the VS Code extension host: the extensionTestsPath of `runOffline.js --vsix`,
// which checks the extension that VS Code installed from the packaged VSIX.

import { runMochaSuite } from '../index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
