// Loads the built preview webview (dist/webview/preview.js) into headless Chromium, the way
// VS Code would: the page from the extension's own HTML builder (same CSP, nonce, toolbar),
// `acquireVsCodeApi` stubbed to record what the webview posts, and the host's render
// messages built by the extension's own render model. Runs in Node (mocha, the benchmark).
// `renderScript` is the standalone use: script text in, SVG markup out.

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyze } from '../../src/core/index';
import { buildPreviewHtml, newNonce } from '../../src/extension/preview/html';
import { renderMessage } from '../../src/extension/preview/renderModel';
import type { DiagramTab, HostMessage, RenderMessage, ViewOptions, WebviewMessage } from '../../src/shared/previewProtocol';
import type { TestAction, TestDoneMessage, ViewMeasure } from '../../src/shared/previewTestProtocol';

export const ROOT = path.join(__dirname, '..', '..', '..');
/** Stands in for `webview.cspSource`: the webview's resources are served from here. */
export const ORIGIN = 'https://tcpflow-webview.test';
export const CHROMIUM = process.env.TCPFLOW_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'screenshots', 'preview');

export type Theme = 'light' | 'dark' | 'hc-dark' | 'hc-light';

/** What VS Code puts on the webview's <body> for each theme (a few of its variables). */
const THEMES: Record<Theme, { className: string; variables: string }> = {
  light: {
    className: 'vscode-light',
    variables: '--vscode-editor-background:#ffffff;--vscode-foreground:#3b3b3b;--vscode-errorForeground:#a1260d;--vscode-textLink-foreground:#005fb8;--vscode-textLink-activeForeground:#005fb8;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  },
  dark: {
    className: 'vscode-dark',
    variables: '--vscode-editor-background:#1f1f1f;--vscode-foreground:#cccccc;--vscode-errorForeground:#f85149;--vscode-textLink-foreground:#4daafc;--vscode-textLink-activeForeground:#4daafc;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  },
  'hc-dark': {
    className: 'vscode-high-contrast',
    variables: '--vscode-editor-background:#000000;--vscode-foreground:#ffffff;--vscode-errorForeground:#f48771;--vscode-textLink-foreground:#21a6ff;--vscode-textLink-activeForeground:#21a6ff;--vscode-focusBorder:#f38518;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  },
  'hc-light': {
    className: 'vscode-high-contrast vscode-high-contrast-light',
    variables: '--vscode-editor-background:#ffffff;--vscode-foreground:#292929;--vscode-errorForeground:#b5200d;--vscode-textLink-foreground:#0f4a85;--vscode-textLink-activeForeground:#0f4a85;--vscode-focusBorder:#006bbd;--vscode-font-family:sans-serif;--vscode-font-size:13px',
  },
};

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set TCPFLOW_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface OpenOptions {
  readonly theme?: Theme;
  /** What `vscode.getState()` returns, as after a reload. */
  readonly state?: unknown;
  readonly width?: number;
  readonly height?: number;
}

/** A webview page: posts host messages in, reads what the webview posted out. */
export class PreviewPage {
  private nextRenderId = 1;
  private nextTestId = 0;

  constructor(readonly page: Page) {}

  /** Everything the webview has posted, oldest first. */
  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (window as unknown as StubWindow).__posted);
  }

  state(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as StubWindow).__state);
  }

  post(message: HostMessage): Promise<void> {
    return this.page.evaluate((m) => window.postMessage(m, '*'), message);
  }

  /** The host's render message for `text`, as the panel would build it. */
  renderMessageFor(text: string, options: ViewOptions = { autonumber: false }, extra: { cursorLine?: number; messagesPerPage?: number; uri?: string; shownTab?: DiagramTab } = {}): RenderMessage {
    const uri = extra.uri ?? 'file:///work/test.tcpflow';
    return renderMessage(
      analyze(text),
      this.nextRenderId++,
      { uri, fileName: uri.slice(uri.lastIndexOf('/') + 1), locked: false },
      options,
      { naming: 'rfc', messagesPerPage: extra.messagesPerPage ?? 200, isError: (d) => d.severity === 'error', defaultTab: 'sequence', shownTab: extra.shownTab },
      extra.cursorLine ?? -1,
    );
  }

  /** Posts the render of `text` and waits until the webview reports it drawn (or failed). */
  async render(text: string, options?: ViewOptions, extra?: { cursorLine?: number; messagesPerPage?: number; uri?: string }): Promise<RenderMessage> {
    const message = this.renderMessageFor(text, options, extra);
    await this.post(message);
    await this.waitForRendered(message.renderId);
    return message;
  }

  async waitForRendered(renderId: number, diagram: DiagramTab = 'sequence'): Promise<void> {
    const handle = await this.page.waitForFunction(
      ([id, tab]) => (window as unknown as StubWindow).__posted.find((m) => m.type === 'rendered' && m.renderId === id && m.diagram === tab),
      [renderId, diagram] as const,
      { timeout: 60_000 },
    );
    const rendered = (await handle.jsonValue()) as { error?: string };
    if (rendered.error !== undefined) throw new Error(`render ${renderId} failed: ${rendered.error}`);
  }

  /** Waits for the webview to post a message of `type` after the first `after` messages. */
  async waitForPosted<T extends WebviewMessage['type']>(type: T, after = 0): Promise<Extract<WebviewMessage, { type: T }>> {
    const handle = await this.page.waitForFunction(
      ([t, n]) => (window as unknown as StubWindow).__posted.slice(n).find((m) => m.type === t),
      [type, after] as const,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as Extract<WebviewMessage, { type: T }>;
  }

  /** Has the webview act on its page through its test hooks (src/webview/testHooks.ts), as the integration tests do. */
  async act(action: TestAction): Promise<TestDoneMessage> {
    const id = ++this.nextTestId;
    const before = (await this.posted()).length;
    await this.post({ type: 'test', id, action });
    const handle = await this.page.waitForFunction(
      ([n, i]) => (window as unknown as StubWindow).__posted.slice(n).find((m) => m.type === 'testDone' && m.id === i),
      [before, id] as const,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as TestDoneMessage;
  }

  /** What the webview shows, measured by its own test hook. */
  async measure(): Promise<ViewMeasure> {
    const answer = await this.act({ kind: 'measure' });
    if (answer.measure === undefined) throw new Error('the webview did not measure itself');
    return answer.measure;
  }

  svgMarkup(): Promise<string> {
    return this.page.evaluate(() => document.querySelector('#diagram svg')?.outerHTML ?? '');
  }
}

interface StubWindow {
  __posted: WebviewMessage[];
  __state: unknown;
}

const contents = new Map<string, Buffer>();

/** A file served to the page, read once. */
function fileContents(file: string): Buffer {
  let buffer = contents.get(file);
  if (!buffer) contents.set(file, (buffer = fs.readFileSync(file)));
  return buffer;
}

/** Opens the preview page in a new tab of `browser`. */
export async function openPreview(browser: Browser, options: OpenOptions = {}): Promise<PreviewPage> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1000, height: options.height ?? 800 } });
  const files: Record<string, { file: string; type: string }> = {
    '/dist/webview/mermaid.js': { file: path.join(ROOT, 'dist', 'webview', 'mermaid.js'), type: 'text/javascript' },
    '/dist/webview/preview.js': { file: path.join(ROOT, 'dist', 'webview', 'preview.js'), type: 'text/javascript' },
    '/dist/webview/codicon.ttf': { file: path.join(ROOT, 'dist', 'webview', 'codicon.ttf'), type: 'font/ttf' },
    '/media/preview.css': { file: path.join(ROOT, 'media', 'preview.css'), type: 'text/css' },
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const entry = files[new URL(route.request().url()).pathname];
    if (entry === undefined) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ body: fileContents(entry.file), contentType: entry.type });
  });
  // Everything else (a label that became a URL, say) must never load.
  await page.route(/^(?!https:\/\/tcpflow-webview\.test\/)/, (route) => route.abort());
  // What VS Code's webview host page provides. setContent writes into this same document
  // (document.open keeps the window), so the stub is there before the bundle runs.
  await page.evaluate((initial) => {
    const w = window as unknown as StubWindow & { acquireVsCodeApi: () => unknown };
    w.__posted = [];
    w.__state = initial;
    w.acquireVsCodeApi = () => ({
      postMessage: (message: WebviewMessage) => w.__posted.push(JSON.parse(JSON.stringify(message)) as WebviewMessage),
      getState: () => w.__state,
      setState: (state: unknown) => {
        w.__state = JSON.parse(JSON.stringify(state));
      },
    });
  }, options.state ?? null);
  const theme = THEMES[options.theme ?? 'light'];
  const html = buildPreviewHtml({
    cspSource: ORIGIN,
    nonce: newNonce(),
    mermaidUri: `${ORIGIN}/dist/webview/mermaid.js`,
    scriptUri: `${ORIGIN}/dist/webview/preview.js`,
    styleUri: `${ORIGIN}/media/preview.css`,
  }).replace('<body>', `<body class="${theme.className}" style="${theme.variables}">`);
  // Generous: the 3 MB bundle is compiled for every page, and CI machines may be busy.
  await page.setContent(html, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  const preview = new PreviewPage(page);
  await preview.waitForPosted('ready');
  return preview;
}

/** Switches the page between VS Code's light and dark body classes. */
export async function setTheme(preview: PreviewPage, theme: Theme): Promise<void> {
  const { className, variables } = THEMES[theme];
  await preview.page.evaluate(
    ([c, v]) => {
      document.body.setAttribute('style', v);
      document.body.className = c;
    },
    [className, variables] as const,
  );
}

/** Draws a script's sequence diagram in a fresh page and returns the SVG markup. */
export async function renderScript(browser: Browser, text: string, theme: Theme = 'light'): Promise<string> {
  const preview = await openPreview(browser, { theme });
  try {
    await preview.render(text, { autonumber: false });
    return await preview.svgMarkup();
  } finally {
    await preview.page.close();
  }
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
