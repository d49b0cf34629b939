import type { ChildProcess } from 'node:child_process';

export interface Finished {
  code: number | null;
  out: string;
  err: string;
}

/** What a child process has written to stdout and stderr so far. */
export interface Output {
  out(): string;
  err(): string;
}

/** Collects a child process's stdout and stderr as they arrive. */
export function captureOutput(child: ChildProcess): Output {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  return { out: () => out, err: () => err };
}

/** Everything a child process writes to stdout and stderr, and its exit status once it closes. */
export function finished(child: ChildProcess): Promise<Finished> {
  const output = captureOutput(child);
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, out: output.out(), err: output.err() })),
  );
}
