/**
 * How many of /cities' top-10 keyphrases name a concept the lead links to, on the
 * English city articles of ../shared/corpus/wikitext (read in place): each lead (the
 * text before the first heading, templates and references removed, links as their
 * labels: packages/core/scripts/corpus-leads.ts) goes through the same steps as
 * /cities (tokenize, then keyphrases(tokens, 'en', 10): src/cities/city.ts), and each
 * keyphrase is matched against the lead's [[links]] by the rule written in
 * packages/core/scripts/keyphrase-score.ts. Beside it, in the same run: the ten most
 * frequent content words (a naive baseline) and, when KEYPHRASES_BASELINE names an
 * earlier tree, that tree's keyphrases. MORE_WIKITEXT may name a folder of more
 * `.wikitext`/`.txt` articles to score with them. The stand-in's sample extracts
 * (@cityscope/testing) link nothing in their leads, so they are not scored.
 *
 * Run alone: `pnpm exec tsx scripts/bench-keyphrases.ts` (VERBOSE=1 lists every
 * keyphrase); `pnpm bench` runs it in section 6.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cityLeads, type Lead, wikitextLead } from '../packages/core/scripts/corpus-leads.js';
import { linkConcepts, namesConcept, sharesWord } from '../packages/core/scripts/keyphrase-score.js';
import { languageKit } from '../packages/core/src/nlp/language.js';
import { isContentWord, tokenize } from '../packages/core/src/nlp/text.js';
import { out } from './bench-lib.js';

/** A lead's keyphrases; the page's title is passed as /cities passes it. */
type Extract = (text: string, title: string) => Promise<string[]>;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function leads(): Lead[] {
  const found = cityLeads().filter((l) => (l.concepts?.length ?? 0) > 0);
  const more = process.env.MORE_WIKITEXT;
  if (more && existsSync(more)) {
    for (const f of readdirSync(more).sort()) {
      if (!/\.(wikitext|txt)$/.test(f)) continue;
      const lead = wikitextLead(f.replace(/\.\w+$/, ''), readFileSync(join(more, f), 'utf8'));
      if ((lead.concepts?.length ?? 0) > 0 && lead.text.split(/\s+/).length >= 12) found.push(lead);
    }
  }
  return found;
}

/** The ten most frequent content words, as written in lower case. */
const frequent: Extract = async (text) => {
  const kit = await languageKit('en');
  const counts = new Map<string, number>();
  for (const s of tokenize(text, 'en').sentences) {
    for (const w of s.words) {
      const lower = w.toLowerCase();
      if (isContentWord(lower, kit.stopwords)) counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([w]) => w);
};

async function keyphrasesOf(tree: string): Promise<Extract> {
  const src = (file: string) => pathToFileURL(resolve(tree, 'packages/core/src/nlp', file)).href;
  const kp = (await import(src('keyphrases.ts'))) as typeof import('../packages/core/src/nlp/keyphrases.js');
  const tx = (await import(src('text.ts'))) as typeof import('../packages/core/src/nlp/text.js');
  return async (text, title) => (await kp.keyphrases(tx.tokenize(text, 'en'), 'en', 10, title)).map((k) => k.term);
}

interface Tally {
  hits: number;
  contained: number;
  shared: number;
  total: number;
  perLead: number[];
}

async function tally(name: string, extract: Extract, set: Lead[]): Promise<Tally> {
  const t: Tally = { hits: 0, contained: 0, shared: 0, total: 0, perLead: [] };
  for (const lead of set) {
    const concepts = (lead.concepts ?? []).flatMap(linkConcepts);
    const terms = await extract(lead.text, lead.name.replace(/_/g, ' '));
    const hits = terms.filter((k) => namesConcept(k, concepts));
    t.hits += hits.length;
    t.contained += terms.filter((k) => namesConcept(k, concepts, true)).length;
    t.shared += terms.filter((k) => sharesWord(k, concepts)).length;
    t.total += terms.length;
    t.perLead.push(terms.length ? hits.length / terms.length : 0);
    if (process.env.VERBOSE)
      out(`- ${name}, ${lead.name}: ${terms.map((k) => (namesConcept(k, concepts) ? `**${k}**` : k)).join(', ')}`);
  }
  return t;
}

const set = leads();
if (set.length === 0) {
  out('keyphrases: ../shared/corpus is absent; skipped');
} else {
  const variants: Array<[string, Extract]> = [['/cities keyphrases (today)', await keyphrasesOf(root)]];
  const base = process.env.KEYPHRASES_BASELINE;
  if (base) variants.push([`keyphrases of ${base}`, await keyphrasesOf(base)]);
  variants.push(['naive: 10 most frequent content words', frequent]);
  const pct = (a: number, b: number) => `${b ? Math.round((100 * a) / b) : 0}%`;
  out(`\nTop-10 keyphrases naming a concept the lead links, ${set.length} English city leads\n`);
  out('| keyphrases | name a linked concept | mean per lead | contained either way | share a word with one |');
  out('|---|---|---|---|---|');
  for (const [name, extract] of variants) {
    const t = await tally(name, extract, set);
    const mean = t.perLead.reduce((a, b) => a + b, 0) / t.perLead.length;
    out(
      `| ${name} | ${t.hits}/${t.total} (${pct(t.hits, t.total)}) | ${Math.round(mean * 100)}% | ${pct(t.contained, t.total)} | ${pct(t.shared, t.total)} |`,
    );
  }
}
