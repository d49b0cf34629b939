import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { root } from './repo.js';
import { sourceFiles } from './source-shape.js';

/** The file a relative specifier names (`./x.js` is `./x.ts`, a folder is its index), or null. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|ts|mts)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.mts`, base, join(base, 'index.ts')]) {
    if (/\.(ts|mts|mjs)$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Each file's static imports and re-exports, type-only ones included (as madge counts them with `.madgerc`). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of files) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets: string[] = [];
    for (const statement of file.statements) {
      const spec =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
          ? (statement.moduleSpecifier as ts.StringLiteral).text
          : null;
      const target = spec === null ? null : resolve(path, spec);
      if (target !== null) targets.push(target);
    }
    graph.set(path, targets);
  }
  return graph;
}

/** Every import cycle among the source files, each written `a → b → a` with paths from the repository root. */
export function importCycles(files = sourceFiles().map((f) => join(root, f))): string[] {
  const graph = importGraph(files);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  // depth-first, iteratively: each frame is a file and how many of its imports were followed
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const frames: Array<[string, number]> = [[start, 0]];
    state.set(start, 'open');
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as [string, number];
      const next = (graph.get(frame[0]) ?? [])[frame[1]++];
      if (next === undefined) {
        frames.pop();
        stack.pop();
        state.set(frame[0], 'done');
      } else if (state.get(next) === 'open') {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        cycles.push(loop.map((p) => relative(root, p)).join(' → '));
      } else if (!state.has(next) && graph.has(next)) {
        state.set(next, 'open');
        stack.push(next);
        frames.push([next, 0]);
      }
    }
  }
  return cycles;
}
