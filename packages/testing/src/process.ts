import type { ChildProcess } from 'node:child_process';

export interface Finished {
  code: number | null;
  out: string;
  err: string;
}

/** Everything a child process writes to stdout and stderr, and its exit status once it closes. */
export function finished(child: ChildProcess): Promise<Finished> {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}
