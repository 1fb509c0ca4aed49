// One analysis per document version, shared by every feature (diagnostics, hovers, hints,
// the status bar, the preview), so a keystroke is parsed and simulated once. A document of
// more than a few thousand lines is analysed in slices of a few milliseconds, so that typing
// and every other extension keep the extension host's thread between them.

import * as vscode from 'vscode';
import { analyze, analyzeInSlices, notAnalysed, replacementCharacterDiagnostics, type Analysis, type AnalysisJob } from '../core/index';
import { readSettings } from './config';
import { runInSlices } from './slices';

export const LANGUAGE_ID = 'tcpflow';
const RECENT_DURATIONS = 5;
/** Documents with more lines are analysed in slices; smaller ones at once, with no added latency. */
export const SLICED_ABOVE_LINES = 2_000;

interface Analysed {
  readonly version: number;
  readonly msl: number;
  readonly maxLines: number;
  readonly analysis: Analysis;
}

/** A sliced analysis under way. */
interface Running {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly msl: number;
  readonly maxLines: number;
  readonly text: string;
  readonly job: AnalysisJob;
  /** Milliseconds the slices held the thread so far. */
  spentMs: number;
  /** The whole percent last announced. */
  percent: number;
}

interface Waiter {
  readonly resolve: (analysis: Analysis) => void;
  readonly reject: (error: unknown) => void;
}

