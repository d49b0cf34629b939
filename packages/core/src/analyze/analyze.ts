import { keyphrases } from '../nlp/keyphrases.js';
import { sentiment, sentimentNote } from '../nlp/sentiment.js';
import { summarize } from '../nlp/summary.js';
import { type Tokens, tokenizeAsync } from '../nlp/text.js';
import { inSpan } from '../telemetry/context.js';

/** Average adult silent reading speed for non-fiction, words per minute. */
export const READING_WPM = 238;

/** The /analyze answer; its shape is the route's response schema (`http/routes/analyze.ts`), which the compiler holds it to. */
export async function analyze(text: string, lang: string, keywordCount: number, summarySentences: number) {
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
