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
    { naming: 'rfc', messagesPerPage: 200, isError: (d) => d.severity === 'error', defaultTab: 'sequence' },
    2,
  );

describe('preview protocol', () => {
  it('accepts every kind of webview message', () => {
    const good: unknown[] = [
      { type: 'ready', options: { autonumber: false } },
      { type: 'ready', options: {} },
      { type: 'options', options: { states: 'all', numbers: 'absolute', autonumber: true } },
      { type: 'options', options: { numbers: 'relative' } },
      { type: 'options', options: { numbers: 'none' } },
      { type: 'reveal', line: 0, select: false },
      { type: 'reveal', line: 7, select: true },
      { type: 'scrolled', line: 12 },
      { type: 'stepped', line: 3 },
      { type: 'tab', tab: 'timeline' },
      { type: 'tab', tab: 'sequence' },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'png', data: 'iVBORw0KGgo=', diagram: 'state', page: 2, pageCount: 3, scope: 'all' },
      { type: 'copy', format: 'markdown', diagram: 'state' },
      { type: 'rendered', renderId: 3, diagram: 'sequence', durationMs: 12.5, theme: 'default', page: 0, messages: 3, notes: 7 },
      { type: 'rendered', renderId: 3, diagram: 'state', durationMs: 1, error: 'Parse error', theme: 'dark', page: 0, messages: 0, notes: 0 },
      { type: 'rendered', renderId: 4, diagram: 'sequence', durationMs: 1, theme: 'hc-dark', page: 0, messages: 3, notes: 4 },
      { type: 'rendered', renderId: 5, diagram: 'sequence', durationMs: 1, theme: 'hc-light', page: 0, messages: 3, notes: 4 },
      { type: 'highlighted', line: 13, messages: [1] },
      { type: 'highlighted', line: -1, messages: [] },
      { type: 'testDone', id: 1, done: true },
      { type: 'testDone', id: 2, done: true, measure: { zoom: 1 } },
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
      { type: 'reveal', line: 0 },
      { type: 'reveal', line: 0, select: 'yes' },
      { type: 'reveal', line: -1, select: false },
      { type: 'reveal', line: 1.5, select: false },
      { type: 'reveal', line: '3', select: false },
      { type: 'reveal', line: 1e12, select: false },
      { type: 'scrolled', line: -1 },
      { type: 'scrolled' },
      { type: 'stepped', line: -1 },
      { type: 'tab' },
      { type: 'tab', tab: 'ladder' },
      { type: 'ready' },
      { type: 'ready', options: { autonumber: 'yes' } },
      { type: 'options', options: { states: 'some', autonumber: false } },
      { type: 'options', options: { numbers: 'hex', autonumber: false } },
      { type: 'options', options: { zoom: 2 } },
      { type: 'options', options: null },
      { type: 'export', format: 'gif', data: 'x', diagram: 'sequence', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: '', diagram: 'sequence', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: 'x'.repeat(MAX_EXPORT_CHARS + 1), diagram: 'sequence', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'class', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 1, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: 42, diagram: 'sequence', page: 0, pageCount: 1, scope: 'page' },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 0, pageCount: 1 },
      { type: 'export', format: 'svg', data: '<svg/>', diagram: 'sequence', page: 0, pageCount: 1, scope: 'some' },
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
      { type: 'testDone', id: 1 },
      { type: 'testDone', id: -1, done: false },
      { type: 'testDone', id: 1, done: true, measure: 'big' },
    ];
    assert.deepEqual(bad.filter((m) => isWebviewMessage(m)), []);
  });

  it('accepts the host render message the render model builds, a highlight, a scroll and test actions', () => {
    const message = render();
    assert.equal(isHostMessage(message), true);
    // As the webview receives it: VS Code sends the typed arrays of the step columns as buffers and the rest as JSON.
    assert.equal(isHostMessage(structuredClone(message)), true);
    assert.equal(isHostMessage(JSON.parse(JSON.stringify(message))), false);
    assert.equal(isHostMessage({ ...message, sequenceOmitted: true }), true);
    assert.equal(isHostMessage({ type: 'highlight', line: 4 }), true);
    assert.equal(isHostMessage({ type: 'highlight', line: -1, stateMachine: message.stateMachine }), true);
    assert.equal(isHostMessage({ type: 'scroll', line: 40 }), true);
    const actions: unknown[] = [
      { kind: 'click', target: { kind: 'message', index: 2 } },
      { kind: 'click', target: { kind: 'message', index: 2 }, double: true },
      { kind: 'click', target: { kind: 'tab', tab: 'state' } },
      { kind: 'click', target: { kind: 'button', action: 'zoom-out' } },
      { kind: 'key', key: 'PageDown' },
      { kind: 'key', key: '=', ctrl: true },
      { kind: 'wheel', deltaY: 120 },
      { kind: 'wheel', deltaY: -120, ctrl: true },
      { kind: 'scroll', dy: 300 },
      { kind: 'measure' },
    ];
    assert.deepEqual(actions.filter((action, id) => !isHostMessage({ type: 'test', id, action })), []);
  });

  it('refuses malformed host messages', () => {
    const message = render();
    const bad: unknown[] = [
      { ...message, renderId: 'x' },
      { ...message, sequenceOmitted: 'yes' },
      { ...message, pages: [] },
      { ...message, pages: [{ ...message.pages[0], text: 5 }] },
      { ...message, pages: [{ ...message.pages[0], messages: ['1'] }] },
      { ...message, errors: [{ line: 1, column: 0, code: 'x' }] },
      { ...message, effective: { states: 'all', numbers: 'roman', autonumber: false } },
      { ...message, effective: { states: 'all', numbers: 'relative' } },
      { ...message, pages: [{ ...message.pages[0], sections: [-1] }] },
      { ...message, pages: [{ ...message.pages[0], fullLabels: [{ message: 0 }] }] },
      { ...message, stateMachine: { text: 'x', transitions: [[-1]], endpoints: [] } },
      { ...message, source: { uri: 'file:///x', fileName: 'x' } },
      { ...message, cursorLine: -2 },
      { ...message, timeline: { light: '<svg/>' } },
      { ...message, defaultTab: 'states' },
      { type: 'highlight', line: 'x' },
      { type: 'highlight', line: 1, stateMachine: {} },
      { type: 'render' },
      { type: 'scroll', line: -3 },
      { type: 'test', id: 1 },
      { type: 'test', action: { kind: 'measure' } },
      { type: 'test', id: 1, action: { kind: 'click', target: { kind: 'message', index: -1 } } },
      { type: 'test', id: 1, action: { kind: 'click', target: { kind: 'message' } } },
      { type: 'test', id: 1, action: { kind: 'click', target: { kind: 'tab', tab: 'class' } } },
      { type: 'test', id: 1, action: { kind: 'click', target: { kind: 'button', action: '"]; x' } } },
      { type: 'test', id: 1, action: { kind: 'click', target: { kind: 'button', selector: '#x' } } },
      { type: 'test', id: 1, action: { kind: 'key', key: 'x'.repeat(30) } },
      { type: 'test', id: 1, action: { kind: 'wheel', deltaY: 'down' } },
      { type: 'test', id: 1, action: { kind: 'scroll', dy: Number.NaN } },
      { type: 'test', id: 1, action: { kind: 'eval', code: '1' } },
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
