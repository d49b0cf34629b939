import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { growthRatio } from '@cityscope/testing';
import { describe, expect, it } from 'vitest';
import { wikitextLead } from '../scripts/corpus-leads.js';
import { linkConcepts, namesConcept } from '../scripts/keyphrase-score.js';
import { GENERIC_WORDS } from '../src/nlp/generic-words.js';
import { keyphrases } from '../src/nlp/keyphrases.js';
import { isWholeSentence, summarize } from '../src/nlp/summary.js';
import { type Sentence, tokenize } from '../src/nlp/text.js';
import { parseHtml } from '../src/parse/html.js';

const DUBLIN =
  'Dublin is the capital and largest city of Ireland. Situated on a bay at the mouth of the River Liffey, ' +
  'Dublin City became the largest city following the globalization of the economy. The harbour is busy. ' +
  'Ferries leave the harbour for Holyhead. The River Liffey divides the city.';

describe('keyphrases', () => {
  it('yields phrases as written, drops near-duplicates, stop words and generic verbs, scores sorted in (0, 1]', async () => {
    const kp = await keyphrases(tokenize(DUBLIN, 'en'), 'en', 10);
    const terms = kp.map((k) => k.term);
    expect(terms).toContain('River Liffey');
    expect(terms).toContain('harbour');
    expect(terms.filter((t) => /\bDublin\b/.test(t))).toHaveLength(1);
    for (const t of terms) {
      for (const w of t.toLowerCase().split(' ')) {
        expect(['became', 'following', 'the', 'of', 'is']).not.toContain(w);
      }
    }
    expect(kp[0]?.score).toBe(1);
    for (let i = 1; i < kp.length; i++) {
      expect(kp[i]?.score).toBeGreaterThan(0);
      expect(kp[i]?.score).toBeLessThanOrEqual(kp[i - 1]?.score as number);
    }
  });

  it('names concepts: names whole, hyphens joined, no verb-shaped edges, no "and" inside, no subject, no lone "city"', async () => {
    const lead =
      'Eastwick is a civil parish and market town in the Pas-de-Calais department of Northern Wessex. ' +
      'The town lies within the Greater Wessex Area and was in the North Wessex District until 2009. ' +
      'The Eastwick Gazette is a weekly newspaper published in the town. Eastwick and Westwick share a harbour. ' +
      'The city grew rapidly after the Battle of Marsh Hill. The town population was 14,000, the city census says.';
    const terms = (await keyphrases(tokenize(lead, 'en'), 'en', 10, 'Eastwick, Wessex')).map((k) => k.term);
    expect(terms).toEqual(expect.arrayContaining(['Pas-de-Calais', 'Greater Wessex Area', 'North Wessex District']));
    expect(terms).toContain('civil parish');
    for (const t of terms) {
      expect(t).not.toMatch(/^(?:Wessex District|Wessex Area|Eastwick|city|town|population)$/);
      expect(t).not.toMatch(/\b(?:and|published|rapidly)\b/);
    }
  });

  it('keeps within the asked number and answers an empty text with nothing', async () => {
    expect(await keyphrases(DUBLIN, 'en', 3)).toHaveLength(3);
    expect(await keyphrases('', 'en', 5)).toEqual([]);
    expect(await keyphrases(DUBLIN, 'en', 0)).toEqual([]);
  });

  it('works in other languages and scripts', async () => {
    const de = await keyphrases('Berlin ist die Hauptstadt von Deutschland. Die Spree fließt durch Berlin.', 'de', 5);
    expect(de.map((k) => k.term)).toContain('Berlin');
    expect(de.map((k) => k.term)).not.toContain('die');
    const ja = await keyphrases('東京は日本の首都です。東京には多くの人が住んでいます。', 'ja', 5);
    expect(ja.map((k) => k.term)).toContain('東京');
  });

  it('is linear: 4× the text takes less than 8× the time', async () => {
    const unit = `${DUBLIN} Tram x runs to Howth. `;
    const ratio = await growthRatio({
      prepare: (n) =>
        tokenize(
          unit.repeat(n).replace(/Tram \w+/g, () => `Tram ${Math.random().toString(36).slice(2, 7)}`),
          'en',
        ),
      work: (tokens: ReturnType<typeof tokenize>) => keyphrases(tokens, 'en', 10),
      n: 150,
      below: 8,
    });
    expect(ratio).toBeLessThan(8);
  }, 30_000);

  it('has generic words only in lower case', () => {
    for (const w of GENERIC_WORDS.en ?? []) expect(w).toBe(w.toLowerCase());
  });
});

