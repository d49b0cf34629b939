/**
 * `cityscope serve` from a tree's sources (through tsx) for the benchmarks that run it beside
 * a baseline tree: the baseline is a git worktree whose packages resolve their dependencies
 * from this tree's installs, so the two differ only in their code.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A worktree of `ref` under the system's temporary folder, with this tree's node_modules linked in. */
export function baselineTree(ref: string, name = 'bench'): string {
  const dir = join(tmpdir(), `cityscope-${name}-${ref}`);
  if (!existsSync(dir)) execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, ref]);
  const link = (target: string, at: string) => existsSync(at) || symlinkSync(target, at);
  link(join(root, 'node_modules'), join(dir, 'node_modules'));
  link(join(root, 'packages/core/node_modules'), join(dir, 'packages/core/node_modules'));
  // the CLI's own dependencies, but @cityscope/core from the baseline tree
  const cliModules = join(dir, 'packages/cli/node_modules');
  mkdirSync(join(cliModules, '@cityscope'), { recursive: true });
  const mine = join(root, 'packages/cli/node_modules');
  for (const entry of readdirSync(mine)) {
    if (entry !== '@cityscope' && entry !== '.bin') link(realpathSync(join(mine, entry)), join(cliModules, entry));
  }
  link(join(dir, 'packages/core'), join(cliModules, '@cityscope/core'));
  return dir;
}

/** `cityscope serve --port 0` from `tree`'s sources with `env` added; resolves once it listens. */
export function serveFrom(
  tree: string,
  env: Record<string, string>,
  node = process.execPath,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(node, ['--import', 'tsx', join(tree, 'packages/cli/src/bin.ts'), 'serve', '--port', '0'], {
    env: { ...process.env, ...env },
    cwd: tree,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) resolve({ child, url: m[1] as string });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${text.slice(-500)}`)));
  });
}
