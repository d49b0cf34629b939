#!/usr/bin/env node
// The `cityscope` command. It runs the bundle `pnpm build` writes (dist/cityscope.mjs, about
// 0.2 s to answer) while that bundle is newer than every source file of the CLI and core (and
// than .env.example, whose settings it lists);
// otherwise it runs the sources through tsx (correct but about 1.3 s), and says so on a terminal.
import { existsSync, readdirSync, statSync } from 'node:fs';

const built = new URL('../dist/cityscope.mjs', import.meta.url);

/** The newest modification time of the .ts files under a folder (0 when it is absent). */
function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    latest = Math.max(latest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return latest;
}

const sources = [new URL('../src', import.meta.url), new URL('../../core/src', import.meta.url)];
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
// in the repository, the bundle also carries .env.example's settings (the usage text)
const example = new URL('../../../.env.example', import.meta.url);
const exampleAt = existsSync(sources[0]) && existsSync(example) ? statSync(example).mtimeMs : 0;
const fresh = builtAt > 0 && exampleAt <= builtAt && sources.every((dir) => newest(dir) <= builtAt);

if (fresh) {
  await import(built.href);
} else {
  let tsImport;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch {
    // outside the workspace there are no sources to run
  }
  if (!tsImport) {
    process.stderr.write('cityscope: not built yet; run `pnpm build` in the repository first\n');
    process.exit(2);
  }
  if (process.stderr.isTTY) {
    process.stderr.write(
      `cityscope: ${builtAt ? 'the build is older than the sources' : 'not built'}; running the sources (slower: \`pnpm build\` makes it fast)\n`,
    );
  }
  await tsImport('../src/bin.ts', import.meta.url);
}
