// Runs inside the VS Code extension host: each kind of quick fix, through VS Code's code action
// command as the light bulb asks for it — the titles offered for the diagnostic, the exact
// script the chosen one produces, and that its diagnostic goes away.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticWithCode, lines, openScript, waitForDiagnostics, type DiagnosticRow } from './helpers';

const handshake = ['participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'];

interface FixCase {
  readonly name: string;
  readonly script: string;
  /** The script's whole diagnostic list; the fix is for the first row. */
  readonly diagnostics: readonly DiagnosticRow[];
  /** Every action offered for that diagnostic's range, in order, and whether it is the preferred one. */
  readonly offered: readonly (readonly [title: string, preferred: boolean])[];
  readonly apply: string;
  /** The fixed script, which has no diagnostics left. */
  readonly fixed: string;
}

const cases: readonly FixCase[] = [
  {
    name: 'tcp.bad-ack: the expected ack',
    script: lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=300'),
    diagnostics: [['tcp.bad-ack', 'Error', '4:16-4:19']],
    offered: [['Change to ack=301', true]],
    apply: 'Change to ack=301',
    fixed: lines('participant c', 'participant s listen isn=300', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK ack=301'),
  },
  {
    name: 'tcp.bad-seq: the expected seq, keeping the symbol',
    script: lines('participant c', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK seq=y ack=x+1', 'c -> s: ACK seq=x+2 ack=y+1'),
    diagnostics: [['tcp.bad-seq', 'Error', '4:16-4:19']],
    offered: [['Change to seq=x+1', true]],
    apply: 'Change to seq=x+1',
    fixed: lines('participant c', 'participant s listen', 'c -> s: SYN seq=x', 's -> c: SYN+ACK seq=y ack=x+1', 'c -> s: ACK seq=x+1 ack=y+1'),
  },
  {
    name: 'tcp.missing-ack-flag: adds ACK to the flags',
    script: lines(...handshake, 'c -> s: PSH "x"', 's -> c: ACK'),
    diagnostics: [['tcp.missing-ack-flag', 'Error', '5:8-5:11']],
    offered: [['Add the ACK flag: PSH+ACK', true]],
    apply: 'Add the ACK flag: PSH+ACK',
    fixed: lines(...handshake, 'c -> s: PSH+ACK "x"', 's -> c: ACK'),
  },
  {
    name: 'tcp.not-listening: adds listen to the declaration, before its comment',
    script: lines('participant c', 'participant s   # the server', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'),
    diagnostics: [['tcp.not-listening', 'Error', '3:8-3:15']],
    offered: [['Declare s with listen', false]],
    apply: 'Declare s with listen',
    fixed: lines('participant c', 'participant s listen   # the server', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK'),
  },
  {
    name: 'tcp.reply-missing: inserts the owed reply at the end',
    script: lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', ''),
    diagnostics: [
      ['tcp.reply-missing', 'Warning', '3:0-3:15'],
      ['tcp.unfinished', 'Information', '3:0-3:15'],
    ],
    offered: [["Add 'c -> s: ACK' at the end", true], ['Insert the owed reply: c -> s: ACK', false]],
    apply: "Add 'c -> s: ACK' at the end",
    fixed: lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK', ''),
  },
  {
    name: 'endpoint.unknown: declares the participant after the last participant line',
    script: lines('title t', 'participant c', 'participant s listen', '', ...handshake.slice(2), 'note proxy: watching'),
    diagnostics: [['endpoint.unknown', 'Error', '7:5-7:10']],
    offered: [['Declare participant proxy', false]],
    apply: 'Declare participant proxy',
    fixed: lines('title t', 'participant c', 'participant s listen', 'participant proxy', '', ...handshake.slice(2), 'note proxy: watching'),
  },
  {
    name: 'endpoint.unknown: a near miss of a declared name, corrected',
    script: lines('participant client', 'participant server listen', 'client -> sever: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'),
    // The misspelt name is read as server, so the lines after it are judged on their own.
    diagnostics: [['endpoint.unknown', 'Error', '2:10-2:15']],
    // Declaring sever is not offered: the server would then never get its SYN, and its SYN+ACK would be an error.
    offered: [['Change to server', true]],
    apply: 'Change to server',
    fixed: lines('participant client', 'participant server listen', 'client -> server: SYN', 'server -> client: SYN+ACK', 'client -> server: ACK'),
  },
  {
    name: 'tcp.expect-failed: the state the endpoint is in',
    script: lines(...handshake, 'expect c SYN-SENT'),
    diagnostics: [['tcp.expect-failed', 'Error', '5:9-5:17']],
    offered: [['Change to ESTABLISHED', false]],
    apply: 'Change to ESTABLISHED',
    fixed: lines(...handshake, 'expect c ESTABLISHED'),
  },
  {
    name: 'tcp.len-mismatch: the payload’s length',
    script: lines(...handshake, 'c -> s: PSH+ACK len=3 "hello"', 's -> c: ACK'),
    diagnostics: [['tcp.len-mismatch', 'Error', '5:16-5:21']],
    offered: [['Change to len=5', true]],
    apply: 'Change to len=5',
    fixed: lines(...handshake, 'c -> s: PSH+ACK len=5 "hello"', 's -> c: ACK'),
  },
];

describe('quick fixes', () => {
  afterEach(closeAllEditors);

  for (const fix of cases) {
    it(fix.name, async () => {
      const { document } = await openScript(fix.script);
      await waitForDiagnostics(document.uri, fix.diagnostics);
      const [code] = fix.diagnostics[0];
      const diagnostic = diagnosticWithCode(document.uri, code);

      const results = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
      );
      const actions = results.filter((a) => a instanceof vscode.CodeAction);
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred === true]),
        fix.offered,
      );
      const action = actions.find((a) => a.title === fix.apply);
      assert.ok(action?.edit, `'${fix.apply}' has an edit`);
      assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);

      assert.equal(await vscode.workspace.applyEdit(action.edit), true);
      assert.equal(document.getText(), fix.fixed);
      await waitForDiagnostics(document.uri, []);
    });
  }
});
