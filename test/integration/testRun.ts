// Runs in Node, in both launchers (runOffline.ts, runElectron.ts): turns their command line
//   [--self-test | --vsix <file.vsix> | --bench] [workspace folder]
// into what VS Code loads, and a scratch copy of the workspace that the tests may change.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface TestRun {
  /** Folder of the extension under development: the repository, or the self-test's fixture. */
  extensionDevelopmentPath: string;
  /** The compiled entry exporting run(). */
  extensionTestsPath: string;
  /** Folder VS Code opens: a copy of examples/ or of the folder given. */
  workspace: string;
  /** Scratch folder holding the workspace copy; launchers keep their own temporary files here. */
  scratch: string;
  /** A packaged extension to install before VS Code starts (the tests then check the installed one). */
  vsix?: string;
  /** Deletes the scratch folder. */
  dispose(): void;
}

export function prepareTestRun(args: readonly string[]): TestRun {
  const selfTest = args.includes('--self-test');
  // The latency benchmark (bench/index.ts) runs in place of the suite, with the extension under development.
  const bench = args.includes('--bench');
  const vsixAt = args.indexOf('--vsix');
  const vsix = vsixAt >= 0 ? args[vsixAt + 1] : undefined;
  const folders = args.filter((arg, i) => arg !== '--self-test' && arg !== '--bench' && i !== vsixAt && i !== vsixAt + 1);
  if (folders.length > 1 || folders.some((arg) => arg.startsWith('-')) || (vsixAt >= 0 && (!vsix || selfTest)) || (bench && (selfTest || vsixAt >= 0))) {
    throw new Error(`usage: [--self-test | --vsix <file.vsix> | --bench] [workspace folder]; got ${args.join(' ')}`);
  }
  if (vsix && !fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: package the extension first (npm run package)`);

  // The self-test and the VSIX check load an empty development extension: the VSIX check
  // tests the tcpflow extension that VS Code installed from the package.
  const extensionDevelopmentPath = selfTest || vsix
    ? path.join(repoRoot, 'test', 'integration', 'fixtures', 'minimal-extension')
    : repoRoot;
  const extensionTestsPath = path.join(__dirname, ...(selfTest ? ['selfTest'] : vsix ? ['vsix'] : bench ? ['bench'] : []), 'index.js');
  const main = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8')).main;
  for (const [file, remedy] of [
    [path.resolve(extensionDevelopmentPath, main), 'build the extension first (npm run build)'],
    [extensionTestsPath, 'compile the tests first (tsc -p tsconfig.integration.json)'],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} does not exist: ${remedy}`);
    }
  }

  const source = path.resolve(folders[0] ?? path.join(repoRoot, 'examples'));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-itest-'));
  const workspace = path.join(scratch, path.basename(source));
  fs.cpSync(source, workspace, { recursive: true });
  return {
    extensionDevelopmentPath,
    extensionTestsPath,
    workspace,
    scratch,
    vsix: vsix && path.resolve(vsix),
    dispose: () => fs.rmSync(scratch, { recursive: true, force: true }),
  };
}
