/**
 * `POST /analyze` through `cityscope serve`, against the same route before issue 6
 * (the whole-text tokenizer, run three times per request) built from git in the same
 * run and measured interleaved with it:
 *
 * 1. English prose of 1k to 100k characters: median and p95 per size, the growth
 *    exponent (slope of log time over log size, 10k..100k), and /health latency while
 *    the 50k and 100k requests run (a /health every 10 ms: the event-loop delay a
 *    neighbouring request sees);
 * 2. the issue's hostile texts (Chinese, "A. " × 33,333, "a" × 100,000), once each;
 *    the old build is given at most LIMIT_S seconds per request;
 * 3. in this process, the event-loop delay (perf_hooks) while the current tree's
 *    handle() answers the largest inputs.
 *
 * Run alone: `pnpm exec tsx scripts/bench-text.ts`; `pnpm bench` runs it in section 6.
 * Settings: TEXT_ROUNDS (8), TEXT_BASE (the commit to compare with, 0eb15a7), TEXT_NOW
 * (a commit to measure instead of the working tree), TEXT_NODE (the node binary that
 * runs both servers, e.g. Node 22's), LIMIT_S (20).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { chinese, prose } from '../packages/core/test/text-samples.js';
import { progress } from './bench-lib.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.TEXT_ROUNDS ?? 8);
const BASE = process.env.TEXT_BASE ?? '0eb15a7';
const NOW = process.env.TEXT_NOW;
const NODE = process.env.TEXT_NODE ?? process.execPath;
const LIMIT_S = Number(process.env.LIMIT_S ?? 20);
const SIZES = [1_000, 5_000, 10_000, 25_000, 50_000, 100_000];
/** Sizes measured with /health beside them. */
const WATCHED = new Set([50_000, 100_000]);
const out = (text = '') => process.stdout.write(`${text}\n`);

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

/** The `cityscope` command of a tree, bundled (so an old commit runs without its own install). */
async function bundle(tree: string, outdir: string): Promise<string> {
  const outfile = join(outdir, 'cityscope.mjs');
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
    logLevel: 'error',
  });
  return outfile;
}

interface Server {
  child: ChildProcess;
  url: string;
}
function serve(cli: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [cli, 'serve', '--port', '0'], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err.slice(-500)}`)));
  });
}

/** CPU milliseconds a process has used (Linux /proc; NaN elsewhere): steadier than wall time on a shared machine. */
function cpuMs(pid: number | undefined): number {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return Number.NaN;
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Timed {
  ms: number;
  cpu: number;
  status: number | 'timeout';
  health: number[];
}
/** One POST /analyze, with a /health every 10 ms beside it when asked. */
async function timedAnalyze(server: Server, body: string, withHealth: boolean): Promise<Timed> {
  const { url } = server;
  const cpu0 = cpuMs(server.child.pid);
  const health: number[] = [];
  let running = true;
  const probe = (async () => {
    while (withHealth && running) {
      const t = performance.now();
      try {
        await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(LIMIT_S * 1000) })).text();
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
    const res = await fetch(`${url}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(LIMIT_S * 1000),
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

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number) : Number.NaN;
};
const f = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(0)} ms`);
const body = (text: string) => JSON.stringify({ text, lang: 'en' });

/** Least-squares slope of log(time) over log(size): 1 is linear, 2 quadratic. */
function exponent(points: Array<[number, number]>): number {
  const xs = points.map(([s]) => Math.log(s));
  const ys = points.map(([, t]) => Math.log(Math.max(t, 0.1)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return num / den;
}

const nodeVersion = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
progress(`bench-text: building this tree and ${BASE} (servers on node ${nodeVersion})`);
const tmp = mkdtempSync(join(tmpdir(), 'cityscope-bench-text-'));
const tree = (commit: string) => {
  const dir = join(tmp, commit.replace(/\W/g, '_'));
  execFileSync('sh', ['-c', `mkdir -p "${dir}" && git -C "${ROOT}" archive ${commit} packages | tar -x -C "${dir}"`]);
  return dir;
};
const nowName = NOW ? `now (${NOW})` : 'now';
const beforeName = `before (${BASE})`;
const variants: Record<string, string> = {
  [nowName]: await bundle(NOW ? tree(NOW) : ROOT, join(tmp, 'now')),
  [beforeName]: await bundle(tree(BASE), join(tmp, 'before')),
};
const servers: Record<string, Server> = {};
for (const [name, cli] of Object.entries(variants)) servers[name] = await serve(cli);
const names = Object.keys(servers);
/** A server still busy with a request that timed out would slow the next one: start it again. */
const restartIfStuck = async (name: string, t: Timed) => {
  if (t.status !== 'timeout') return;
  (servers[name] as Server).child.kill('SIGKILL');
  servers[name] = await serve(variants[name] as string);
};
for (const server of Object.values(servers)) await timedAnalyze(server, body(prose(500)), false);

// 1: prose by size, interleaved rounds
const texts = new Map(SIZES.map((n) => [n, prose(n)]));
const results = new Map<string, Map<number, Timed[]>>(names.map((n) => [n, new Map(SIZES.map((s) => [s, []]))]));
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + r) % names.length] as string;
    for (const size of SIZES) {
      const t = await timedAnalyze(servers[name] as Server, body(texts.get(size) as string), WATCHED.has(size));
      results.get(name)?.get(size)?.push(t);
      await restartIfStuck(name, t);
    }
  }
  progress(`bench-text: prose 1k..100k, round ${r + 1}/${ROUNDS}`);
}
out(`\n### POST /analyze through \`cityscope serve\` (node ${nodeVersion}), ${ROUNDS} interleaved rounds\n`);
out(
  `English prose; wall time median / p95, and in brackets the server's CPU time median; requests over ${LIMIT_S} s are cut and count as ${LIMIT_S} s. Growth exponent: slope of log(median) over log(size), 10k..100k (1 = linear, 2 = quadratic).\n`,
);
out(`| size | ${names.map((n) => `${n}: median / p95 (CPU)`).join(' | ')} | ratio of medians |`);
out(`|---|${names.map(() => '---|').join('')}---|`);
const median = (name: string, size: number) =>
  pct(
    (results.get(name)?.get(size) ?? []).map((x) => x.ms),
    0.5,
  );
