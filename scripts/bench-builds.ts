import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { progress } from './bench-lib.js';

/**
 * `cityscope serve` of this tree beside an older build (bench-text, bench-parse,
 * bench-cache): bundling a tree, serving it, timing requests with /health beside them.
 */

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `@cityscope/<pkg>[/sub]` resolved through that tree's own package.json exports. */
function workspace(tree: string): Plugin {
  return {
    name: 'workspace',
    setup(b) {
      b.onResolve({ filter: /^@cityscope\/[a-z-]+(\/.*)?$/ }, (args) => {
        const [, pkg, sub] = /^@cityscope\/([a-z-]+)(\/.*)?$/.exec(args.path) as RegExpExecArray;
        const dir = join(tree, 'packages', pkg as string);
        const exports = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports as Record<string, string>;
        const target = exports[`.${sub ?? ''}`];
        return target ? { path: join(dir, target) } : undefined;
      });
    },
  };
}

/**
 * The `cityscope` command of a tree, bundled as scripts/build.mjs does, into `outfile`
 * (so an old commit runs without its own install, and a concurrent `pnpm build` is not
 * disturbed). esbuild is loaded only here.
 */
export async function bundleCli(
  tree: string,
  outfile: string,
  logLevel: 'error' | 'warning' = 'error',
): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(tree, 'packages/cli/src/bin.ts')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    plugins: [workspace(tree)],
    nodePaths: [
      join(ROOT, 'packages/core/node_modules'),
      join(ROOT, 'packages/cli/node_modules'),
      join(ROOT, 'node_modules'),
    ],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel,
  });
  return outfile;
}

export interface Server {
  child: ChildProcess;
  url: string;
}

/** `<cli> serve --port 0` (LOG_LEVEL warn unless `env` says otherwise), once it says where it listens. */
export function serveCli(
  cli: string,
  opts: { node?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.node ?? process.execPath, [cli, 'serve', '--port', '0'], {
      cwd: opts.cwd,
      env: { ...process.env, LOG_LEVEL: 'warn', ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err.slice(-2000)}`)));
  });
}

/** CPU milliseconds a process has used (Linux /proc; NaN elsewhere): steadier than wall time on a shared machine. */
export function cpuMs(pid: number | undefined): number {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return Number.NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
}

export interface Timed {
  ms: number;
  /** The server's CPU time for the request. */
  cpu: number;
  status: number | 'timeout';
  /** /health latencies measured while the request ran. */
  health: number[];
}

/** One JSON POST to `path`, cut after `limitS` seconds, with a /health every 10 ms beside it when asked. */
export async function timedPost(
  server: Server,
  path: string,
  body: string,
  withHealth: boolean,
  limitS: number,
): Promise<Timed> {
  const { url } = server;
  const cpu0 = cpuMs(server.child.pid);
  const health: number[] = [];
  let running = true;
  const probe = (async () => {
    while (withHealth && running) {
      const t = performance.now();
      try {
        await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(limitS * 1000) })).text();
      } catch {
        // the old server can be busy past the limit
      }
      health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const start = performance.now();
  let status: Timed['status'];
  try {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(limitS * 1000),
    });
    await res.text();
    status = res.status;
  } catch {
    status = 'timeout';
  }
  const ms = performance.now() - start;
  const cpu = cpuMs(server.child.pid) - cpu0;
  running = false;
  await probe;
  return { ms, cpu, status, health };
}

export interface Comparison {
  /** The benchmark's name, for progress lines. */
  label: string;
  /** `node --version` of the binary that runs both servers. */
  nodeVersion: string;
  /** `now` (or `now (<commit>)`) and `before (<base>)`, in that order. */
  names: [string, string];
  /** By name; restartIfStuck replaces an entry. */
  servers: Record<string, Server>;
  /** A server still busy with a request that timed out would slow the next one: start it again. */
  restartIfStuck(name: string, t: Timed): Promise<void>;
  stop(): void;
}

/**
 * This tree (or the commit `now`) and the commit `base`, each bundled from git into a
 * temporary folder and served by `node`; `label` names the progress lines and the folder.
 */
export async function compareBuilds(
  label: string,
  opts: { base: string; now?: string | undefined; node: string },
): Promise<Comparison> {
  const { base, now, node } = opts;
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  progress(`${label}: building this tree and ${base} (servers on node ${nodeVersion})`);
  const tmp = mkdtempSync(join(tmpdir(), `cityscope-${label}-`));
  const tree = (commit: string) => {
    const dir = join(tmp, commit.replace(/\W/g, '_'));
    execFileSync('sh', ['-c', `mkdir -p "${dir}" && git -C "${ROOT}" archive ${commit} packages | tar -x -C "${dir}"`]);
    return dir;
  };
  const names: [string, string] = [now ? `now (${now})` : 'now', `before (${base})`];
  const variants: Record<string, string> = {
    [names[0]]: await bundleCli(now ? tree(now) : ROOT, join(tmp, 'now', 'cityscope.mjs')),
    [names[1]]: await bundleCli(tree(base), join(tmp, 'before', 'cityscope.mjs')),
  };
  const servers: Record<string, Server> = {};
  for (const [name, cli] of Object.entries(variants)) servers[name] = await serveCli(cli, { node });
  return {
    label,
    nodeVersion,
    names,
    servers,
    async restartIfStuck(name, t) {
      if (t.status !== 'timeout') return;
      (servers[name] as Server).child.kill('SIGKILL');
      servers[name] = await serveCli(variants[name] as string, { node });
    },
    stop() {
      for (const s of Object.values(servers)) s.child.kill('SIGKILL');
    },
  };
}

/** Whole milliseconds, or – when there is no figure. */
export const wholeMs = (n: number): string => (Number.isNaN(n) ? '–' : `${n.toFixed(0)} ms`);

/**
 * Each hostile input once on every build, one table row per input, handed to `row` as
 * it comes (with a progress line): time (server CPU), status | the slowest /health
 * beside it. A request cut at `limitS` reads `> limitS s`, and its server is started again.
 */
export async function hostileRows(
  cmp: Comparison,
  inputs: Array<[string, string]>,
  post: (server: Server, input: string) => Promise<Timed>,
  limitS: number,
  row: (line: string) => void,
): Promise<void> {
  for (const [label, input] of inputs) {
    const cells: string[] = [];
    for (const name of cmp.names) {
      const t = await post(cmp.servers[name] as Server, input);
      const time = t.status === 'timeout' ? `> ${limitS} s` : `${wholeMs(t.ms)} (${wholeMs(t.cpu)})`;
      cells.push(`${time}, ${t.status} | ${wholeMs(t.health.length ? Math.max(...t.health) : Number.NaN)}`);
      await cmp.restartIfStuck(name, t);
    }
    row(`| ${label} | ${cells.join(' | ')} |`);
    progress(`${cmp.label}: ${label}`);
  }
}
