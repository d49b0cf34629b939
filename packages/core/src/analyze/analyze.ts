import { type Keyword, keyphrases } from '../nlp/keyphrases.js';
import { type Sentiment, sentiment, sentimentNote } from '../nlp/sentiment.js';
import { summarize } from '../nlp/summary.js';
import { type Tokens, tokenizeAsync } from '../nlp/text.js';
import { inSpan } from '../telemetry/context.js';

export interface Analysis {
  stats: { characters: number; words: number; sentences: number; readingTimeMinutes: number };
  keywords: Keyword[];
  sentiment: Sentiment | null;
  /** Why `sentiment` is null (no vocabulary for the language), else null. */
  sentimentNote: string | null;
  summary: string[];
}

/** Average adult silent reading speed for non-fiction, words per minute. */
export const READING_WPM = 238;

export async function analyze(
  text: string,
  lang: string,
  keywordCount: number,
  summarySentences: number,
): Promise<Analysis> {
  const tokens: Tokens = await inSpan('nlp.tokenize', () => tokenizeAsync(text, lang));
  const [kw, mood, summary] = await inSpan('nlp.analyze', () =>
    Promise.all([keyphrases(tokens, lang, keywordCount), sentiment(tokens), summarize(tokens, summarySentences)]),
  );
  return {
    stats: {
      characters: tokens.characters,
      words: tokens.wordCount,
      sentences: tokens.sentences.length,
      readingTimeMinutes: Math.round((tokens.wordCount / READING_WPM) * 10) / 10,
    },
    keywords: kw,
    sentiment: mood,
    sentimentNote: sentimentNote(lang),
    summary,
  };
}
