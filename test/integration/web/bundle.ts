// Runs in Node, in runOffline.ts before a `--web` run: bundles the web test entry (index.ts,
// with the suite files it names) for the web worker extension host, which loads a test runner
// the way it loads a web extension: one CommonJS file, no Node. Node's `assert/strict` and
// `util` become nodeShims.ts; screenshots (the launcher's file protocol) become webScreenshot.ts.

import * as path from 'node:path';
import * as esbuild from 'esbuild';

const here = path.join(__dirname, '..', '..', '..', '..', 'test', 'integration', 'web');

export const WEB_TESTS_BUNDLE = path.join(__dirname, 'extensionTests.js');

export async function bundleWebTests(): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(here, 'index.ts')],
    outfile: WEB_TESTS_BUNDLE,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [
      {
        name: 'web-test-shims',
        setup(build) {
          build.onResolve({ filter: /^node:(assert\/strict|util)$/ }, () => ({ path: path.join(here, 'nodeShims.ts') }));
          build.onResolve({ filter: /\/screenshot$/ }, () => ({ path: path.join(here, 'webScreenshot.ts') }));
        },
      },
    ],
  });
  return WEB_TESTS_BUNDLE;
}
