/**
 * Per-language stemmers and stop-word lists from `natural`, loaded on first use
 * through deep imports (never `natural` itself). German uses our own Snowball
 * stemmer and stop-word list: natural's German stemmer module requires
 * stopwords-iso, 300 KB of every language's stop words.
 */
import { MAX_WORD_LENGTH } from './text.js';

export interface LanguageKit {
  stem: (token: string) => string;
  stopwords: ReadonlySet<string>;
}

type Loader = () => Promise<LanguageKit>;
/**
 * natural's stop-word lists are CommonJS: Node's ESM loader gives `words` as a named export,
 * but a code-split esbuild bundle gives only `default`, so both are read.
 */
type StopWords = { words?: string[]; default?: { words?: string[] } };
const wordsOf = (m: StopWords | undefined): string[] => m?.words ?? m?.default?.words ?? [];

const kit =
  (stemmer: Promise<{ default: { stem(t: string): string } }>, stop?: Promise<StopWords>) =>
  async (): Promise<LanguageKit> => {
    const [s, w] = await Promise.all([stemmer, stop]);
    return { stem: (t) => s.default.stem(t), stopwords: new Set(wordsOf(w)) };
  };

const LOADERS: Record<string, Loader> = {
  ja: () => stopOnly(import('natural/lib/natural/util/stopwords_ja.js'))(),
  zh: () => stopOnly(import('natural/lib/natural/util/stopwords_zh.js'))(),
  pl: () => stopOnly(import('natural/lib/natural/util/stopwords_pl.js'))(),
  id: () => stopOnly(import('natural/lib/natural/util/stopwords_id.js'))(),
  en: () =>
    kit(import('natural/lib/natural/stemmers/porter_stemmer.js'), import('natural/lib/natural/util/stopwords.js'))(),
  de: async () => {
    const [{ germanStem }, stop] = await Promise.all([import('./stem-de.js'), import('./stopwords-de.js')]);
    return { stem: germanStem, stopwords: new Set(stop.words) };
  },
  es: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_es.js'),
      import('natural/lib/natural/util/stopwords_es.js'),
    )(),
  fr: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_fr.js'),
      import('natural/lib/natural/util/stopwords_fr.js'),
    )(),
  it: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_it.js'),
      import('natural/lib/natural/util/stopwords_it.js'),
    )(),
  nl: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_nl.js'),
      import('natural/lib/natural/util/stopwords_nl.js'),
    )(),
  pt: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_pt.js'),
      import('natural/lib/natural/util/stopwords_pt.js'),
    )(),
  sv: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_sv.js'),
      import('natural/lib/natural/util/stopwords_sv.js'),
    )(),
  no: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_no.js'),
      import('natural/lib/natural/util/stopwords_no.js'),
    )(),
  ru: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_ru.js'),
      import('natural/lib/natural/util/stopwords_ru.js'),
    )(),
  uk: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_uk.js'),
      import('natural/lib/natural/util/stopwords_uk.js'),
    )(),
  fa: () =>
    kit(
      import('natural/lib/natural/stemmers/porter_stemmer_fa.js'),
      import('natural/lib/natural/util/stopwords_fa.js'),
    )(),
};

/** Stop words only: natural ships no stemmer that stands alone for these (Indonesian's needs a 384 KB dictionary). */
const stopOnly = (stop: Promise<StopWords>) => async (): Promise<LanguageKit> => ({
  stem: (t) => t,
  stopwords: new Set(wordsOf(await stop)),
});

const IDENTITY: LanguageKit = { stem: (t) => t, stopwords: new Set() };
const loaded = new Map<string, Promise<LanguageKit>>();

/** Stems already computed, per language: words repeat, and the Porter stemmers cost microseconds each. */
const STEM_CACHE_MAX = 50_000;
function memoized(kit: LanguageKit): LanguageKit {
  const cache = new Map<string, string>();
  return {
    stopwords: kit.stopwords,
    stem: (t) => {
      // no word is this long; the stemmers' regular expressions are slow on long runs
      if (t.length > MAX_WORD_LENGTH) return t;
      let s = cache.get(t);
      if (s === undefined) {
        s = kit.stem(t);
        if (cache.size >= STEM_CACHE_MAX) cache.clear();
        cache.set(t, s);
      }
      return s;
    },
  };
}

/** The kit for a language code ("en", "pt-br" → "pt"); other languages get no stemming. */
export function languageKit(lang: string): Promise<LanguageKit> {
  const base = lang.toLowerCase().split('-')[0] ?? 'en';
  let p = loaded.get(base);
  if (!p) {
    const load = LOADERS[base];
    p = load ? load().then(memoized) : Promise.resolve(IDENTITY);
    loaded.set(base, p);
  }
  return p;
}
