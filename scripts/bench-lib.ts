/**
 * What every `pnpm bench` section shares: progress on stderr as it goes, interleaved
 * rounds (each round runs every variant once, in a rotated order, so load from other
 * processes falls on all of them alike), min / median / max, and a table line on stdout.
 * Serving and timing builds of `cityscope serve` side by side is bench-builds.ts.
 */
import { spawn } from 'node:child_process';

export const progress = (text: string): void => {
  process.stderr.write(`  … ${text}\n`);
};

/** One line of a section's output (the tables go to stdout). */
export const out = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

export interface Stat {
  min: number;
  median: number;
  max: number;
  n: number;
}

export function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN, n: 0 };
  const mid = s.length >> 1;
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { min: s[0] as number, median, max: s[s.length - 1] as number, n: s.length };
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;
export const range = (s: Stat, f: (n: number) => string = ms): string => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/**
 * Runs `rounds` rounds; in each, every variant once, the order rotated by one each
 * round. Returns each variant's results in variant order.
 */
export async function interleave<T>(
  rounds: number,
  variants: string[],
  run: (variant: string, round: number) => Promise<T>,
  label: string,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(variants.map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length] as string;
      out.get(v)?.push(await run(v, r));
    }
    if ((r + 1) % Math.max(1, Math.round(rounds / 5)) === 0 || r + 1 === rounds) {
      progress(`${label}: round ${r + 1}/${rounds}`);
    }
  }
  return out;
}

/**
 * One fresh `node` process, timed from spawn to exit (wall clock, in this process).
 * Its stdout, if JSON, is returned too (probes report their own import time).
 */
export function timedProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{ wallMs: number; out: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      let out: Record<string, unknown> = {};
      try {
        // the probe's figures are its last line (a Lambda bundle writes its EMF line before them)
        const last = stdout.trim().split('\n').at(-1);
        out = last ? JSON.parse(last) : {};
      } catch {
        // not a probe
      }
      resolve({ wallMs, out });
    });
  });
}
