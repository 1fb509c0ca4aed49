// The host ↔ webview message guards: well-formed messages pass, malformed ones are refused.

import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/index';
import { renderMessage } from '../../src/extension/preview/renderModel';
import { isHostMessage, isPersistedSource, isWebviewMessage, MAX_EXPORT_CHARS, pageOfLine } from '../../src/shared/previewProtocol';
import { lines } from './helpers/lines';

const render = () =>
  renderMessage(
    analyze(lines('participant a', 'participant b listen', 'a -> b: SYN', 'b -> a: SYN+ACK', 'a -> b: ACK')),
    7,
    { uri: 'file:///x.tcpflow', fileName: 'x.tcpflow', locked: false },
    { autonumber: false },
    { naming: 'rfc', messagesPerPage: 200, isError: (d) => d.severity === 'error' },
    2,
  );

describe('preview protocol', () => {
  it('accepts every kind of webview message', () => {
    const good: unknown[] = [
      { type: 'ready', options: { autonumber: false } },
      { type: 'options', options: { states: 'all', numbers: 'absolute', autonumber: true } },
      { type: 'reveal', line: 0 },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'export', format: 'png', data: 'iVBORw0KGgo=', diagram: 'state', page: 2, pageCount: 3 },
      { type: 'copy', format: 'markdown', diagram: 'state' },
      { type: 'rendered', renderId: 3, diagram: 'sequence', durationMs: 12.5, theme: 'default', page: 0, messages: 3, notes: 7 },
      { type: 'rendered', renderId: 3, diagram: 'state', durationMs: 1, error: 'Parse error', theme: 'dark', page: 0, messages: 0, notes: 0 },
      { type: 'highlighted', line: 13, messages: [1] },
      { type: 'highlighted', line: -1, messages: [] },
      { type: 'clicked', id: 1, done: true },
    ];
    assert.deepEqual(good.filter((m) => !isWebviewMessage(m)), []);
  });

  it('refuses malformed webview messages', () => {
    const bad: unknown[] = [
      null,
      'reveal',
      [],
      {},
      { type: 'command', command: 'reveal' },
      { type: 'reveal' },
      { type: 'reveal', line: -1 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '3' },
      { type: 'reveal', line: 1e12 },
      { type: 'ready' },
      { type: 'ready', options: { autonumber: 'yes' } },
      { type: 'options', options: { states: 'some', autonumber: false } },
      { type: 'options', options: { numbers: 'hex', autonumber: false } },
      { type: 'export', format: 'gif', data: 'x', diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'export', format: 'svg', data: '', diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'export', format: 'svg', data: 'x'.repeat(MAX_EXPORT_CHARS + 1), diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'class', page: 0, pageCount: 1 },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 1, pageCount: 1 },
      { type: 'export', format: 'svg', data: 42, diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'copy', format: 'html', diagram: 'sequence' },
      { type: 'copy', format: 'mermaid' },
      { type: 'rendered', renderId: -1, diagram: 'sequence', durationMs: 1, theme: 'default', page: 0, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: '1', theme: 'default', page: 0, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1, error: 5, theme: 'default', page: 0, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1, theme: 'light', page: 0, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1, theme: 'dark', page: -1, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1, theme: 'dark', page: 0, messages: 2.5, notes: 0 },
      { type: 'rendered', renderId: 1, diagram: 'sequence', durationMs: 1, theme: 'dark', page: 0, messages: 2, notes: '1' },
      { type: 'highlighted', line: -2, messages: [] },
      { type: 'highlighted', line: 3 },
      { type: 'highlighted', line: 3, messages: [-1] },
      { type: 'highlighted', line: 3, messages: '0' },
      { type: 'clicked', id: 1 },
      { type: 'clicked', id: -1, done: false },
    ];
    assert.deepEqual(bad.filter((m) => isWebviewMessage(m)), []);
  });

  it('accepts the host render message the render model builds, a highlight and a click', () => {
    const message = render();
    assert.equal(isHostMessage(message), true);
    assert.equal(isHostMessage(JSON.parse(JSON.stringify(message))), true);
    assert.equal(isHostMessage({ type: 'highlight', line: 4 }), true);
    assert.equal(isHostMessage({ type: 'highlight', line: -1, stateMachine: message.stateMachine }), true);
    assert.equal(isHostMessage({ type: 'click', id: 1, target: { kind: 'message', index: 2 } }), true);
    assert.equal(isHostMessage({ type: 'click', id: 2, target: { kind: 'tab', tab: 'state' } }), true);
    assert.equal(isHostMessage({ type: 'click', id: 3, target: { kind: 'button', action: 'zoom-out' } }), true);
  });

  it('refuses malformed host messages', () => {
    const message = render();
    const bad: unknown[] = [
      { ...message, renderId: 'x' },
      { ...message, pages: [] },
      { ...message, pages: [{ ...message.pages[0], text: 5 }] },
      { ...message, pages: [{ ...message.pages[0], messages: ['1'] }] },
      { ...message, errors: [{ line: 1, column: 0, code: 'x' }] },
      { ...message, effective: { states: 'all', numbers: 'roman' } },
      { ...message, stateMachine: { text: 'x', transitions: [[-1]], endpoints: [] } },
      { ...message, source: { uri: 'file:///x', fileName: 'x' } },
      { ...message, cursorLine: -2 },
      { type: 'highlight', line: 'x' },
      { type: 'highlight', line: 1, stateMachine: {} },
      { type: 'render' },
      { type: 'click', id: 1 },
      { type: 'click', target: { kind: 'message', index: 0 } },
      { type: 'click', id: 1, target: { kind: 'message', index: -1 } },
      { type: 'click', id: 1, target: { kind: 'message' } },
      { type: 'click', id: 1, target: { kind: 'tab', tab: 'class' } },
      { type: 'click', id: 1, target: { kind: 'button', action: 'export-svg' } },
      { type: 'click', id: 1, target: { kind: 'button', selector: '#x' } },
    ];
    assert.deepEqual(
      bad.map((m) => isHostMessage(m)),
      bad.map(() => false),
    );
  });

  it('reads back only a well-formed persisted source', () => {
    assert.equal(isPersistedSource({ uri: 'file:///a.tcpflow', locked: true }), true);
    assert.deepEqual(
      [undefined, {}, { uri: '', locked: false }, { uri: 'file:///a', locked: 'no' }].map(isPersistedSource),
      [false, false, false, false],
    );
  });

  it('finds the page of a line', () => {
    const pages = [{ lastLine: 9 }, { lastLine: 20 }, { lastLine: 30 }];
    assert.deepEqual([0, 9, 10, 20, 21, 30, 99].map((line) => pageOfLine(pages, line)), [0, 0, 1, 1, 2, 2, 2]);
  });
});
