// The .tcpflow parser. Runs anywhere (no Node or vscode APIs). One statement per line: a line
// is a segment (`a -> b: SYN`), a call (`a: connect`) or a keyword statement; an error never
// reaches past its line, except that `simultaneous … end` spans lines. Never throws.

import type { SegmentStatement, SimultaneousStatement, Script, Statement } from './ast';
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import type { Range } from './range';
import { refEnd } from './parseConnection';
import { parseSegment, SegmentItems } from './parseSegment';
import { parseExpect } from './parseExpect';
import { parseOption } from './parseOption';
import { parseParticipant } from './parseParticipant';
import { isCallName, parseCall, parseDeliver, parseNote, parseTextStatement, parseWait } from './parseStatements';
import { Char, shorten, Scanner } from './scanner';
import { closest, listOf } from './suggest';

const KEYWORDS = ['title', 'participant', 'section', 'note', 'expect', 'wait', 'option', 'simultaneous', 'end', 'deliver'] as const;
type Keyword = (typeof KEYWORDS)[number];

function keywordOf(word: string): Keyword | undefined {
  return (KEYWORDS as readonly string[]).includes(word) ? (word as Keyword) : undefined;
}

/** What a line is, from its first tokens. */
type LineKind = 'segment' | 'call' | Keyword | 'unknown';

function classify(sc: Scanner): LineKind {
  const start = sc.pos;
  const nameEnd = sc.identEnd(start);
  if (nameEnd === start) return 'unknown';
  const end = refEnd(sc, nameEnd);
  const next = sc.spacesEnd(end);
  if (sc.arrowAt(next) !== undefined) return 'segment';
  const keyword = end === nameEnd ? keywordOf(sc.slice(start, end)) : undefined;
  if (sc.charAt(next) === Char.Colon) {
    // `title: …` is a keyword written with a colon by habit, unless a call follows: `end: close`.
    if (keyword === undefined) return 'call';
    const callStart = sc.spacesEnd(next + 1);
    if (isCallName(sc.slice(callStart, sc.runEnd(callStart)))) return 'call';
  }
  return keyword ?? 'unknown';
}

interface OpenBlock {
  readonly line: number;
  readonly keywordRange: Range;
  readonly segments: SegmentStatement[];
  /** True once a segment line was seen inside, even one too broken to keep. */
  sawSegment: boolean;
}

export interface Parsed {
  readonly script: Script;
  readonly diagnostics: Diagnostic[];
}

export function parse(text: string): Parsed {
  return parseLines(text, false).next().value as Parsed;
}

/**
 * The parser, resumable: with `stepped`, it pauses before each line (yielding the line's
 * offset in the text), so that a caller can parse a large text a few lines at a time.
 */
export function* parseLines(text: string, stepped: boolean): Generator<number, Parsed, void> {
  const sc = new Scanner(text);
  const segmentItems = new SegmentItems(sc);
  const statements: Statement[] = [];
  let block: OpenBlock | undefined;
  while (sc.nextLine()) {
    if (stepped) yield sc.lineStart;
    if (sc.atEnd()) continue;
    const kind = classify(sc);
    if (kind === 'segment') {
      const segment = parseSegment(sc, segmentItems);
      if (block !== undefined) {
        block.sawSegment = true;
        if (segment !== undefined) block.segments.push(segment);
      } else if (segment !== undefined) {
        statements.push(segment);
      }
      continue;
    }
    if (kind === 'unknown') {
      reportUnknownStatement(sc);
      continue;
    }
    const kwStart = sc.pos;
    const kwEnd = sc.identEnd(kwStart);
    if (block !== undefined) {
      if (kind === 'end') {
        sc.pos = kwEnd;
        sc.expectLineEnd("'end'");
        statements.push(closeBlock(sc, block, sc.range(kwStart, kwEnd)));
        block = undefined;
      } else {
        const message =
          kind === 'simultaneous'
            ? `simultaneous blocks cannot be nested: close the block of line ${block.line + 1} with 'end' first`
            : `only segment lines may appear inside simultaneous … end (line ${block.line + 1}); close the block with 'end' first`;
        sc.report('syntax.misplaced', sc.contentStart, sc.end, message);
      }
      continue;
    }
    if (kind === 'call') {
      const statement = parseCall(sc, kwStart, kwEnd);
      if (statement !== undefined) statements.push(statement);
      continue;
    }
    sc.pos = kwEnd;
    skipStrayColon(sc, kind);
    if (kind === 'simultaneous') {
      sc.expectLineEnd("'simultaneous'");
      block = { line: sc.line, keywordRange: sc.range(kwStart, kwEnd), segments: [], sawSegment: false };
      continue;
    }
    if (kind === 'end') {
      sc.report('syntax.unexpected-end', kwStart, kwEnd, `'end' without a matching 'simultaneous'`);
      continue;
    }
    const statement = parseKeywordStatement(sc, kind, kwStart, kwEnd);
    if (statement !== undefined) statements.push(statement);
  }
  if (block !== undefined) {
    sc.reportAt('syntax.unclosed-block', block.keywordRange, `this simultaneous block is never closed: add 'end' after its segments`);
    statements.push(closeBlock(sc, block, undefined));
  }
  const diagnostics = sc.diagnostics;
  diagnostics.sort(compareDiagnostics);
  return { script: { statements, lineCount: sc.line + 1 }, diagnostics };
}

