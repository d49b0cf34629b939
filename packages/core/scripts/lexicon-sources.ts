/**
 * Where each compact sentiment vocabulary comes from, and how it is read. Scores
 * are put on VADER's scale (−4 … +4): AFINN's −5 … +5 times 0.8; ML-SentiCon's and
 * Pattern's −1 … +1 scaled so that their 90th percentile of |score| lands on VADER's
 * (2.5), since their spreads differ (German Pattern's 0.35, Italian's 0.75); scaled
 * scores under 0.1 are dropped. Stem-keyed vocabularies are keyed by the same
 * stemmer the analysis uses for that language (an entry's stems are averaged).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { germanStem } from '../src/nlp/stem-de.js';

const require = createRequire(import.meta.url);
const natural = (path: string) => require(`natural/lib/natural/${path}`);
function stemmer(lang: string): (w: string) => string {
  if (lang === 'de') return germanStem;
  const s = natural(`stemmers/porter_stemmer${lang === 'en' ? '' : `_${lang}`}.js`);
  return (w) => s.stem(w);
}

type Scores = Map<string, number>;

export interface LexiconSource {
  name: string;
  from: string;
  licence: string;
  read: () => Scores;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** VADER's lexicon's 90th percentile of |score|. */
const VADER_P90 = 2.5;
/** Scaled scores smaller than this say nothing (half of German Pattern's entries are under 0.005). */
const MIN_SCORE = 0.1;

/** The factor that puts a −1 … +1 vocabulary's 90th percentile of |score| on VADER's. */
function spreadScale(values: number[]): number {
  const sorted = values
    .map(Math.abs)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 1;
  return VADER_P90 / p90;
}

/** One word (letters, apostrophes and hyphens inside), lower-cased. */
const ONE_WORD = /^\p{L}[\p{L}\p{M}'’-]*$/u;

function fromEntries(entries: Iterable<[string, number]>, scale: number, stem?: (w: string) => string): Scores {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const [raw, value] of entries) {
    const word = raw.toLowerCase().replace(/’/g, "'");
    if (!Number.isFinite(value) || value === 0 || !ONE_WORD.test(word)) continue;
    const key = stem ? stem(word) || word : word;
    const s = sums.get(key) ?? { sum: 0, n: 0 };
    s.sum += value;
    s.n++;
    sums.set(key, s);
  }
  const out: Scores = new Map();
  for (const [k, { sum, n }] of sums) {
    const v = round((sum / n) * scale);
    if (Math.abs(v) >= MIN_SCORE) out.set(k, v);
  }
  return out;
}

const polarityOf = (v: { pol?: string; polarity?: string }) => Number(v.pol ?? v.polarity);
const json = (path: string) => natural(`sentiment/${path}`) as Record<string, { pol?: string; polarity?: string }>;
const afinn = (path: string) => natural(`sentiment/${path}`) as Record<string, number>;

const senticon = (lang: string, file: string, stem: boolean): LexiconSource => ({
  name: `${lang}-senticon${stem ? '-stems' : ''}`,
  from: `natural/lib/natural/sentiment/${file} (ML-SentiCon, Cruz et al. 2014)`,
  licence: 'natural: MIT',
  read: () => {
    const entries = Object.entries(json(file)).map(([w, v]): [string, number] => [w, polarityOf(v)]);
    return fromEntries(entries, spreadScale(entries.map(([, v]) => v)), stem ? stemmer(lang) : undefined);
  },
});

const pattern = (lang: string, file: string, stem: boolean): LexiconSource => ({
  name: `${lang}-pattern${stem ? '-stems' : ''}`,
  from: `natural/lib/natural/sentiment/${file} (Pattern, De Smedt & Daelemans 2012)`,
  licence: 'natural: MIT; Pattern: BSD',
  read: () => {
    const entries = Object.entries(json(file)).map(([w, v]): [string, number] => [w, polarityOf(v)]);
    return fromEntries(entries, spreadScale(entries.map(([, v]) => v)), stem ? stemmer(lang) : undefined);
  },
});

const afinnLike = (lang: string, file: string, stem: boolean): LexiconSource => ({
  name: `${lang}-afinn${stem ? '-stems' : ''}`,
  from: `natural/lib/natural/sentiment/${file} (AFINN, Nielsen 2011, translated)`,
  licence: 'natural: MIT',
  read: () => fromEntries(Object.entries(afinn(file)), 0.8, stem ? stemmer(lang) : undefined),
});

/** A token of VADER's lexicon made of punctuation (":)", "</3", ":-D"), kept in its own case. */
const EMOTICON = /^\S*[:;=()<>[\]{}|\\/^*_]\S*$/;

function vader(): Scores {
  const text = readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8');
  const out: Scores = new Map();
  for (const line of text.split('\n')) {
    const [token, mean] = line.split('\t');
    if (token && mean && Number(mean) !== 0) out.set(token, round(Number(mean)));
  }
  return out;
}

export const LEXICON_SOURCES: LexiconSource[] = [
  {
    name: 'en-vader',
    from: 'vader-sentiment/vader_lexicon.txt (VADER, Hutto & Gilbert 2014)',
    licence: 'VADER lexicon: MIT',
    read: () => new Map([...vader()].filter(([token]) => !EMOTICON.test(token)).map(([t, v]) => [t.toLowerCase(), v])),
  },
  senticon('en', 'English/senticon_en.json', true),
  afinnLike('es', 'Spanish/afinnShortSortedSpanish.json', false),
  senticon('es', 'Spanish/senticon_es.json', true),
  afinnLike('pt', 'Portuguese/afinnShortSortedPortuguese.json', false),
  afinnLike('pt', 'Portuguese/afinnShortSortedPortuguese.json', true),
  pattern('fr', 'French/pattern-sentiment-fr.json', false),
  pattern('fr', 'French/pattern-sentiment-fr.json', true),
  pattern('de', 'German/pattern-sentiment-de.json', false),
  pattern('de', 'German/pattern-sentiment-de.json', true),
  pattern('it', 'Italian/pattern-sentiment-it.json', false),
  pattern('it', 'Italian/pattern-sentiment-it.json', true),
  pattern('nl', 'Dutch/pattern-sentiment-nl.json', false),
  pattern('nl', 'Dutch/pattern-sentiment-nl.json', true),
  senticon('ca', 'Catalan/senticon_ca.json', false),
  senticon('gl', 'Galician/senticon_gl.json', false),
  senticon('eu', 'Basque/senticon_eu.json', false),
  {
    name: 'emoji',
    from: 'the emoji of natural/lib/natural/sentiment/Spanish/afinnShortSortedSpanish.json and the emoticons of vader-sentiment/vader_lexicon.txt',
    licence: 'natural: MIT; VADER lexicon: MIT',
    read: () => {
      const out: Scores = new Map();
      for (const [k, v] of Object.entries(afinn('Spanish/afinnShortSortedSpanish.json'))) {
        if (/\p{Extended_Pictographic}/u.test(k) && v !== 0) out.set(k.replace(/\uFE0F/g, ''), round(v * 0.8));
      }
      for (const [token, v] of vader()) if (EMOTICON.test(token)) out.set(token, v);
      return out;
    },
  },
];

export { packLexicon } from '../src/nlp/sentiment/lexicon.js';
