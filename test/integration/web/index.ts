// Runs inside VS Code's web worker extension host (the extension host of vscode.dev): the
// extensionTestsPath of `runOffline.js --web`. bundle.ts bundles it, with mocha's browser
// build and the suite files below, into one CommonJS file, which is how that host loads a
// test runner. Rejects when any test fails, as index.ts does in the desktop host.

// Mocha's browser build: sets the global `mocha` (typed by @types/mocha).
import 'mocha/mocha.js';
import { SUITE_START } from '../launcherProtocol';
import { format } from './nodeShims';

/** The suite files that run here too, in this order (activation first: it measures the first activation). */
const SUITE = [
  () => import('../suite/activation.test'),
  () => import('../suite/quickfixes.test'),
  () => import('../suite/features.test'),
  () => import('../suite/statusbar.test'),
  () => import('../suite/largeDocument.test'),
  () => import('./web.test'),
];

export async function run(): Promise<void> {
  console.log(`${SUITE_START}${SUITE.length} files in the web worker extension host`);
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  // The workbench prints console arguments joined by spaces, without printf's substitutions,
  // and mocha's reporters pass format strings: substitute here.
  (globalThis as unknown as { Mocha: typeof Mocha }).Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(format(...data));
  // The suites call describe() when loaded, so they load after setup() made it global.
  for (const load of SUITE) await load();
  // Mocha's own run(): the browser build's wrapper reads `location.search`, for a page's query
  // string, and this host's global `location` is not there.
  const run = (Object.getPrototypeOf(mocha) as Mocha).run;
  const failures = await new Promise<number>((resolve) => run.call(mocha, resolve));
  if (failures > 0) {
    throw new Error(`${failures} web integration test${failures === 1 ? '' : 's'} failed`);
  }
}
