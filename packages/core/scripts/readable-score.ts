/**
 * How close /parse's readable `text` comes to the article Mozilla Readability
 * extracts from the same page: bag-of-words F1 over lower-cased runs of letters and
 * numbers (`[\p{L}\p{N}]+`), against the text of the page's `expected.html`.
 *
 * Used by `pnpm bench` (scripts/bench-readable.ts, beside a naive "all body text"
 * baseline) and by packages/core/test/parse-readable.test.ts. The pages are read in
 * place from ../shared/corpus (readability/ and pages/), never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { CORPUS } from './corpus-leads.js';

export { CORPUS };

const FOLDERS = ['readability', 'pages'];

export interface CorpusPage {
  name: string;
  source: string;
  /** The words of Readability's article. */
  expected: Map<string, number>;
}

/** Lower-cased letter and number runs, counted. */
export function bagOfWords(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) bag.set(m[0], (bag.get(m[0]) ?? 0) + 1);
  return bag;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

/** Bag-of-words precision, recall and F1 of `got` against `want`. */
export function score(got: Map<string, number>, want: Map<string, number>): Score {
  let common = 0;
  let gotTotal = 0;
  let wantTotal = 0;
  for (const n of got.values()) gotTotal += n;
  for (const [w, n] of want) {
    wantTotal += n;
    common += Math.min(n, got.get(w) ?? 0);
  }
  const precision = gotTotal === 0 ? 0 : common / gotTotal;
  const recall = wantTotal === 0 ? 0 : common / wantTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** All text of an HTML string (scripts and styles left out), for expected.html and the naive baseline. */
export function allText(html: string, fromBody = false): string {
  const parts: string[] = [];
  let skip = 0;
  let inBody = !fromBody;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (name === 'body') inBody = true;
        if (name === 'script' || name === 'style' || name === 'noscript' || name === 'template' || name === 'title')
          skip++;
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style' || name === 'noscript' || name === 'template' || name === 'title')
          skip = Math.max(0, skip - 1);
      },
      ontext(t) {
        if (skip === 0 && inBody) parts.push(t);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return parts.join(' ');
}

/** The corpus pages (empty when ../shared/corpus is absent). */
export function corpusPages(): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const folder of FOLDERS) {
    const dir = join(CORPUS, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const at = join(dir, name);
      if (!existsSync(join(at, 'source.html')) || !existsSync(join(at, 'expected.html'))) continue;
      pages.push({
        name: `${folder}/${name}`,
        source: readFileSync(join(at, 'source.html'), 'utf8'),
        expected: bagOfWords(allText(readFileSync(join(at, 'expected.html'), 'utf8'))),
      });
    }
  }
  return pages;
}

export const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
