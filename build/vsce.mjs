// Runs in Node, from `npm run package`: `vsce package` with the arguments given, printing
// only its result line (`DONE  Packaged: tcpflow.vsix (… files, … KB)`) and warnings; its
// listing of every file in the package is kept for a failure, when all of it is printed.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const result = spawnSync(process.execPath, [vsce, ...process.argv.slice(2)], { cwd: root, encoding: 'utf8' });
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (result.status !== 0) {
  process.stderr.write(output || `vsce failed: ${result.error?.message ?? result.signal}\n`);
  process.exit(result.status ?? 1);
}
// vsce colours its labels; the file tree's lines start with box-drawing characters.
const ESCAPE = String.fromCharCode(27);
const plain = (line) => line.split(ESCAPE).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');
const kept = output.split('\n').filter((line) => /^(DONE|WARNING)\b/.test(plain(line).trim()));
console.log(kept.map(plain).join('\n'));
