import { defineRoute } from '../route.js';
import { rangeText, TAGS, UPSTREAM } from './common.js';

/** How many cities one comparison takes. */
const NAMES = [2, 20] as const;

export default defineRoute({
  method: 'GET',
  path: '/compare',
  operationId: 'compareCities',
  tag: TAGS.cities,
  summary: `${rangeText(NAMES)} cities side by side, with the great-circle distances between them`,
  description:
    'Names are comma-separated, or the `cities` parameter is repeated once per name (for names with a comma). A name that fails carries its own error.',
  input: async () => {
    const { z, doc, NameList, WikiLang } = await import('../schemas.js');
    return {
      query: z.object({
        cities: NameList(
          ...NAMES,
          doc(
            `${rangeText(NAMES)} city names, separated by literal commas; a comma inside a name is sent encoded (\`Washington%2C%20D.C.\`), or the parameter is repeated once per name (each value one name, commas included)`,
            'Toronto,Montreal,Ottawa',
          ),
        ),
        lang: WikiLang,
      }),
    };
  },
  response: async () => {
    const { z, named, City, ItemProblem } = await import('../schemas.js');
    return z
      .strictObject({
        cities: z.array(
          z.union([
            z.strictObject({ name: z.string(), city: City }),
            z.strictObject({ name: z.string(), error: ItemProblem }),
          ]),
        ),
        distancesKm: z.array(z.array(z.nullable(z.number()))),
      })
      .check(named('Comparison'));
  },
  cache: 'public',
  errors: UPSTREAM,
  cost: ({ query }) => query.cities.length,
  run: async ({ query }, { deps }) =>
    (await import('../../cities/compare.js')).compare(deps.wikipedia(), query.cities, query.lang),
});
