// The language server (`tcpflow lsp --stdio`) as a client meets it: a real child process,
// LSP messages over its stdin/stdout. Each answer is compared whole, against the protocol's
// shape of what the core's language functions return for the same text.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyze, completions, documentSymbols, format, hover, inlayHints, quickFixes, translateDiagnostic } from '../../src/core/index';
import { LspClient } from './helpers/lspClient';
import { lines } from './helpers/lines';

const MAIN = path.join(__dirname, '..', '..', 'src', 'cli', 'main.js');
const URI = 'file:///work/errors.tcpflow';

const errors = lines(
  'participant c', //                       0
  'participant s listen', //                1
  'c -> s: SYN', //                         2
  's -> c: SYN+ACK ack=7', //               3  tcp.bad-ack
  'c -> s: ACK', //                         4
  'note proxy: watching', //                5  endpoint.unknown
);

function server(): LspClient {
  return new LspClient(process.execPath, [MAIN, 'lsp', '--stdio']);
}

async function initialized(client: LspClient, initializationOptions?: unknown): Promise<Record<string, unknown>> {
  const result = await client.request<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions });
  client.notify('initialized', {});
  return result.capabilities;
}

function open(client: LspClient, text: string, uri = URI): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version: 1, text } });
}

async function diagnosticsAfter(client: LspClient, from: number, version: number): Promise<unknown[]> {
  const published = await client.notification(
    (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { version?: number }).version === version,
    from,
  );
  return (published.params as { diagnostics: unknown[] }).diagnostics;
}

/** The diagnostics of `errors` as the server must publish them, severities by number (1 error, 2 warning). */
function expectedDiagnostics(severity: number): unknown[] {
  const core = analyze(errors).diagnostics;
  assert.deepEqual(
    core.map((d) => d.code),
    ['tcp.bad-ack', 'endpoint.unknown'],
  );
  const ranges = [
    { start: { line: 3, character: 20 }, end: { line: 3, character: 21 } },
    { start: { line: 5, character: 5 }, end: { line: 5, character: 10 } },
  ];
  return core.map((d, i) => ({
    range: ranges[i],
    severity,
    code: d.code,
    source: 'tcpflow',
    message: d.message,
    ...(d.related?.length ? { relatedInformation: d.related.map((r) => ({ location: { uri: URI, range: r.range }, message: r.message })) } : {}),
  }));
}

