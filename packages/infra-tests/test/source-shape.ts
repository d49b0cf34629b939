import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { root } from './repo.js';

/**
 * A syntax-tree scan of the source trees (packages/, functions/, scripts/): the shape
 * rules of the repository, each finding named by file and line. Tests, generated data
 * (sentiment lexicons, `*.generated.ts`) and build output are left out.
 */

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;
export const SOURCE_TREES = ['packages', 'functions', 'scripts'];

const SKIP_DIRS = new Set(['node_modules', 'dist', 'test', 'fixtures', '.git']);
const SOURCE = /\.(ts|mts|mjs|cjs)$/;
const isGenerated = (path: string) => /\.generated\.ts$|\/nlp\/sentiment\/data\//.test(path) || path.endsWith('.d.ts');
const isTest = (path: string) => /\.test\.ts$/.test(path);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name)) out.push(path);
  }
}

/** Every source file the rules apply to, relative to the repository root. */
export function sourceFiles(): string[] {
  const files: string[] = [];
  for (const tree of SOURCE_TREES) walk(join(root, tree), files);
  return files.map((f) => relative(root, f)).filter((f) => !isGenerated(f) && !isTest(f));
}

const parsed = new Map<string, ts.SourceFile>();
const parse = (path: string): ts.SourceFile => {
  let file = parsed.get(path);
  if (!file) {
    file = ts.createSourceFile(path, readFileSync(join(root, path), 'utf8'), ts.ScriptTarget.Latest, true);
    parsed.set(path, file);
  }
  return file;
};

const lineOf = (file: ts.SourceFile, pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;

/** Files over MAX_FILE_LINES lines. */
export function longFiles(files = sourceFiles()): string[] {
  return files.flatMap((path) => {
    const lines = readFileSync(join(root, path), 'utf8').replace(/\n$/, '').split('\n').length;
    return lines > MAX_FILE_LINES ? [`${path}: ${lines} lines`] : [];
  });
}

/** A function-like node's name, for messages and for the duplicate check. */
function nameOf(node: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  return null;
}

const isFunctionLike = (node: ts.Node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node);

/** Functions (of any kind, closures included) over MAX_FUNCTION_LINES lines. */
export function longFunctions(files = sourceFiles()): string[] {
  const found: string[] = [];
  for (const path of files) {
    const file = parse(path);
    const visit = (node: ts.Node) => {
      if (isFunctionLike(node)) {
        const lines = lineOf(file, node.getEnd()) - lineOf(file, node.getStart(file)) + 1;
        if (lines > MAX_FUNCTION_LINES) {
          found.push(`${path}:${lineOf(file, node.getStart(file))} ${nameOf(node) ?? '(anonymous)'}: ${lines} lines`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** A top-level helper's code with its types removed and white space collapsed. */
function behaviour(text: string): string {
  return ts
    .transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true } })
    .outputText.replace(/\s+/g, ' ')
    .trim();
}

/**
 * Helpers defined twice: module-level functions (declarations or arrow functions bound to
 * a const) with the same name and the same code once types are removed, in two files.
 */
export function duplicateHelpers(files = sourceFiles()): string[] {
  const byName = new Map<string, Array<{ at: string; text: string }>>();
  for (const path of files) {
    const file = parse(path);
    for (const [name, node] of moduleHelpers(file)) {
      const text = node.getText();
      // a helper bound to its own module (import.meta) is not a shared helper
      if (text.includes('import.meta')) continue;
      const list = byName.get(name) ?? [];
      list.push({ at: `${path}:${lineOf(file, node.getStart(file))}`, text });
      byName.set(name, list);
    }
  }
  const found: string[] = [];
  for (const [name, list] of byName) {
    if (new Set(list.map((h) => h.at.split(':')[0])).size < 2) continue;
    const byCode = new Map<string, string[]>();
    for (const h of list) {
      const code = behaviour(
        `const f = ${h.text.replace(/^(export\s+)?(async\s+)?function\s*\*?\s*[\w$]*/, '$2function ')}`,
      );
      byCode.set(code, [...(byCode.get(code) ?? []), h.at]);
    }
    for (const at of byCode.values()) if (at.length > 1) found.push(`${name}: ${at.join(', ')}`);
  }
  return found;
}

/** Module-level functions: declarations, and arrow functions or function expressions bound to a name. */
function moduleHelpers(file: ts.SourceFile): Array<[string, ts.Node]> {
  const helpers: Array<[string, ts.Node]> = [];
  for (const stmt of file.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name && stmt.body) helpers.push([stmt.name.text, stmt]);
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
        helpers.push([d.name.text, init]);
      }
    }
  }
  return helpers;
}

/** Tracker numbers (the word issue and a number, or a hash and a number) and references to a contract outside the repository. */
export const TRACKER_NUMBER = /\b[Ii]ssues? #?\d+|(?<![A-Z]{2,}\s?)(?:^|[\s([])#\d{1,5}\b/;
export const OUTSIDE_CONTRACT = ['shared', 'API.md'].join('/');

/** Files whose text names a tracker number or the outside contract: the sources, their tests, the docs. */
export function textFindings(): string[] {
  const files: string[] = [];
  for (const tree of SOURCE_TREES) walk(join(root, tree), files);
  const testFiles: string[] = [];
  for (const tree of SOURCE_TREES) collectTests(join(root, tree), testFiles);
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f));
  const all = [...files, ...testFiles, ...docs, join(root, 'README.md')].map((f) => relative(root, f));
  const found: string[] = [];
  for (const path of [...new Set(all)]) {
    if (isGenerated(path)) continue;
    const lines = readFileSync(join(root, path), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (TRACKER_NUMBER.test(line)) found.push(`${path}:${i + 1} tracker number: ${line.trim().slice(0, 100)}`);
      // a test may name the outside contract to assert that nothing else does
      if (!isTest(path) && line.includes(OUTSIDE_CONTRACT)) found.push(`${path}:${i + 1} cites ${OUTSIDE_CONTRACT}`);
    });
  }
  return found;
}

function collectTests(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collectTests(path, out);
    else if (name.endsWith('.ts') && path.includes('/test/')) out.push(path);
  }
}
