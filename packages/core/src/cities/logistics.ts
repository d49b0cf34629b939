import { NotFoundError, ValidationError } from '../errors.js';
import { greatCircleKm, round1 } from '../geo/distance.js';
import { groupBySilhouette, groupInto, pairwise, sphericalMean } from '../geo/hubs.js';
import { shortestTour } from '../geo/tsp.js';
import type { LatLon } from '../geo/types.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import { coordinatesOf, type ItemError, itemError, requirePage } from './city.js';

interface Unresolved {
  name: string;
  error: ItemError;
}

interface Located {
  name: string;
  title: string;
  at: LatLon;
}

/**
 * Resolves names to coordinates (no keywords or sentiment: only where each city
 * is). Names that fail, or whose page has no coordinates, go to `unresolved`; a
 * name or page seen before is visited once.
 */
async function locate(client: WikipediaClient, names: string[], lang: string) {
  const unique = [...new Set(names)];
  const host = client.label(lang);
  const found = await client.lookupMany(unique, lang, 'place');
  const located: Located[] = [];
  const unresolved: Unresolved[] = [];
  const titles = new Set<string>();
  unique.forEach((name, i) => {
    let page: ReturnType<typeof requirePage>;
    try {
      page = requirePage(found[i], name, host);
    } catch (err) {
      unresolved.push({ name, error: itemError(err) });
      return;
    }
    const at = coordinatesOf(page, lang);
    const title = page.page.title;
    if (!at) {
      unresolved.push({
        name,
        error: itemError(new NotFoundError(`"${title}" has no coordinates on ${host}`)),
      });
    } else if (!titles.has(title)) {
      titles.add(title);
      located.push({ name, title, at });
    }
  });
  return { located, unresolved };
}

/**
 * The naming rule of every answer about several cities: a city is named by its
 * resolved title; where the name as typed differed, `requested` maps the title
 * to it (`unresolved` keeps the names as typed).
 */
function requestedNames(located: Located[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of located) if (c.name !== c.title) out[c.title] = c.name;
  return out;
}

/** Each placed city's coordinates by resolved title: what a map of an answer needs besides the answer. */
export type Places = Map<string, LatLon>;
const placesOf = (located: Located[]): Places => new Map(located.map((c) => [c.title, c.at]));

export async function planRoute(
  client: WikipediaClient,
  names: string[],
  start: string | undefined,
  roundTrip: boolean,
  lang: string,
) {
  return (await placedRoute(client, names, start, roundTrip, lang)).answer;
}

/** POST /route's answer, and where its cities are (for its map). */
export async function placedRoute(
  client: WikipediaClient,
  names: string[],
  start: string | undefined,
  roundTrip: boolean,
  lang: string,
) {
  if (start !== undefined && !names.includes(start)) {
    throw new ValidationError([{ path: 'start', message: 'Must be one of the cities' }]);
  }
  const { located, unresolved } = await locate(client, names, lang);
  const first = start ?? names[0];
  const startIndex = Math.max(
    0,
    located.findIndex((c) => c.name === first || c.title === first),
  );
  if (located.length === 0) {
    const empty = {
      order: [],
      legs: [],
      totalKm: 0,
      algorithm: 'exact' as const,
      search: null,
      requested: {},
      unresolved,
    };
    return { answer: empty, places: placesOf(located) };
  }
  const tour = shortestTour(
    located.map((c) => c.at),
    startIndex,
    roundTrip,
  );
  const stops = tour.order.map((i) => located[i] as Located);
  const pairs = stops.slice(1).map((to, i) => [stops[i] as Located, to] as const);
  if (roundTrip && stops.length > 1) pairs.push([stops[stops.length - 1] as Located, stops[0] as Located]);
  const answer = {
    order: stops.map((s) => s.title),
    legs: pairs.map(([a, b]) => ({ from: a.title, to: b.title, km: round1(greatCircleKm(a.at, b.at)) })),
    totalKm: round1(tour.km),
    algorithm: tour.algorithm,
    search: tour.search,
    requested: requestedNames(located),
    unresolved,
  };
  return { answer, places: placesOf(located) };
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;

export async function planHubs(client: WikipediaClient, names: string[], k: number | undefined, lang: string) {
  return (await placedHubs(client, names, k, lang)).answer;
}

/** POST /hubs' answer, and where its cities are (for its map). */
export async function placedHubs(client: WikipediaClient, names: string[], k: number | undefined, lang: string) {
  const { located, unresolved } = await locate(client, names, lang);
  const n = located.length;
  if (n < 2 || (k !== undefined && k > n)) {
    throw new ValidationError([
      {
        path: k !== undefined && n >= 2 ? 'k' : 'cities',
        message: `Only ${n} of the cities could be placed on the map; ${k !== undefined && n >= 2 ? `k must be at most ${n}` : 'at least 2 are needed'}`,
      },
    ]);
  }
  const points = located.map((c) => c.at);
  const d = pairwise(points);
  const chosen = k !== undefined ? groupInto(points, k, d) : groupBySilhouette(points, d);
  const groups = [...new Set(chosen.labels)]
    .map((label) => located.filter((_, i) => chosen.labels[i] === label))
    .sort((a, b) => located.indexOf(a[0] as Located) - located.indexOf(b[0] as Located));
  const hubs = groups.map((members) => {
    const centre = sphericalMean(members.map((m) => m.at));
    const hub = members.reduce((best, m) => (greatCircleKm(m.at, centre) < greatCircleKm(best.at, centre) ? m : best));
    const distancesKm = members.map((m) => round1(greatCircleKm(hub.at, m.at)));
    return {
      hub: hub.title,
      centre: { lat: round4(centre.lat), lon: round4(centre.lon) },
      members: members.map((m) => m.title),
      distancesKm,
      maxKm: Math.max(0, ...distancesKm),
    };
  });
  const score = chosen.score === null || !Number.isFinite(chosen.score) ? null : Math.round(chosen.score * 100) / 100;
  const answer = {
    k: hubs.length,
    chosenBy: k !== undefined ? ('request' as const) : ('silhouette' as const),
    silhouette: score,
    hubs,
    requested: requestedNames(located),
    unresolved,
  };
  return { answer, places: placesOf(located) };
}
