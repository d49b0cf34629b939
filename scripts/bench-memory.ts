/**
 * Memory while serving many distinct large pages: `cityscope serve` asked GET /cities for
 * PAGES distinct titles (4 at a time) of a Wikipedia stand-in whose every page has no
 * headings, so its lead is the whole page (PAGE_MB of wikitext and as much extract).
 * The server's RSS is read from /proc every 100 ms. The same run is made on a baseline
 * tree (BASELINE_REF, a git worktree made under the system's temporary folder), both
 * from their sources through tsx, so the two differ only in their code.
 *
 * Run: `pnpm exec tsx scripts/bench-memory.ts` (also section 7 of `pnpm bench`).
 * Settings: PAGES (150), PAGE_MB (1.5), BASELINE_REF (94d989f), MEMORY_RUNS (1).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { out, progress } from './bench-lib.js';
import { baselineTree, root, serveFrom } from './bench-serve.js';

const PAGES = Number(process.env.PAGES ?? 150);
const PAGE_MB = Number(process.env.PAGE_MB ?? 1.5);
const BASELINE_REF = process.env.BASELINE_REF ?? '94d989f';

/** A stand-in Action API: any title is a page of PAGE_MB without headings (an infobox, then prose). */
async function startLargePages(): Promise<{ baseUrl: string; close: () => void }> {
  const sentence = 'The town has a long history, a busy harbour and many parks along the river. ';
  const pad = sentence.repeat(Math.ceil((PAGE_MB * 1024 * 1024) / sentence.length));
  const server = createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const titles = (params.get('titles') ?? '').replace(/^\u001f/, '').split(/[|\u001f]/);
    const pages = titles.map((title, i) => ({
      pageid: 100_000 + i + title.length * 1000,
      ns: 0,
      title,
      fullurl: `https://en.wikipedia.org/wiki/${encodeURIComponent(title)}`,
      coordinates: [{ lat: 10 + (title.length % 50), lon: 20, primary: true, globe: 'earth' }],
      pageprops: {},
      extract: `${title} is a town. ${pad}`,
      revisions: [
        {
          revid: 1,
          slots: {
            main: { content: `{{Infobox settlement\n|name = ${title}\n|population_total = 12345\n}}\n${pad}` },
          },
        },
      ],
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ batchcomplete: true, query: { pages } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** PAGES distinct /cities requests, 4 at a time; RSS sampled throughout. */
async function run(tree: string, wikipedia: string) {
  const env = { WIKIPEDIA_BASE_URL: wikipedia, WIKIDATA_BASE_URL: 'off', LOG_LEVEL: 'warn' };
  const { child, url } = await serveFrom(tree, env);
  const pid = child.pid as number;
  await fetch(`${url}/health`);
  const start = rssMb(pid);
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < PAGES) {
      const i = next++;
      const res = await fetch(`${url}/cities/Bigtown%20${i}`).catch(() => null);
      if (res?.status !== 200) failed++;
      await res?.arrayBuffer();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  clearInterval(sampler);
  const end = rssMb(pid);
  peak = Math.max(peak, end);
  const seconds = (performance.now() - t0) / 1000;
  child.kill();
  return { start, peak, end, failed, seconds };
}

const wiki = await startLargePages();
try {
  progress(`memory: ${PAGES} distinct ${PAGE_MB} MB pages through cityscope serve, this tree and ${BASELINE_REF}`);
  const trees: [string, string][] = [
    ['this tree', root],
    [`baseline ${BASELINE_REF}`, baselineTree(BASELINE_REF, 'bench-memory')],
  ];
  out(`### Memory: ${PAGES} distinct ${PAGE_MB} MB pages without headings, GET /cities 4 at a time\n`);
  out('| build | RSS after /health | peak RSS | RSS at the end | failed requests | seconds |');
  out('|---|---|---|---|---|---|');
  for (const [name, tree] of trees) {
    const r = await run(tree, wiki.baseUrl);
    const mb = (n: number) => `${Math.round(n)} MB`;
    out(`| ${name} | ${mb(r.start)} | ${mb(r.peak)} | ${mb(r.end)} | ${r.failed} | ${r.seconds.toFixed(1)} |`);
  }
  out();
} finally {
  wiki.close();
}
