import type * as z from 'zod/mini';
import { AmbiguousError, type CityscopeError, NotFoundError } from '../errors.js';
import { pageInfobox } from '../facts/page-infobox.js';
import { type CombinedFacts, combineFacts } from '../facts/sources.js';
import type { LatLon } from '../geo/types.js';
import type { City as CitySchema } from '../http/schemas.js';
import { keyphrases } from '../nlp/keyphrases.js';
import { sentiment, sentimentNote } from '../nlp/sentiment.js';
import { leadSentences } from '../nlp/summary.js';
import { tokenize } from '../nlp/text.js';
import type { Lookup } from '../wikipedia/types.js';

/** The /cities answer: the type of its response schema, the one place its shape is written. */
export type City = z.infer<typeof CitySchema>;

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
  return found.page.coordinates ?? pageInfobox(found.page, lang).coordinates;
}

/**
 * A page's facts: the infobox's, and Wikidata's where the infobox is silent (when the
 * lookup asked it); coordinates from GeoData, else the infobox, else Wikidata.
 */
export function pageFacts(found: FoundPage, lang: string): CombinedFacts {
  return combineFacts(pageInfobox(found.page, lang), found.page.coordinates, found.page.wikidata);
}

/** The /cities answer for a found page. */
export async function toCity(
  found: FoundPage,
  requested: string,
  lang: string,
  summarySentences: number,
): Promise<City> {
  const { page } = found;
  const { facts, coordinates, factSources, factNotes } = pageFacts(found, lang);
  const intro = page.extract;
  const tokens = tokenize(intro, lang);
  const [kw, mood] = await Promise.all([keyphrases(tokens, lang, 10, page.title), sentiment(tokens)]);
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
    factSources,
    factNotes,
    thumbnail: page.thumbnail,
    keywords: kw,
    sentiment: mood,
    sentimentNote: sentimentNote(lang),
    source: { pageId: page.pageId, revisionId: page.revisionId, retrievedAt: found.retrievedAt },
  };
}
