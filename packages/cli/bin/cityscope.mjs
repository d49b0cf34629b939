#!/usr/bin/env node
// The built command (pnpm build writes dist/cityscope.mjs). In the workspace, `pnpm cityscope` runs the sources directly.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cityscope.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('cityscope: not built yet; run `pnpm build`, or `pnpm cityscope …` from the repository root\n');
  process.exit(2);
}
await import(built.href);
