/**
 * `POST /analyze` through `cityscope serve`, against the same route at 0eb15a7
 * (the whole-text tokenizer, run three times per request) built from git in the same
 * run and measured interleaved with it:
 *
 * 1. English prose of 1k to 100k characters: median and p95 per size, the growth
 *    exponent (slope of log time over log size, 10k..100k), and /health latency while
 *    the 50k and 100k requests run (a /health every 10 ms: the event-loop delay a
 *    neighbouring request sees);
 * 2. hostile texts (Chinese, "A. " × 33,333, "a" × 100,000), once each;
 *    the old build is given at most LIMIT_S seconds per request;
 * 3. in this process, the event-loop delay (perf_hooks) while the current tree's
 *    handle() answers the largest inputs.
 *
 * Run alone: `pnpm exec tsx scripts/bench-text.ts`; `pnpm bench` runs it in section 6.
 * Settings: TEXT_ROUNDS (8), TEXT_BASE (the commit to compare with, 0eb15a7), TEXT_NOW
 * (a commit to measure instead of the working tree), TEXT_NODE (the node binary that
 * runs both servers, e.g. Node 22's), LIMIT_S (20).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chinese, prose } from '../packages/core/test/text-samples.js';
import { compareBuilds, wholeMs as f, hostileRows, type Server, type Timed, timedPost } from './bench-builds.js';
import { out, progress } from './bench-lib.js';

const ROUNDS = Number(process.env.TEXT_ROUNDS ?? 8);
const BASE = process.env.TEXT_BASE ?? '0eb15a7';
const NOW = process.env.TEXT_NOW;
const NODE = process.env.TEXT_NODE ?? process.execPath;
const LIMIT_S = Number(process.env.LIMIT_S ?? 20);
const SIZES = [1_000, 5_000, 10_000, 25_000, 50_000, 100_000];
/** Sizes measured with /health beside them. */
const WATCHED = new Set([50_000, 100_000]);

/** One POST /analyze, with a /health every 10 ms beside it when asked. */
const timedAnalyze = (server: Server, body: string, withHealth: boolean): Promise<Timed> =>
  timedPost(server, '/analyze', body, withHealth, LIMIT_S);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number) : Number.NaN;
};
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

const cmp = await compareBuilds('bench-text', { base: BASE, now: NOW, node: NODE });
const {
  nodeVersion,
  names,
  names: [nowName, beforeName],
  servers,
  restartIfStuck,
  stop,
} = cmp;
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
await hostileRows(cmp, hostile, (server, text) => timedAnalyze(server, body(text), true), LIMIT_S, out);
stop();

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