function parseKeywordStatement(
  sc: Scanner,
  keyword: Exclude<Keyword, 'simultaneous' | 'end'>,
  kwStart: number,
  kwEnd: number,
): Statement | undefined {
  switch (keyword) {
    case 'title':
    case 'section':
      return parseTextStatement(sc, keyword, kwStart, kwEnd);
    case 'participant':
      return parseParticipant(sc, kwStart, kwEnd);
    case 'note':
      return parseNote(sc, kwStart, kwEnd);
    case 'expect':
      return parseExpect(sc, kwStart, kwEnd);
    case 'wait':
      return parseWait(sc, kwStart, kwEnd);
    case 'option':
      return parseOption(sc, kwStart, kwEnd);
    case 'deliver':
      return parseDeliver(sc, kwStart, kwEnd);
  }
}

/** `title: Handshake` — a colon out of habit (Mermaid, YAML): reported, then read past. */
function skipStrayColon(sc: Scanner, keyword: Keyword): void {
  sc.skipSpaces();
  if (sc.peek() !== Char.Colon) return;
  sc.report('syntax.unexpected-token', sc.pos, sc.pos + 1, `no ':' after ${keyword}: write e.g. ${example(keyword)}`);
  sc.pos++;
}

function example(keyword: Keyword): string {
  switch (keyword) {
    case 'title':
      return 'title Three-way handshake';
    case 'participant':
      return 'participant client 10.0.0.1:51000';
    case 'section':
      return 'section Handshake';
    case 'note':
      return 'note client: half-closed';
    case 'expect':
      return 'expect client ESTABLISHED';
    case 'wait':
      return 'wait 2MSL';
    case 'option':
      return 'option msl=30s';
    case 'deliver':
      return 'deliver syn1';
    case 'simultaneous':
    case 'end':
      return `'${keyword}' alone on its line`;
  }
}

function closeBlock(sc: Scanner, block: OpenBlock, endRange: Range | undefined): SimultaneousStatement {
  if (!block.sawSegment && endRange !== undefined) {
    sc.reportAt(
      'syntax.missing',
      block.keywordRange,
      `an empty simultaneous block: put the segments that cross between 'simultaneous' and 'end'`,
    );
  }
  const last = endRange ?? block.segments[block.segments.length - 1]?.range ?? block.keywordRange;
  return {
    kind: 'simultaneous',
    line: block.line,
    range: { start: block.keywordRange.start, end: last.end },
    segments: block.segments,
    endLine: endRange?.start.line,
  };
}

function reportUnknownStatement(sc: Scanner): void {
  const start = sc.pos;
  const identEnd = sc.identEnd(start);
  const end = identEnd > start ? identEnd : sc.runEnd(start);
  const word = sc.slice(start, end);
  const keyword = identEnd > start ? closest(word, KEYWORDS) : undefined;
  if (keyword !== undefined) {
    const why = keyword === word.toLowerCase() ? 'keywords are lower-case; ' : '';
    sc.report(
      'syntax.unknown-statement',
      start,
      end,
      `unknown statement '${shorten(word)}': ${why}did you mean ${keyword}?`,
      sc.replacement(start, end, keyword),
    );
    return;
  }
  sc.report(
    'syntax.unknown-statement',
    start,
    end,
    `unknown statement '${shorten(word)}': expected a segment (client -> server: SYN), a call (client: connect) or one of ${listOf([...KEYWORDS])}`,
  );
}