export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, Analysed>();
  private readonly running = new Map<string, Running>();
  /** Who awaits a document's sliced analysis: served by the one that completes, for its version then. */
  private readonly waiters = new Map<string, Waiter[]>();
  /** The last few analysis times of each document, in milliseconds. */
  private readonly durations = new Map<string, number[]>();
  private readonly progressed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[];

  /** A document's sliced analysis advanced by a whole percent, or completed. */
  readonly onDidProgress = this.progressed.event;

  constructor() {
    this.subscriptions = [
      this.progressed,
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
      // A newer version makes the running analysis useless: it starts again on the new text.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        const run = this.running.get(key);
        if (!run || run.version === e.document.version) return;
        if (sliced(e.document, readSettings(e.document).maxLines)) {
          this.start(e.document);
          return;
        }
        this.running.delete(key);
        const analysis = this.get(e.document);
        const waiting = this.waiters.get(key) ?? [];
        this.waiters.delete(key);
        for (const w of waiting) w.resolve(analysis);
      }),
    ];
  }

  /**
   * The analysis of the document's current version, at once: for a large document whose
   * sliced analysis is under way, the rest of it is done now. Features that can wait use
   * `analyse`, which never holds the thread for long.
   */
  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const settings = readSettings(document);
    const hit = this.cache.get(key);
    if (hit && fresh(hit, document, settings)) return hit.analysis;
    const run = this.running.get(key);
    if (run && fresh(run, document, settings)) {
      const started = performance.now();
      run.job.step(Number.POSITIVE_INFINITY);
      run.spentMs += performance.now() - started;
      return this.complete(key, run);
    }
    const started = performance.now();
    // Past the limit even slices would take too long to be worth it.
    const analysis =
      document.lineCount > settings.maxLines
        ? notAnalysed(document.lineCount, settings.maxLines, 'setting tcpflow.analysis.maxLines')
        : withEncoding(document.getText(), analyze(document.getText(), { defaultMslMs: settings.defaultMslMs }));
    this.record(key, performance.now() - started);
    this.cache.set(key, { version: document.version, msl: settings.defaultMslMs, maxLines: settings.maxLines, analysis });
    return analysis;
  }

  /**
   * The analysis of the document's current version: at once when it is known or the document
   * is small; else a promise, the document being analysed in slices meanwhile. Should the
   * document change before the analysis completes, the promise gets the newer version's.
   */
  analyse(document: vscode.TextDocument): Analysis | Promise<Analysis> {
    const now = this.peek(document);
    if (now !== undefined) return now;
    const key = document.uri.toString();
    return new Promise<Analysis>((resolve, reject) => {
      const list = this.waiters.get(key) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(key, list);
    });
  }

  /**
   * The analysis of the document's current version when it can be had at once (known, or the
   * document small); else undefined, the document being analysed in slices meanwhile
   * (`onDidProgress` says when it completes).
   */
  peek(document: vscode.TextDocument): Analysis | undefined {
    const settings = readSettings(document);
    const hit = this.cache.get(document.uri.toString());
    if (hit && fresh(hit, document, settings)) return hit.analysis;
    if (!sliced(document, settings.maxLines)) return this.get(document);
    const run = this.running.get(document.uri.toString());
    if (!run || !fresh(run, document, settings)) this.start(document);
    return undefined;
  }

  /** How far the document's sliced analysis is, from 0 to 1; undefined when none runs. */
  progress(document: vscode.TextDocument): number | undefined {
    return this.running.get(document.uri.toString())?.job.progress;
  }

  /**
   * What analysing the document costs, in milliseconds: the least of its last few analysis
   * times, so that one slow run (the machine busy, a collection) does not stand for the script.
   * For a sliced analysis, the time its slices took, not the time between its start and end.
   * Undefined before the first analysis.
   */
  analysisCostMs(document: vscode.TextDocument): number | undefined {
    const recent = this.durations.get(document.uri.toString());
    return recent && Math.min(...recent);
  }

  /** Starts (or starts again) the sliced analysis of the document's current version. */
  private start(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const settings = readSettings(document);
    const text = document.getText();
    const run: Running = {
      uri: document.uri,
      version: document.version,
      msl: settings.defaultMslMs,
      maxLines: settings.maxLines,
      text,
      job: analyzeInSlices(text, { defaultMslMs: settings.defaultMslMs }),
      spentMs: 0,
      percent: 0,
    };
    this.running.set(key, run);
    this.progressed.fire(document.uri);
    runInSlices(run.job, {
      wanted: () => this.running.get(key) === run,
      sliced: (ms) => {
        run.spentMs += ms;
        const percent = Math.floor(run.job.progress * 100);
        if (percent === run.percent) return;
        run.percent = percent;
        this.progressed.fire(run.uri);
      },
      done: () => this.complete(key, run),
    });
  }

  /** A sliced analysis completed: kept, and given to whoever awaits the document's. */
  private complete(key: string, run: Running): Analysis {
    const analysis = withEncoding(run.text, run.job.result!);
    this.running.delete(key);
    this.record(key, run.spentMs);
    this.cache.set(key, { version: run.version, msl: run.msl, maxLines: run.maxLines, analysis });
    const waiting = this.waiters.get(key) ?? [];
    this.waiters.delete(key);
    for (const w of waiting) w.resolve(analysis);
    this.progressed.fire(run.uri);
    return analysis;
  }

  private record(key: string, ms: number): void {
    const recent = this.durations.get(key) ?? [];
    recent.push(ms);
    if (recent.length > RECENT_DURATIONS) recent.shift();
    this.durations.set(key, recent);
  }

  private forget(key: string): void {
    this.cache.delete(key);
    this.durations.delete(key);
    this.running.delete(key);
    const waiting = this.waiters.get(key) ?? [];
    this.waiters.delete(key);
    for (const w of waiting) w.reject(new vscode.CancellationError());
  }

  dispose(): void {
    for (const key of [...this.running.keys(), ...this.waiters.keys()]) this.forget(key);
    this.cache.clear();
    this.durations.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Whether the document is analysed in slices: large, but not past the limit of lines checked. */
function sliced(document: vscode.TextDocument, maxLines: number): boolean {
  return document.lineCount > SLICED_ABOVE_LINES && document.lineCount <= maxLines;
}

function fresh(entry: { version: number; msl: number; maxLines: number }, document: vscode.TextDocument, settings: { defaultMslMs: number; maxLines: number }): boolean {
  return entry.version === document.version && entry.msl === settings.defaultMslMs && entry.maxLines === settings.maxLines;
}

/**
 * VS Code decodes files itself (`files.encoding`, or its guess), putting U+FFFD where bytes
 * were not in that encoding; the analysis then marks those characters (`syntax.encoding`).
 */
function withEncoding(text: string, analysis: Analysis): Analysis {
  const encoding = replacementCharacterDiagnostics(text);
  if (encoding.length === 0) return analysis;
  const diagnostics = [...encoding, ...analysis.diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { ...analysis, diagnostics };
}

export function isTcpflow(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}
