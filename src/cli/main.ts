// Entry point of the `tcpflow` command. Runs in Node as dist/cli.js, bundled by
// build/esbuild.mjs; everything it does is in run.ts, this file only connects the process.

import { readFile, readdir, writeFile } from 'node:fs/promises';
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

run(process.argv.slice(2), {
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
