/**
 * `pnpm bench` (after `pnpm build`): every figure of docs/performance.md, each beside
 * its baselines measured in the same run, interleaved, reported as median (min–max):
 *
 * 1. bundle sizes (entry and lazily loaded chunks);
 * 2. cold starts of the AWS and Azure bundles: whole process and import, against a
 *    bare `node -e 0` and a minimal Hono Lambda app built the same way;
 * 3. the Functions Framework's start with Cityscope against an empty function;
 * 4. request overhead through `cityscope serve` against bare `node:http` and Hono
 *    on @hono/node-server (autocannon), and cached GET /cities/Dublin;
 * 5. 20 concurrent /cities in two languages through one handler (a correctness check);
 * 6. the text, parse, readable-text, keyphrase, sentiment and map benchmarks (scripts/bench-text.ts, bench-parse.ts,
 *    bench-readable.ts, bench-keyphrases.ts, bench-sentiment.ts, bench-maps.ts), when present;
 * 7. memory while serving 150 distinct 1.5 MB pages, against a baseline tree (scripts/bench-memory.ts).
 *
 * Progress goes to stderr as it runs; the tables to stdout. Settings: RUNS (fresh
 * processes per variant, 15), ROUNDS (autocannon rounds, 3), SECONDS (per autocannon run, 5),
 * ONLY (comma-separated section numbers), BASELINE_AWS (an earlier tree's AWS bundle, beside today's cold start).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Platform } from '@cityscope/core';
import { loadPresets } from '@cityscope/targets';
import { startFakeWikipedia } from '@cityscope/testing';
import { writeBaselines } from './bench-baselines.js';
import { benchFramework, benchLambdaLike } from './bench-cold.js';
import { benchHttp } from './bench-http.js';
import { ms, out, progress, range, ratio, type Stat } from './bench-lib.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 15);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 5);
const ONLY = new Set((process.env.ONLY ?? '1,2,3,4,5,6,7').split(',').map((s) => s.trim()));

// every target's bundle, as its preset builds it (node is the `cityscope` command)
const presets = await loadPresets();
const entries = Object.fromEntries(presets.map((p) => [p.platform, p.build.outfile])) as Record<Platform, string>;
for (const [name, file] of Object.entries(entries)) {
  if (!existsSync(file)) throw new Error(`${name}: ${file} is missing; run \`pnpm build\` first`);
}

const tmp = mkdtempSync(join(tmpdir(), 'cityscope-bench-'));
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
const healthBody = JSON.stringify({ status: 'ok', service: 'cityscope', version, platform: 'node' });
progress('building the baselines (Hono apps, bare server, empty Framework function)');
const base = await writeBaselines(tmp, root, healthBody);
const fake = await startFakeWikipedia();
const env = {
  ...process.env,
  WIKIPEDIA_BASE_URL: fake.baseUrl,
  LOG_LEVEL: 'silent',
  WIKIMEDIA_CONTACT: 'bench@example.org',
};
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const row = (cells: string[]) => out(`| ${cells.join(' | ')} |`);
const head = (cells: string[]) => {
  row(cells);
  out(`|${cells.map(() => '---').join('|')}|`);
};

out(`node ${process.version}, ${process.platform}; median (min–max); every figure beside its baselines, same run.\n`);

if (ONLY.has('1')) {
  out('### Bundles\n');
  head(['bundle', 'entry (loaded at import)', 'all .mjs (entry + chunks)', 'gzip, all']);
  // each bundle's entry file, with its chunks in the same folder
  const bundleRows: Array<[string, string]> = [
    ...presets.map((p): [string, string] => [p.platform, p.build.outfile]),
    ['Hono Lambda app', base.honoLambda],
  ];
  for (const [name, entryFile] of bundleRows) {
    const dir = dirname(entryFile);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    const bytes = files.map((f) => readFileSync(join(dir, f)));
    const entry = statSync(entryFile).size;
    const all = bytes.reduce((a, b) => a + b.length, 0);
    const gz = bytes.reduce((a, b) => a + gzipSync(b).length, 0);
    row([name, kib(entry), `${kib(all)} in ${files.length} file${files.length === 1 ? '' : 's'}`, kib(gz)]);
  }
  out();
}

const show = (m: Map<string, Stat>, k: string, f = ms) => {
  const s = m.get(k);
  return s ? range(s, f) : '—';
};

if (ONLY.has('2')) {
  progress(`cold starts: ${RUNS} rounds of fresh processes`);
  // BASELINE_AWS: an earlier tree's AWS bundle (`git worktree add /tmp/base <commit>`, `pnpm build` there)
  const bundles = {
    aws: entries.aws,
    azure: entries.azure,
    honoLambda: base.honoLambda,
    baseline: process.env.BASELINE_AWS,
  };
  const health = await benchLambdaLike({ tmp, env, runs: RUNS, bundles, path: '/health' });
  const city = await benchLambdaLike({ tmp, env, runs: RUNS, bundles, path: '/cities/Toronto' });
  const bare = health.whole.get('node -e 0')?.median ?? 1;
  const hono = health.importMs.get('Hono Lambda app')?.median ?? 1;
  const emptyCpu = health.cpuMs.get('node empty.mjs')?.median ?? 1;
  const honoCpu = health.importCpuMs.get('Hono Lambda app')?.median ?? 1;
  out(`### Cold start: AWS and Azure bundles (${RUNS} fresh processes each, interleaved)\n`);
  out(
    'Whole process = spawn to exit of a `node` that imports the bundle and answers one GET /health (wall clock); ' +
      'CPU = that process’s own user + system time up to the answer, against a `node` running an empty ES module.\n',
  );
  head([
    '',
    'whole process',
    '÷ node -e 0',
    'CPU',
    '÷ empty module',
    'import',
    '÷ Hono import',
    'import CPU',
    '÷ Hono',
    '+ first GET /health',
    '+ first GET /cities/Toronto',
  ]);
  for (const k of health.whole.keys()) {
    const w = health.whole.get(k)?.median ?? 0;
    const i = health.importMs.get(k)?.median;
    row([
      k,
      show(health.whole, k),
      ratio(w, bare),
      show(health.cpuMs, k),
      health.cpuMs.has(k) ? ratio(health.cpuMs.get(k)?.median ?? 0, emptyCpu) : '—',
      show(health.importMs, k),
      i === undefined ? '—' : ratio(i, hono),
      show(health.importCpuMs, k),
      health.importCpuMs.has(k) ? ratio(health.importCpuMs.get(k)?.median ?? 0, honoCpu) : '—',
      show(health.firstMs, k),
      show(city.firstMs, k),
    ]);
  }
  const was = 'Cityscope AWS, baseline tree';
  if (health.whole.has(was)) {
    const r = (m: Map<string, Stat>) => ratio(m.get('Cityscope AWS')?.median ?? 0, m.get(was)?.median ?? 1);
    out(
      `\nCityscope AWS ÷ baseline tree: whole process ${r(health.whole)}, CPU ${r(health.cpuMs)}, import CPU ${r(health.importCpuMs)}`,
    );
  }
  out();
}

if (ONLY.has('3')) {
  const ff = await benchFramework({ root, env, runs: Math.max(5, Math.round(RUNS / 2)), gcpEmpty: base.gcpEmpty });
  const empty = ff.get('Framework, empty function')?.median ?? 1;
  out('### Cold start: Google Cloud Functions Framework\n');
  out('Spawn of `functions-framework --target=cityscope` to its first answered GET /health.\n');
  head(['', 'spawn to first answer', '÷ empty function']);
  for (const [k, s] of ff) row([k, range(s), ratio(s.median, empty)]);
  out();
}

if (ONLY.has('4')) {
  progress(`request overhead: autocannon, ${ROUNDS} interleaved rounds of ${SECONDS} s`);
  const http = await benchHttp({
    root,
    tmp,
    bareHttp: base.bareHttp,
    honoNode: base.honoNode,
    wikipediaBaseUrl: fake.baseUrl,
    rounds: ROUNDS,
    seconds: SECONDS,
  });
  const bare = http.health.get('bare node:http')?.median ?? 1;
  const rps = (n: number) => `${Math.round(n).toLocaleString('en')}`;
  out(`### Request overhead: GET /health, 10 connections (${ROUNDS} × ${SECONDS} s each, interleaved)\n`);
  const bareCpu = http.healthCpu.get('bare node:http')?.median ?? 1;
  head(['server', 'req/s', '÷ bare node:http', 'p99 latency', 'server CPU per request', 'bare ÷ this']);
  for (const [k, s] of http.health) {
    const cpu = http.healthCpu.get(k);
    row([
      k,
      range(s, rps),
      ratio(s.median, bare),
      show(http.healthP99, k, (n) => `${n} ms`),
      cpu ? range(cpu, (n) => `${n.toFixed(1)} µs`) : '—',
      cpu ? ratio(bareCpu, cpu.median) : '—',
    ]);
  }
  out(
    `\n\`cityscope serve\` logged ${http.logLines.toLocaleString('en')} request lines (LOG_LEVEL=info, to a file).\n`,
  );
  const c = http.cities;
  out(
    `Cached GET /cities/Dublin through \`cityscope serve\`: ${range(c.rps, rps)} req/s ` +
      `(${ratio(c.rps.median, http.health.get('cityscope serve')?.median ?? 1)} of its /health), ` +
      `p50 ${range(c.p50, (n) => `${n} ms`)}, p99 ${range(c.p99, (n) => `${n} ms`)}.\n`,
  );
}

if (ONLY.has('5')) {
  progress('20 concurrent /cities in two languages');
  const { createHandler } = await import('@cityscope/core');
  const handle = createHandler({ env });
  const asks = Array.from({ length: 20 }, (_, i) => (i % 2 ? '/cities/Paris?lang=fr' : '/cities/Toronto?lang=en'));
  const burst = async () => {
    const t = performance.now();
    const res = await Promise.all(asks.map((p) => handle(new Request(`http://bench.local${p}`))));
    const bodies = await Promise.all(res.map((r) => r.json() as Promise<{ lang: string }>));
    if (bodies.some((b, i) => b.lang !== (i % 2 ? 'fr' : 'en'))) throw new Error('a request saw the other language');
    return performance.now() - t;
  };
  const cold = await burst();
  const warm = await burst();
  out(
    `20 concurrent GET /cities in two languages, one instance: ${ms(cold)} with an empty cache, ${ms(warm)} cached; every answer in its own language.\n`,
  );
}
await fake.close();

if (ONLY.has('6')) {
  for (const name of [
    'bench-text.ts',
    'bench-parse.ts',
    'bench-readable.ts',
    'bench-keyphrases.ts',
    'bench-sentiment.ts',
    'bench-maps.ts',
  ]) {
    const file = join(root, 'scripts', name);
    if (!existsSync(file)) continue;
    progress(name);
    await import(pathToFileURL(file).href);
  }
}

if (ONLY.has('7')) await import(pathToFileURL(join(root, 'scripts', 'bench-memory.ts')).href);
