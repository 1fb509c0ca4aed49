// Bundles every runtime of tcpflow with esbuild. Runs in Node, from `npm run build`.
// esbuild does not type-check: `npm run build` runs `tsc --noEmit` first.
//
//   node build/esbuild.mjs            one build of every bundle
//   node build/esbuild.mjs --minify   minified, without source maps
//   node build/esbuild.mjs --watch    rebuild on change until interrupted

import { chmod, copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (arg !== '--minify' && arg !== '--watch') {
    console.error(`esbuild.mjs: unknown option '${arg}' (expected --minify, --watch)`);
    process.exit(2);
  }
}
const minify = args.has('--minify');
const watch = args.has('--watch');

const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Options every bundle shares. */
const common = {
  absWorkingDir: root,
  bundle: true,
  minify,
  sourcemap: !minify,
  legalComments: 'none',
  // Warnings and errors only: a one-off build prints one summary line of its own (below).
  logLevel: watch ? 'info' : 'warning',
  metafile: true,
  define: { TCPFLOW_VERSION: JSON.stringify(pkg.version) },
};

/**
 * One entry per runtime; each runtime has its own platform and format (STYLE.md).
 * `executable` marks bin scripts, which get a shebang and the executable bit.
 */
const bundles = [
  {
    name: 'cli',
    executable: true,
    options: {
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // `render` drives Chromium through playwright-core and rasterises with resvg's native
      // binary, both loaded from node_modules when used.
      external: ['playwright-core', '@resvg/resvg-js'],
    },
  },
  {
    name: 'extension',
    options: {
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
  },
  {
    // The importers, required by the extension only when an import command runs.
    name: 'importers',
    options: {
      entryPoints: ['src/extension/importers.ts'],
      outfile: 'dist/importers.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    },
  },
  // The web extension (vscode.dev's web worker extension host: package.json `browser`) and its
  // importers, which it reads and evaluates when an import command runs. No Node built-in
  // resolves on platform 'browser', so one slipping in fails the build.
  ...[
    ['web/extension', 'src/extension/webExtension.ts'],
    ['web/importers', 'src/extension/importers.ts'],
  ].map(([name, entry]) => ({
    name,
    options: {
      entryPoints: [entry],
      outfile: `dist/${name}.js`,
      platform: 'browser',
      format: 'cjs',
      target: 'es2022',
      external: ['vscode'],
    },
  })),
  // The preview webview, the Markdown preview script and the page `tcpflow render` drives.
  // Each uses the one shared Mermaid script (see SHARED_FILES), loaded before it.
  ...['preview', 'markdownPreview', 'render'].map((name) => ({
    name: `webview/${name}`,
    options: {
      entryPoints: [`src/webview/${name === 'render' ? 'renderPage' : name}.ts`],
      outfile: `dist/webview/${name}.js`,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
    },
  })),
];

/**
 * Files copied as they are into dist/webview: Mermaid's own browser build (a webview has no
 * network; one copy serves the preview, the Markdown preview and `tcpflow render`), and the
 * codicon font the preview's toolbar draws its icons with.
 */
const SHARED_FILES = [
  { from: 'node_modules/mermaid/dist/mermaid.min.js', to: 'dist/webview/mermaid.js' },
  { from: 'node_modules/@vscode/codicons/dist/codicon.ttf', to: 'dist/webview/codicon.ttf' },
];

async function copySharedFiles() {
  await mkdir(join(root, 'dist', 'webview'), { recursive: true });
  await Promise.all(SHARED_FILES.map((file) => copyFile(join(root, file.from), join(root, file.to))));
}

/** An esbuild plugin that sets the executable bit after every successful build. */
function makeExecutable(outfile) {
  return {
    name: 'make-executable',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length === 0) await chmod(join(root, outfile), 0o755);
      });
    },
  };
}

function optionsOf(bundle) {
  if (!bundle.executable) return { ...common, ...bundle.options };
  return {
    ...common,
    ...bundle.options,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [makeExecutable(bundle.options.outfile)],
  };
}

if (watch) {
  await copySharedFiles();
  for (const bundle of bundles) {
    const context = await esbuild.context(optionsOf(bundle));
    await context.watch();
  }
  console.log(`watching ${bundles.map((b) => b.name).join(', ')}; Ctrl+C to stop`);
} else {
  // A one-off build starts from an empty dist/ so nothing stale (an old source map) ships.
  await rm(join(root, 'dist'), { recursive: true, force: true });
  const started = Date.now();
  let results;
  try {
    const built = await Promise.all([copySharedFiles(), ...bundles.map((bundle) => esbuild.build(optionsOf(bundle)))]);
    results = built.slice(1);
  } catch {
    // esbuild has already printed the errors.
    process.exit(1);
  }
  const sizes = results
    .flatMap((result) => Object.entries(result.metafile.outputs))
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, { bytes }]) => `${relative('dist', file)} ${(bytes / 1024).toFixed(0)} KB`);
  console.log(`esbuild: ${sizes.length} bundles${minify ? ', minified' : ''}, in ${((Date.now() - started) / 1000).toFixed(1)} s: ${sizes.join(', ')}`);
}
