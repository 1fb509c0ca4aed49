// Runs inside the VS Code extension host: the language features through VS Code's own
// commands (the ones its editor uses), with exact results — hover, completion, outline,
// folding, formatting, inlay hints and their settings, definition, rename.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot } from '../screenshot';
import {
  applyTextEdits,
  closeAllEditors,
  hintRows,
  inlayHintsOf,
  lines,
  nextHoverRequest,
  openScript,
  rangeText,
  resetSettings,
  setSetting,
  waitForValue,
} from './helpers';

describe('language features', () => {
  afterEach(async () => {
    await resetSettings();
    await closeAllEditors();
  });

  describe('hover', () => {
    const script = lines(
      'option msl=30s', //                                0
      'participant client 10.0.0.1:5000 isn=1000', //     1
      'participant server listen isn=300', //             2
      'client -> server: SYN seq=x', //                   3
      'server -> client: S. ack=x+1', //                  4
      'client -> server: ACK', //                         5
    );

    async function hoverAt(document: vscode.TextDocument, position: vscode.Position): Promise<{ range: string; markdown: string[] }> {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      assert.equal(hovers.length, 1, 'one hover');
      const [{ range, contents }] = hovers;
      assert.ok(range);
      return { range: rangeText(range), markdown: contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : String(c))) };
    }

    it('on a segment: both transitions, the numbers, its fate', async () => {
      const { document } = await openScript(script);
      assert.deepEqual(await hoverAt(document, new vscode.Position(3, 8)), {
        range: '3:7-3:9',
        markdown: [
          lines(
            '**`client` → `server`** `SYN`',
            '',
            '- `client` CLOSED → SYN-SENT (sends)',
            '- `server` LISTEN → SYN-RECEIVED (receives)',
            '',
            'seq 1000 (relative 0) · 0 data bytes',
            '',
            'Delivered at once.',
          ),
        ],
      });
    });

    it('on a flag written in compact form', async () => {
      const { document } = await openScript(script);
      assert.deepEqual(await hoverAt(document, new vscode.Position(4, 19)), {
        range: '4:19-4:20',
        markdown: [
          lines(
            '**ACK** — acknowledgment',
            '',
            'The acknowledgment number is valid: it is the next sequence number the sender expects from its peer (its RCV.NXT), and everything before it is acknowledged. Every segment after the first SYN carries ACK, except a RST.',
            '',
            "Written `.`, packetdrill's compact form.",
            '',
            'RFC 9293 §3.1 (header), §3.4 (sequence numbers)',
          ),
        ],
      });
    });

    it('shows in the editor', async () => {
      const editor = await openScript(script);
      const flag = new vscode.Position(4, 19);
      editor.selection = new vscode.Selection(flag, flag);
      const asked = nextHoverRequest();
      await vscode.commands.executeCommand('editor.action.showHover');
      await asked;
      await screenshot('hover-compact-flag');
    });
  });

  describe('completion', () => {
    const script = lines(
      'option msl=30s',
      'participant client 10.0.0.1:1',
      'participant server listen',
      'client -> server: SYN seq=x',
      'client ~> server: ACK as late',
      'client -> ',
    );
    const afterArrow = new vscode.Position(5, 10);
    const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

    it('after `client -> `, typing the space: the receivers, not the sender', async () => {
      const { document } = await openScript(script);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, afterArrow, ' ');
      assert.deepEqual(
        list.items.map((i) => [labelOf(i), vscode.CompletionItemKind[i.kind ?? -1], i.insertText, i.detail]),
        [['server', 'Variable', 'server: ', 'participant']],
      );
      assert.equal(rangeText(list.items[0].range as vscode.Range), '5:10-5:10');
    });

    it('after `client -> `, invoked: the same receivers beside the snippets', async () => {
      const { document } = await openScript(script);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, afterArrow);
      const notSnippets = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet);
      assert.deepEqual(
        notSnippets.map(labelOf),
        ['server'],
      );
      const offered = list.items.map(labelOf);
      assert.ok(offered.includes('handshake'), 'the handshake snippet is offered');
      assert.ok(!offered.includes('client'), 'the sender is not offered as the receiver');
    });
  });

  describe('outline and folding', () => {
    const script = lines(
      '# A script', //                                  0
      '# with a header', //                             1
      'title Handshake and close', //                   2
      'participant client 10.0.0.1:1 as "Browser"', //  3
      'participant server listen', //                   4
      '', //                                            5
      'section Handshake', //                           6
      'client -> server: SYN seq=x', //                 7
      'server -> client: SYN+ACK ack=x+1', //           8
      'client -> server: ACK', //                       9
      '', //                                            10
      '# the close', //                                 11
      'section  Close ', //                             12
      'simultaneous', //                                13
      '  # crossing FINs', //                           14
      '  client -> server: FIN+ACK', //                 15
      '  server -> client: FIN+ACK', //                 16
      'end', //                                         17
      'simultaneous', //                                18
      '  client -> server: ACK', //                     19
      '  server -> client: ACK', //                     20
      'end', //                                         21
      '# trailing', //                                  22
      '#', //                                           23
      '', //                                            24
    );

    it('document symbols: the title, the participants and the sections', async () => {
      const { document } = await openScript(script);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      assert.deepEqual(
        symbols.map((s) => [s.name, vscode.SymbolKind[s.kind], s.detail, rangeText(s.range), rangeText(s.selectionRange), s.children.length]),
        [
          ['Handshake and close', 'String', '', '2:0-2:25', '2:6-2:25', 0],
          ['client', 'Object', '10.0.0.1:1 "Browser"', '3:0-3:42', '3:12-3:18', 0],
          ['server', 'Object', 'listen', '4:0-4:25', '4:12-4:18', 0],
          ['Handshake', 'Namespace', '', '6:0-9:21', '6:8-6:17', 0],
          ['Close', 'Namespace', '', '12:0-21:3', '12:9-12:14', 0],
        ],
      );
    });

    it('folding ranges: comment runs, sections, simultaneous blocks', async () => {
      const { document } = await openScript(script);
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
      assert.deepEqual(
        ranges.map((r) => `${r.start}-${r.end}${r.kind === undefined ? '' : ` ${vscode.FoldingRangeKind[r.kind]}`}`),
        ['0-1 Comment', '6-11 Region', '12-23 Region', '13-17', '18-21', '22-23 Comment'],
      );
    });
  });

  describe('formatting', () => {
    it('rewrites an unformatted script in the canonical spelling', async () => {
      const { document } = await openScript(
        lines(
          'title  Handshake ',
          'participant   client 10.0.0.1:1   isn=5',
          'participant server  listen',
          'client->server SYN seq=x   # open',
          '  server -> client: ACK,SYN  ack=x+1',
          'client-> server: .',
          'expect   client ESTABLISHED ,server  established',
        ),
      );
      const options: vscode.FormattingOptions = { tabSize: 2, insertSpaces: true };
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, options);
      await applyTextEdits(document, edits);
      assert.equal(
        document.getText(),
        lines(
          'title Handshake',
          'participant client 10.0.0.1:1 isn=5',
          'participant server listen',
          'client -> server: SYN seq=x  # open',
          'server -> client: SYN+ACK ack=x+1',
          'client -> server: ACK',
          'expect client ESTABLISHED, server established',
        ),
      );
      // A formatted script is left alone (VS Code turns no edits into undefined).
      assert.equal(await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', document.uri, options), undefined);
    });
  });

  describe('inlay hints', () => {
    const script = lines(
      'participant a', //                   0
      'participant b', //                   1
      'participant c unchecked', //         2
      'b: listen', //                       3
      'a: connect', //                      4
      'a -> b: SYN   # open', //            5
      'b -> a: SYN+ACK', //                 6
      'a -> b: ACK', //                     7
      'c -> b: RST seq=99 duplicate', //    8
      'a: close', //                        9
      'a ~> b: FIN+ACK as fin', //          10
      'wait 1s', //                         11
      'deliver fin', //                     12
      'simultaneous', //                    13
      '  b -> a: ACK', //                   14
      '  b -> a: FIN+ACK', //               15
      'end', //                             16
      'a -> b: ACK', //                     17
      'expect a TIME-WAIT', //              18
      'wait 2MSL', //                       19
    );
    // Beside each end's name on a segment line, in Figure 5's short names.
    const rfc = [
      '3:9 b LISTEN',
      '5:1 SYN-SENT',
      '5:6 SYN-RCVD',
      '6:1 SYN-RCVD',
      '6:6 ESTAB',
      '7:1 ESTAB',
      '7:6 ESTAB',
      '8:1 CLOSED',
      '8:6 ESTAB',
      '10:1 FIN-WAIT-1',
      '10:6 ESTAB',
      '12:11 a FIN-WAIT-1 · b CLOSE-WAIT',
      '14:3 CLOSE-WAIT',
      '14:8 FIN-WAIT-1',
      '15:3 LAST-ACK',
      '15:8 FIN-WAIT-1',
      '16:3 a TIME-WAIT · b LAST-ACK',
      '17:1 TIME-WAIT',
      '17:6 CLOSED',
      '19:9 a CLOSED',
    ];

    const changes = [
      '3:9 → LISTEN',
      '5:1 → SYN-SENT',
      '5:6 → SYN-RCVD',
      '6:6 → ESTAB',
      '7:6 → ESTAB',
      '10:1 → FIN-WAIT-1',
      '12:11 b → CLOSE-WAIT',
      '15:3 → LAST-ACK',
      '16:3 a → TIME-WAIT',
      '17:6 → CLOSED',
      '19:9 a → CLOSED',
    ];

    it('by default only the state changes each line causes; the tooltip holds the full names and the state before', async () => {
      const { document } = await openScript(script);
      assert.deepEqual(await inlayHintsOf(document), changes);
      const handshake = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(5, 0, 5, 20));
      assert.deepEqual(
        handshake.map((h) => h.tooltip),
        ['a: CLOSED → SYN-SENT', 'b: LISTEN → SYN-RECEIVED'],
      );
    });

    it("tcpflow.inlayHints.mode: all, the endpoints' states after each line that moves the connection", async () => {
      await setSetting('inlayHints.mode', 'all');
      const { document } = await openScript(script);
      await waitForValue(() => inlayHintsOf(document), rfc, 'every involved state');
      // The editor asks for the visible lines only.
      const visible = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(13, 0, 16, 3));
      assert.deepEqual(hintRows(visible), rfc.slice(12, 17));
      assert.deepEqual(
        visible.map((h) => h.paddingLeft),
        [true, true, true, true, true],
      );
    });

    it('tcpflow.stateNaming: netstat names the states as netstat does', async () => {
      await setSetting('inlayHints.mode', 'all');
      const { document } = await openScript(script);
      await waitForValue(() => inlayHintsOf(document), rfc, 'every involved state');
      await setSetting('stateNaming', 'netstat');
      await waitForValue(() => inlayHintsOf(document), [
        '3:9 b LISTEN',
        '5:1 SYN_SENT',
        '5:6 SYN_RCVD',
        '6:1 SYN_RCVD',
        '6:6 ESTABLISHED',
        '7:1 ESTABLISHED',
        '7:6 ESTABLISHED',
        '8:1 CLOSED',
        '8:6 ESTABLISHED',
        '10:1 FIN_WAIT_1',
        '10:6 ESTABLISHED',
        '12:11 a FIN_WAIT_1 · b CLOSE_WAIT',
        '14:3 CLOSE_WAIT',
        '14:8 FIN_WAIT_1',
        '15:3 LAST_ACK',
        '15:8 FIN_WAIT_1',
        '16:3 a TIME_WAIT · b LAST_ACK',
        '17:1 TIME_WAIT',
        '17:6 CLOSED',
        '19:9 a CLOSED',
      ], 'netstat state names in the inlay hints');
      await setSetting('stateNaming', undefined);
      await waitForValue(() => inlayHintsOf(document), rfc, 'RFC state names again');
    });

    it('the older tcpflow.inlayHints.enabled: false still turns them off, until inlayHints.mode is set', async () => {
      const { document } = await openScript(script);
      assert.deepEqual(await inlayHintsOf(document), changes);
      await setSetting('inlayHints.enabled', false);
      await waitForValue(() => inlayHintsOf(document), [], 'no inlay hints');
      await setSetting('inlayHints.mode', 'changes');
      await waitForValue(() => inlayHintsOf(document), changes, 'the hints of inlayHints.mode');
    });
  });

  describe('names: definition and rename', () => {
    const script = lines(
      'participant client', //                             0
      'participant server listen', //                      1
      'client -> server: SYN seq=x', //                    2
      'server -> client: SYN+ACK seq=y ack=x+1', //        3
      'client -> server: ACK ack=y+1 seq=x+1', //          4
      'note client, server: connected', //                 5
      'client ~> server: PSH+ACK "a" as late', //          6
      'deliver late', //                                   7
      'server -> client: ACK', //                          8
      'client: close', //                                  9
      'expect client ESTABLISHED, server ESTABLISHED', //  10
      'simultaneous', //                                   11
      '  client -> server: FIN+ACK', //                    12
      'end', //                                            13
    );

    async function definitionAt(document: vscode.TextDocument, line: number, character: number): Promise<string[]> {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        new vscode.Position(line, character),
      );
      return found.map((l) => ('targetUri' in l ? `${l.targetUri} ${rangeText(l.targetRange)}` : `${l.uri} ${rangeText(l.range)}`));
    }

    it('definition: of a participant, a seq symbol and a segment label', async () => {
      const { document } = await openScript(script);
      const uri = document.uri.toString();
      assert.deepEqual(await definitionAt(document, 9, 3), [`${uri} 0:12-0:18`]);
      assert.deepEqual(await definitionAt(document, 4, 34), [`${uri} 2:26-2:27`]);
      assert.deepEqual(await definitionAt(document, 7, 10), [`${uri} 6:33-6:37`]);
      assert.deepEqual(await definitionAt(document, 2, 19), []);
    });

    it('rename: every occurrence of a participant', async () => {
      const { document } = await openScript(script);
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        document.uri,
        new vscode.Position(2, 2),
        'browser',
      );
      assert.deepEqual(
        edit.entries().map(([uri, edits]) => [uri.toString(), edits.map((e) => `${rangeText(e.range)} ${e.newText}`)]),
        [
          [
            document.uri.toString(),
            [
              '0:12-0:18 browser',
              '2:0-2:6 browser',
              '3:10-3:16 browser',
              '4:0-4:6 browser',
              '5:5-5:11 browser',
              '6:0-6:6 browser',
              '8:10-8:16 browser',
              '9:0-9:6 browser',
              '10:7-10:13 browser',
              '12:2-12:8 browser',
            ],
          ],
        ],
      );
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(document.getText(), script.replaceAll('client', 'browser'));
    });

    it('rename: refuses a keyword, with the reason', async () => {
      const { document } = await openScript(script);
      await assert.rejects(
        async () => vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, new vscode.Position(2, 2), 'note'),
        /'note' is a keyword of the language and cannot be a name\./,
      );
    });
  });
});
