// The preview page: the exact Content Security Policy, the exact script and stylesheet
// tags, and the folders the webview may load from.

import * as assert from 'node:assert/strict';
import { buildPreviewHtml, LOCAL_RESOURCE_ROOTS, MERMAID_SCRIPT, newNonce, PREVIEW_SCRIPT, PREVIEW_STYLE, previewCsp } from '../../src/extension/preview/html';

const NONCE = 'abcdef0123456789abcdef0123456789';
const CSP_SOURCE = 'https://*.vscode-cdn.net';
const page = () =>
  buildPreviewHtml({
    cspSource: CSP_SOURCE,
    nonce: NONCE,
    mermaidUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/mermaid.js',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  });

/** Every line of the page that matches `pattern`. */
const linesMatching = (html: string, pattern: RegExp) => html.split('\n').filter((line) => pattern.test(line));

describe('preview page', () => {
  it('has exactly this Content Security Policy', () => {
    assert.equal(
      previewCsp(CSP_SOURCE, NONCE),
      "default-src 'none'; script-src 'nonce-abcdef0123456789abcdef0123456789'; style-src https://*.vscode-cdn.net 'unsafe-inline'; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net",
    );
    assert.deepEqual(linesMatching(page(), /Content-Security-Policy/), [
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-abcdef0123456789abcdef0123456789'; style-src https://*.vscode-cdn.net 'unsafe-inline'; img-src https://*.vscode-cdn.net data:; font-src https://*.vscode-cdn.net">`,
    ]);
  });

  it('loads exactly two scripts, shared Mermaid then the preview, by nonce, and one stylesheet', () => {
    const html = page();
    assert.deepEqual(linesMatching(html, /<script/), [
      '<script nonce="abcdef0123456789abcdef0123456789" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/mermaid.js"></script>',
      '<script nonce="abcdef0123456789abcdef0123456789" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js"></script>',
    ]);
    assert.deepEqual(linesMatching(html, /<link|<style/), ['<link rel="stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css">']);
    assert.equal(html.match(/<script/g)?.length, 2);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
    assert.doesNotMatch(html, /style="/, 'no inline styles in the page itself');
  });

  it('escapes the resource URIs it is given', () => {
    const html = buildPreviewHtml({ cspSource: CSP_SOURCE, nonce: NONCE, mermaidUri: 'https://x/m&.js', scriptUri: 'https://x/a"b<c>.js', styleUri: 'https://x/s&t.css' });
    assert.deepEqual(linesMatching(html, /<script|<link/), [
      '<link rel="stylesheet" href="https://x/s&amp;t.css">',
      '<script nonce="abcdef0123456789abcdef0123456789" src="https://x/m&amp;.js"></script>',
      '<script nonce="abcdef0123456789abcdef0123456789" src="https://x/a&quot;b&lt;c&gt;.js"></script>',
    ]);
  });

  it('refuses a nonce that could break out of the attribute or is too short', () => {
    for (const nonce of ['short', `${NONCE}"><script>`, `${NONCE} x`]) {
      assert.throws(() => buildPreviewHtml({ cspSource: CSP_SOURCE, nonce, mermaidUri: 'm', scriptUri: 'a', styleUri: 'b' }), /nonce/);
    }
  });

  it('makes a fresh 64-hex-digit nonce every time', () => {
    const a = newNonce();
    const b = newNonce();
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.notEqual(a, b);
  });

  it('lets the webview load from dist/webview and media only, and its files lie there', () => {
    assert.deepEqual(LOCAL_RESOURCE_ROOTS, [['dist', 'webview'], ['media']]);
    assert.deepEqual(MERMAID_SCRIPT, ['dist', 'webview', 'mermaid.js']);
    assert.deepEqual(PREVIEW_SCRIPT, ['dist', 'webview', 'preview.js']);
    assert.deepEqual(PREVIEW_STYLE, ['media', 'preview.css']);
  });
});