describe('language server (tcpflow lsp --stdio)', function () {
  let client: LspClient;

  afterEach(() => client.kill());

  it('announces what it serves, and ends when the client ends the session', async () => {
    client = server();
    assert.deepEqual(await initialized(client), {
      textDocumentSync: 2,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
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
    });
    assert.equal(await client.close(), 0);
    assert.equal(client.stderr, '');
  });

  it('publishes diagnostics with codes, severities, ranges and messages on open, and again after an edit', async () => {
    client = server();
    await initialized(client);
    open(client, errors);
    const published = await diagnosticsAfter(client, 0, 1);
    assert.deepEqual(published, expectedDiagnostics(1));

    const from = client.notifications.length;
    // Declares proxy: the endpoint.unknown error goes, the bad ack stays.
    client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 20 }, end: { line: 1, character: 20 } }, text: '\nparticipant proxy' }],
    });
    const after = (await diagnosticsAfter(client, from, 2)) as { code: string; range: unknown }[];
    assert.deepEqual(
      after.map((d) => [d.code, d.range]),
      [['tcp.bad-ack', { start: { line: 4, character: 20 }, end: { line: 4, character: 21 } }]],
    );
  });

  it('links a diagnostic to the lines behind it (related information)', async () => {
    client = server();
    await initialized(client);
    const uri = 'file:///work/rst.tcpflow';
    // s owes a SYN+ACK for line 3 and sends RST+ACK: tcp.reply-mismatch, and c's ACK after the RST: tcp.rst-reply.
    const text = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: RST+ACK', 'c -> s: ACK');
    open(client, text, uri);
    const published = (await diagnosticsAfter(client, 0, 1)) as { code: string; relatedInformation?: { location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }; message: string }[] }[];
    const related = analyze(text).diagnostics.map((d) => d.related?.map((r) => r.message));
    assert.deepEqual(
      published.map((d) => [d.code, d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.end.character, r.message])]),
      [
        ['tcp.reply-mismatch', [[uri, 2, 11, related[0]?.[0]]]],
        ['tcp.rst-reply', [[uri, 3, 15, 'the RST']]],
      ],
    );
  });

  it('takes the extension’s settings as initialization options, and their changes', async () => {
    client = server();
    await initialized(client, { tcpflow: { diagnostics: { severity: { 'tcp.*': 'warning', 'endpoint.unknown': 'ignore' } } } });
    open(client, errors);
    assert.deepEqual(await diagnosticsAfter(client, 0, 1), expectedDiagnostics(2).slice(0, 1));

    const from = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: { tcpflow: { stateNaming: 'netstat' } } });
    assert.deepEqual(await diagnosticsAfter(client, from, 1), expectedDiagnostics(1));
    const hints = await client.request<{ position: unknown; label: string }[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } },
    });
    assert.deepEqual(
      hints,
      inlayHints(analyze(errors), { naming: 'netstat', startLine: 0, endLine: 6 }).map((h) => ({ position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true })),
    );
    assert.ok(hints.some((h) => h.label.includes('SYN_RCVD')), 'netstat names the states');
  });

  it('speaks the client’s language: initialize’s locale zh-cn words diagnostics, quick fixes and hovers in Chinese', async () => {
    client = server();
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, locale: 'zh-CN' });
    client.notify('initialized', {});
    open(client, errors);
    const published = (await diagnosticsAfter(client, 0, 1)) as { message: string; range: unknown }[];
    assert.deepEqual(
      published.map((d) => d.message),
      analyze(errors).diagnostics.map((d) => translateDiagnostic(d, 'zh-cn').message),
    );
    assert.equal(published[0].message, 'ack=7 确认了 c 从未发送的数据（c 的 SND.NXT 为 1）：确认号应为 ack=1');
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: published[0].range, context: { diagnostics: [published[0]] } });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['改为 ack=1'],
    );
    const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 8 } });
    assert.equal(h.contents.value.split('\n')[0], '**SYN** — 同步序列号');
  });

  it('offers the core’s quick fixes for a published diagnostic', async () => {
    client = server();
    await initialized(client);
    open(client, errors);
    const [badAck] = (await diagnosticsAfter(client, 0, 1)) as { range: { start: unknown; end: unknown } }[];
    const actions = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: badAck.range,
      context: { diagnostics: [badAck] },
    });
    const analysis = analyze(errors);
    const fixes = quickFixes(errors, analysis, analysis.diagnostics[0]);
    assert.deepEqual(
      actions,
      fixes.map((fix) => ({ title: fix.title, kind: 'quickfix', diagnostics: [badAck], isPreferred: fix.isPreferred, edit: { changes: { [URI]: fix.edits } } })),
    );
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Change to ack=1'],
    );
  });

  it('answers hover, completion, symbols, folding, formatting, definition, references and rename', async () => {
    client = server();
    await initialized(client);
    const text = lines('# greeting', 'participant c', 'participant s listen', 'c->s: SYN', 's -> c: SYN+ACK', 'c -> s: ACK');
    open(client, text);
    const analysis = analyze(text);
    const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });

    const h = hover(text, analysis, { line: 3, character: 6 });
    assert.ok(h);
    assert.deepEqual(await client.request('textDocument/hover', at(3, 6)), { contents: { kind: 'markdown', value: h.markdown }, range: h.range });

    const offered = await client.request<{ label: string }[]>('textDocument/completion', at(4, 5));
    assert.deepEqual(
      offered.map((c) => c.label),
      completions(text, analysis, { line: 4, character: 5 }).map((c) => c.label),
    );

    assert.deepEqual(
      ((await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } })).map((s) => s.name)),
      documentSymbols(analysis).map((s) => s.name),
    );
    assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } }), format(text));
    assert.deepEqual(await client.request('textDocument/definition', at(3, 0)), {
      uri: URI,
      range: { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } },
    });
    assert.deepEqual(
      ((await client.request<{ range: { start: { line: number } } }[]>('textDocument/references', { ...at(1, 12), context: { includeDeclaration: true } })).map((r) => r.range.start.line)),
      [1, 3, 4, 5],
    );
    const renamed = await client.request<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', { ...at(1, 12), newName: 'client' });
    assert.deepEqual(
      renamed.changes[URI].map((e) => e.newText),
      ['client', 'client', 'client', 'client'],
    );
    await assert.rejects(client.request('textDocument/rename', { ...at(1, 12), newName: 'note' }), /'note' is a keyword of the language and cannot be a name\./);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument: { uri: URI } }), []);
  });

  it('refuses an option it does not know, on stderr, with exit status 2', async () => {
    client = new LspClient(process.execPath, [MAIN, 'lsp', '--socket=9000']);
    assert.equal(await client.exited(), 2);
    assert.equal(client.stderr, "tcpflow lsp: unknown option '--socket=9000' (the server speaks LSP over stdin/stdout; --stdio is accepted)\n");
  });
});
