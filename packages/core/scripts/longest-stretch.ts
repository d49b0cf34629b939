/**
 * The longest synchronous stretch (the longest time the event loop gets no turn) of
 * POST /analyze and POST /parse on the largest and hostile inputs, through `handle()`
 * in one process, with an optional baseline tree measured in the same run (interleaved).
 *
 *   pnpm --filter @cityscope/core exec tsx scripts/longest-stretch.ts
 *   BASE=/tmp/base ROUNDS=5 pnpm --filter @cityscope/core exec tsx scripts/longest-stretch.ts
 *   STRETCH_ONLY='prose|line feeds|u2028' … (only the inputs whose name holds one of these)
 *
 * BASE is a checkout of an older commit with node_modules beside it, e.g.
 * `git archive <commit> packages/core | tar -x -C /tmp/base`, then link
 * /tmp/base/node_modules to the repository's and copy packages/core/node_modules.
 * A stretch is the longest gap between ticks of a 0 ms timer chain, and at least
 * `monitorEventLoopDelay`'s maximum (1 ms resolution). Figures: docs/performance.md.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chinese, prose } from '../test/text-samples.js';

type Handle = (request: Request) => Promise<Response>;
const trees: Array<[string, string]> = [['now', '../src/index.js']];
if (process.env.BASE) trees.unshift(['before', `${process.env.BASE}/packages/core/src/index.ts`]);
const handlers = new Map<string, Handle>();
for (const [name, entry] of trees) {
  const { createHandler } = await import(entry);
  handlers.set(name, createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } }));
}

const post = (handle: Handle, path: string, body: unknown) =>
  handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

/** The longest stretch while `work` runs, in ms. */
async function longestStretch(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let on = true;
  const beat = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (on) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await work();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the last beat, after a synchronous end
  on = false;
  delay.disable();
  return Math.max(longest, delay.max / 1e6);
}

const ANALYZE: Array<[string, string]> = [
  ['100,000 characters of English prose', prose(100_000)],
  ['100,000 characters of Chinese', chinese(100_000)],
  ['"A. " × 33,333', 'A. '.repeat(33_333)],
  ['"a" × 100,000', 'a'.repeat(100_000)],
  ['"!" × 100,000', '!'.repeat(100_000)],
  ['family emoji × 11,111', '👩‍👩‍👧 '.repeat(11_111)],
  ['"1.2," × 25,000', '1.2,'.repeat(25_000)],
  ['"bcdfy" × 19,990', `${'bcdfy'.repeat(19_990)} is good.`],
  ['"a" + 99,999 line feeds', `a${'\n'.repeat(99_999)}`],
  ['" \\n\\t.\\r\\n\\u2028" × 14,285', `a${' \n\t.\r\n\u2028'.repeat(14_285)}`],
];
/** Only the inputs whose name holds one of these (STRETCH_ONLY, `|`-separated), to measure a few. */
const ONLY = process.env.STRETCH_ONLY?.split('|');
const PARSE: Array<[string, string]> = [
  ['100,000 unclosed <b>', '<b>'.repeat(100_000)],
  ['10,000 nested <div>', `${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`],
  ['100,000 empty elements', '<i></i>'.repeat(100_000)],
  ['one 1 MB text node', `<p>${'lorem ipsum dolor sit amet, '.repeat(35_000)}</p>`],
  ['1 MB of prose in one <p>', `<p>${prose(1_000_000)}</p>`],
  ['50,000 links', '<a href="/p">x</a>'.repeat(50_000)],
  ['10,000 <main>/<article>', '<main><article>text '.repeat(5_000)],
  ['100,000 unclosed links', '<a href=/q>l'.repeat(60_000)],
  ['nested tables', '<table><tr><td>'.repeat(20_000)],
  ['200,000 character references', `<p>${'&amp;'.repeat(200_000)}</p>`],
];
const ROUNDS = Number(process.env.ROUNDS ?? 5);

for (const handle of handlers.values()) {
  await (await post(handle, '/analyze', { text: 'Warm up: the route, the stemmer and the vocabulary.' })).text();
  await (await post(handle, '/parse', { html: '<p>Warm up the parser.</p>' })).text();
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1] ?? Number.NaN;
console.log(`Node ${process.version}, ${ROUNDS} rounds; longest stretch median / max, ms (wall median)`);
for (const [path, cases] of [
  ['/analyze', ANALYZE],
  ['/parse', PARSE],
] as const) {
  for (const [name, input] of cases) {
    if (ONLY && !ONLY.some((part) => name.includes(part))) continue;
    const body = path === '/analyze' ? { text: input, keywords: 50, sentences: 20 } : { html: input };
    const seen = new Map<string, { stretch: number[]; wall: number[] }>();
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...handlers.keys()];
      if (round % 2) order.reverse();
      for (const tree of order) {
        const handle = handlers.get(tree) as Handle;
        const t = performance.now();
        const stretch = await longestStretch(async () => {
          const res = await post(handle, path, body);
          if (res.status !== 200) throw new Error(`${tree} ${path} ${name}: ${res.status}`);
          await res.text();
        });
        const s = seen.get(tree) ?? { stretch: [], wall: [] };
        s.stretch.push(stretch);
        s.wall.push(performance.now() - t);
        seen.set(tree, s);
      }
    }
    const cells = [...seen].map(
      ([tree, s]) =>
        `${tree} ${median(s.stretch).toFixed(0)} / ${Math.max(...s.stretch).toFixed(0)} (${median(s.wall).toFixed(0)})`,
    );
    console.log(`${path} ${name}: ${cells.join('; ')}`);
  }
}
