import { PayloadTooLargeError } from '../../errors.js';
import { codePoints } from '../../nlp/code-points.js';
import { defineRoute } from '../route.js';
import { TAGS, textCost } from './common.js';

/** Longest /analyze text, in characters (Unicode code points); longer is 413. */
export const MAX_ANALYZE_CHARS = 100_000;

export default defineRoute({
  method: 'POST',
  path: '/analyze',
  operationId: 'analyze',
  tag: TAGS.text,
  summary: 'Statistics, keywords, sentiment and a summary of a text',
  // grouped by hand: toLocaleString would load ICU's number formatting at import (a few ms of a cold start)
  description: `Text of 1–${String(MAX_ANALYZE_CHARS).replace(/\B(?=(\d{3})+$)/g, ',')} characters; longer is 413.`,
  input: async () => {
    const { z, doc, Lang } = await import('../schemas.js');
    return {
      body: z.object({
        text: z.string().check(
          z.refine((t) => t.trim().length > 0, 'Must contain some text'),
          doc(
            `The text, 1–${MAX_ANALYZE_CHARS} characters (Unicode code points)`,
            'Dublin is a lovely city with a busy harbour.',
          ),
        ),
        lang: Lang,
        keywords: z
          ._default(z.number().check(z.int(), z.gte(0), z.lte(50)), 10)
          .check(doc('How many keywords to return', 10)),
        sentences: z
          ._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 3)
          .check(doc('How many sentences the summary holds, in their original order', 3)),
      }),
    };
  },
  response: async () => {
    const { z, named, Keyword, Sentiment, SentimentNote } = await import('../schemas.js');
    const num = z.number();
    return z
      .strictObject({
        stats: z.strictObject({ characters: num, words: num, sentences: num, readingTimeMinutes: num }),
        keywords: z.array(Keyword),
        sentiment: z.nullable(Sentiment),
        sentimentNote: SentimentNote,
        summary: z.array(z.string()),
      })
      .check(named('Analysis'));
  },
  cache: 'no-store',
  errors: ['payload_too_large', 'unsupported_media_type'],
  cost: ({ body }) => textCost(body.text),
  run: async ({ body }) => {
    // counted in place, and only as far as the limit
    if (codePoints(body.text, MAX_ANALYZE_CHARS) > MAX_ANALYZE_CHARS) {
      throw new PayloadTooLargeError(`text is over ${MAX_ANALYZE_CHARS} characters, the limit`);
    }
    return (await import('../../analyze/analyze.js')).analyze(body.text, body.lang, body.keywords, body.sentences);
  },
});
