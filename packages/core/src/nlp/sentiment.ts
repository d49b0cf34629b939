import { slicer } from '../util/slice.js';
import { languageKit } from './language.js';
import { loadEmoji, SENTIMENT_LANGUAGES } from './sentiment/languages.js';
import { loadLexicon } from './sentiment/lexicon.js';
import { SENTIMENT_MODEL, type SentimentModel } from './sentiment/model.js';
import { type SentenceWords, scoreSentence } from './sentiment/vader.js';
import { type Tokens, tokenize } from './text.js';

export interface Sentiment {
  /** The mean of the sentences' VADER compound scores, in [−1, 1]. */
  score: number;
  /** By the score and the share of sentences that agree with it (`verdict`). */
  label: 'positive' | 'neutral' | 'negative';
  /** What produced the answer: the vocabulary used under VADER's rules, "+" the wider one when it answered ("vader+senticon"). */
  method: string;
}

/** Above this score a text is positive, below its negative, negative (trained: sentiment/model.ts). */
export const SENTIMENT_THRESHOLD = SENTIMENT_MODEL.threshold;

const baseOf = (lang: string) => lang.toLowerCase().split('-')[0] ?? '';

/** Languages with a sentiment vocabulary; others get `null` rather than a guess. */
export function hasSentiment(lang: string): boolean {
  return Object.hasOwn(SENTIMENT_LANGUAGES, baseOf(lang));
}

/** The languages sentiment is computed for. */
export const SENTIMENT_LANGS: readonly string[] = Object.keys(SENTIMENT_LANGUAGES);

/** Why a text has no sentiment, for the answer's `notes`; null when it has one. */
export function sentimentNote(lang: string): string | null {
  if (hasSentiment(lang)) return null;
  return `No sentiment vocabulary for language "${lang}"; sentiment is computed for ${SENTIMENT_LANGS.join(', ')}.`;
}

/** No sentence is this long; a run without full stops is scored in pieces of this many words. */
const MAX_SENTENCE_WORDS = 200;

/** The sentences, a very long one cut into pieces (its text, for emphasis and emoji, goes with the first). */
function* windows(list: readonly SentenceWords[]): Generator<SentenceWords> {
  for (const s of list) {
    if (s.words.length <= MAX_SENTENCE_WORDS) {
      yield s;
      continue;
    }
    for (let at = 0; at < s.words.length; at += MAX_SENTENCE_WORDS) {
      yield { text: at === 0 ? s.text : '', words: s.words.slice(at, at + MAX_SENTENCE_WORDS) };
    }
  }
}

/** A text's sentences' compound scores and lengths in words, and the vocabularies that gave the scores. */
export interface SentenceScores {
  compounds: number[];
  words: number[];
  method: string;
}

/**
 * Each sentence of a text scored by VADER's rules over the language's primary
 * vocabulary; when it (and the emoji) find nothing in a text of one sentence, the
 * sentence is scored again over a wider vocabulary by stem (see docs/nlp.md).
 * Vocabularies load on first use. Null for a language without one.
 */
export async function sentenceScores(
  list: readonly SentenceWords[],
  lang: string,
  model: SentimentModel = SENTIMENT_MODEL,
): Promise<SentenceScores | null> {
  const base = baseOf(lang);
  const language = SENTIMENT_LANGUAGES[base];
  if (!language) return null;
  const { primary, backoff } = language;
  const [p, b, emoji, kit] = await Promise.all([
    loadLexicon(primary.name, primary.load),
    backoff ? loadLexicon(backoff.name, backoff.load) : null,
    loadLexicon('emoji', loadEmoji),
    languageKit(base),
  ]);
  const voc = { primary: p, backoff: b, emoji, stem: (w: string) => kit.stem(w) || w, stopwords: kit.stopwords };
  const pieces = [...windows(list)];
  const tick = slicer();
  const pass = async (wide: boolean) => {
    const compounds: number[] = [];
    let hits = 0;
    let stemHits = 0;
    for (let i = 0; i < pieces.length; i++) {
      if ((i & 15) === 15) {
        const pause = tick();
        if (pause) await pause;
      }
      const r = scoreSentence(pieces[i] as SentenceWords, language, voc, wide, model.wide, model.negation);
      compounds.push(r.compound);
      hits += r.hits;
      stemHits += r.stemHits;
    }
    return { compounds, hits, stemHits };
  };
  let result = await pass(false);
  let usedBackoff = result.stemHits > 0;
  // the wider vocabulary's weak words are evidence only where there is nothing else: in one
  // sentence. Several sentences in which the primary vocabulary finds no opinion state facts.
  if (result.hits === 0 && b !== null && !language.wordStems && list.length === 1) {
    result = await pass(true);
    usedBackoff = result.hits > 0;
  }
  const method = usedBackoff && backoff ? `${primary.name}+${backoff.name}` : primary.name;
  return { compounds: result.compounds, words: pieces.map((s) => s.words.length), method };
}

/**
 * A text is polar only when more than this share of its sentences are polar the same
 * way: one sentence that mentions a festival does not make a factual lead positive,
 * while a review of a few sentences, two of five of them glowing, stays positive.
 */
export const POLAR_SHARE = 1 / 3;
/** A piece shorter than this (a heading, a caption) counts toward the share only when it is polar. */
const MIN_SENTENCE_WORDS = 4;

/**
 * The score (the mean of the sentences' compounds, to three places) and the label: positive
 * when the score is above `threshold` and more than POLAR_SHARE of the sentences are too;
 * negative likewise below −`threshold`; otherwise neutral. One sentence: its own score.
 */
export function verdict(
  { compounds, words }: Pick<SentenceScores, 'compounds' | 'words'>,
  threshold: number,
): Pick<Sentiment, 'score' | 'label'> {
  let total = 0;
  let counted = 0;
  let up = 0;
  let down = 0;
  compounds.forEach((c, i) => {
    total += c;
    if (c > threshold) up++;
    else if (c < -threshold) down++;
    else if ((words[i] ?? 0) < MIN_SENTENCE_WORDS) return;
    counted++;
  });
  const n = compounds.length;
  const score = n ? Math.round((total / n) * 1000) / 1000 : 0;
  const enough = (k: number) => k > POLAR_SHARE * counted;
  const label =
    score > threshold && enough(up) ? 'positive' : score < -threshold && enough(down) ? 'negative' : 'neutral';
  return { score, label };
}

/** The sentiment of a text's sentences (see `sentenceScores` and `verdict`); null for a language without a vocabulary. */
export async function sentimentOf(
  list: readonly SentenceWords[],
  lang: string,
  model: SentimentModel = SENTIMENT_MODEL,
): Promise<Sentiment | null> {
  const scores = await sentenceScores(list, lang, model);
  if (!scores) return null;
  return { ...verdict(scores, model.threshold), method: scores.method };
}

/** The sentiment of a request's tokens (or of a text, tokenized here). */
export function sentiment(input: Tokens | string, lang?: string): Promise<Sentiment | null> {
  const tokens = typeof input === 'string' ? tokenize(input, lang ?? 'en') : input;
  return sentimentOf(tokens.sentences, tokens.lang);
}
