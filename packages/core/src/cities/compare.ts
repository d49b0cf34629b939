import { NotFoundError } from '../errors.js';
import { distanceMatrix, EARTH_RADIUS_KM, greatCircleKm, KM_PER_MILE, round1 } from '../geo/distance.js';
import { MODES, type Mode, travelHours } from '../geo/travel.js';
import type { LatLon } from '../geo/types.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import { cityAnswer, citySummaryCheck, onPage } from './cached.js';
import { type City, type FoundPage, type ItemError, itemError, pageFacts, requirePage } from './city.js';

export type CityOutcome = { name: string; city: City } | { name: string; error: ItemError };

/** Looks names up in one batch; a name that fails carries its own error and does not fail the rest. */
export async function resolveCities(
  client: WikipediaClient,
  names: string[],
  lang: string,
  summarySentences = 3,
): Promise<CityOutcome[]> {
  const found = await client.lookupMany(names, lang);
  return Promise.all(
    names.map(async (name, i): Promise<CityOutcome> => {
      try {
        const page = requirePage(found[i], name, client.label(lang));
        return { name, city: await cityAnswer(client, page, name, lang, summarySentences) };
      } catch (err) {
        return { name, error: itemError(err) };
      }
    }),
  );
}

export async function compare(client: WikipediaClient, names: string[], lang: string) {
  const cities = await resolveCities(client, names, lang);
  return { cities, distancesKm: distanceMatrix(cities.map((c) => ('city' in c ? c.city.coordinates : null))) };
}

/** The short form of a city in /distance: no summary, keywords or sentiment to compute. */
function citySummary(found: FoundPage, requested: string, lang: string) {
  const { page } = found;
  const { facts, coordinates } = pageFacts(found, lang);
  return {
    title: page.title,
    requested,
    url: page.url,
    description: page.description,
    country: facts.country,
    coordinates,
  };
}

export async function distance(client: WikipediaClient, from: string, to: string, mode: Mode, lang: string) {
  const [a, b] = await client.lookupMany([from, to], lang, 'facts');
  const host = client.label(lang);
  // the page-derived part is cached; the name asked for is this request's own
  const check = await citySummaryCheck<ReturnType<typeof citySummary>>();
  const summary = async (found: FoundPage, requested: string) => ({
    ...(await onPage(client, 'summary', found, lang, 0, check, () => citySummary(found, requested, lang))),
    requested,
  });
  const [ca, cb] = await Promise.all([
    summary(requirePage(a, from, host), from),
    summary(requirePage(b, to, host), to),
  ]);
  // docs/api.md: a city without coordinates is a 404, as on /route and /hubs
  for (const c of [ca, cb]) {
    if (!c.coordinates) throw new NotFoundError(`"${c.title}" has no coordinates on ${host}`);
  }
  const gc = greatCircleKm(ca.coordinates as LatLon, cb.coordinates as LatLon);
  return {
    from: ca,
    to: cb,
    km: round1(gc),
    miles: round1(gc / KM_PER_MILE),
    mode,
    hours: travelHours(gc, mode),
    assumptions: { ...MODES[mode], earthRadiusKm: EARTH_RADIUS_KM, distance: 'great-circle' as const },
  };
}
