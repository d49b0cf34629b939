import { type AnyRoute, defineRoute } from './route.js';
import { CityParams, CityQuery } from './schemas.js';

/**
 * Every route of shared/API.md that this build serves. Each route's code is
 * imported on its first request, so a cold /health never loads the NLP.
 */
export const routes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    summary: 'Liveness, version and platform',
    cache: 'no-store',
    errors: [],
    run: async (_input, { deps }) => ({
      status: 'ok',
      service: 'cityscope',
      version: deps.version,
      platform: deps.platform,
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/cities/{name+}',
    operationId: 'getCity',
    summary: 'Facts, summary, keywords and sentiment of one city from Wikipedia',
    params: CityParams,
    query: CityQuery,
    cache: 'public',
    errors: ['not_found', 'ambiguous', 'upstream_error', 'upstream_unavailable', 'upstream_timeout'],
    run: async ({ params, query }, { deps }) => {
      const { lookupProblem, toCity } = await import('../cities/city.js');
      const client = deps.wikipedia();
      const found = await client.lookup(params.name, query.lang);
      if (found.kind !== 'page') throw lookupProblem(found, client.label(query.lang));
      return toCity(found, params.name, query.lang, query.sentences);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI 3.1 document',
    cache: 'public',
    errors: [],
    run: async (_input, { deps }) => (await import('./openapi.js')).openApiDocument(deps.version),
  }),
];
