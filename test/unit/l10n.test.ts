// 简体中文: every string VS Code shows from package.json and from the extension's runtime
// calls has its translation; the core's catalog is complete and well-formed; and what
// the reader sees — diagnostics, quick fixes, hovers, the CLI's output — reads as written here.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DEFAULT_SEVERITY, hover, parseLocale, quickFixes, templateId, translateDiagnostic, translateMarkdown, translateText } from '../../src/core/index';
import { DIAGNOSTIC_TITLES, TEMPLATES } from '../../src/core/l10n/zhCn';
import { run } from '../../src/cli/run';
import { lines } from './helpers/lines';
import { docBlocks, exampleScripts, testScripts } from './helpers/scenarios';
import { buildPreviewHtml } from '../../src/extension/preview/html';
import { localizePreviewHtml, PREVIEW_LABELS_ZH_CN } from '../../src/extension/previewLabels';

const repoRoot = path.join(__dirname, '..', '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8')) as unknown;

/** Every string in `value`, with where it is. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

const PLACEHOLDER = /\{[a-z]+\}/g;

describe('l10n: 简体中文', () => {
  describe('package.json (package.nls.json, package.nls.zh-cn.json)', () => {
    const pkg = readJson('package.json') as { displayName: string; description: string; contributes: Record<string, unknown> };
    const english = readJson('package.nls.json') as Record<string, string>;
    const chinese = readJson('package.nls.zh-cn.json') as Record<string, string>;
    const shown = strings({ displayName: pkg.displayName, description: pkg.description, contributes: pkg.contributes });
    const keys = shown.map(([, v]) => /^%(.+)%$/.exec(v)?.[1]).filter((k): k is string => k !== undefined);

    it('names every title, description and enum description by a key, not in English', () => {
      // The configuration section's title and the command category are the product's name.
      const literal = shown.filter(([at, v]) => /(title|[dD]escription|enumDescriptions\[\d+\]|displayName)$/.test(at) && !/^%.+%$/.test(v) && v !== 'tcpflow');
      assert.deepEqual(literal, []);
    });

    it('has an English and a Chinese string for every key, and no key besides', () => {
      assert.deepEqual(Object.keys(english).sort(), [...new Set(keys)].sort());
      assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
      for (const key of keys) assert.match(chinese[key], /\p{Script=Han}/u, `${key} is in Chinese`);
    });
  });

  describe('the extension’s runtime strings (l10n/bundle.l10n.zh-cn.json)', () => {
    it('translates every vscode.l10n.t() message in src/extension', () => {
      const bundle = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
      const folder = path.join(repoRoot, 'src', 'extension');
      const used = fs
        .readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => [...fs.readFileSync(path.join(folder, f), 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
      assert.ok(used.length >= 8, `found ${used.length} messages`);
      assert.deepEqual(used.filter((m) => bundle[m] === undefined), []);
      assert.deepEqual(Object.keys(bundle).filter((m) => !used.includes(m)), [], 'no translation of a message no longer used');
      for (const m of used) assert.deepEqual(bundle[m].match(/\{\d\}/g)?.sort(), m.match(/\{\d\}/g)?.sort(), m);
    });
  });

  describe('the core’s catalog', () => {
    it('has a Chinese title for every diagnostic code', () => {
      assert.deepEqual(
        Object.keys(DEFAULT_SEVERITY).filter((code) => !/\p{Script=Han}/u.test(DIAGNOSTIC_TITLES[code as keyof typeof DIAGNOSTIC_TITLES] ?? '')),
        [],
      );
    });

    it('has unique ids, and Chinese for every template with the same {parts}', () => {
      const ids = TEMPLATES.map(([id]) => id);
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
      for (const [id, en, zh] of TEMPLATES) {
        assert.match(zh, /\p{Script=Han}|^\{[a-z]+\}$/u, `${id} is in Chinese`);
        assert.deepEqual([...new Set(zh.match(PLACEHOLDER) ?? [])].sort(), [...new Set(en.match(PLACEHOLDER) ?? [])].sort(), id);
      }
    });
  });

  it('the preview page: every toolbar, pager and landmark label in Chinese, nothing else changed', () => {
    const english = buildPreviewHtml({ cspSource: 'vscode-webview:', nonce: 'a'.repeat(32), mermaidUri: 'mermaid.js', scriptUri: 'preview.js', styleUri: 'preview.css' });
    const chinese = localizePreviewHtml(english, 'zh-cn');
    const labels = (html: string) => [
      ...[...html.matchAll(/\b(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]),
      ...[...html.matchAll(/>([^<>]+)</g)].map((m) => m[1].trim()).filter((t) => t !== '' && !/^[^A-Za-z]*$/.test(t)),
    ];
    // Every English label has its Chinese, and is replaced by it; only 100% stays.
    assert.deepEqual(labels(english).filter((l) => PREVIEW_LABELS_ZH_CN[l] === undefined), []);
    assert.deepEqual(labels(chinese).filter((l) => /[A-Za-z]/.test(l) && !/\p{Script=Han}/u.test(l)), []);
    const skeleton = (html: string) => html.replace(/\b(title|aria-label)="[^"]*"/g, '$1=""').replace(/>[^<>]+</g, '><').replace('lang="zh-CN"', 'lang="en"');
    assert.equal(skeleton(chinese), skeleton(english));
    assert.equal(localizePreviewHtml(english, 'en'), english);
  });

  it('reads the locale from VS Code, POSIX and BCP 47 spellings', () => {
    assert.deepEqual(
      ['zh-cn', 'zh_CN.UTF-8', 'zh-Hans-CN', 'zh', 'ZH-SG', 'zh-TW', 'zh-Hant', 'en-US', 'C.UTF-8', '', undefined].map(parseLocale),
      ['zh-cn', 'zh-cn', 'zh-cn', 'zh-cn', 'zh-cn', 'en', 'en', 'en', 'en', 'en', 'en'],
    );
  });

  describe('what the reader sees', () => {
    const errors = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: SYN+ACK ack=7', 'c -> s: ACK', 'note proxy: watching');
    const rst = lines('participant c', 'participant s listen', 'c -> s: SYN', 's -> c: RST+ACK', 'c -> s: ACK');

    it('diagnostics: a line read after the one it follows, and the segment that never reached the sender, worded whole', () => {
      const zh = (text: string) => analyze(text).diagnostics.map((d) => translateDiagnostic(d, 'zh-cn').message);
      assert.deepEqual(zh(lines('participant c', 'participant s listen', 'c -x s: SYN', 's -> c: SYN+ACK')), [
        's 处于 LISTEN 状态，不能发送 SYN+ACK：SYN+ACK 是对 SYN 的应答，而还没有 SYN 到达。它从一开始就处于 LISTEN，而第 3 行的 SYN 丢失了（-x）',
      ]);
      assert.deepEqual(zh(lines('participant c isn=100', 'participant s isn=300 listen', 'c ~> s: SYN as first', 's -> c: SYN+ACK ack=101', 'deliver first', 'c -> s: ACK')), [
        's 处于 LISTEN 状态，不能发送 SYN+ACK：SYN+ACK 是对 SYN 的应答，而还没有 SYN 到达。它按在第 5 行（它所跟随的 c 报文段，第 3 行发出）送达之后发送来理解：请把它移到那一行之下',
      ]);
    });

    it('diagnostics: whole messages by their template, the rest after their code’s title; related information too', () => {
      const zh = [...analyze(errors).diagnostics, ...analyze(rst).diagnostics].map((d) => translateDiagnostic(d, 'zh-cn'));
      assert.deepEqual(
        zh.map((d) => [d.code, d.message, d.related?.map((r) => r.message)]),
        [
          ['tcp.bad-ack', 'ack=7 确认了 c 从未发送的数据（c 的 SND.NXT 为 1）：确认号应为 ack=1', undefined],
          ['endpoint.unknown', '“proxy”不是已声明的参与方（已声明：c, s）；请用 `participant proxy` 声明', undefined],
          [
            'tcp.reply-mismatch',
            's 此处必须以 SYN+ACK 应答，因为它在 LISTEN 状态收到了 SYN（第 3 行），RFC 9293 §3.10.7.2 规定以 SYN+ACK 应答；它却发送了 RST+ACK',
            ['s 须对此作出应答，因为它在 LISTEN 状态收到了 SYN（第 3 行），RFC 9293 §3.10.7.2 规定以 SYN+ACK 应答'],
          ],
          ['tcp.rst-reply', 'c 以 ACK 应答了 s 的 RST（第 4 行）：RST 从不被应答；c 现已处于 CLOSED 状态，只能用 SYN 建立新连接', ['该 RST']],
        ],
      );
      assert.equal(templateId(analyze(errors).diagnostics[0].message), 'diag.bad-ack.unsent');
      // A message no template matches yet: its code's title, then the English.
      const [missing] = analyze('participant').diagnostics;
      assert.equal(templateId(missing.message), undefined);
      assert.equal(translateDiagnostic(missing, 'zh-cn').message, `语法错误：缺少内容：${missing.message}`);
      // Two clauses, each by its template.
      const [twice] = analyze(lines('participant c', 'participant s listen', 'expect c ESTABLISHED, s SYN-RECEIVED')).diagnostics;
      assert.equal(
        translateDiagnostic(twice, 'zh-cn').message,
        'c 此处处于 CLOSED 状态，而不是 ESTABLISHED：它从一开始就处于 CLOSED；s 此处处于 LISTEN 状态，而不是 SYN-RECEIVED：它从一开始就处于 LISTEN',
      );
      assert.deepEqual(translateDiagnostic(analyze(errors).diagnostics[0], 'en'), analyze(errors).diagnostics[0]);
    });

    it('every TCP and endpoint diagnostic of the repository’s scenarios, worded whole by the catalog', () => {
      // Examples, the docs' blocks and every script the unit tests write: a message the engine
      // gains without a template here fails this test. Syntax messages may still fall back.
      const scripts = [...exampleScripts(), ...docBlocks().map((b) => b.text), ...testScripts()];
      const untranslated: string[] = [];
      for (const text of scripts) {
        for (const d of analyze(text).diagnostics) {
          if (d.code.startsWith('syntax.')) continue;
          const zh = translateDiagnostic(d, 'zh-cn').message;
          // English left: the fallback's, or three English words in a row outside `code`.
          if (zh.endsWith(`：${d.message}`) || /[a-z]{3,} [a-z]{2,} [a-z]{3,}/.test(zh.replace(/`[^`]*`/g, ''))) untranslated.push(`${d.code}: ${zh}`);
        }
      }
      assert.deepEqual(untranslated, []);
    });

    it('quick fixes', () => {
      const analysis = analyze(errors);
      assert.deepEqual(
        analysis.diagnostics.flatMap((d) => quickFixes(errors, analysis, d)).map((f) => translateText(f.title, 'zh-cn')),
        ['改为 ack=1', '声明参与方 proxy'],
      );
    });

    it('hovers: a flag’s explanation, a segment’s transitions and fate', () => {
      const analysis = analyze(errors);
      assert.equal(
        translateMarkdown(hover(errors, analysis, { line: 2, character: 8 })?.markdown ?? '', 'zh-cn'),
        lines(
          '**SYN** — 同步序列号',
          '',
          '建立连接（三次握手的第一步）：报文段携带发送方的初始序列号（ISN），SYN 本身占用一个序列号，所以对端确认 ISN+1。',
          '',
          'RFC 9293 §3.1 (header), §3.5 (opening a connection)',
        ),
      );
      const segment = translateMarkdown(hover(errors, analysis, { line: 2, character: 0 })?.markdown ?? '', 'zh-cn');
      assert.deepEqual(segment.split('\n').filter((l) => l.startsWith('- ') || l.endsWith('。')), ['- `c` CLOSED → SYN-SENT（发送）', '- `s` LISTEN → SYN-RECEIVED（接收）', '立即送达。']);
    });

    it('the CLI: --lang zh-cn words check’s lines and summary in Chinese, --json stays English', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const io = {
        locale: 'zh-cn' as const,
        stdout: (t: string) => void out.push(t),
        stderr: (t: string) => void err.push(t),
        readFile: async () => errors,
        readStdin: async () => errors,
        version: '0',
      };
      assert.equal(await run(['check', 'a.tcpflow'], io), 1);
      assert.equal(out.join('').split('\n')[0], 'a.tcpflow:4:21: error tcp.bad-ack: ack=7 确认了 c 从未发送的数据（c 的 SND.NXT 为 1）：确认号应为 ack=1');
      assert.equal(err.join(''), '2 个错误，0 个警告，共 1 个文件\n');
      out.length = 0;
      await run(['check', '--json', 'a.tcpflow'], io);
      assert.match(out.join(''), /"message": "ack=7 acknowledges data c never sent/);
    });
  });
});
