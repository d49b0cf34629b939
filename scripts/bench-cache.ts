/**
 * The shared cache and cached answers, side by side in one run:
 *  1. the added latency of a shared-store hit and miss against the memory tier
 *     (Cache calls, and GET /cities in process), on a real redis-server on loopback;
 *  2. upstream requests for 3 `cityscope serve` processes × 100 identical cold lookups,
 *     with and without the shared store (a loopback Wikipedia stand-in counts them);
 *  3. cached GET /cities/Dublin against GET /health through `cityscope serve`
 *     (autocannon, 10 connections), memory tier and memory in front of the store.
 * Run: `pnpm exec tsx scripts/bench-cache.ts` (needs redis-server; ROUNDS, SECONDS).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Cache } from '../packages/core/src/cache/cache.js';
import { openRedisStore } from '../packages/core/src/cache/redis.js';
import { createHandler } from '../packages/core/src/index.js';
import { REDIS_BIN, startRedis } from '../packages/core/test/redis-server.js';
import { startFakeWikipedia } from '../packages/testing/src/index.js';
import { bundleCli, ROOT, serveCli } from './bench-builds.js';
import { interleave, progress, type Stat, stat } from './bench-lib.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 3);
const us = (n: number) => `${(n * 1000).toFixed(0)} µs`;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
const show = (s: Stat, f = us) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

if (!REDIS_BIN) {
  console.log('bench-cache: redis-server is not installed (apt-get install -y redis-server); skipped');
  process.exit(0);
}

const redis = await startRedis();
const fake = await startFakeWikipedia();
const isAny = (v: unknown): v is unknown => v !== undefined;

try {
  // 1. Cache calls: each op timed one by one, 2000 per round; per round the median and p99
  progress('cache calls: memory tier vs shared store');
  const store = await openRedisStore({ url: redis.url, timeoutMs: 1000, maxBulkBytes: 1 << 20 });
  const value = JSON.parse(
    await (
      await createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' } })(
        new Request('http://x/cities/Toronto'),
      )
    ).text(),
  );
  const memory = new Cache();
  const shared = new Cache({ store: async () => store, memoryEntries: 1 });
  await memory.set('k0', value, 3_600_000);
  await shared.set(shared.key('k0'), value, 3_600_000);
  await shared.set(shared.key('k1'), value, 3_600_000);
  let unique = 0;
  const ops: Record<string, () => Promise<unknown>> = {
    'hit, memory tier': () => memory.get('k0', isAny),
    // memoryEntries: 1 and two keys in turn: every get is a round trip to the store
    'hit, shared store': () => shared.get(shared.key(`k${unique++ % 2}`), isAny),
    'miss + load, memory only': () =>
      memory.loadMany([`m${unique++}`], isAny, async (ks) => new Map(ks.map((k) => [k, { value, ttlMs: 60_000 }]))),
    'miss + load, shared store': () =>
      shared.loadMany(
        [shared.key(`m${unique++}`)],
        isAny,
        async (ks) => new Map(ks.map((k) => [k, { value, ttlMs: 60_000 }])),
      ),
  };
  const callRuns = await interleave(
    ROUNDS,
    Object.keys(ops),
    async (name) => {
      const op = ops[name] as () => Promise<unknown>;
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const t = performance.now();
        await op();
        times.push(performance.now() - t);
      }
      return { p50: pct(times, 0.5), p99: pct(times, 0.99) };
    },
    'cache calls',
  );
  store.close();

  // GET /cities in process: memory hit, and a hit that needs the store (page and answer)
  progress('GET /cities/Toronto in process');
  const handlers = {
    'memory tier hit': createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' } }),
    'shared store hit': createHandler({
      env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent', CACHE_URL: redis.url, CACHE_MEMORY_ENTRIES: '1' },
    }),
  };
  for (const h of Object.values(handlers)) await (await h(new Request('http://x/cities/Toronto'))).text();
  const httpRuns = await interleave(
    ROUNDS,
    Object.keys(handlers),
    async (name) => {
      const h = handlers[name as keyof typeof handlers];
      const times: number[] = [];
      for (let i = 0; i < 500; i++) {
        const t = performance.now();
        await (await h(new Request('http://x/cities/Toronto'))).text();
        times.push(performance.now() - t);
      }
      return { p50: pct(times, 0.5), p99: pct(times, 0.99) };
    },
    'GET /cities in process',
  );

  // 2. three processes, 100 identical cold lookups each, all at once
  // `cityscope serve` as production runs it: the current sources bundled like scripts/build.mjs
  // does (into a temporary folder, so a concurrent `pnpm build` is not disturbed)
  const cli = await bundleCli(
    ROOT,
    join(mkdtempSync(join(tmpdir(), 'cityscope-bench-cache-')), 'cityscope.mjs'),
    'warning',
  );
  const serve = (env: Record<string, string>) =>
    serveCli(cli, { cwd: ROOT, env: { WIKIPEDIA_BASE_URL: fake.baseUrl, ...env } });
  const stop = (c: ChildProcess) =>
    new Promise<void>((r) => {
      c.once('exit', () => r());
      c.kill('SIGKILL');
    });
  const upstream: Record<string, number[]> = { 'without the store': [], 'with the shared store': [] };
  fake.delayMs = 300;
  const cities = ['Toronto', 'Montreal', 'Ottawa'];
  for (let r = 0; r < 3; r++) {
    for (const variant of Object.keys(upstream)) {
      await redis.cmd('FLUSHALL');
      const env: Record<string, string> = variant === 'with the shared store' ? { CACHE_URL: redis.url } : {};
      const procs = await Promise.all([0, 1, 2].map(() => serve(env)));
      const before = fake.requests.length;
      const statuses = await Promise.all(
        procs.flatMap(({ url }) =>
          Array.from({ length: 100 }, async () => (await fetch(`${url}/cities/${cities[r]}`)).status),
        ),
      );
      if (statuses.some((s) => s !== 200)) throw new Error(`a lookup failed: ${statuses.filter((s) => s !== 200)}`);
      upstream[variant]?.push(fake.requests.length - before);
      await Promise.all(procs.map((p) => stop(p.child)));
      progress(`3 × 100 cold lookups ${variant}: ${upstream[variant]?.at(-1)} upstream requests`);
    }
  }
  fake.delayMs = 0;

  // 3. autocannon: /health and cached /cities/Dublin, memory tier and with the store
  const servers = {
    memory: await serve({ LOG_LEVEL: 'info' }),
    shared: await serve({ LOG_LEVEL: 'info', CACHE_URL: redis.url }),
  };
  const loads = new Map<string, { rps: number; p99: number }[]>();
  try {
    for (const s of Object.values(servers)) {
      await autocannon({ url: `${s.url}/health`, connections: 10, duration: 1 });
      await autocannon({ url: `${s.url}/cities/Dublin`, connections: 10, duration: 1 });
    }
    const variants = ['memory: /health', 'memory: /cities/Dublin', 'shared: /health', 'shared: /cities/Dublin'];
    const runs = await interleave(
      ROUNDS,
      variants,
      async (v) => {
        const [which, path] = v.split(': ') as ['memory' | 'shared', string];
        const r = await autocannon({ url: `${servers[which].url}${path}`, connections: 10, duration: SECONDS });
        if (r.non2xx || r.errors) throw new Error(`${v}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        return { rps: r.requests.average, p99: r.latency.p99 };
      },
      'autocannon',
    );
    for (const [k, v] of runs) loads.set(k, v);
  } finally {
    await Promise.all(Object.values(servers).map((s) => stop(s.child)));
  }

  console.log(`\n### Shared cache (${ROUNDS} interleaved rounds; median (min–max) over rounds)\n`);
  console.log('| cache call (value: the /cities/Toronto answer, %d bytes) | p50 | p99 |', JSON.stringify(value).length);
  console.log('|---|---|---|');
  for (const [name, rs] of callRuns) {
    console.log(`| ${name} | ${show(stat(rs.map((r) => r.p50)))} | ${show(stat(rs.map((r) => r.p99)))} |`);
  }
  console.log('\n| GET /cities/Toronto, in process | p50 | p99 |\n|---|---|---|');
  for (const [name, rs] of httpRuns) {
    console.log(`| ${name} | ${show(stat(rs.map((r) => r.p50)))} | ${show(stat(rs.map((r) => r.p99)))} |`);
  }
  console.log(
    '\n| 3 instances × 100 identical cold lookups (upstream answers in 300 ms) | upstream requests, per run |\n|---|---|',
  );
  for (const [name, counts] of Object.entries(upstream)) console.log(`| ${name} | ${counts.join(', ')} |`);
  console.log('\n| `cityscope serve`, autocannon 10 connections | req/s | p99 |\n|---|---|---|');
  const int = (n: number) => n.toFixed(0);
  const msf = (n: number) => `${n.toFixed(0)} ms`;
  for (const [name, rs] of loads) {
    console.log(`| ${name} | ${show(stat(rs.map((r) => r.rps)), int)} | ${show(stat(rs.map((r) => r.p99)), msf)} |`);
  }
} finally {
  await fake.close();
  await redis.stop();
}
