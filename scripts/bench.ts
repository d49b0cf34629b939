/**
 * `pnpm bench`: bundle sizes and cold starts of the three function bundles.
 * Cold start = a fresh `node` process importing the bundle, then serving its first
 * request (GET /health, and separately GET /cities/Toronto against the loopback
 * Wikipedia stand-in), against the import of an empty module as the baseline.
 * Median and p90 of RUNS fresh processes each. Figures go to docs/performance.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startFakeWikipedia } from '@cityscope/testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 15);
const tmp = mkdtempSync(join(tmpdir(), 'cityscope-bench-'));
const empty = join(tmp, 'empty.mjs');
writeFileSync(empty, 'export {};\n');

const bundles = {
  aws: join(root, 'functions/aws/dist/index.mjs'),
  gcp: join(root, 'functions/gcp/dist/index.mjs'),
  azure: join(root, 'functions/azure/dist/index.mjs'),
};

/** The code a fresh process runs: import, then one request through the platform's own types. */
function probe(platform: string, bundle: string, path: string): string {
  const url = pathToFileURL(bundle).href;
  const azure = pathToFileURL(join(root, 'functions/azure/node_modules/@azure/functions/dist/azure-functions.js')).href;
  const ff = pathToFileURL(
    join(root, 'functions/gcp/node_modules/@google-cloud/functions-framework/build/src/testing.js'),
  ).href;
  const send = {
    empty: 'return 0;',
    aws: `const r = await m.handler({ version: '2.0', routeKey: '$default', rawPath: '${path}', rawQueryString: '', headers: { host: 'bench.local' }, requestContext: { http: { method: 'GET', path: '${path}' }, domainName: 'bench.local' }, isBase64Encoded: false }); return r.statusCode;`,
    gcp: `const { getTestServer } = await import('${ff}'); const s = getTestServer('cityscope'); await new Promise((r) => s.listen(0, '127.0.0.1', r)); const res = await fetch('http://127.0.0.1:' + s.address().port + '${path}'); await res.text(); s.close(); return res.status;`,
    azure: `const { default: az } = await import('${azure}'); const r = await m.handler(new az.HttpRequest({ method: 'GET', url: 'http://bench.local${path}' }), new az.InvocationContext({})); return r.status;`,
  }[platform];
  return `const t0 = performance.now();
const m = await import('${url}');
const t1 = performance.now();
const status = await (async () => { ${send} })();
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstRequestMs: t2 - t1, status }));`;
}

const exec = promisify(execFile);

/** One fresh process (asynchronously: the Wikipedia stand-in lives in this process and must keep answering). */
async function run(code: string, env: NodeJS.ProcessEnv) {
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', code], { env });
  return JSON.parse(stdout) as { importMs: number; firstRequestMs: number; status: number };
}

async function times<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p90: at(0.9) };
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const fake = await startFakeWikipedia();
const env = { ...process.env, WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' };
const rows: string[] = [];
const baseline = stat((await times(RUNS, () => run(probe('empty', empty, '/'), env))).map((r) => r.importMs));
rows.push(`| (empty module) | — | — | ${ms(baseline.median)} | — | — |`);
for (const [platform, bundle] of Object.entries(bundles)) {
  const bytes = statSync(bundle).size;
  const gz = gzipSync(readFileSync(bundle)).length;
  const health = await times(RUNS, () => run(probe(platform, bundle, '/health'), env));
  const city = await times(RUNS, () => run(probe(platform, bundle, '/cities/Toronto'), env));
  if (health.some((h) => h.status !== 200) || city.some((c) => c.status !== 200))
    throw new Error(`${platform}: a probe failed`);
  const imp = stat(health.map((h) => h.importMs));
  const h1 = stat(health.map((h) => h.firstRequestMs));
  const c1 = stat(city.map((c) => c.firstRequestMs));
  rows.push(
    `| ${platform} | ${(bytes / 1024).toFixed(1)} KiB | ${(gz / 1024).toFixed(1)} KiB | ${ms(imp.median)} (p90 ${ms(imp.p90)}) | ${ms(h1.median)} | ${ms(c1.median)} |`,
  );
}
// 20 concurrent /cities requests in two languages through one warm handler (cold cache, then cached)
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
await fake.close();
console.log(`node ${process.version}, ${RUNS} fresh processes per figure, medians\n`);
console.log(
  '| bundle | minified | gzip | import | + first GET /health | + first GET /cities/Toronto (loopback Wikipedia) |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(
  `\n20 concurrent GET /cities in two languages, one instance: ${ms(cold)} with an empty cache, ${ms(warm)} cached; every answer in its own language.`,
);
