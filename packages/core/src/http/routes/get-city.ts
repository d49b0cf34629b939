import { defineRoute } from '../route.js';
import { TAGS, UPSTREAM } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/cities/{name+}',
  operationId: 'getCity',
  tag: TAGS.cities,
  summary: 'Facts, summary, keywords and sentiment of one city from Wikipedia',
  input: async () => {
    const { z, doc, CityName, WikiLang, intParam } = await import('../schemas.js');
    return {
      params: z.object({
        name: CityName.check(
          doc(
            'The city as a person types it: a Wikipedia page title, any case, redirects followed',
            'Toronto',
            'São Paulo',
          ),
        ),
      }),
      query: z.object({
        lang: WikiLang,
        sentences: intParam(1, 10, 3).check(doc('How many sentences of the introduction `summary` holds', 3)),
      }),
    };
  },
  response: async () => (await import('../schemas.js')).City,
  cache: 'public',
  errors: ['not_found', 'ambiguous', ...UPSTREAM],
  cost: 1,
  run: async ({ params, query }, { deps }) =>
    (await import('../../cities/cached.js')).cityByName(deps.wikipedia(), params.name, query.lang, query.sentences),
});
