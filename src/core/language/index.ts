// The editor-independent language services. Runs anywhere (extension host, browser, CLI):
// pure functions over a script's text and its Analysis, returning plain data with core Ranges;
// the VS Code glue only converts types.

export type { TextEdit } from './document';
export { owedSegmentFixes, quickFixes, type QuickFix } from './quickFixes';
export { nextSegments, type NextSegment } from './nextSegments';
export { hover, type Hover } from './hover';
export { inlayHints, type InlayHint, type InlayHintOptions } from './inlayHints';
export { completions, type CompletionItem, type CompletionKind } from './completions';
export { documentSymbols, type DocumentSymbol } from './documentSymbols';
export { foldingRanges, type FoldingRange } from './foldingRanges';
export { definition, prepareRename, references, rename, type NameKind } from './names';
export { format, type FormatOptions } from './format';
export { summaryAt } from './summary';
