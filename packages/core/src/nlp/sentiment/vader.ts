/**
 * VADER's rules (Hutto & Gilbert 2014, the reference implementation vaderSentiment 3.3)
 * over one sentence's words, for any vocabulary on VADER's −4 … +4 scale:
 * - booster words raise or lower the next sentiment words (×1, ×0.95, ×0.9 for
 *   one, two, three words before); an ALL-CAPS word in a mixed-case sentence adds 0.733;
 * - a negation up to three words before flips and damps a word (× −0.74), once
 *   ("ne … pas" is one negation); "never so", "without doubt" and "least" as VADER;
 * - the first contrast word ("but") halves what comes before it and raises what
 *   follows by half;
 * - "!" (up to 4) and "??" add emphasis; emoji and emoticons count as words;
 * - the sum is normalised to the compound score, x / √(x² + 15), in [−1, 1].
 * Our own rules (own-rules.ts) join them: a bare negation and "too" of excess lean
 * negative, "don't waste" warns, "best known" is a fact. Every step is one pass over the words: linear in the sentence.
 */
import type { SentimentLanguage } from './languages.js';
import type { Lexicon } from './lexicon.js';
import { emphasis, symbols } from './marks.js';
import { excessAt, leanNegative, opinionAt, warns, wordsOf } from './own-rules.js';
import type { Prepared } from './prepared.js';

export const C_INCR = 0.733;
export const N_SCALAR = -0.74;
const ALPHA = 15;

export interface SentenceWords {
  text: string;
  words: string[];
}

export interface SentenceScore {
  compound: number;
  /** Sentiment-bearing words found (emoji and emoticons included). */
  hits: number;
  /** Of them, words found by stem in the primary vocabulary's stem-keyed form. */
  stemHits: number;
}

export interface Vocabularies {
  primary: Lexicon;
  backoff: Lexicon | null;
  emoji: Lexicon;
  stem: (word: string) => string;
  /** Function words, never looked up in the wider vocabulary ("all", "was"). */
  stopwords: ReadonlySet<string>;
}

const isTitle = (w: string) => w.length > 1 && w[0] !== w[0]?.toLowerCase() && w.slice(1) === w.slice(1).toLowerCase();
const isAllCaps = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();

function prepare(words: string[], lang: SentimentLanguage, stopwords: ReadonlySet<string>): Prepared {
  const n = words.length;
  const lower = words.map((w) => w.toLowerCase().replace(/’/g, "'"));
  let key = lang.elision ? lower.map((w) => w.replace(lang.elision as RegExp, '')) : lower;
  if (lang.foldAccents) key = key.map((w) => w.normalize('NFD').replace(/\p{M}/gu, ''));
  const selfNegated = lower.map((w) => lang.elidedNegation?.test(w) ?? false);
  const negator = lower.map(
    (w, i) => lang.negations.has(w) || (lang.standaloneNo && w.endsWith("n't")) || !!selfNegated[i],
  );
  let caps = 0;
  for (const w of words) if (isAllCaps(w)) caps++;
  let contrastAt = -1;
  for (let i = 0; i < n && contrastAt < 0; i++) if (lang.contrast.has(lower[i] as string)) contrastAt = i;
  // Headline style ("I Was Hoping For More") capitalises function words too; names do not.
  let titleCase = false;
  let capitalised = 0;
  for (let i = 1; i < n; i++) {
    const w = words[i] as string;
    if (w[0] === w[0]?.toLowerCase()) continue;
    capitalised++;
    if (isTitle(w) && stopwords.has(lower[i] as string)) titleCase = true;
  }
  if (capitalised >= 0.75 * (n - 1)) titleCase = true;
  return { raw: words, lower, key, negator, selfNegated, capDiff: caps > 0 && caps < n, titleCase, contrastAt };
}

/** Each word's valence in a vocabulary, or undefined; rule words are never looked up. */
function valences(
  p: Prepared,
  lang: SentimentLanguage,
  lookup: (key: string, at: number) => number | undefined,
  complaint: number,
) {
  const val = p.key.map((k, i) => {
    const w = p.lower[i] as string;
    if ((p.negator[i] && !p.selfNegated[i]) || lang.boosters.has(w) || lang.contrast.has(w)) return undefined;
    if (lang.standaloneNo && w === 'kind' && p.lower[i + 1] === 'of') return undefined;
    // "best known": a degree and a fact, not an opinion
    const pairs = lang.degreePhrases;
    if (
      pairs &&
      wordsOf(pairs).has(w) &&
      (pairs.has(`${w} ${p.lower[i + 1]}`) || pairs.has(`${p.lower[i - 1]} ${w}`))
    ) {
      return undefined;
    }
    // a capitalised word inside a sentence is a name ("Greater Toronto", "United States"), unless headline style
    if (i > 0 && !p.titleCase && !lang.nounCompounds && isTitle(p.raw[i] as string)) return undefined;
    return lookup(k, i);
  });
  // "too small" complains; "too good" is the word's own valence, intensified by nothing here
  if (complaint > 0) {
    for (let i = 0; i + 1 < val.length; i++) {
      if (val[i] === undefined && val[i + 1] === undefined && excessAt(p, lang, i)) val[i] = -complaint;
    }
  }
  return val;
}

