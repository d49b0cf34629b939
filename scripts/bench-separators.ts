/**
 * POST /analyze of separator runs against prose of the same length, through `handle()` in
 * one process per tree: best of 3 alone, then four at once, in ms. Trees: this one, and any
 * given as arguments (a baseline worktree, e.g. `git worktree add /tmp/base 94d989f` with
 * node_modules linked from this tree). Run with either Node:
 * `node --import tsx scripts/bench-separators.ts [/tmp/base]`.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUTS: Record<string, string> = {
  prose: 'The quick brown fox jumps over the lazy dog. '.repeat(2223).slice(0, 100_000),
  'a + 99,999 \\n': `a${'\n'.repeat(99_999)}`,
  'a + 49,999 \\r\\n': `a${'\r\n'.repeat(49_999)}`,
  'a + 99,999 U+2028': `a${'\u2028'.repeat(99_999)}`,
  'mixed separators': `a${' \n\t.\r\n\u2028'.repeat(14_285)}`,
};

async function measure(tree: string): Promise<void> {
  const { createHandler } = await import(join(tree, 'packages/core/src/index.ts'));
  const handle = createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } });
  const analyze = async (text: string) => {
    const res = await handle(
      new Request('http://bench.local/analyze', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, keywords: 50, sentences: 20 }),
      }),
    );
    await res.text();
  };
  await analyze('Warm up the route. And its vocabulary.');
  for (const [name, text] of Object.entries(INPUTS)) {
    let one = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await analyze(text);
      one = Math.min(one, performance.now() - t);
    }
    const t = performance.now();
    await Promise.all([1, 2, 3, 4].map(() => analyze(text)));
    console.log(
      `| ${process.version} | ${tree} | ${name} | ${Math.round(one)} | ${Math.round(performance.now() - t)} |`,
    );
  }
}

const [tree] = process.argv.slice(2);
if (process.env.SEPARATORS_CHILD) await measure(tree as string);
else {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  console.log('| node | tree | input | one (ms) | four at once (ms) |\n|---|---|---|---|---|');
  for (const t of [root, ...process.argv.slice(2)]) {
    // one process per tree: each loads its own core
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), t], {
      env: { ...process.env, SEPARATORS_CHILD: '1' },
      encoding: 'utf8',
    });
    process.stdout.write(out);
  }
}
