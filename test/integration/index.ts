// Runs inside the VS Code extension host: the extensionTestsPath that both launchers
// (runOffline.ts, runElectron.ts) hand to VS Code. VS Code calls run() once the extension
// under development is loaded, and reports the test run failed when the promise rejects.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { SUITE_START } from './launcherProtocol';

export function run(): Promise<void> {
  return runMochaSuite(path.join(__dirname, 'suite'));
}

/** Runs every compiled `*.test.js` under `folder` with mocha; rejects when any test fails. */
export async function runMochaSuite(folder: string): Promise<void> {
  const files = fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    throw new Error(`no *.test.js under ${folder}: compile the tests first (tsc -p tsconfig.integration.json)`);
  }
  console.log(`${SUITE_START}${files.length} file${files.length === 1 ? '' : 's'} in ${folder}`);

  // The browser workbench prints console arguments joined by spaces, without printf's
  // substitutions, and mocha's reporters pass format strings: substitute here.
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));
  // No colours: the launchers print these lines into logs (CI), where ANSI codes are noise.
  // TCPFLOW_TEST_GREP runs only the tests whose titles match it, while working on a few.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, grep: process.env.TCPFLOW_TEST_GREP || undefined });
  for (const file of files) {
    mocha.addFile(path.join(folder, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) {
    throw new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed`);
  }
}
