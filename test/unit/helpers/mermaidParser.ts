// Checks text with Mermaid 11's own parser, in Node: Mermaid is an ES module that expects a
// browser, so it gets a jsdom window, and is loaded once for the whole test run.

interface MermaidApi {
  initialize(config: { startOnLoad: boolean; securityLevel: 'strict' }): void;
  parse(text: string): Promise<unknown>;
}

interface JsdomModule {
  JSDOM: new (html: string, options: { pretendToBeVisual: boolean }) => { window: { document: unknown } };
}

/**
 * An `import()` that tsc leaves alone: compiled to CommonJS it would become `require`,
 * which cannot load Mermaid's ES modules. (jsdom ships no types; this names what is used.)
 */
const importModule = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

let loading: Promise<MermaidApi> | undefined;

function loadMermaid(): Promise<MermaidApi> {
  loading ??= (async () => {
    const globals = globalThis as { window?: unknown; document?: unknown };
    if (globals.window === undefined) {
      const { JSDOM } = await importModule<JsdomModule>('jsdom');
      const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
      globals.window = window;
      globals.document = window.document;
    }
    const mermaid = (await importModule<{ default: MermaidApi }>('mermaid')).default;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    return mermaid;
  })();
  return loading;
}

/** Resolves when Mermaid accepts `text`; rejects with Mermaid's parse error otherwise. */
export async function parseMermaid(text: string): Promise<void> {
  const mermaid = await loadMermaid();
  await mermaid.parse(text);
}
