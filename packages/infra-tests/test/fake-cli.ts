import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { root } from './repo.js';

/** One recorded answer of a CLI: the call's arguments, joined by spaces, start with `args`. */
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
  /** every call of a faked program, in order: [program, ...arguments] */
  calls: string[][];
}

/** The recordings of test/fixtures/preflight/<name>.json. */
export const recorded = (name: string): Recordings =>
  JSON.parse(readFileSync(join(root, `packages/infra-tests/test/fixtures/preflight/${name}.json`), 'utf8'));

/** The same recordings with some answers replaced (matched first). */
export function replacing(base: Recordings, program: string, answers: Recording[]): Recordings {
  return { ...base, [program]: [...answers, ...(base[program] ?? [])] };
}

// A fake program is a bash script (a process per call must start fast on a loaded machine): it
// logs its arguments (US between them, RS after the call), then replays the first recording whose
// prefix its joined arguments start with; a call nothing was recorded for fails with status 97.
// Each recording's prefix, output and status are files in <dir>/.<program>/<i>.*.
const FAKE = `#!/usr/bin/env bash
here="$(dirname "$0")/.$(basename "$0")"
{ printf '%s' "$(basename "$0")"; (($# == 0)) || printf '\\x1f%s' "$@"; printf '\\x1e'; } >> "$FAKE_CLI_LOG"
line="$*"
for ((i = 0; ; i++)); do
  [[ -f "$here/$i.args" ]] || break
  prefix="$(< "$here/$i.args")"
  [[ "$line" == "$prefix"* ]] || continue
  if [[ -f "$here/$i.first" ]]; then
    n=$(( $(< "$here/$i.count") + 1 )); echo "$n" > "$here/$i.count"
    (( n <= $(< "$here/$i.first") )) || continue
  fi
  cat "$here/$i.out"; cat "$here/$i.err" >&2
  exit "$(< "$here/$i.code")"
done
echo "fake $(basename "$0"): nothing recorded for: $line" >&2
exit 97
`;

function writeFake(dir: string, program: string, recordings: Recording[]): void {
  const data = join(dir, `.${program}`);
  mkdirSync(data);
  recordings.forEach((r, i) => {
    writeFileSync(join(data, `${i}.args`), r.args);
    writeFileSync(join(data, `${i}.out`), r.stdout ?? '');
    writeFileSync(join(data, `${i}.err`), r.stderr ?? '');
    writeFileSync(join(data, `${i}.code`), String(r.code ?? 0));
    if (r.first !== undefined) {
      writeFileSync(join(data, `${i}.first`), String(r.first));
      writeFileSync(join(data, `${i}.count`), '0');
    }
  });
  writeFileSync(join(dir, program), FAKE);
  chmodSync(join(dir, program), 0o755);
}

/**
 * Runs a bash script (absolute, from the repository root, or `-c <text>` as a workflow step runs)
 * with fake `programs` first on the PATH, replaying `recordings`; env replaces the variables named
 * (undefined removes one).
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
    for (const program of programs) writeFake(dir, program, recordings[program] ?? []);
    const log = join(dir, '.calls');
    writeFileSync(log, '');
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) merged[k] = v;
    merged.PATH = `${dir}:${process.env.PATH}`;
    merged.FAKE_CLI_LOG = log;
    const argv = script.startsWith('-c ')
      ? ['-eo', 'pipefail', '-c', script.slice(3), ...args]
      : [isAbsolute(script) ? script : join(root, script), ...args];
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', argv, { cwd: root, env: merged, timeout: 60_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
    const calls = readFileSync(log, 'utf8')
      .split('\x1e')
      .filter(Boolean)
      .map((call) => call.split('\x1f'));
    return { ...result, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Env = Record<string, string | undefined>;

/**
 * A runner of infra/<cloud>/preflight.sh with a fake `program` replaying the recordings of
 * test/fixtures/preflight/<cloud>.json (or others), in the environment `ready` (or changed).
 */
export function preflight(cloud: string, program: string, ready: Env) {
  const base = recorded(cloud);
  const run = (recordings = base, env: Env = {}, args: string[] = []) =>
    runWithFakes(`infra/${cloud}/preflight.sh`, [program], recordings, { ...ready, ...env }, args);
  return { base, run };
}

/** The lines a preflight printed that start with `kind:` (missing, unchecked, ok). */
export const lines = (stdout: string, kind: 'missing' | 'unchecked' | 'ok') =>
  stdout.split('\n').filter((l) => l.startsWith(`${kind}: `));
