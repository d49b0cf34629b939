/**
 * How close /parse's readable `text` comes to Mozilla Readability's article on the
 * development pages (../shared/corpus/readability and pages, read in place): bag-of-words
 * F1 over lower-cased letter and number runs against each page's expected.html, beside
 * a naive baseline measured in the same run (all of the body's text, scripts and
 * styles left out), with the in-process parse time per page (parseHtml, the code
 * behind /parse).
 *
 * Run alone: `pnpm exec tsx scripts/bench-readable.ts`; `pnpm bench` runs it in section 6.
 */

import { allText, bagOfWords, corpusPages, mean, type Score, score } from '../packages/core/scripts/readable-score.js';
import { parseHtml } from '../packages/core/src/parse/html.js';
import { out } from './bench-lib.js';

const pages = corpusPages();
if (pages.length === 0) {
  out('readable text: ../shared/corpus is absent; skipped');
} else {
  const ours: Score[] = [];
  const naive: Score[] = [];
  const ms: number[] = [];
  for (const p of pages) {
    const t0 = performance.now();
    const parsed = await parseHtml(p.source, 'http://fakehost/test/page.html');
    ms.push(performance.now() - t0);
    ours.push(score(bagOfWords(parsed.text), p.expected));
    naive.push(score(bagOfWords(allText(p.source, true)), p.expected));
  }
  const f = (x: number) => x.toFixed(3);
  const row = (name: string, s: Score[]) =>
    out(
      `| ${name} | ${f(mean(s.map((x) => x.f1)))} | ${f(mean(s.map((x) => x.precision)))} | ${f(mean(s.map((x) => x.recall)))} | ${f(Math.min(...s.map((x) => x.f1)))} | ${s.filter((x) => x.f1 < 0.5).length} |`,
    );
  out(`\nReadable text against Readability's article, ${pages.length} development pages (bag-of-words F1)\n`);
  out('| text | mean F1 | precision | recall | lowest F1 | pages under 0.5 |');
  out('|---|---|---|---|---|---|');
  row('/parse `text`', ours);
  row('naive: all body text', naive);
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(1);
  out(`\nparseHtml per page: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (in process, one run)`);
}
