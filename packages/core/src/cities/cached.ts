import type { Check } from '../cache/cache.js';
import { inSpan } from '../telemetry/context.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import { type City, type FoundPage, requirePage, toCity } from './city.js';

type Schema = { safeParse(v: unknown): { success: boolean } };
const checkOf = (schema: Schema) => (v: unknown) => schema.safeParse(v).success;
let shapes: Promise<{ city: (v: unknown) => boolean; summary: (v: unknown) => boolean }> | undefined;

/**
 * The shape checks of values read back from the shared cache: the answers' own schemas
 * (`City` and `CitySummary` of http/schemas.ts, which the routes' response schemas are
 * built from), so every field is checked, a field added later too. The schemas load on a
 * city route's first request, never at start.
 */
function cachedShapes() {
  shapes ??= import('../http/schemas.js').then((s) => ({
    city: checkOf(s.City),
    summary: checkOf(s.CitySummary),
  }));
  return shapes;
}

/** Whether a value read back from the shared cache is a /cities answer. */
export async function cityCheck(): Promise<Check<City>> {
  const { city } = await cachedShapes();
  return (v): v is City => city(v);
}

/** Whether a value read back from the shared cache is /distance's short form of a city (T: that form). */
export async function citySummaryCheck<T>(): Promise<Check<T>> {
  const { summary } = await cachedShapes();
  return (v): v is T => summary(v);
}

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
  // the computing (facts, summary, keywords, sentiment) is a span of its own, on a miss only
  return client.cache.getOrCompute(key, check, client.answerTtlMs, () => inSpan(`compute ${kind}`, compute));
}

/** The /cities answer (also each city of /compare), its page-derived work done once. */
export async function cityAnswer(
  client: WikipediaClient,
  found: FoundPage,
  requested: string,
  lang: string,
  summarySentences: number,
): Promise<City> {
  const city = await onPage(client, 'city', found, lang, summarySentences, await cityCheck(), () =>
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
