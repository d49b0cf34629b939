import { EXACT_LIMIT } from '../../geo/limits.js';
import { defineRoute } from '../route.js';
import { NAMING_RULE, rangeText, TAGS, UPSTREAM } from './common.js';

/** How many cities one route visits. */
const NAMES = [2, 50] as const;

export default defineRoute({
  method: 'POST',
  path: '/route',
  operationId: 'route',
  tag: TAGS.logistics,
  summary: `The shortest visiting order of ${rangeText(NAMES)} cities`,
  description: `Exact (Held–Karp) for ${EXACT_LIMIT} cities or fewer; above that, a deterministic heuristic: nearest-neighbour, greedy-edge and space-filling-curve starts, 2-opt and Or-opt, then an iterated local search (\`algorithm\` and \`search\` say how). Distances are great-circle. ${NAMING_RULE}`,
  input: async () => {
    const { z, doc, CityName, WikiLang, cityNames } = await import('../schemas.js');
    return {
      body: z.object({
        cities: cityNames(...NAMES).check(
          doc(`The ${rangeText(NAMES)} cities to visit`, ['Toronto', 'Montreal', 'Ottawa', 'Quebec City']),
        ),
        start: z.optional(
          CityName.check(doc('Where the route starts: one of `cities` (default: the first)', 'Toronto')),
        ),
        roundTrip: z._default(z.boolean(), false).check(doc('Whether the route returns to its start', true)),
        lang: WikiLang,
      }),
    };
  },
  response: async () => {
    const { z, named, resolution } = await import('../schemas.js');
    const str = z.string();
    const num = z.number();
    return z
      .strictObject({
        order: z.array(str),
        legs: z.array(z.strictObject({ from: str, to: str, km: num })),
        totalKm: num,
        algorithm: z.enum(['exact', 'heuristic']),
        search: z
          .nullable(
            z.strictObject({
              construction: z
                .enum(['nearest-neighbour', 'greedy-edge', 'space-filling-curve'])
                .check(z.describe('The starting tour (of the three built) that the search improved')),
              improvements: z.array(str).check(z.describe('The improvements that ran, in order')),
              kicks: num.check(z.describe('Double-bridge perturbations of the iterated local search')),
            }),
          )
          .check(z.describe('How the heuristic found the tour; null when it is exact (10 cities or fewer)')),
        ...resolution,
      })
      .check(named('Route'));
  },
  cache: 'no-store',
  errors: UPSTREAM,
  cost: ({ body }) => body.cities.length,
  run: async ({ body }, { deps }) =>
    (await import('../../cities/logistics.js')).planRoute(
      deps.wikipedia(),
      body.cities,
      body.start,
      body.roundTrip,
      body.lang,
    ),
  renders: {
    // the map's code and the world outline, loaded only when a request asks for a picture
    'image/svg+xml': async ({ body }, { deps }) => {
      const [logistics, { routeMap }] = await Promise.all([
        import('../../cities/logistics.js'),
        import('../../maps/route-map.js'),
      ]);
      const { answer, places } = await logistics.placedRoute(
        deps.wikipedia(),
        body.cities,
        body.start,
        body.roundTrip,
        body.lang,
      );
      return routeMap(answer, places);
    },
  },
});
