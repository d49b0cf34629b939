/** Keywords of a text: its keyphrases (see keyphrases.ts), for callers that hold a text rather than tokens. */
import { type Keyword, keyphrases } from './keyphrases.js';

export type { Keyword };

export function keywords(text: string, lang: string, limit = 10): Promise<Keyword[]> {
  return keyphrases(text, lang, limit);
}
