// Runs in Node where VS Code can be downloaded (a laptop, GitHub Actions; on Linux without a
// display, under xvfb-run): the same integration suite in desktop VS Code 1.100.3, through
// @vscode/test-electron. Machines that reach only the package registries use runOffline.ts.
//
//   node out/test/integration/runElectron.js [--self-test] [workspace folder]
//
// Exits with the tests' exit code: 0 when every test passed.

import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { prepareTestRun, repoRoot } from './testRun';

async function main(): Promise<number> {
  const run = prepareTestRun(process.argv.slice(2));
  try {
    return await runTests({
      version: '1.100.3',
      cachePath: path.join(repoRoot, '.vscode-test'),
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: run.extensionTestsPath,
      // The extension's test-only commands (src/extension/preview/testHooks.ts).
      extensionTestsEnv: { TCPFLOW_TEST: '1' },
      launchArgs: [
        run.workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${path.join(run.scratch, 'user-data')}`,
      ],
    });
  } catch (error) {
    if (error instanceof TestRunFailedError) {
      return typeof error.code === 'number' ? error.code : 1;
    }
    throw error;
  } finally {
    run.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`runElectron: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
