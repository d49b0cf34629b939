/**
 * `POST /parse` through `cityscope serve`, against the same route at 0eb15a7
 * (cheerio and css-select, the whole-text tokenizer) built from git in the same run
 * and measured interleaved with it:
 *
 * 1. real pages (../shared/corpus/pages, each posted as `html`): p50 and p95;
 * 2. the largest of them, a 1 MB Wikipedia article (cut at a tag so the JSON body fits
 *    the 1 MiB limit), and /health latency while it runs (a /health every 10 ms);
 * 3. hostile inputs, with /health latency while each runs; the old build
 *    is given at most LIMIT_S seconds per request.
 *
 * Run alone: `pnpm exec tsx scripts/bench-parse.ts`; `pnpm bench` runs it as section 6.
 * Settings: PARSE_ROUNDS (5), PARSE_BASE (the commit to compare with, 0eb15a7), PARSE_NOW
 * (a commit to measure instead of the working tree),
 * PARSE_NODE (the node binary that runs both servers, e.g. Node 22's), LIMIT_S (20).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareBuilds, wholeMs as f, hostileRows, ROOT, type Server, type Timed, timedPost } from './bench-builds.js';
import { out, progress } from './bench-lib.js';

const PAGES = join(ROOT, '../shared/corpus/pages');
const ROUNDS = Number(process.env.PARSE_ROUNDS ?? 5);
const BASE = process.env.PARSE_BASE ?? '0eb15a7';
/** A commit to measure instead of the working tree (e.g. HEAD, while others edit the tree). */
const NOW = process.env.PARSE_NOW;
const NODE = process.env.PARSE_NODE ?? process.execPath;
const LIMIT_S = Number(process.env.LIMIT_S ?? 20);
const MAX_BODY = 1024 * 1024 - 4096;

/** One POST /parse, with a /health every 10 ms beside it when asked. */
const timedParse = (server: Server, body: string, withHealth: boolean): Promise<Timed> =>
  timedPost(server, '/parse', body, withHealth, LIMIT_S);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) : Number.NaN;
};

if (!existsSync(PAGES)) {
  out(`bench-parse: ${PAGES} is absent; skipped`);
} else {
  const cmp = await compareBuilds('bench-parse', { base: BASE, now: NOW, node: NODE });
  const { nodeVersion, names, servers, restartIfStuck, stop } = cmp;

  const pages = readdirSync(PAGES)
    .filter((d) => existsSync(join(PAGES, d, 'source.html')))
    .map((d) => {
      let html = readFileSync(join(PAGES, d, 'source.html'), 'utf8');
      while (JSON.stringify({ html }).length > MAX_BODY)
        html = html.slice(0, html.lastIndexOf('<', html.length - 4096));
      return { name: d, body: JSON.stringify({ html, baseUrl: 'https://example.org/' }), size: html.length };
    })
    .sort((a, b) => a.size - b.size);
  const largest = pages[pages.length - 1] as (typeof pages)[number];
  // the route's modules (parser, NLP vocabularies) load on the first request: not measured here
  for (const server of Object.values(servers))
    await timedParse(server, (pages[0] as (typeof pages)[number]).body, false);

  // 1 and 2: real pages, interleaved rounds
  const perPage = new Map<string, Timed[]>(names.map((n) => [n, []]));
  const large = new Map<string, Timed[]>(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length] as string;
      for (const p of pages) {
        const t = await timedParse(servers[name] as Server, p.body, false);
        perPage.get(name)?.push(t);
        await restartIfStuck(name, t);
      }
      const t = await timedParse(servers[name] as Server, largest.body, true);
      large.get(name)?.push(t);
      await restartIfStuck(name, t);
    }
    progress(`bench-parse: real pages, round ${r + 1}/${ROUNDS}`);
  }
  out(`\n### POST /parse through \`cityscope serve\` (node ${nodeVersion}), ${ROUNDS} interleaved rounds\n`);
  out(
    `Wall time, and in brackets the server's own CPU time (steadier when other work shares the cores); requests over ${LIMIT_S} s are cut and count as ${LIMIT_S} s.\n`,
  );
  out(
    `| | real pages (${pages.length} × ${ROUNDS}) p50 | p95 | max | ${largest.name} (${(largest.size / 1e6).toFixed(2)} MB) median | max | /health during it, p95 | max |`,
  );
  out('|---|---|---|---|---|---|---|---|');
  const both = (xs: Timed[], p: number) =>
    `${f(
      pct(
        xs.map((x) => x.ms),
        p,
      ),
    )} (${f(
      pct(
        xs.map((x) => x.cpu),
        p,
      ),
    )})`;
  for (const name of names) {
    const t = perPage.get(name) ?? [];
    const l = large.get(name) ?? [];
    const h = l.flatMap((x) => x.health);
    out(
      `| ${name} | ${both(t, 0.5)} | ${both(t, 0.95)} | ${both(t, 1)} | ${both(l, 0.5)} | ${both(l, 1)} | ${f(pct(h, 0.95))} | ${f(h.length ? Math.max(...h) : Number.NaN)} |`,
    );
  }
  out('\nPer page, median wall (CPU):\n');
  for (const [j, p] of pages.entries()) {
    const cells = names.map(
      (n) =>
        `${n}: ${both(
          (perPage.get(n) ?? []).filter((_, i) => i % pages.length === j),
          0.5,
        )}`,
    );
    out(`- ${p.name} (${(p.size / 1e3).toFixed(0)} KB): ${cells.join('; ')}`);
  }

  // 3: hostile inputs, once each per variant (the old build can take minutes: LIMIT_S caps it)
  const hostile: Array<[string, string]> = [
    ['100,000 unclosed `<b>`', '<b>'.repeat(100_000)],
    ['10,000 nested `<div>`', `${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`],
    ['100,000 empty elements', '<i></i>'.repeat(100_000)],
    ['one 1 MB text node', `<p>${'lorem ipsum dolor sit amet, '.repeat(35_000)}</p>`],
    ['50,000 links', '<a href="/p">x</a>'.repeat(50_000)],
    ['10,000 `<main>`/`<article>`', '<main><article>text '.repeat(5_000)],
  ];
  out(`\n| hostile input | ${names.map((n) => `${n}: time, status | /health max`).join(' | ')} |`);
  out(`|---|${names.map(() => '---|---|').join('')}`);
  await hostileRows(cmp, hostile, (server, html) => timedParse(server, JSON.stringify({ html }), true), LIMIT_S, out);
  stop();
}
