/** Words and sentences of any script, with the ICU segmenters built into Node. */

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, lang: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  let s = cache.get(lang);
  if (!s) {
    let locale = 'en';
    try {
      locale = Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'en';
    } catch {
      // an odd tag: fall back to the root rules
    }
    s = new Intl.Segmenter(locale, { granularity });
    cache.set(lang, s);
  }
  return s;
}

/** The words of a text (letters and digits; punctuation and spaces dropped). */
export function words(text: string, lang = 'en'): string[] {
  const out: string[] = [];
  for (const seg of segmenter(wordSegmenters, lang, 'word').segment(text)) {
    if (seg.isWordLike) out.push(seg.segment);
  }
  return out;
}

/**
 * Abbreviations after which ICU's sentence rules break but a sentence goes on
 * ("St. Louis", "Mt. Everest", "c. 1764"). Intl.Segmenter ignores the `ss`
 * suppression keyword, so they are merged back here; a single capital with a
 * full stop (an initial, "John F. Kennedy") counts too.
 */
const ABBREVIATIONS = new Set(
  (
    'st mt ft dr mr mrs ms prof sr jr gen gov sen rep rev capt col lt sgt hon c ca approx est no nos vol pp vs ' +
    'e.g i.e inc co ltd corp bros jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd hwy fig'
  ).split(' '),
);

function endsWithAbbreviation(sentence: string): boolean {
  const last = /(\S+)\.$/.exec(sentence)?.[1];
  if (!last) return false;
  return /^\p{Lu}$/u.test(last) || ABBREVIATIONS.has(last.toLowerCase());
}

/** The sentences of a text, trimmed, empty ones dropped. */
export function sentences(text: string, lang = 'en'): string[] {
  const out: string[] = [];
  let carry = '';
  for (const seg of segmenter(sentenceSegmenters, lang, 'sentence').segment(text)) {
    const s = `${carry}${seg.segment}`.replace(/\s+/g, ' ').trim();
    carry = '';
    if (!s) continue;
    if (endsWithAbbreviation(s)) carry = `${s} `;
    else out.push(s);
  }
  if (carry.trim()) out.push(carry.trim());
  return out;
}

/** Scripts whose words are often one or two characters long. */
const SHORT_WORD_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Whether a lower-cased word can carry meaning on its own: not a number, not a two-letter fragment. */
export function isContentWord(word: string, stopwords: ReadonlySet<string>): boolean {
  if (/^\p{N}+$/u.test(word) || stopwords.has(word)) return false;
  return word.length >= 3 || SHORT_WORD_SCRIPTS.test(word);
}
