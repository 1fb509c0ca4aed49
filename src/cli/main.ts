// Entry point of the `tcpflow` command. Runs in Node as dist/cli.js, bundled by
// build/esbuild.mjs; everything it does is in run.ts, this file only connects the process.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { parseLocale, type Locale } from '../core';
import { startLanguageServer } from '../lsp/server';
import { renderWithChromium } from './chromiumRenderer';
import { rasterise } from './rasteriser';
import { run } from './run';

/** Replaced by the package version at bundle time (build/esbuild.mjs `define`). */
declare const TCPFLOW_VERSION: string | undefined;

function readStdin(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

// `tcpflow mermaid big.tcpflow | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);

/**
 * `--lang en|zh-cn` (or `--lang=…`), anywhere on the line, is taken out here; without it the
 * POSIX locale decides, as for every other program: LC_ALL, then LC_MESSAGES, then LANG.
 */
function takeLocale(args: string[]): Locale {
  const at = args.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (at < 0) return parseLocale(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  const [value] = args[at] === '--lang' ? args.splice(at, 2).slice(1) : [args.splice(at, 1)[0].slice('--lang='.length)];
  if (value === undefined || !/^(en|zh([-_](cn|hans))?)$/i.test(value)) {
    process.stderr.write(`tcpflow: --lang must be en or zh-cn, not '${value ?? ''}'\nRun 'tcpflow --help' for usage.\n`);
    process.exit(2);
  }
  return parseLocale(value);
}
const locale = takeLocale(argv);

// `tcpflow lsp`: the language server owns stdin and stdout from here on. Clients add
// `--stdio` to the command they were given; it means what the server does anyway.
if (argv[0] === 'lsp') {
  const unknown = argv.slice(1).filter((arg) => arg !== '--stdio');
  if (unknown.length > 0) {
    process.stderr.write(`tcpflow lsp: unknown option '${unknown[0]}' (the server speaks LSP over stdin/stdout; --stdio is accepted)\n`);
    process.exit(2);
  }
  startLanguageServer(locale);
} else run(argv, {
  locale,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path),
  readBytes: async (path) => {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
  readStdin,
  writeFile: (path, text, { overwrite }) => writeFile(path, text, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx' }),
  writeBytes: (path, bytes, { overwrite }) => writeFile(path, bytes, { flag: overwrite ? 'w' : 'wx' }),
  renderDiagram: (request) => renderWithChromium(request),
  rasterise,
  readDirectory: async (path) =>
    (await readdir(path, { withFileTypes: true })).map((entry) => ({ name: entry.name, directory: entry.isDirectory() })),
  version: typeof TCPFLOW_VERSION === 'string' ? TCPFLOW_VERSION : '0.0.0-dev',
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tcpflow: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