describe('summary', () => {
  it('never returns a list item, caption or heading; keeps sentences with abbreviations whole', async () => {
    const text =
      'Dublin Port handles most of the freight of Ireland. - Ferries to Holyhead\n' +
      'Figure 2 harbour at dawn\n' +
      'St. Patrick’s Cathedral was founded in 1191 near the harbour. ' +
      'The harbour and the port employ many people in the city. 1) boats';
    const tokens = tokenize(text, 'en');
    const summary = await summarize(tokens, 5);
    expect(summary).toContain('St. Patrick’s Cathedral was founded in 1191 near the harbour.');
    for (const s of summary) {
      expect(s).toMatch(/[.!?]$/);
      expect(s).not.toMatch(/^[-\d]/);
    }
    expect(isWholeSentence({ text: '1) boats', words: ['1', 'boats'] })).toBe(false);
    const title = '“The New Zealanders – Bicultural New Zealand”.';
    expect(isWholeSentence(tokenize(title, 'en').sentences[0] as Sentence)).toBe(false);
    const quoted = '“We will rebuild the harbour,” the mayor said.';
    expect(isWholeSentence(tokenize(quoted, 'en').sentences[0] as Sentence)).toBe(true);
  });

  it('picks the most representative whole sentences in their original order', async () => {
    const text =
      'The harbour is the heart of the city. Boats fill the harbour every day. Tourists love the old harbour and its boats. The weather was mild. Parking is scarce.';
    expect(await summarize(tokenize(text, 'en'), 2)).toEqual([
      'Boats fill the harbour every day.',
      'Tourists love the old harbour and its boats.',
    ]);
  });
});

const WIKITEXT = join(import.meta.dirname, '../../../../shared/corpus/wikitext');

/** A generic or stop word may sit inside a keyphrase ("Battle of York") or be a capitalised part of a name ("Greater Toronto Area"), never be a lower-case edge. */
function edgesAreContent(term: string, stop: ReadonlySet<string>): boolean {
  const words = term.split(/\s+/);
  const edge = (w: string) => !stop.has(w.toLowerCase()) || (words.length > 1 && /^\p{Lu}/u.test(w));
  return edge(words[0] as string) && edge(words[words.length - 1] as string);
}

describe.skipIf(!existsSync(WIKITEXT))('city introductions (../shared/corpus/wikitext)', () => {
  it('most keyphrases name a concept the introduction links (rule: scripts/keyphrase-score.ts; figures: docs/nlp.md)', async () => {
    const generic = new Set(GENERIC_WORDS.en ?? []);
    let hits = 0;
    let total = 0;
    for (const f of readdirSync(WIKITEXT).filter((n) => n.endsWith('.wikitext'))) {
      const lead = wikitextLead(f, readFileSync(join(WIKITEXT, f), 'utf8'));
      const concepts = (lead.concepts ?? []).flatMap(linkConcepts);
      const title = f.replace(/\.wikitext$/, '').replace(/_/g, ' ');
      const kp = await keyphrases(tokenize(lead.text, 'en'), 'en', 10, title);
      total += kp.length;
      hits += kp.filter((k) => namesConcept(k.term, concepts)).length;
      for (const k of kp) expect(edgesAreContent(k.term, generic), k.term).toBe(true);
      // the page's own name is the subject, not a keyphrase of it
      expect(kp.map((k) => k.term)).not.toContain(title.replace(/,.*$/, ''));
    }
    expect(total).toBeGreaterThan(0);
    expect(hits / total).toBeGreaterThanOrEqual(0.65);
  });
});
if (!existsSync(WIKITEXT)) console.warn(`skipped: ${WIKITEXT} is absent (the shared corpus is not beside this clone)`);

const PAGES = join(import.meta.dirname, '../../../../shared/corpus/pages');

describe.skipIf(!existsSync(PAGES))('saved web pages (../shared/corpus/pages)', () => {
  it('summaries are whole sentences and no keyphrase starts or ends with a stop or generic word', async () => {
    const stop = new Set([...(GENERIC_WORDS.en ?? []), 'the', 'of', 'and', 'a', 'to', 'in', 'is', 'was']);
    for (const name of readdirSync(PAGES)) {
      const page = await parseHtml(readFileSync(join(PAGES, name, 'source.html'), 'utf8'), null);
      const tokens = tokenize(page.text, 'en');
      const summary = await summarize(tokens, 3);
      expect(summary.length, name).toBeGreaterThan(0);
      for (const s of summary) {
        const sentence = tokens.sentences.find((t) => t.text === s) as Sentence;
        expect(isWholeSentence(sentence), s).toBe(true);
      }
      for (const k of await keyphrases(tokens, 'en', 10)) {
        expect(edgesAreContent(k.term, stop), `${name}: ${k.term}`).toBe(true);
      }
    }
  }, 60_000);
});
if (!existsSync(PAGES)) console.warn(`skipped: ${PAGES} is absent (the shared corpus is not beside this clone)`);
