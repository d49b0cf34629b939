import { type ChildProcess, spawn } from 'node:child_process';
import { captureOutput } from './process.js';

/** A running `cityscope serve` (or any server that says "listening on URL") in a child process. */
export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  /** What it wrote to stderr so far (warnings, the listening line). */
  stderr(): string;
  /** SIGINT, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command args` and waits for "listening on http://…" on its stdout or stderr.
 * Fails with what it wrote when it exits first or is not ready within `timeoutMs`.
 */
export async function startServeProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ServeProcess> {
  const proc = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(proc);
  const written = () => output.err() + output.out();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} not ready:\n${written()}`));
    }, options.timeoutMs ?? 30_000);
    const poll = setInterval(() => {
      const m = /listening on (http:\/\/\S+)/.exec(written());
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    }, 20);
    proc.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it listened:\n${written()}`));
    });
  });
  const exited = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve();
      else proc.once('exit', () => resolve());
    });
  return {
    url,
    proc,
    stderr: output.err,
    async stop(graceMs = 5000) {
      const done = exited();
      proc.kill('SIGINT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await done;
      clearTimeout(timer);
    },
  };
}
