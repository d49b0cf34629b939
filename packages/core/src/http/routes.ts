import { PayloadTooLargeError, type ProblemCode } from '../errors.js';
import { type AnyRoute, defineRoute } from './route.js';
import {
  AnalyzeBody,
  CityParams,
  CityQuery,
  CompareQuery,
  DistanceQuery,
  HubsBody,
  MAX_ANALYZE_CHARS,
  ParseBody,
  RouteBody,
} from './schemas.js';

/** What any route that asks Wikipedia can answer with when Wikipedia fails. */
const UPSTREAM: ProblemCode[] = ['upstream_error', 'upstream_unavailable', 'upstream_timeout'];

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
    errors: ['not_found', 'ambiguous', ...UPSTREAM],
    run: async ({ params, query }, { deps }) =>
      (await import('../cities/cached.js')).cityByName(deps.wikipedia(), params.name, query.lang, query.sentences),
  }),
  defineRoute({
    method: 'GET',
    path: '/compare',
    operationId: 'compareCities',
    summary: 'Several cities side by side, with the great-circle distances between them',
    description:
      'Names are comma-separated, or the `cities` parameter is repeated once per name (for names with a comma). A name that fails carries its own error.',
    query: CompareQuery,
    cache: 'public',
    errors: UPSTREAM,
    run: async ({ query }, { deps }) =>
      (await import('../cities/compare.js')).compare(deps.wikipedia(), query.cities, query.lang),
  }),
  defineRoute({
    method: 'GET',
    path: '/distance',
    operationId: 'distance',
    summary: 'Great-circle distance and travel time between two cities',
    query: DistanceQuery,
    cache: 'public',
    errors: ['not_found', 'ambiguous', ...UPSTREAM],
    run: async ({ query }, { deps }) =>
      (await import('../cities/compare.js')).distance(deps.wikipedia(), query.from, query.to, query.mode, query.lang),
  }),
  defineRoute({
    method: 'POST',
    path: '/route',
    operationId: 'route',
    summary: 'The shortest visiting order of 2–50 cities',
    description: `Exact (Held–Karp) for 10 cities or fewer; above that, nearest neighbour improved by 2-opt. Distances are great-circle.`,
    body: RouteBody,
    cache: 'no-store',
    errors: UPSTREAM,
    run: async ({ body }, { deps }) =>
      (await import('../cities/logistics.js')).planRoute(
        deps.wikipedia(),
        body.cities,
        body.start,
        body.roundTrip,
        body.lang,
      ),
  }),
  defineRoute({
    method: 'POST',
    path: '/hubs',
    operationId: 'hubs',
    summary: 'Group 3–100 cities into regional hubs',
    description:
      'k-means on the sphere with k-means++ seeding (seeded from the input, so deterministic); a hub is the member closest to its group’s spherical mean. Without `k`, k in 2..min(8, n−1) with the best mean silhouette.',
    body: HubsBody,
    cache: 'no-store',
    errors: UPSTREAM,
    run: async ({ body }, { deps }) =>
      (await import('../cities/logistics.js')).planHubs(deps.wikipedia(), body.cities, body.k, body.lang),
  }),
  defineRoute({
    method: 'POST',
    path: '/analyze',
    operationId: 'analyze',
    summary: 'Statistics, keywords, sentiment and a summary of a text',
    body: AnalyzeBody,
    cache: 'no-store',
    errors: ['payload_too_large', 'unsupported_media_type'],
    run: async ({ body }) => {
      const length = [...body.text].length;
      if (length > MAX_ANALYZE_CHARS) {
        throw new PayloadTooLargeError(`text is ${length} characters; the limit is ${MAX_ANALYZE_CHARS}`);
      }
      return (await import('../analyze/analyze.js')).analyze(body.text, body.lang, body.keywords, body.sentences);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/parse',
    operationId: 'parse',
    summary: 'Metadata, structure, readable text and analysis of a web page',
    description:
      'With `url`, the page is fetched: http(s) on ports 80 and 443, public addresses only (checked after DNS), at most 3 redirects, 2 MiB, 8 s, HTML only. With `html`, the given document is parsed.',
    body: ParseBody,
    cache: 'no-store',
    errors: ['blocked_url', 'upstream_error', 'upstream_timeout'],
    run: async ({ body }, { deps, request }) => {
      const parse = await import('../parse/parse.js');
      if (body.html !== undefined) return parse.parseGivenHtml(body.html, body.baseUrl ?? null, request.signal);
      return parse.parseUrl(body.url as string, deps.pageFetch, request.signal);
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
