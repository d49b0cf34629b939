#!/usr/bin/env node
import { main } from './main.js';

// A reader that goes away (`cityscope openapi | head -1`) ends the command quietly, as Unix
// tools do, instead of an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
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
