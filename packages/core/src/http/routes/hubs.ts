import { MAX_AUTO_K } from '../../geo/limits.js';
import { defineRoute } from '../route.js';
import { NAMING_RULE, rangeText, TAGS, UPSTREAM } from './common.js';

/** How many cities one grouping takes. */
const NAMES = [3, 100] as const;

export default defineRoute({
  method: 'POST',
  path: '/hubs',
  operationId: 'hubs',
  tag: TAGS.logistics,
  summary: `Group ${rangeText(NAMES)} cities into regional hubs`,
  description: `k-means on the sphere with k-means++ seeding (seeded from the input, so deterministic); a hub is the member closest to its group’s spherical mean. Without \`k\`, k in 2..min(${MAX_AUTO_K}, n−1) with the best mean silhouette, leaving a city alone in a hub only when it lies far from all the others (an island). ${NAMING_RULE}`,
  input: async () => {
    const { z, doc, WikiLang, cityNames } = await import('../schemas.js');
    return {
      body: z.object({
        cities: cityNames(...NAMES).check(
          doc(`The ${rangeText(NAMES)} cities to group`, ['Toronto', 'Montreal', 'Ottawa', 'London', 'Manchester']),
        ),
        k: z.optional(
          z
            .number()
            .check(
              z.int(),
              z.gte(1),
              z.lte(20),
              doc('How many hubs; without it, the k with the best mean silhouette is chosen', 2),
            ),
        ),
        lang: WikiLang,
      }),
    };
  },
  response: async () => {
    const { z, named, Coordinates, resolution } = await import('../schemas.js');
    const num = z.number();
    return z
      .strictObject({
        k: num,
        chosenBy: z.enum(['request', 'silhouette']),
        silhouette: z.nullable(num),
        hubs: z.array(
          z.strictObject({
            hub: z
              .string()
              .check(z.describe('The member city closest to the group’s spherical mean (its resolved title)')),
            centre: Coordinates,
            members: z.array(z.string()),
            distancesKm: z
              .array(num)
              .check(z.describe('Each member’s great-circle distance to the hub city, km, in the order of `members`')),
            maxKm: num,
          }),
        ),
        ...resolution,
      })
      .check(named('Hubs'));
  },
  cache: 'no-store',
  errors: UPSTREAM,
  cost: ({ body }) => body.cities.length,
  run: async ({ body }, { deps }) =>
    (await import('../../cities/logistics.js')).planHubs(deps.wikipedia(), body.cities, body.k, body.lang),
  renders: {
    // the map's code and the world outline, loaded only when a request asks for a picture
    'image/svg+xml': async ({ body }, { deps }) => {
      const [logistics, { hubsMap }] = await Promise.all([
        import('../../cities/logistics.js'),
        import('../../maps/hubs-map.js'),
      ]);
      const { answer, places } = await logistics.placedHubs(deps.wikipedia(), body.cities, body.k, body.lang);
      return hubsMap(answer, places);
    },
  },
});
