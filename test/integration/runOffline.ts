// Runs in Node, on a developer's machine or in CI: runs the integration tests inside a real
// VS Code without downloading one. scripts/setup-test-vscode.sh installs code-server 4.100.3
// (VS Code 1.100.3's server and web workbench, from npm); Debian's headless Chromium, driven by
// playwright-core, opens the workbench, which starts the extension host and the tests in it.
//
//   node out/test/integration/runOffline.js [workspace folder]  the suite in suite/, on a copy of
//                                                               the folder (default examples/)
//   node out/test/integration/runOffline.js --self-test         the launcher's own one-test suite,
//                                                               with fixtures/minimal-extension
//   node out/test/integration/runOffline.js --locale zh-cn      the locale/ suite, VS Code's display
//                                                               language set to Chinese
//   node out/test/integration/runOffline.js --web               the extension's `browser` bundle in
//                                                               the web worker extension host (as on
//                                                               vscode.dev), with the suite in web/
//
// Exits with the tests' exit code: 0 when every test passed.
//
// Tests talk to the launcher through console lines: see launcherProtocol.ts. A test calls
// screenshot('name') (screenshot.ts) to have test-artifacts/screenshots/name.png saved, and
// askLauncher(...) (askLauncher.ts) for what only the browser can do (launcherRequests.ts).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { answer } from './launcherRequests';
import {
  ANSWER_DIR_VARIABLE,
  LAUNCHER_REQUEST,
  REQUEST_ID,
  SCREENSHOT_DIR_VARIABLE,
  SCREENSHOT_NAME,
  SCREENSHOT_REQUEST,
  SUITE_START,
  type LauncherRequest,
} from './launcherProtocol';
import { prepareTestRun, repoRoot, type TestRun } from './testRun';
import { bundleWebTests } from './web/bundle';

const CODE_SERVER_ENTRY = path.join(repoRoot, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';
// Without the networking flags Chromium reaches out to Google's hosts.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const START_TIMEOUT_MS = 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;

// A run of the packaged VSIX keeps its artifacts apart, so that it never replaces the
// screenshots the development run and the browser tests saved (README images come from them).
const artifacts = path.join(repoRoot, 'test-artifacts', ...(process.argv.includes('--vsix') ? ['vsix'] : []));
const screenshots = path.join(artifacts, 'screenshots');
const codeServerLog = path.join(artifacts, 'code-server.log');
const vscodeLogs = path.join(artifacts, 'vscode-logs');

let codeServer: ChildProcess | undefined;
let browser: Browser | undefined;
let testRun: TestRun | undefined;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--web')) await bundleWebTests();
  testRun = prepareTestRun(args);
  installCodeServer();
  // This run's own files only: the browser tests keep theirs in screenshots/preview/.
  const previousScreenshots = fs.existsSync(screenshots) ? fs.readdirSync(screenshots).filter((f) => f.endsWith('.png')).map((f) => path.join(screenshots, f)) : [];
  for (const previous of [...previousScreenshots, vscodeLogs, codeServerLog]) {
    fs.rmSync(previous, { recursive: true, force: true });
  }
  fs.mkdirSync(screenshots, { recursive: true });

  const port = await freePort();
  const started = Date.now();
  codeServer = startCodeServer(port, testRun);
  await waitUntilListening(port, codeServer);
  console.log(`code-server listening on 127.0.0.1:${port} (${elapsed(started)})`);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // main() stops everything itself, in order, on these signals.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Its crash reporter keeps a database under ~/.config: keep it in the scratch folder instead.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(testRun.scratch, 'chromium-config'),
      XDG_CACHE_HOME: path.join(testRun.scratch, 'chromium-cache'),
    },
  });
  // The window size the preview is designed for: at the default split it is 626 px wide.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const result = await resultOf(page, codeServer, path.join(testRun.scratch, 'answers'));
  await page.goto(workbenchUrl(port, testRun), { timeout: START_TIMEOUT_MS });
  const code = await result();
  console.log(`VS Code tests finished with exit code ${code} (${elapsed(started)})`);
  return code;
}

