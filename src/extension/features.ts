// Registers the language features of .tcpflow documents. Each provider asks the core for
// plain data and converts it; no TCP or language logic lives here.

import * as vscode from 'vscode';
import {
  completions,
  definition,
  documentSymbols,
  foldingRanges,
  format,
  hover,
  inlayHints,
  owedSegmentFixes,
  prepareRename,
  quickFixes,
  references,
  rename,
  translateMarkdown,
  translateText,
  type CompletionKind,
  type FoldingRange,
  type Analysis,
  type TextEdit,
} from '../core/index';
import { LANGUAGE_ID, type Analyses } from './analyses';
import { readSettings } from './config';
import { fromPosition, toPosition, toRange } from './convert';
import { displayLocale } from './locale';

const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };

const COMPLETION_KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  segment: vscode.CompletionItemKind.Event,
  keyword: vscode.CompletionItemKind.Keyword,
  endpoint: vscode.CompletionItemKind.Variable,
  flag: vscode.CompletionItemKind.EnumMember,
  field: vscode.CompletionItemKind.Field,
  state: vscode.CompletionItemKind.Constant,
  call: vscode.CompletionItemKind.Function,
  marker: vscode.CompletionItemKind.Property,
  option: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
};

// Simultaneous blocks have no kind: "Fold All Regions" folds sections, not blocks.
const FOLDING_KIND: Record<NonNullable<FoldingRange['kind']>, vscode.FoldingRangeKind> = {
  region: vscode.FoldingRangeKind.Region,
  comment: vscode.FoldingRangeKind.Comment,
};

function toEdits(edits: readonly TextEdit[]): vscode.TextEdit[] {
  return edits.map((e) => new vscode.TextEdit(toRange(e.range), e.newText));
}

/**
 * `use` applied to the document's analysis: at once when it is known, else once the sliced
 * analysis of a large document completes — nothing if the document changed meanwhile.
 */
function withAnalysis<T>(analyses: Analyses, document: vscode.TextDocument, use: (analysis: Analysis) => T): T | Promise<T | undefined> {
  const now = analyses.analyse(document);
  if (!(now instanceof Promise)) return use(now);
  const version = document.version;
  return now.then((analysis) => (document.version === version ? use(analysis) : undefined));
}

/** The quick fixes for the diagnostics VS Code shows in `range`, and the owed segments at its end. */
function codeActions(document: vscode.TextDocument, analysis: Analysis, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
  const text = document.getText();
  const actions: vscode.CodeAction[] = [];
  for (const shown of context.diagnostics) {
    if (shown.source !== 'tcpflow') continue;
    const core = analysis.diagnostics.find(
      (d) => d.code === shown.code && d.range.start.line === shown.range.start.line && d.range.start.character === shown.range.start.character,
    );
    if (!core) continue;
    for (const fix of quickFixes(text, analysis, core)) {
      const action = new vscode.CodeAction(translateText(fix.title, displayLocale()), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [shown];
      action.isPreferred = fix.isPreferred;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.set(document.uri, toEdits(fix.edits));
      actions.push(action);
    }
  }
  for (const fix of owedSegmentFixes(text, analysis, range.end.line)) {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, toEdits(fix.edits));
    actions.push(action);
  }
  return actions;
}

