/**
 * Request overhead: autocannon (10 connections) against `cityscope serve` (the built
 * CLI), a bare `node:http` server sending the same bytes, and Hono on
 * @hono/node-server, interleaved; then cached `GET /cities/Dublin` through
 * `cityscope serve`. Cityscope logs one line per request at LOG_LEVEL=info, to a file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuMs } from './bench-builds.js';
import { interleave, progress, ratio, type Stat, stat } from './bench-lib.js';

interface Server {
  child: ChildProcess;
  url: string;
}

function start(args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Promise<Server> {
  const out = stdoutFile ? openSync(stdoutFile, 'a') : 'ignore';
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') closeSync(out);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-1000)}`)));
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's own CPU time (user + system) per request: steadier than req/s on a shared machine. */
  cpuUs: number;
}

async function load(url: string, seconds: number, pid?: number): Promise<Load> {
  const c0 = cpuMs(pid);
  const r = await autocannon({ url, connections: 10, duration: seconds });
  const c1 = cpuMs(pid);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    cpuUs: ((c1 - c0) * 1000) / Math.max(1, r.requests.total),
  };
}

export interface HttpFigures {
  health: Map<string, Stat>;
  healthP99: Map<string, Stat>;
  healthCpu: Map<string, Stat>;
  cities: { rps: Stat; p50: Stat; p99: Stat };
  logLines: number;
  requests: number;
}

export async function benchHttp(opts: {
  root: string;
  tmp: string;
  bareHttp: string;
  honoNode: string;
  wikipediaBaseUrl: string;
  rounds: number;
  seconds: number;
}): Promise<HttpFigures> {
  const env = { ...process.env, WIKIPEDIA_BASE_URL: opts.wikipediaBaseUrl, LOG_LEVEL: 'info' };
  const log = join(opts.tmp, 'serve.log');
  const servers: Record<string, Server> = {
    'bare node:http': await start([opts.bareHttp], env),
    'Hono on @hono/node-server': await start([opts.honoNode], env),
    'cityscope serve': await start(
      [join(opts.root, 'packages/cli/dist/cityscope.mjs'), 'serve', '--port', '0'],
      env,
      log,
    ),
  };
  try {
    const names = Object.keys(servers);
    progress(`GET /health, warming up ${names.length} servers`);
    for (const s of Object.values(servers)) await load(`${s.url}/health`, 1);
    let requests = 0;
    const runs = await interleave(
      opts.rounds,
      names,
      async (name) => {
        const r = await load(`${servers[name]?.url}/health`, opts.seconds, servers[name]?.child.pid);
        if (r.errors) throw new Error(`${name}: ${r.errors} failed requests`);
        if (name === 'cityscope serve') requests += Math.round(r.rps * opts.seconds);
        return r;
      },
      'GET /health',
    );
    const health = new Map([...runs].map(([k, v]) => [k, stat(v.map((x) => x.rps))]));
    const healthP99 = new Map([...runs].map(([k, v]) => [k, stat(v.map((x) => x.p99))]));
    const healthCpu = new Map([...runs].map(([k, v]) => [k, stat(v.map((x) => x.cpuUs))]));
    const bare = health.get('bare node:http')?.median ?? 1;
    progress(
      `GET /health medians: ${[...health].map(([k, s]) => `${k} ${Math.round(s.median)} req/s (${ratio(s.median, bare)})`).join(', ')}`,
    );
    const cityscope = servers['cityscope serve'] as Server;
    progress('GET /cities/Dublin, cached');
    await load(`${cityscope.url}/cities/Dublin`, 1);
    const cityRuns: Load[] = [];
    for (let i = 0; i < opts.rounds; i++) cityRuns.push(await load(`${cityscope.url}/cities/Dublin`, opts.seconds));
    const logLines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"msg":"request"')).length;
    return {
      health,
      healthP99,
      healthCpu,
      cities: {
        rps: stat(cityRuns.map((r) => r.rps)),
        p50: stat(cityRuns.map((r) => r.p50)),
        p99: stat(cityRuns.map((r) => r.p99)),
      },
      logLines,
      requests,
    };
  } finally {
    for (const s of Object.values(servers)) s.child.kill();
  }
}
