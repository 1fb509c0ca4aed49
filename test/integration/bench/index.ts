// Runs inside the VS Code extension host, started by `npm run bench:latency` (runOffline.ts
// --bench): how long an edit takes to become diagnostics in the real VS Code, with the old
// fixed 150 ms debounce (`tcpflow.diagnostics.delay: 150`) and with the adaptive one (the
// default), in the same run, for scripts of a few sizes. Prints figures; asserts nothing.
//
// Two figures for each:
// - host: from asking the editor for an edit (which travels to the workbench and comes back as
//   a document change) to the moment the extension has published the new diagnostics, read
//   from VS Code's diagnostics API every millisecond. Each edit adds or removes a wrong seq on
//   the script's last line, so the list changes every time.
// - screen: what the user sees. The launcher presses a key in the editor (Backspace, then K,
//   turning the last line's ACK into AC and back) and times, in the page, from the key's keydown
//   to the moment the editor's error squiggles change in the workbench's DOM
//   (launcherRequests.ts); beside it, the time to the key's own text drawn, VS Code's part.

import * as vscode from 'vscode';
import { launcherAnswers, typingLatency } from '../askLauncher';
import { SUITE_START } from '../launcherProtocol';

const SIZES = [20, 500, 1_900];
const EDITS = 40;
const DELAYS: readonly (readonly [label: string, delay: number | null])[] = [
  ['fixed 150 ms (before)', 150],
  ['adaptive (now)', null],
];

function script(lines: number): string {
  const rows = ['participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'];
  while (rows.length < lines - 1) rows.push('client -> server: PSH+ACK "abcd"', 'server -> client: ACK');
  rows.push('client -> server: ACK');
  return rows.join('\n');
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('no diagnostics after 10 s');
    await tick();
  }
}

let opened = 0;

/** A new untitled script of `lines` lines, its diagnostics published (none). */
async function openScript(lines: number): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `latency-${++opened}.tcpflow` });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), script(lines)));
  await until(() => vscode.languages.getDiagnostics(uri).length === 0 && vscode.languages.getDiagnostics().some(([u]) => u.toString() === uri.toString()));
  return editor;
}

/** Edit → diagnostics times, in milliseconds, for one script size with the delay set. */
async function measure(lines: number): Promise<number[]> {
  const editor = await openScript(lines);
  const uri = editor.document.uri;
  const last = editor.document.lineCount - 1;
  const lineEnd = () => editor.document.lineAt(last).range.end;
  const samples: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const wrong = i % 2 === 0;
    const started = performance.now();
    await editor.edit((b) => (wrong ? b.insert(lineEnd(), ' seq=999') : b.delete(new vscode.Range(last, lineEnd().character - 8, last, lineEnd().character))));
    await until(() => (vscode.languages.getDiagnostics(uri).length > 0) === wrong);
    samples.push(performance.now() - started);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return samples;
}

/** Keystroke → squiggles changed, and → the key's text drawn, on the page, in milliseconds, for one script size with the delay set. */
async function measureOnScreen(lines: number): Promise<{ squiggle: number[]; text: number[] }> {
  const editor = await openScript(lines);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(end, end));
  const { samples, textDrawn } = await typingLatency('\bK', EDITS, 10_000);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return { squiggle: [...samples], text: [...textDrawn] };
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function figure(samples: readonly number[], p: number): string {
  return percentile(samples, p).toFixed(1).padStart(6);
}

export async function run(): Promise<void> {
  // Only the offline launcher can press keys in the page and watch the squiggles.
  const onScreen = launcherAnswers();
  console.log(
    `${SUITE_START}edit → diagnostics latency, ${EDITS} edits per script, VS Code ${vscode.version}; ` +
      (onScreen ? 'host: edit → diagnostics published; screen: keystroke → squiggle drawn' : 'host only: no launcher presses keys in this run'),
  );
  const config = vscode.workspace.getConfiguration('tcpflow');
  const medians = new Map<string, number>();
  try {
    for (const lines of SIZES) {
      for (const [label, delay] of DELAYS) {
        await config.update('diagnostics.delay', delay, vscode.ConfigurationTarget.Global);
        const host = await measure(lines);
        const { squiggle: screen, text } = onScreen ? await measureOnScreen(lines) : { squiggle: [], text: [] };
        medians.set(`${lines} ${label} host`, percentile(host, 0.5));
        medians.set(`${lines} ${label} screen`, percentile(screen, 0.5));
        console.log(
          `${String(lines).padStart(5)} lines  ${label.padEnd(22)} host: median ${figure(host, 0.5)} ms  p90 ${figure(host, 0.9)} ms` +
            (onScreen ? `   screen: median ${figure(screen, 0.5)} ms  p90 ${figure(screen, 0.9)} ms   (the key's text drawn: median ${figure(text, 0.5)} ms)` : ''),
        );
      }
      for (const where of onScreen ? ['host', 'screen'] : ['host']) {
        const before = medians.get(`${lines} ${DELAYS[0][0]} ${where}`)!;
        const now = medians.get(`${lines} ${DELAYS[1][0]} ${where}`)!;
        console.log(`${String(lines).padStart(5)} lines  ${where} median adaptive / fixed = ${(now / before).toFixed(2)}`);
      }
    }
  } finally {
    await config.update('diagnostics.delay', undefined, vscode.ConfigurationTarget.Global);
  }
}
