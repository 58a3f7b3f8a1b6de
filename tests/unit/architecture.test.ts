import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * The layout the project keeps (DESIGN.md, README's layout table), read from the code's own
 * imports: no import cycle (type-only imports count), the reader's side (views, the page, the
 * popup, the options page) reaches the network and detection sides only through the contracts,
 * and no long function without a reason.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['lib', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)));
const rel = (path: string) => relative(ROOT, path).split('\\').join('/');

/** Every relative module a file names: static imports and re-exports (type-only too), and import(). */
function importsOf(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
  const named: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      named.push((node.moduleSpecifier as ts.StringLiteral).text);
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      named.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const known = new Set(files);
  return named
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = resolve(dirname(path), s);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) =>
        known.has(p),
      );
      return found ?? '';
    })
    .filter(Boolean);
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The strongly connected groups of more than one file (or a file importing itself): the cycles. */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(rel(w));
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return out;
}

const READER_SIDE = ['components/', 'lib/page/', 'lib/popup/', 'lib/options/'];
const BEHIND_CONTRACTS = ['lib/lookup/', 'lib/sources/', 'lib/figures/', 'lib/detect/'];

describe('the layout', () => {
  test('reads every source file and finds imports (the check itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    const edges = [...graph.values()].reduce((n, list) => n + list.length, 0);
    expect(edges).toBeGreaterThan(files.length);
  });

  test('no import cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  test('views, the page, the popup and options reach lookups, sources, figures and detection only through the contracts', () => {
    const crossings = [...graph].flatMap(([from, targets]) =>
      READER_SIDE.some((d) => rel(from).startsWith(d))
        ? targets
            .filter((t) => BEHIND_CONTRACTS.some((d) => rel(t).startsWith(d)))
            .map((t) => `${rel(from)} → ${rel(t)}`)
        : [],
    );
    expect(crossings).toEqual([]);
  });

  // A reason: the function's comment says it is long ("Long: …", "About 90 lines: …") and why.
  test('no function over 60 lines without a reason in its comment', () => {
    const LIMIT = 60;
    const long: string[] = [];
    for (const path of files) {
      if (/\.generated\.ts$/.test(path)) continue;
      const text = readFileSync(path, 'utf8');
      const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (last - first + 1 > LIMIT) {
            // The comment of the function, or of the declaration it is the value of.
            const holder = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
            const comments = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
            const said = comments.map((c) => text.slice(c.pos, c.end)).join('\n');
            if (!/\bLong\b|\b\d+ lines\b/i.test(said))
              long.push(`${rel(path)}:${first + 1} (${last - first + 1} lines)`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
