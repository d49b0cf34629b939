import type { Check } from '../cache/cache.js';
import { isObj, isStr } from '../util/json.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import { type City, type FoundPage, requirePage, toCity } from './city.js';

/** Whether a value read back from the shared cache has City's shape (fields added later are not checked). */
export const isCity: Check<City> = (v): v is City =>
  isObj(v) &&
  isStr(v.title) &&
  isStr(v.lang) &&
  isStr(v.url) &&
  isStr(v.summary) &&
  isObj(v.facts) &&
  Array.isArray(v.keywords) &&
  isObj(v.source) &&
  (v.coordinates === null || isObj(v.coordinates));

/**
 * What was computed from one fetch of a page, through the client's cache: computed once
 * per lifetime and shared by every instance that shares the store. The key names the
 * revision and the fetch (its minute), so an edited page, or one fetched again (say,
 * after Wikidata could not be asked), is computed afresh.
 */
export function onPage<T>(
  client: WikipediaClient,
  kind: string,
  found: FoundPage,
  lang: string,
  variant: string | number,
  check: Check<T>,
  compute: () => Promise<T> | T,
): Promise<T> {
  const { page } = found;
  const key = client.cache.key(kind, lang, page.pageId, page.revisionId ?? 0, found.retrievedAt, variant);
  return client.cache.getOrCompute(key, check, client.answerTtlMs, compute);
}

/** The /cities answer (also each city of /compare), its page-derived work done once. */
export async function cityAnswer(
  client: WikipediaClient,
  found: FoundPage,
  requested: string,
  lang: string,
  summarySentences: number,
): Promise<City> {
  const city = await onPage(client, 'city', found, lang, summarySentences, isCity, () =>
    toCity(found, requested, lang, summarySentences),
  );
  // what belongs to this request rather than to the page
  if (
    city.requested === requested &&
    city.redirectedFrom === found.redirectedFrom &&
    city.source.retrievedAt === found.retrievedAt
  ) {
    return city;
  }
  return {
    ...city,
    requested,
    redirectedFrom: found.redirectedFrom,
    source: { ...city.source, retrievedAt: found.retrievedAt },
  };
}

/** Whether a cached value has the shape of /distance's short form of a city (T: that form). */
export function isCitySummary<T>(v: unknown): v is T {
  return isObj(v) && isStr(v.title) && isStr(v.url) && (v.coordinates === null || isObj(v.coordinates));
}

/** GET /cities: the lookup (cached), then the answer (cached). */
export async function cityByName(
  client: WikipediaClient,
  name: string,
  lang: string,
  summarySentences: number,
): Promise<City> {
  const found = requirePage(await client.lookup(name, lang), name, client.label(lang));
  return cityAnswer(client, found, name, lang, summarySentences);
}