for (const size of SIZES) {
  const cells = names.map((name) => {
    const xs = results.get(name)?.get(size) ?? [];
    const timeouts = xs.filter((x) => x.status === 'timeout').length;
    return `${f(median(name, size))} / ${f(
      pct(
        xs.map((x) => x.ms),
        0.95,
      ),
    )} (${f(
      pct(
        xs.map((x) => x.cpu),
        0.5,
      ),
    )})${timeouts ? `, ${timeouts} over ${LIMIT_S} s` : ''}`;
  });
  out(
    `| ${(size / 1000).toFixed(0)}k | ${cells.join(' | ')} | ${(median(beforeName, size) / median(nowName, size)).toFixed(1)}× |`,
  );
}
const grow = (name: string) =>
  exponent(SIZES.filter((s) => s >= 10_000).map((s) => [s, median(name, s)] as [number, number])).toFixed(2);
out(`| growth exponent | ${names.map(grow).join(' | ')} | |`);
const healthOf = (name: string) =>
  [...WATCHED].flatMap((s) => (results.get(name)?.get(s) ?? []).flatMap((x) => x.health));
out(
  `| /health while 50k and 100k run: p95 / max | ${names.map((n) => `${f(pct(healthOf(n), 0.95))} / ${f(Math.max(...healthOf(n)))}`).join(' | ')} | |`,
);

// 2: hostile texts, once each per variant
const hostile: Array<[string, string]> = [
  ['100,000 characters of Chinese', chinese(100_000)],
  ['"A. " × 33,333', 'A. '.repeat(33_333)],
  ['"a" × 100,000', 'a'.repeat(100_000)],
];
out(`\n| hostile text | ${names.map((n) => `${n}: time (CPU), status | /health max`).join(' | ')} |`);
out(`|---|${names.map(() => '---|---|').join('')}`);
for (const [label, text] of hostile) {
  const cells: string[] = [];
  for (const name of names) {
    const t = await timedAnalyze(servers[name] as Server, body(text), true);
    cells.push(
      `${t.status === 'timeout' ? `> ${LIMIT_S} s` : `${f(t.ms)} (${f(t.cpu)})`}, ${t.status} | ${f(t.health.length ? Math.max(...t.health) : Number.NaN)}`,
    );
    await restartIfStuck(name, t);
  }
  out(`| ${label} | ${cells.join(' | ')} |`);
  progress(`bench-text: ${label}`);
}
for (const s of Object.values(servers)) s.child.kill('SIGKILL');

// 3: the event-loop delay inside this process (the working tree's code, whatever TEXT_NOW says)
{
  const { createHandler } = await import('@cityscope/core');
  const handle = createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } });
  const analyze = async (text: string) =>
    (
      await handle(
        new Request('http://localhost/analyze', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body(text),
        }),
      )
    ).text();
  await analyze(prose(500));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  for (const text of [texts.get(100_000) as string, ...hostile.map(([, t]) => t)]) await analyze(text);
  delay.disable();
  out(
    `\nEvent-loop delay in this process (perf_hooks, node ${process.version}, the working tree) while handle() answers 100k prose and the three hostile texts: p99 ${f(delay.percentile(99) / 1e6)}, max ${f(delay.max / 1e6)}.`,
  );
}
