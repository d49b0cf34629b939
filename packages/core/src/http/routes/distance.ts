import { defineRoute } from '../route.js';
import { TAGS, UPSTREAM } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/distance',
  operationId: 'distance',
  tag: TAGS.logistics,
  summary: 'Great-circle distance and travel time between two cities',
  input: async () => {
    const { z, doc, CityName, WikiLang } = await import('../schemas.js');
    return {
      query: z.object({
        from: CityName.check(doc('The city to measure from', 'Toronto')),
        to: CityName.check(doc('The city to measure to', 'Montreal')),
        mode: z
          ._default(z.enum(['air', 'road', 'rail']), 'air')
          .check(doc('How one travels: sets the detour factor and average speed of `hours`', 'road')),
        lang: WikiLang,
      }),
    };
  },
  response: async () => {
    const { z, named, CitySummary } = await import('../schemas.js');
    return z
      .strictObject({
        from: CitySummary,
        to: CitySummary,
        km: z.number(),
        miles: z.number(),
        mode: z.enum(['air', 'road', 'rail']),
        hours: z.number(),
        assumptions: z.strictObject({
          speedKmh: z.number(),
          detourFactor: z.number(),
          note: z.string(),
          earthRadiusKm: z.number(),
          distance: z.literal('great-circle'),
        }),
      })
      .check(named('Distance'));
  },
  cache: 'public',
  errors: ['not_found', 'ambiguous', ...UPSTREAM],
  cost: 2,
  run: async ({ query }, { deps }) =>
    (await import('../../cities/compare.js')).distance(deps.wikipedia(), query.from, query.to, query.mode, query.lang),
});
