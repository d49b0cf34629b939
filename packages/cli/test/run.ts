import type { Io } from '../src/commands.js';
import { main } from '../src/main.js';

/** Runs the command line in-process, collecting what it writes and its exit status. */
export async function runMain(argv: string[], io: Omit<Io, 'out' | 'err'>) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    ...io,
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}