export function registerLanguageFeatures(analyses: Analyses): vscode.Disposable[] {
  const inlayChanged = new vscode.EventEmitter<void>();
  return [
    inlayChanged,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpflow')) inlayChanged.fire();
    }),

    vscode.languages.registerCodeActionsProvider(
      selector,
      {
        provideCodeActions(document, range, context) {
          return withAnalysis(analyses, document, (analysis) => codeActions(document, analysis, range, context));
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),

    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        return withAnalysis(analyses, document, (analysis) => {
          const h = hover(document.getText(), analysis, fromPosition(position));
          if (!h) return undefined;
          const markdown = new vscode.MarkdownString(translateMarkdown(h.markdown, displayLocale()));
          markdown.supportHtml = false;
          markdown.isTrusted = false;
          return new vscode.Hover(markdown, toRange(h.range));
        });
      },
    }),

    vscode.languages.registerInlayHintsProvider(selector, {
      onDidChangeInlayHints: inlayChanged.event,
      provideInlayHints(document, range) {
        const settings = readSettings(document);
        if (settings.inlayHints === 'off') return [];
        const options = { mode: settings.inlayHints, naming: settings.stateNaming, startLine: range.start.line, endLine: range.end.line };
        return withAnalysis(analyses, document, (analysis) =>
          inlayHints(analysis, options).map((h) => {
            const hint = new vscode.InlayHint(toPosition(h.position), h.label);
            hint.tooltip = h.tooltip;
            hint.paddingLeft = true;
            return hint;
          }),
        );
      },
    }),

    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems(document, position) {
          // The core's order is the order shown: what the exchange needs next comes first.
          return withAnalysis(analyses, document, (analysis) =>
            completions(document.getText(), analysis, fromPosition(position)).map((c, i) => {
              const item = new vscode.CompletionItem(c.label, COMPLETION_KIND[c.kind]);
              item.insertText = c.snippet && c.insertText !== undefined ? new vscode.SnippetString(c.insertText) : c.insertText;
              item.detail = c.detail;
              item.range = toRange(c.range);
              item.sortText = String(i).padStart(4, '0');
              return item;
            }),
          );
        },
      },
      ' ',
      ':',
      '+',
      '>',
      '=',
    ),

    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        return withAnalysis(analyses, document, (analysis) =>
          documentSymbols(analysis).map(
            (s) =>
              new vscode.DocumentSymbol(
                s.name,
                s.detail ?? '',
                s.kind === 'participant' ? vscode.SymbolKind.Object : s.kind === 'section' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.String,
                toRange(s.range),
                toRange(s.selectionRange),
              ),
          ),
        );
      },
    }),

    vscode.languages.registerFoldingRangeProvider(selector, {
      provideFoldingRanges(document) {
        return withAnalysis(analyses, document, (analysis) =>
          foldingRanges(document.getText(), analysis).map(
            (f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind === undefined ? undefined : FOLDING_KIND[f.kind]),
          ),
        );
      },
    }),

    vscode.languages.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits(document) {
        return toEdits(format(document.getText()));
      },
    }),

    vscode.languages.registerDocumentRangeFormattingEditProvider(selector, {
      provideDocumentRangeFormattingEdits(document, range) {
        return toEdits(format(document.getText(), { range: { startLine: range.start.line, endLine: range.end.line } }));
      },
    }),

    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition(document, position) {
        return withAnalysis(analyses, document, (analysis) => {
          const target = definition(analysis, fromPosition(position));
          return target ? new vscode.Location(document.uri, toRange(target)) : undefined;
        });
      },
    }),

    vscode.languages.registerReferenceProvider(selector, {
      provideReferences(document, position) {
        return withAnalysis(analyses, document, (analysis) =>
          references(analysis, fromPosition(position)).map((r) => new vscode.Location(document.uri, toRange(r))),
        );
      },
    }),

    vscode.languages.registerRenameProvider(selector, {
      prepareRename(document, position) {
        return withAnalysis(analyses, document, (analysis) => {
          const r = prepareRename(analysis, fromPosition(position));
          if (!r) throw new Error('Only participants, seq symbols and segment labels can be renamed.');
          return toRange(r);
        });
      },
      provideRenameEdits(document, position, newName) {
        return withAnalysis(analyses, document, (analysis) => {
          const result = rename(document.getText(), analysis, fromPosition(position), newName);
          if ('error' in result) throw new Error(result.error);
          const edit = new vscode.WorkspaceEdit();
          edit.set(document.uri, toEdits(result));
          return edit;
        });
      },
    }),
  ];
}
