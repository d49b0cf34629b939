/**
 * `pnpm exec tsx scripts/bench-access.ts`: what credentials and counting add to a request,
 * in one process, beside the same request without them (docs/performance.md, "Access").
 *
 * Four handlers on one loopback Wikipedia stand-in, each warmed: no access settings; API_KEYS
 * (ten entries; the key is the last); API_KEYS with RATE_LIMIT counted in memory; and the
 * same with RATE_LIMIT in a shared store when REDIS_URL is given. Each round sends the same
 * cached GET /cities/Dublin through every handler in a rotated order, so load from other
 * processes falls on all alike. Prints p50 and p90 per handler and the p50 of the paired
 * differences against no settings. N (rounds, 20000).
 */
import { createHash } from 'node:crypto';
import { createHandler, type Handler } from '@cityscope/core';
import { startFakeWikipedia } from '@cityscope/testing';
import { out, progress } from './bench-lib.js';

const N = Number(process.env.N ?? 20_000);
const fake = await startFakeWikipedia();
const key = 'csk_bench-key-0123456789abcdefghijklmnopqrstuvwx';
const sha = (k: string) => createHash('sha256').update(k).digest('hex');
const keys = [...Array.from({ length: 9 }, (_, i) => `other${i}:${sha(`other-${i}`)}`), `bench:${sha(key)}`].join(',');
const base = { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' };

const variants: Array<{ name: string; handle: Handler; headers: Record<string, string> }> = [
  { name: 'no access settings', handle: createHandler({ env: base }), headers: {} },
  {
    name: 'API_KEYS (10 entries)',
    handle: createHandler({ env: { ...base, API_KEYS: keys } }),
    headers: { 'x-api-key': key },
  },
  {
    name: 'API_KEYS + RATE_LIMIT (memory)',
    handle: createHandler({ env: { ...base, API_KEYS: keys, RATE_LIMIT: '999999999/h' } }),
    headers: { 'x-api-key': key },
  },
];
if (process.env.REDIS_URL) {
  variants.push({
    name: 'API_KEYS + RATE_LIMIT (shared store)',
    handle: createHandler({
      env: { ...base, API_KEYS: keys, RATE_LIMIT: '999999999/h', CACHE_URL: process.env.REDIS_URL },
    }),
    headers: { 'x-api-key': key },
  });
}

const once = async (v: (typeof variants)[number]): Promise<number> => {
  const t = performance.now();
  const r = await v.handle(new Request('http://bench.local/cities/Dublin', { headers: v.headers }));
  await r.text();
  const ms = performance.now() - t;
  if (r.status !== 200) throw new Error(`${v.name}: HTTP ${r.status}`);
  return ms;
};

progress('warming every handler (the page cached, the access modules loaded)');
for (let i = 0; i < 500; i++) for (const v of variants) await once(v);
const samples = variants.map(() => [] as number[]);
progress(`${N} rounds`);
for (let i = 0; i < N; i++) {
  for (let j = 0; j < variants.length; j++) {
    const k = (i + j) % variants.length;
    (samples[k] as number[]).push(await once(variants[k] as (typeof variants)[number]));
  }
}
await fake.close();

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] as number;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
out(`node ${process.version}; ${N} rounds of cached GET /cities/Dublin, in-process; every variant in each round.\n`);
out('| handler | p50 | p90 | p50 of the paired difference to no settings |');
out('|---|---|---|---|');
const none = samples[0] as number[];
variants.forEach((v, i) => {
  const xs = samples[i] as number[];
  const diff = xs.map((x, k) => x - (none[k] as number));
  out(`| ${v.name} | ${us(q(xs, 0.5))} | ${us(q(xs, 0.9))} | ${i === 0 ? '—' : us(q(diff, 0.5))} |`);
});
process.exit(0);
