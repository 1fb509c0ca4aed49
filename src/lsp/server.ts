// Runs in Node, as `tcpflow lsp` (dist/cli.js): a Language Server Protocol server over
// stdin/stdout for Neovim, Helix, Emacs, Sublime Text and every other LSP client. It serves
// what the VS Code extension serves, from the same core functions (src/core/language); this
// file only speaks the protocol (vscode-languageserver) and converts nothing but severities
// and kinds: the core's ranges are LSP ranges already.

import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  createConnection,
  DiagnosticSeverity,
  FoldingRangeKind,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  completions,
  definition,
  documentSymbols,
  foldingRanges,
  format,
  hover,
  inlayHints,
  prepareRename,
  quickFixes,
  references,
  parseLocale,
  rename,
  translateDiagnostic,
  translateMarkdown,
  translateText,
  type Analysis,
  type CompletionKind,
  type Diagnostic,
  type Locale,
} from '../core/index';
import { readServerSettings, type ServerSettings } from './settings';

/** As in the extension: long enough to skip the keystrokes of a word, short enough to feel live. */
const DEBOUNCE_MS = 150;

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  segment: CompletionItemKind.Snippet,
  keyword: CompletionItemKind.Keyword,
  endpoint: CompletionItemKind.Variable,
  flag: CompletionItemKind.EnumMember,
  field: CompletionItemKind.Field,
  state: CompletionItemKind.Constant,
  call: CompletionItemKind.Function,
  marker: CompletionItemKind.Property,
  option: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
};

