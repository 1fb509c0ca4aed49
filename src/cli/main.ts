// Entry point of the `tcpflow` command. Runs in Node as dist/cli.js, bundled by
// build/esbuild.mjs; everything it does is in run.ts, this file only connects the process.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { startLanguageServer } from '../lsp/server';
import { renderWithChromium } from './chromiumRenderer';
import { run } from './run';

/** Replaced by the package version at bundle time (build/esbuild.mjs `define`). */
declare const TCPFLOW_VERSION: string | undefined;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// `tcpflow mermaid big.tcpflow | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);

// `tcpflow lsp`: the language server owns stdin and stdout from here on. Clients add
// `--stdio` to the command they were given; it means what the server does anyway.
if (argv[0] === 'lsp') {
  const unknown = argv.slice(1).filter((arg) => arg !== '--stdio');
  if (unknown.length > 0) {
    process.stderr.write(`tcpflow lsp: unknown option '${unknown[0]}' (the server speaks LSP over stdin/stdout; --stdio is accepted)\n`);
    process.exit(2);
  }
  startLanguageServer();
} else run(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readStdin,
  writeFile: (path, text, { overwrite }) => writeFile(path, text, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx' }),
  writeBytes: (path, bytes, { overwrite }) => writeFile(path, bytes, { flag: overwrite ? 'w' : 'wx' }),
  renderDiagram: (mermaid, format, theme) => renderWithChromium({ mermaid, format, theme }),
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
