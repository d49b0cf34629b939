#!/usr/bin/env node
import { loadDotEnv } from '@cityscope/core/platform/env-file';
import { main } from './main.js';

// A reader that goes away (`cityscope openapi | head -1`) ends the command quietly, as Unix
// tools do, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

// .env in the working folder, for every command (serve included); the real environment wins
try {
  loadDotEnv();
} catch (err) {
  process.stderr.write(`cityscope: ${(err as Error).message}\n`);
  process.exit(78);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`cityscope: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
