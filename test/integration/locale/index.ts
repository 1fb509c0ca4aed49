// Runs inside the VS Code extension host: the extensionTestsPath of
// `runOffline.js --locale zh-cn`, VS Code started with Chinese as its display language.

import { runMochaSuite } from '../index';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