const SEVERITY: Record<'error' | 'warning' | 'info' | 'hint', DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The server on the process's stdin/stdout; `--stdio`, which clients pass, means the same.
 * Messages are in the client's language (`initialize`'s `locale`, or a `locale`
 * initialization option), else in `defaultLocale` (the command line's).
 */
export function startLanguageServer(
  defaultLocale: Locale = 'en',
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Connection {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { version: number; msl: number; analysis: Analysis }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let settings: ServerSettings = readServerSettings(undefined);
  let locale = defaultLocale;

  function analysisOf(document: TextDocument): Analysis {
    const hit = analyses.get(document.uri);
    if (hit && hit.version === document.version && hit.msl === settings.defaultMslMs) return hit.analysis;
    const analysis = analyze(document.getText(), { defaultMslMs: settings.defaultMslMs });
    analyses.set(document.uri, { version: document.version, msl: settings.defaultMslMs, analysis });
    return analysis;
  }

  function toLsp(uri: string, core: Diagnostic, level: keyof typeof SEVERITY): LspDiagnostic {
    const d = translateDiagnostic(core, locale);
    return {
      range: d.range,
      severity: SEVERITY[level],
      code: d.code,
      source: 'tcpflow',
      message: d.message,
      ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
    };
  }

  function publish(document: TextDocument): void {
    const shown: LspDiagnostic[] = [];
    for (const d of analysisOf(document).diagnostics) {
      const level = settings.severity(d.code);
      if (level !== 'ignore') shown.push(toLsp(document.uri, d, level));
    }
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: shown });
  }

  function schedule(document: TextDocument): void {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        if (documents.get(document.uri) === document) publish(document);
      }, DEBOUNCE_MS),
    );
  }

  /** Runs `use` on the open document `uri`; what a request about a closed document gets is `none`. */
  function withDocument<T>(uri: string, none: T, use: (document: TextDocument, analysis: Analysis) => T): T {
    const document = documents.get(uri);
    return document ? use(document, analysisOf(document)) : none;
  }

  connection.onInitialize((params): InitializeResult => {
    settings = readServerSettings(params.initializationOptions);
    const asked = (params.initializationOptions as { locale?: unknown } | undefined)?.locale ?? params.locale;
    if (typeof asked === 'string') locale = parseLocale(asked);
    return {
      serverInfo: { name: 'tcpflow' },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '+', '>', '='] },
        inlayHintProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
      },
    };
  });

  connection.onDidChangeConfiguration((change) => {
    settings = readServerSettings(change.settings);
    for (const document of documents.all()) publish(document);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) =>
    withDocument(params.textDocument.uri, [], (document, analysis) =>
      params.context.diagnostics.flatMap((shown) => {
        if (shown.source !== 'tcpflow') return [];
        const core = analysis.diagnostics.find(
          (d) => d.code === shown.code && d.range.start.line === shown.range.start.line && d.range.start.character === shown.range.start.character,
        );
        if (!core) return [];
        return quickFixes(document.getText(), analysis, core).map((fix) => ({
          title: translateText(fix.title, locale),
          kind: CodeActionKind.QuickFix,
          diagnostics: [shown],
          isPreferred: fix.isPreferred,
          edit: { changes: { [document.uri]: [...fix.edits] } },
        }));
      }),
    ),
  );

  connection.onHover((params) =>
    withDocument(params.textDocument.uri, null, (document, analysis) => {
      const h = hover(document.getText(), analysis, params.position);
      return h ? { contents: { kind: 'markdown', value: translateMarkdown(h.markdown, locale) }, range: h.range } : null;
    }),
  );

  connection.onCompletion((params) =>
    withDocument(params.textDocument.uri, [], (document, analysis) =>
      completions(document.getText(), analysis, params.position).map((c) => ({
        label: c.label,
        kind: COMPLETION_KIND[c.kind],
        detail: c.detail,
        textEdit: { range: c.range, newText: c.insertText ?? c.label },
        ...(c.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
      })),
    ),
  );

  connection.languages.inlayHint.on((params) =>
    withDocument(params.textDocument.uri, [], (_document, analysis) =>
      settings.inlayHints
        ? inlayHints(analysis, { naming: settings.stateNaming, startLine: params.range.start.line, endLine: params.range.end.line }).map((h) => ({
            position: h.position,
            label: h.label,
            tooltip: h.tooltip,
            paddingLeft: true,
          }))
        : [],
    ),
  );

  connection.onDocumentSymbol((params) =>
    withDocument(params.textDocument.uri, [], (_document, analysis) =>
      documentSymbols(analysis).map((s) => ({
        name: s.name,
        detail: s.detail,
        kind: s.kind === 'participant' ? SymbolKind.Object : s.kind === 'section' ? SymbolKind.Namespace : SymbolKind.String,
        range: s.range,
        selectionRange: s.selectionRange,
      })),
    ),
  );

  connection.onFoldingRanges((params) =>
    withDocument(params.textDocument.uri, [], (document, analysis) =>
      foldingRanges(document.getText(), analysis).map((f) => ({
        startLine: f.startLine,
        endLine: f.endLine,
        ...(f.kind === undefined ? {} : { kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region }),
      })),
    ),
  );

  connection.onDocumentFormatting((params) => withDocument(params.textDocument.uri, [], (document) => format(document.getText())));

  connection.onDocumentRangeFormatting((params) =>
    withDocument(params.textDocument.uri, [], (document) =>
      format(document.getText(), { range: { startLine: params.range.start.line, endLine: params.range.end.line } }),
    ),
  );

  connection.onDefinition((params) =>
    withDocument(params.textDocument.uri, null, (document, analysis) => {
      const target = definition(analysis, params.position);
      return target ? { uri: document.uri, range: target } : null;
    }),
  );

  connection.onReferences((params) =>
    withDocument(params.textDocument.uri, [], (document, analysis) => references(analysis, params.position).map((range) => ({ uri: document.uri, range }))),
  );

  connection.onPrepareRename((params) => withDocument(params.textDocument.uri, null, (_document, analysis) => prepareRename(analysis, params.position) ?? null));

  connection.onRenameRequest((params) =>
    withDocument(params.textDocument.uri, null, (document, analysis) => {
      const result = rename(document.getText(), analysis, params.position, params.newName);
      if ('error' in result) throw new ResponseError(-32602, result.error);
      return { changes: { [document.uri]: [...result] } };
    }),
  );

  documents.listen(connection);
  connection.listen();
  return connection;
}
