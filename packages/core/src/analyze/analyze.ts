import { type Keyword, keywords } from '../nlp/keywords.js';
import { languageKit } from '../nlp/language.js';
import { type Sentiment, sentiment } from '../nlp/sentiment.js';
import { isContentWord, type Sentence, type Tokens, tokenize } from '../nlp/text.js';

export interface Analysis {
  stats: { characters: number; words: number; sentences: number; readingTimeMinutes: number };
  keywords: Keyword[];
  sentiment: Sentiment | null;
  summary: string[];
}

/** Average adult silent reading speed for non-fiction, words per minute. */
export const READING_WPM = 238;

/**
 * The most representative sentences: each sentence scores the sum of its content
 * words' frequencies in the whole text, over the square root of its content-word
 * count (so long sentences do not win by length alone). The best `n` are returned
 * in their original order.
 */
export async function representativeSentences(list: Sentence[], lang: string, n: number): Promise<string[]> {
  if (list.length <= n) return list.map((s) => s.text);
  const kit = await languageKit(lang);
  const stemsOf = (s: Sentence) =>
    s.words
      .map((w) => w.toLowerCase())
      .filter((w) => isContentWord(w, kit.stopwords))
      .map((w) => kit.stem(w) || w);
  const perSentence = list.map(stemsOf);
  const freq = new Map<string, number>();
  for (const stems of perSentence) for (const s of stems) freq.set(s, (freq.get(s) ?? 0) + 1);
  const scored = perSentence.map((stems, i) => ({
    i,
    score: stems.length ? stems.reduce((sum, s) => sum + (freq.get(s) ?? 0), 0) / Math.sqrt(stems.length) : 0,
  }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored
    .slice(0, n)
    .map((s) => s.i)
    .sort((a, b) => a - b)
    .map((i) => (list[i] as Sentence).text);
}

export async function analyze(
  text: string,
  lang: string,
  keywordCount: number,
  summarySentences: number,
): Promise<Analysis> {
  const tokens: Tokens = tokenize(text, lang);
  const [kw, mood, summary] = await Promise.all([
    keywords(text, lang, keywordCount),
    sentiment(text, lang),
    representativeSentences(tokens.sentences, lang, summarySentences),
  ]);
  return {
    stats: {
      characters: tokens.characters,
      words: tokens.wordCount,
      sentences: tokens.sentences.length,
      readingTimeMinutes: Math.round((tokens.wordCount / READING_WPM) * 10) / 10,
    },
    keywords: kw,
    sentiment: mood,
    summary,
  };
}