function installCodeServer(): void {
  const setup = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-test-vscode.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0) {
    throw new Error(`scripts/setup-test-vscode.sh failed (${setup.status ?? setup.signal})`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function startCodeServer(port: number, run: TestRun): ChildProcess {
  const home = path.join(run.scratch, 'code-server');
  fs.mkdirSync(path.join(home, 'user-data', 'User'), { recursive: true });
  if (run.vsix) installVsix(run.vsix, home);
  // VS Code shows a display language only with its language pack, listed in the user data's
  // languagepacks.json: the fixture's declares zh-cn and translates nothing of VS Code itself
  // (Microsoft's pack comes from the marketplace, out of reach here), which is enough for
  // VS Code to run in zh-cn and pick the extension's package.nls.zh-cn.json.
  if (run.locale) {
    const translations = path.join(repoRoot, 'test', 'integration', 'fixtures', `${run.locale}-language-pack`, 'translations', 'main.i18n.json');
    fs.writeFileSync(
      path.join(home, 'user-data', 'languagepacks.json'),
      JSON.stringify({ [run.locale]: { hash: 'tcpflow-test', label: run.locale, extensions: [{ extensionIdentifier: { id: 'tcpflow-test.language-pack' }, version: '0.0.1' }], translations: { vscode: translations } } }),
    );
  }
  // No welcome page over the editors that tests open and screenshots show.
  // For --web, `remote.extensionKind` puts the extension in the web worker extension host, from
  // its `browser` entry, as on vscode.dev. (The workbench payload's `extensionDevelopmentKind`
  // does not: VS Code 1.100's browser workbench reads it under another name and drops it.)
  fs.writeFileSync(
    path.join(home, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', ...(run.web ? { 'remote.extensionKind': { 'tcpflow.tcpflow': ['web'] } } : {}) }),
  );
  const log = fs.openSync(codeServerLog, 'w');
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      // Without --config it writes one into ~/.config.
      '--config', path.join(home, 'config.yaml'),
      '--user-data-dir', path.join(home, 'user-data'),
      '--extensions-dir', path.join(home, 'extensions'),
      ...(run.locale ? ['--locale', run.locale] : []),
      run.workspace,
    ],
    {
      // Its own process group, so that stopping it reaches the extension host and watchers too.
      detached: true,
      stdio: ['ignore', log, log],
      // An empty gallery keeps it from contacting the marketplace. TCPFLOW_TEST=1 gives the
      // extension its test-only commands (src/extension/preview/testHooks.ts).
      env: {
        ...process.env,
        EXTENSIONS_GALLERY: '{"serviceUrl":""}',
        [SCREENSHOT_DIR_VARIABLE]: screenshots,
        [ANSWER_DIR_VARIABLE]: path.join(run.scratch, 'answers'),
        TCPFLOW_TEST: '1',
      },
    },
  );
  fs.closeSync(log);
  return child;
}

/** Installs a packaged extension the way a user would (`--install-extension`), into the run's own folder. */
function installVsix(vsix: string, home: string): void {
  const result = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--install-extension', vsix, '--extensions-dir', path.join(home, 'extensions'), '--user-data-dir', path.join(home, 'user-data'), '--config', path.join(home, 'config.yaml')],
    { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' } },
  );
  const out = `${result.stdout}${result.stderr}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}): ${out}`);
  }
  console.log(out.split('\n').filter((l) => /installed/i.test(l)).join('\n'));
}