function scoreWords(
  p: Prepared,
  lang: SentimentLanguage,
  val: (number | undefined)[],
  bareNegation: number,
): { sum: number; hits: number } {
  const { lower, raw, capDiff } = p;
  const n = lower.length;
  const sentiments: number[] = new Array(n).fill(0);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let v = val[i];
    if (v === undefined) continue;
    hits++;
    if (lang.standaloneNo && lower[i] === 'no' && i + 1 < n && val[i + 1] !== undefined) continue;
    if (capDiff && isAllCaps(raw[i] as string)) v += v > 0 ? C_INCR : -C_INCR;
    let negated =
      (p.selfNegated[i] as boolean) || (!!lang.standaloneNo && (lower[i - 1] === 'no' || lower[i - 2] === 'no'));
    let never = false;
    for (let s = 0; s < 3 && i - s - 1 >= 0; s++) {
      const j = i - s - 1;
      if (val[j] !== undefined) continue;
      const w = lower[j] as string;
      const boost = lang.boosters.get(w);
      if (boost !== undefined) {
        let scalar = v < 0 ? -boost : boost;
        if (capDiff && isAllCaps(raw[j] as string)) scalar += v > 0 ? C_INCR : -C_INCR;
        v += scalar * (s === 0 ? 1 : s === 1 ? 0.95 : 0.9);
      }
      if (lang.standaloneNo && s > 0 && lower[j] === 'never' && (lower[j + 1] === 'so' || lower[j + 1] === 'this')) {
        never = true;
      } else if (
        lang.standaloneNo &&
        s > 0 &&
        w === 'without' &&
        (lower[j + 1] === 'doubt' || lower[j + 2] === 'doubt')
      ) {
        negated = false;
        break;
      } else if (p.negator[j] && !warns(p, lang, j, i)) {
        negated = true;
      }
    }
    if (never) v *= 1.25;
    else if (negated) v *= N_SCALAR;
    if (
      lang.standaloneNo &&
      i > 0 &&
      lower[i - 1] === 'least' &&
      !(i > 1 && (lower[i - 2] === 'at' || lower[i - 2] === 'very'))
    ) {
      v *= N_SCALAR;
    }
    sentiments[i] = v;
  }
  if (lang.finalNegation && n > 1 && p.negator[n - 1]) {
    for (let j = n - 2; j >= Math.max(0, n - 5); j--) {
      if (val[j] !== undefined) {
        sentiments[j] = (sentiments[j] as number) * N_SCALAR;
        break;
      }
    }
  }
  if (bareNegation > 0 && lang.bareNegation) leanNegative(p, lang.bareNegation.except, val, sentiments, bareNegation);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = sentiments[i] as number;
    sum += p.contrastAt < 0 || i === p.contrastAt ? s : i < p.contrastAt ? s * 0.5 : s * 1.5;
  }
  return { sum, hits };
}

export function normalize(sum: number): number {
  const x = sum / Math.sqrt(sum * sum + ALPHA);
  return Math.max(-1, Math.min(1, x));
}

/** Shortest part of a compound looked up, and the shortest rest after it. */
const MIN_PART = 4;

/** The valence of a compound's longest known first part, by form or stem ("horrorurlaub" → "horror"). */
function firstPart(word: string, voc: Vocabularies): number | undefined {
  if (word.length < 2 * MIN_PART || word.length > 40) return undefined;
  for (let end = word.length - MIN_PART; end >= MIN_PART; end--) {
    const part = word.slice(0, end);
    if (voc.stopwords.has(part)) continue;
    const v = voc.primary.get(part) ?? voc.backoff?.get(voc.stem(part));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** How the wider vocabulary counts: words under `min` (|valence|) are left out, the others scaled by `weight`. */
export interface WideWeight {
  weight: number;
  min: number;
  /** Its words count only in a sentence with a sign of opinion (`subjectivity` in languages.ts). */
  cues?: boolean;
}

/**
 * One sentence's compound score with the primary vocabulary (and emoji; by stem where
 * a form is missing, for a language whose back-off is the primary's stems), or, when
 * `wide`, with the wider vocabulary over stems, function words left out.
 */
export function scoreSentence(
  sentence: SentenceWords,
  lang: SentimentLanguage,
  voc: Vocabularies,
  wide = false,
  weak: WideWeight = { weight: 1, min: 0 },
  bareNegation = 0,
): SentenceScore {
  const p = prepare(sentence.words, lang, voc.stopwords);
  const backoff = voc.backoff;
  let stemHits = 0;
  const byStem = (k: string) => (voc.stopwords.has(k) || !backoff ? undefined : backoff.get(voc.stem(k)));
  // the wider vocabulary's weak words are no opinion; the others count for less
  const person =
    !weak.cues ||
    /[!?]/.test(sentence.text) ||
    p.lower.some(
      (w, i) =>
        lang.subjectivity?.persons.has(w) ||
        (lang.boosters.has(w) && !lang.subjectivity?.degree.has(w)) ||
        p.negator[i],
    );
  const wideStem = (k: string, at: number) => {
    const v = byStem(k);
    if (v === undefined || Math.abs(v) < weak.min || !opinionAt(p, lang, at, person)) return undefined;
    return v * weak.weight;
  };
  const lookup =
    wide && backoff
      ? wideStem
      : lang.wordStems
        ? (k: string) => {
            const v = voc.primary.get(k);
            if (v !== undefined) return v;
            const s = byStem(k) ?? (lang.nounCompounds ? firstPart(k, voc) : undefined);
            if (s !== undefined) stemHits++;
            return s;
          }
        : (k: string) => voc.primary.get(k);
  const words = scoreWords(p, lang, valences(p, lang, lookup, bareNegation), bareNegation);
  const sym = symbols(sentence.text, voc.emoji);
  let sum = words.sum + sym.sum;
  const e = emphasis(sentence.text);
  if (sum > 0) sum += e;
  else if (sum < 0) sum -= e;
  return { compound: normalize(sum), hits: words.hits + sym.hits, stemHits };
}
