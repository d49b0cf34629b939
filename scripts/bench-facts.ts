/**
 * Infobox readers on real settlement pages: fields right per wiki and every miss,
 * today's reader against the same reader at the commit before the per-wiki profiles (61e21f5),
 * both in this run.
 *
 * The pages are Wikipedia text (CC BY-SA) and stay outside the repository: a
 * directory of `<name>.<lang>.wikitext` (section 0 of a page) and
 * `<name>.<lang>.expected.json` pairs, given as the first argument or FACTS_PAGES.
 * An expectations file holds what a careful reader sees in the rendered infobox:
 *
 *   { "source": "owner/repo path", "country": "Deutschland", "population": 314301,
 *     "areaKm2": 141.22, "elevationM": 60, "timezone": null,
 *     "coordinates": { "lat": 50.734, "lon": 7.1 },
 *     "wikidataOnly": ["population"] }
 *
 * A field left out is not counted; a field in `wikidataOnly` is one the infobox
 * leaves to a Lua module or Wikidata, counted apart (the held-out check may run
 * without Wikidata). Numbers match within 0.5 % (area), 1 m (elevation), 0.001°
 * (coordinates); names match exactly.
 *
 * Run: `pnpm exec tsx scripts/bench-facts.ts /tmp/real-infoboxes`.
 * Settings: FACTS_PAGES (the directory), FACTS_BASE (the commit to compare with,
 * 61e21f5; "none" to skip).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractFacts } from '../packages/core/src/facts/infobox.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.argv[2] ?? process.env.FACTS_PAGES;
const BASE = process.env.FACTS_BASE ?? '61e21f5';

type Reader = typeof extractFacts;
const FIELDS = ['country', 'population', 'areaKm2', 'elevationM', 'timezone', 'coordinates'] as const;
type Field = (typeof FIELDS)[number];

interface Expected {
  source?: string;
  country?: string | null;
  population?: number | null;
  areaKm2?: number | null;
  elevationM?: number | null;
  timezone?: string | null;
  coordinates?: { lat: number; lon: number } | null;
  wikidataOnly?: Field[];
}

function same(field: Field, want: unknown, got: unknown): boolean {
  if (want === null || got === null || want === undefined || got === undefined) return want === got;
  if (field === 'coordinates') {
    const w = want as { lat: number; lon: number };
    const g = got as { lat: number; lon: number };
    return Math.abs(w.lat - g.lat) < 1e-3 && Math.abs(w.lon - g.lon) < 1e-3;
  }
  if (field === 'areaKm2') return Math.abs((want as number) - (got as number)) <= 0.005 * Math.abs(want as number);
  if (field === 'elevationM') return Math.abs((want as number) - (got as number)) <= 1;
  return want === got;
}

function answer(read: Reader, text: string, lang: string): Record<Field, unknown> {
  const { facts, coordinates } = read(text, lang);
  return {
    country: facts.country,
    population: facts.population,
    areaKm2: facts.areaKm2,
    elevationM: facts.elevationM,
    timezone: facts.timezone,
    coordinates,
  };
}

/** The reader at an earlier commit, extracted from git into a temporary directory. */
async function baseline(commit: string): Promise<Reader | null> {
  if (commit === 'none') return null;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'cityscope-facts-base-'));
    const tar = execFileSync('git', ['-C', ROOT, 'archive', commit, 'packages/core/src'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const mod = (await import(pathToFileURL(join(dir, 'packages/core/src/facts/infobox.ts')).href)) as {
      extractFacts: Reader;
    };
    return mod.extractFacts;
  } catch (err) {
    console.log(`(no baseline: ${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

interface Tally {
  right: number;
  total: number;
  wikidataOnly: number;
}

interface Page {
  name: string;
  lang: string;
  file: string;
}

/** The `<name>.<lang>.wikitext` pages of a directory that have their `.expected.json`, by wiki then name. */
function listPages(dir: string): Page[] {
  return readdirSync(dir)
    .flatMap((f): Page[] => {
      const m = /^(.+)\.([a-z-]+)\.wikitext$/.exec(f);
      return m ? [{ name: m[1] as string, lang: m[2] as string, file: f }] : [];
    })
    .filter((p) => existsSync(join(dir, `${p.name}.${p.lang}.expected.json`)))
    .sort((a, b) => a.lang.localeCompare(b.lang) || a.name.localeCompare(b.name));
}

interface Scores {
  byWiki: Map<string, Map<string, Tally>>;
  misses: string[];
  wikidata: string[];
  ms: number;
}

/** Every reader on every page: fields right per wiki and reader, each miss, what is left to Wikidata. */
function score(dir: string, pages: Page[], readers: Array<[string, Reader]>): Scores {
  const byWiki = new Map<string, Map<string, Tally>>();
  const misses: string[] = [];
  const wikidata: string[] = [];
  const started = performance.now();
  for (const page of pages) {
    const text = readFileSync(join(dir, page.file), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, `${page.name}.${page.lang}.expected.json`), 'utf8')) as Expected;
    const leftToWikidata = new Set(expected.wikidataOnly ?? []);
    for (const field of leftToWikidata) wikidata.push(`${page.lang} ${page.name}: ${field}`);
    for (const [label, read] of readers) {
      const got = answer(read, text, page.lang);
      const wiki = byWiki.get(page.lang) ?? new Map<string, Tally>();
      byWiki.set(page.lang, wiki);
      const tally = wiki.get(label) ?? { right: 0, total: 0, wikidataOnly: 0 };
      wiki.set(label, tally);
      for (const field of FIELDS) {
        if (!(field in expected)) continue;
        if (leftToWikidata.has(field)) {
          tally.wikidataOnly++;
          continue;
        }
        tally.total++;
        if (same(field, expected[field], got[field])) tally.right++;
        else
          misses.push(
            `${label}: ${page.lang} ${page.name} ${field}: want ${JSON.stringify(expected[field])}, got ${JSON.stringify(got[field])}`,
          );
      }
    }
  }
  return { byWiki, misses, wikidata, ms: performance.now() - started };
}

/** The table (one row per wiki, one column per reader), then the misses and what is left to Wikidata. */
function report(pages: Page[], labels: string[], { byWiki, misses, wikidata, ms }: Scores): void {
  const pct = (t: Tally) =>
    t.total === 0 ? '–' : `${t.right} / ${t.total} (${((100 * t.right) / t.total).toFixed(1)} %)`;
  console.log(`${pages.length} pages, ${byWiki.size} wikis (${ms.toFixed(0)} ms for both readers)\n`);
  console.log(`| wiki | pages | ${labels.join(' | ')} | left to Wikidata |`);
  console.log(`|---|---|${labels.map(() => '---|').join('')}---|`);
  const all = new Map<string, Tally>(labels.map((l) => [l, { right: 0, total: 0, wikidataOnly: 0 }]));
  for (const [lang, wiki] of [...byWiki].sort(([a], [b]) => a.localeCompare(b))) {
    const count = pages.filter((p) => p.lang === lang).length;
    const cells = labels.map((l) => {
      const t = wiki.get(l) ?? { right: 0, total: 0, wikidataOnly: 0 };
      const sum = all.get(l) as Tally;
      sum.right += t.right;
      sum.total += t.total;
      sum.wikidataOnly += t.wikidataOnly;
      return pct(t);
    });
    console.log(`| ${lang} | ${count} | ${cells.join(' | ')} | ${wiki.get('today')?.wikidataOnly ?? 0} |`);
  }
  console.log(
    `| all | ${pages.length} | ${labels.map((l) => `**${pct(all.get(l) as Tally)}**`).join(' | ')} | ${all.get('today')?.wikidataOnly ?? 0} |`,
  );
  console.log(`\nMisses (${misses.length}):`);
  for (const m of misses) console.log(`- ${m}`);
  console.log(`\nLeft to Wikidata by the infobox (${wikidata.length}, not counted):`);
  for (const w of wikidata) console.log(`- ${w}`);
}

async function main() {
  if (!DIR || !existsSync(DIR)) {
    console.log(
      `bench-facts: skipped — no page directory (give one as the first argument or FACTS_PAGES; got ${DIR ?? 'none'})`,
    );
    return;
  }
  const pages = listPages(DIR);
  if (pages.length === 0) {
    console.log(`bench-facts: skipped — no <name>.<lang>.wikitext with its .expected.json in ${DIR}`);
    return;
  }
  const before = await baseline(BASE);
  const readers: Array<[string, Reader]> = [['today', extractFacts]];
  if (before) readers.unshift([`before (${BASE})`, before]);
  report(
    pages,
    readers.map(([l]) => l),
    score(DIR, pages, readers),
  );
}

await main();
