// The scenarios the repository already holds: the examples, the ```tcpflow blocks of the docs,
// and every script a unit test writes as `lines('…', …)` or `script: ['…', …]` with literal
// lines only. Read from the test sources with the TypeScript parser, so a new test's
// scenario joins the property tests without being listed anywhere.

import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.join(__dirname, '..', '..', '..', '..');

export function exampleScripts(): string[] {
  const dir = path.join(repoRoot, 'examples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tcpflow'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

export interface DocBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly text: string;
  /**
   * The diagnostics the docs list for the block, as `code line, code line`, in an HTML comment
   * right after its closing fence (`<!-- tcpflow diagnostics: tcp.invalid-send 2 -->`); a
   * block without one must be clean.
   */
  readonly listed: string | undefined;
}

/** Every ```tcpflow block of README.md and docs/*.md. */
export function docBlocks(): DocBlock[] {
  const files = ['README.md', ...fs.readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
  const blocks: DocBlock[] = [];
  for (const file of files) {
    const rows = fs.readFileSync(path.join(repoRoot, file), 'utf8').split('\n');
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].trim() !== '```tcpflow') continue;
      let end = i + 1;
      while (end < rows.length && rows[end].trim() !== '```') end++;
      const listed = /^<!-- tcpflow diagnostics: (.*) -->$/.exec(rows[end + 1]?.trim() ?? '')?.[1];
      blocks.push({ file, line: i + 1, text: rows.slice(i + 1, end).join('\n'), listed });
      i = end;
    }
  }
  return blocks;
}

/** The literal scripts of the unit tests' sources, in file order, without repeats. */
export function testScripts(): string[] {
  const dir = path.join(repoRoot, 'test', 'unit');
  const found = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    // Arrays of lines a file names once and spreads into its scripts (`...established`).
    const named = new Map<string, string[]>();
    const collect = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isArrayLiteralExpression(node.initializer)) {
        const rows = literals(node.initializer.elements, named);
        if (rows) named.set(node.name.text, rows);
      }
      ts.forEachChild(node, collect);
    };
    collect(source);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'lines') {
        const rows = literals(node.arguments, named);
        if (rows) found.add(rows.join('\n'));
      } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'script' && ts.isArrayLiteralExpression(node.initializer)) {
        const rows = literals(node.initializer.elements, named);
        if (rows) found.add(rows.join('\n'));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found];
}

function literals(nodes: readonly ts.Expression[], named: ReadonlyMap<string, string[]>): string[] | undefined {
  const rows: string[] = [];
  for (const n of nodes) {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) rows.push(n.text);
    else if (ts.isSpreadElement(n) && ts.isIdentifier(n.expression) && named.has(n.expression.text)) rows.push(...named.get(n.expression.text)!);
    else return undefined;
  }
  return rows.length ? rows : undefined;
}
