// Every snippet in snippets/tcpflow.json, expanded as VS Code would insert it when the user
// accepts every default, is a script the checker judges exactly as listed here: the scenario
// templates are clean, the small fragments have the diagnostics a lone fragment must have.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core/index';
import { summarize } from './helpers/analysis';

interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: string | readonly string[];
}

const file = path.join(__dirname, '..', '..', '..', 'snippets', 'tcpflow.json');
const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(file, 'utf8'));

/** Diagnostics of each expanded snippet, as `code line:col-endCol` (1-based). */
const expected: Record<string, string[]> = {
  'Three-way handshake': [],
  'Data exchange': [],
  'Four-way close': [],
  'Half-close': [],
  'Simultaneous open': [],
  'Simultaneous close': [],
  'Abort with RST': [],
  'Connection refused': [],
  'Keep-alive probe': [],
  'Lost segment and retransmission': [],
  Participant: [],
  // A lone SYN to an endpoint that is not listening: the RST it is owed never comes.
  Segment: ['tcp.reply-missing 1:1-22', 'tcp.unfinished 1:1-22'],
  // Crossing SYNs with nothing after them: both owe a SYN+ACK, both are mid-handshake.
  'Simultaneous block': ['tcp.unfinished 1:1-4:4', 'tcp.unfinished 1:1-4:4', 'tcp.reply-missing 2:2-13', 'tcp.reply-missing 3:2-13'],
  Expect: [],
};

/**
 * Words that can end a line: Enter after one must close the line, not accept a snippet that
 * the suggest widget matched. (packetdrill's lone `S` is left out: it matches any `s…` prefix.)
 */
const LINE_END_WORDS = [
  ...['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'sackOK'],
  ...['retransmit', 'keepalive', 'duplicate'],
  ...['listen', 'connect', 'close', 'shutdown', 'abort', 'crash', 'unchecked', 'end', 'simultaneous'],
  ...['CLOSED', 'LISTEN', 'ESTABLISHED', 'CLOSING', 'SYN_SENT', 'SYN_RCVD', 'FIN_WAIT_1', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT'],
  ...['changes', 'all', 'none', 'absolute'],
];

type SnippetNode = string | { readonly index: number; readonly children?: SnippetNode[]; readonly choices?: string[] };

/** Parses the part of the snippet syntax tcpflow's snippets use; anything else throws. */
function parseSnippet(body: string): SnippetNode[] {
  let pos = 0;
  const readUntil = (stop: string | undefined): SnippetNode[] => {
    const nodes: SnippetNode[] = [];
    let text = '';
    while (pos < body.length && body[pos] !== stop) {
      const c = body[pos];
      if (c === '\\' && '$}\\'.includes(body[pos + 1])) {
        text += body[pos + 1];
        pos += 2;
      } else if (c === '$') {
        const m = /^\$(?:(\d+)|\{(\d+)([}:|]))/.exec(body.slice(pos));
        if (m === null) throw new Error(`unsupported snippet syntax at '${body.slice(pos, pos + 12)}'`);
        if (text !== '') nodes.push(text);
        text = '';
        pos += m[0].length;
        const index = Number(m[1] ?? m[2]);
        if (m[1] !== undefined || m[3] === '}') {
          nodes.push({ index });
        } else if (m[3] === ':') {
          nodes.push({ index, children: readUntil('}') });
          pos++;
        } else {
          const end = body.indexOf('|}', pos);
          nodes.push({ index, choices: body.slice(pos, end).split(',') });
          pos = end + 2;
        }
      } else {
        text += c;
        pos++;
      }
    }
    if (text !== '') nodes.push(text);
    return nodes;
  };
  return readUntil(undefined);
}

/** The text inserted when every placeholder keeps its default: the first choice, mirrors copying it. */
function expandSnippet(body: string): string {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => (typeof n === 'string' ? n : n.children ? render(n.children) : n.choices ? n.choices[0] : (defaults.get(n.index) ?? '')))
      .join('');
  const collect = (list: SnippetNode[]): void => {
    for (const n of list) {
      if (typeof n === 'string') continue;
      if (n.children) {
        collect(n.children);
        defaults.set(n.index, render(n.children));
      } else if (n.choices) {
        defaults.set(n.index, n.choices[0]);
      }
    }
  };
  collect(nodes);
  return render(nodes);
}

function bodyOf(snippet: Snippet): string {
  return typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n');
}

/**
 * Whether VS Code's suggest filter offers `prefix` for the typed `word`: the word's letters in
 * order, the first one on a strong position — only the start, as prefixes have no separators or humps.
 */
function filterMatches(word: string, prefix: string): boolean {
  const w = word.toLowerCase();
  if (w[0] !== prefix[0]) return false;
  let i = 0;
  for (const c of prefix) if (c === w[i]) i++;
  return i === w.length;
}

describe('snippets', () => {
  it('has exactly the snippets listed here', () => {
    assert.deepEqual(Object.keys(snippets).sort(), Object.keys(expected).sort());
  });

  it('have distinct one-word lower-case prefixes that no line-ending word selects', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const prefix of prefixes) {
      assert.match(prefix, /^[a-z]+$/);
      assert.deepEqual(LINE_END_WORDS.filter((word) => filterMatches(word, prefix)), [], `prefix ${prefix}`);
    }
  });

  it('expands placeholders, choices, mirrors and escapes', () => {
    assert.equal(expandSnippet('${1:a} ${2|->,-x|} $1 "${3:x\\\\r}" \\$4 $0'), 'a -> a "x\\r" $4 ');
    assert.equal(expandSnippet('$2 ${1:${2:inner} outer}'), 'inner inner outer');
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${name} (${snippet.prefix}) expands to a script with ${expected[name]?.length ?? '?'} diagnostics`, () => {
      assert.ok(snippet.description.length > 0);
      const text = expandSnippet(bodyOf(snippet));
      const analysis = analyze(text);
      assert.deepEqual(summarize(analysis), expected[name], `${text}\n${analysis.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`);
    });
  }
});