async function waitUntilListening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server stopped while starting (${child.exitCode ?? child.signalCode}); see ${codeServerLog}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(`code-server did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s; see ${codeServerLog}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Workbench URLs name the extension and the tests as remote resources: plain paths find no extension host. */
function workbenchUrl(port: number, run: TestRun): string {
  const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(run.extensionTestsPath)],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Gives the page the functions the workbench reports through; the returned function waits for
 * the exit code and rejects when the run cannot finish.
 */
async function resultOf(page: Page, child: ChildProcess, answers: string): Promise<() => Promise<number>> {
  const pendingScreenshots: Promise<void>[] = [];
  // One request at a time, in the order asked: each may move the page (keys, the window's size).
  let requests = Promise.resolve();
  fs.mkdirSync(answers, { recursive: true });
  let suiteStarted = false;
  let resolveCode!: (code: number) => void;
  let rejectCode!: (error: Error) => void;
  const code = new Promise<number>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  // It may fail before anyone waits for it (code-server dying during page.goto).
  code.catch(() => undefined);

  await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    if (text.startsWith(SCREENSHOT_REQUEST)) {
      pendingScreenshots.push(saveScreenshot(page, text.slice(SCREENSHOT_REQUEST.length).trim()));
      return;
    }
    if (text.startsWith(LAUNCHER_REQUEST)) {
      requests = requests.then(() => answerRequest(page, text.slice(LAUNCHER_REQUEST.length), answers));
      return;
    }
    suiteStarted ||= text.startsWith(SUITE_START);
    const problem = level === 'error' || level === 'warn';
    if (suiteStarted || problem) {
      const prefix = suiteStarted ? '[extension host]' : `[vscode ${level}]`;
      for (const line of text.split('\n')) {
        (problem ? console.error : console.log)(`${prefix} ${line}`);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (exitCode: number, logs: unknown) => {
    saveVscodeLogs(logs);
    resolveCode(exitCode);
  });
  page.on('crash', () => rejectCode(new Error('the workbench page crashed')));
  child.once('exit', (exitCode, signal) =>
    rejectCode(new Error(`code-server stopped during the tests (${exitCode ?? signal}); see ${codeServerLog}`)),
  );

  return async () => {
    const timer = setTimeout(() => {
      void saveScreenshot(page, 'timeout').finally(() =>
        rejectCode(new Error(`no test result after ${RUN_TIMEOUT_MS / 1000} s; see ${screenshots}/timeout.png and ${codeServerLog}`)),
      );
    }, RUN_TIMEOUT_MS);
    try {
      return await code;
    } finally {
      clearTimeout(timer);
      await Promise.all(pendingScreenshots);
    }
  };
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_NAME.test(name)) {
    console.error(`ignoring screenshot request with the name ${JSON.stringify(name)}: it must match ${SCREENSHOT_NAME}`);
    return;
  }
  const file = path.join(screenshots, `${name}.png`);
  try {
    // Finite animations (a hover's fade-in) are finished, so a picture never catches one halfway.
    fs.writeFileSync(`${file}.partial`, await page.screenshot({ animations: 'disabled' }));
    fs.renameSync(`${file}.partial`, file);
    console.log(`screenshot saved: ${path.relative(repoRoot, file)}`);
  } catch (error) {
    console.error(`screenshot ${name} failed: ${error instanceof Error ? error.message : error}`);
  }
}

/** Writes the answer, or `{ "error": … }`, as <answers>/<id>.json; the asker waits for the file. */
async function answerRequest(page: Page, json: string, answers: string): Promise<void> {
  let request: LauncherRequest;
  try {
    request = JSON.parse(json) as LauncherRequest;
  } catch {
    console.error(`ignoring a launcher request that is not JSON: ${json}`);
    return;
  }
  if (typeof request.id !== 'string' || !REQUEST_ID.test(request.id)) {
    console.error(`ignoring a launcher request whose id does not match ${REQUEST_ID}: ${json}`);
    return;
  }
  let result: unknown;
  try {
    result = await answer(page, request);
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  const file = path.join(answers, `${request.id}.json`);
  fs.writeFileSync(`${file}.partial`, JSON.stringify(result));
  fs.renameSync(`${file}.partial`, file);
}

/** The workbench hands over its log files with the exit code: kept for reading after a failure. */
function saveVscodeLogs(logs: unknown): void {
  if (!Array.isArray(logs)) {
    return;
  }
  for (const { relativePath, contents } of logs as { relativePath: string; contents: string }[]) {
    const file = path.join(vscodeLogs, relativePath);
    if (!file.startsWith(vscodeLogs + path.sep)) {
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}

/** Stops Chromium and code-server (with everything it started) and deletes the scratch folder. */
async function stop(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = undefined;
  if (codeServer) {
    const child = codeServer;
    const exited =
      child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    killCodeServer('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    // Whatever of its process group is still there (extension host, file watchers).
    killCodeServer('SIGKILL');
    codeServer = undefined;
  }
  testRun?.dispose();
  testRun = undefined;
}

function killCodeServer(signal: NodeJS.Signals): void {
  if (codeServer?.pid === undefined) {
    return;
  }
  try {
    process.kill(-codeServer.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

let stopping: Promise<void> | undefined;
let interruptedWith: number | undefined;

function finish(exitCode: number): Promise<never> {
  stopping ??= stop();
  return stopping.then(() => process.exit(interruptedWith ?? exitCode));
}

for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    interruptedWith = exitCode;
    console.error(`${signal}: stopping code-server and Chromium`);
    void finish(exitCode);
  });
}
// Last resort when Node exits some other way: signals are all that can still be sent.
process.once('exit', () => killCodeServer('SIGKILL'));

main().then(finish, (error: unknown) => {
  // Once interrupted, whatever main() was waiting for fails as a matter of course.
  if (interruptedWith === undefined) {
    console.error(`runOffline: ${error instanceof Error ? error.message : error}`);
  }
  return finish(1);
});
