#!/usr/bin/env node
// `npm start`: opens the examples in VS Code with the extension loaded from this folder.
// Desktop VS Code (`code`) when it is installed; otherwise the offline VS Code of the tests
// (code-server, set up by scripts/setup-test-vscode.sh) at a printed localhost URL.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');

const hasCode = spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode && !process.env.TCPFLOW_BROWSER) {
  console.log('Opening the examples in VS Code with the extension from this folder…');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, examples], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const setup = spawnSync('bash', [join(root, 'scripts', 'setup-test-vscode.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 1);
  const port = Number(process.env.PORT) || (await freePort());
  const home = join(root, '.vscode-test', 'start');
  mkdirSync(join(home, 'user-data', 'User'), { recursive: true });
  // The examples folder lies inside this repository: without the git setting VS Code asks on
  // first open whether to open the repository found in a parent folder.
  writeFileSync(
    join(home, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never' }),
  );
  const entry = join(root, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const server = spawn(
    process.execPath,
    [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--config', join(home, 'config.yaml'), '--user-data-dir', join(home, 'user-data'),
      '--extensions-dir', join(home, 'extensions'), examples],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' } },
  );
  // The workbench loads an extension under development from a remote path named in the URL.
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`]];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`\nVS Code with tcpflow is running. Open this address in a browser (Ctrl-C stops it):\n\n  ${url}\n`);
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
