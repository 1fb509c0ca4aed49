// Runs in Node, in both launchers (runOffline.ts, runElectron.ts): turns their command line
//   [--self-test | --vsix <file.vsix> | --web | --locale zh-cn | --bench] [workspace folder]
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
  /** Run the extension as a web extension, in the web worker extension host (its `browser` entry). */
  web: boolean;
  /** VS Code's display language (`--locale`), for the locale/ suite; undefined: English and the suite/ tests. */
  locale?: string;
  /** Deletes the scratch folder. */
  dispose(): void;
}

export function prepareTestRun(args: readonly string[]): TestRun {
  const selfTest = args.includes('--self-test');
  // The latency benchmark (bench/index.ts) runs in place of the suite, with the extension under development.
  const bench = args.includes('--bench');
  const web = args.includes('--web');
  const vsixAt = args.indexOf('--vsix');
  const vsix = vsixAt >= 0 ? args[vsixAt + 1] : undefined;
  const localeAt = args.indexOf('--locale');
  const locale = localeAt >= 0 ? args[localeAt + 1] : undefined;
  const folders = args.filter(
    (arg, i) => arg !== '--self-test' && arg !== '--web' && arg !== '--bench' && i !== vsixAt && i !== vsixAt + 1 && i !== localeAt && i !== localeAt + 1,
  );
  const modes = [selfTest, web, bench, vsixAt >= 0, localeAt >= 0].filter(Boolean).length;
  if (folders.length > 1 || folders.some((arg) => arg.startsWith('-')) || (vsixAt >= 0 && !vsix) || (localeAt >= 0 && !locale) || modes > 1) {
    throw new Error(`usage: [--self-test | --vsix <file.vsix> | --web | --locale <tag> | --bench] [workspace folder]; got ${args.join(' ')}`);
  }
  if (vsix && !fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: package the extension first (npm run package)`);

  // The self-test and the VSIX check load an empty development extension: the VSIX check
  // tests the tcpflow extension that VS Code installed from the package.
  const extensionDevelopmentPath = selfTest || vsix
    ? path.join(repoRoot, 'test', 'integration', 'fixtures', 'minimal-extension')
    : repoRoot;
  // The web entry is a bundle that runOffline.ts makes before the run (web/bundle.ts).
  const extensionTestsPath = web
    ? path.join(__dirname, 'web', 'extensionTests.js')
    : path.join(__dirname, ...(selfTest ? ['selfTest'] : vsix ? ['vsix'] : locale ? ['locale'] : bench ? ['bench'] : []), 'index.js');
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionDevelopmentPath, 'package.json'), 'utf8'));
  const main = web ? manifest.browser : manifest.main;
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
    web,
    locale,
    dispose: () => fs.rmSync(scratch, { recursive: true, force: true }),
  };
}
