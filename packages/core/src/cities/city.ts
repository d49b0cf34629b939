import { AmbiguousError, type CityscopeError, NotFoundError } from '../errors.js';
import { extractFacts, type Facts } from '../facts/infobox.js';
import { type Keyword, keyphrases } from '../nlp/keyphrases.js';
import { type Sentiment, sentiment, sentimentNote } from '../nlp/sentiment.js';
import { leadSentences } from '../nlp/summary.js';
import { tokenize } from '../nlp/text.js';
import type { LatLon, Lookup } from '../wikipedia/types.js';

export interface City {
  title: string;
  requested: string;
  redirectedFrom: string | null;
  lang: string;
  url: string;
  description: string | null;
  summary: string;
  coordinates: LatLon | null;
  facts: Facts;
  thumbnail: { url: string; width: number; height: number } | null;
  keywords: Keyword[];
  sentiment: Sentiment | null;
  /** Why `sentiment` is null (no vocabulary for the language), else null. */
  sentimentNote: string | null;
  source: { pageId: number; revisionId: number | null; retrievedAt: string };
}

/** The problem for a lookup that found no single article. */
export function lookupProblem(lookup: Exclude<Lookup, { kind: 'page' }>, host: string): CityscopeError {
  if (lookup.kind === 'missing') {
    return new NotFoundError(`No Wikipedia page named "${lookup.title}" on ${host}`);
  }
  return new AmbiguousError(
    `"${lookup.title}" on ${host} is a disambiguation page; ask for one of its candidates`,
    lookup.candidates,
  );
}

export type FoundPage = Extract<Lookup, { kind: 'page' }>;

export { type ItemError, itemError } from '../errors.js';

/** The found page, or the problem that says why there is none. */
export function requirePage(found: Lookup | undefined, requested: string, host: string): FoundPage {
  if (found?.kind === 'page') return found;
  throw lookupProblem(found ?? { kind: 'missing', title: requested }, host);
}

/** Where a found page is: GeoData's primary coordinates, else those in its infobox. */
export function coordinatesOf(found: FoundPage, lang: string): LatLon | null {
  return found.page.coordinates ?? extractFacts(found.page.wikitext, lang).coordinates;
}

/** A page's infobox facts, and its coordinates: GeoData's primary ones, else the infobox's. */
export function pageFacts(found: FoundPage, lang: string): { facts: Facts; coordinates: LatLon | null } {
  const { facts, coordinates } = extractFacts(found.page.wikitext, lang);
  return { facts, coordinates: found.page.coordinates ?? coordinates };
}

/** The /cities answer for a found page. */
export async function toCity(
  found: FoundPage,
  requested: string,
  lang: string,
  summarySentences: number,
): Promise<City> {
  const { page } = found;
  const { facts, coordinates } = pageFacts(found, lang);
  const intro = page.extract;
  const tokens = tokenize(intro, lang);
  const [kw, mood] = await Promise.all([keyphrases(tokens, lang, 10), sentiment(tokens)]);
  return {
    title: page.title,
    requested,
    redirectedFrom: found.redirectedFrom,
    lang,
    url: page.url,
    description: page.description,
    summary: leadSentences(tokens, summarySentences).join(' '),
    coordinates,
    facts,
    thumbnail: page.thumbnail,
    keywords: kw,
    sentiment: mood,
    sentimentNote: sentimentNote(lang),
    source: { pageId: page.pageId, revisionId: page.revisionId, retrievedAt: found.retrievedAt },
  };
}
