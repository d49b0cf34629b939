import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { root } from './repo.js';

/** One recorded answer of a CLI: the call's arguments start with `args`. */
export interface Recording {
  args: string;
  stdout?: string;
  stderr?: string;
  code?: number;
  /** answer only the first n calls that match */
  first?: number;
}
export type Recordings = Record<string, Recording[]>;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** every call of a faked program: [program, ...arguments] */
  calls: string[][];
}

const fake = join(root, 'packages/infra-tests/test/fake-cli.mjs');

/** The recordings of test/fixtures/preflight/<name>.json. */
export const recorded = (name: string): Recordings =>
  JSON.parse(readFileSync(join(root, `packages/infra-tests/test/fixtures/preflight/${name}.json`), 'utf8'));

/** The same recordings with some answers replaced (matched first). */
export function replacing(base: Recordings, program: string, answers: Recording[]): Recordings {
  return { ...base, [program]: [...answers, ...(base[program] ?? [])] };
}

/**
 * Runs a bash script (absolute, or from the repository root, or `-c` text) with fake `programs` first on
 * the PATH, replaying `recordings`; env replaces the variables named (undefined removes one).
 */
export async function runWithFakes(
  script: string,
  programs: string[],
  recordings: Recordings,
  env: Record<string, string | undefined> = {},
  args: string[] = [],
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'cityscope-fake-cli-'));
  try {
    for (const program of programs) {
      const path = join(dir, program);
      writeFileSync(path, `#!/bin/sh\nexec "${process.execPath}" "${fake}" ${program} "$@"\n`);
      chmodSync(path, 0o755);
    }
    const log = join(dir, 'calls.jsonl');
    writeFileSync(log, '');
    writeFileSync(join(dir, 'recordings.json'), JSON.stringify(recordings));
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
    merged.PATH = `${dir}:${process.env.PATH}`;
    merged.FAKE_CLI_LOG = log;
    merged.FAKE_CLI_RECORDINGS = join(dir, 'recordings.json');
    const path = isAbsolute(script) ? script : join(root, script);
    const argv = script.startsWith('-c ') ? ['-eo', 'pipefail', '-c', script.slice(3), ...args] : [path, ...args];
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', argv, { cwd: root, env: merged, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
    const calls = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[]);
    return { ...result, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines a preflight printed that start with `kind:` (missing, unchecked, ok). */
export const lines = (stdout: string, kind: 'missing' | 'unchecked' | 'ok') =>
  stdout.split('\n').filter((l) => l.startsWith(`${kind}: `));
