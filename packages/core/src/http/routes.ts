import { PayloadTooLargeError, type ProblemCode } from '../errors.js';
import { EXACT_LIMIT, MAX_AUTO_K } from '../geo/limits.js';
import { codePoints } from '../nlp/code-points.js';
import { PAGE_FETCH_LIMITS } from '../parse/limits.js';
import { lazySchema } from './lazy-schema.js';
import { MAX_ANALYZE_CHARS, NAME_LIMITS } from './limits.js';
import { pathSegments } from './request.js';
import { type AnyRoute, defineRoute, findRoute, type RouteMatch } from './route.js';

// the request schemas, built on a request's first use (see lazy-schema.ts)
const AnalyzeBody = lazySchema('AnalyzeBody');
const CityParams = lazySchema('CityParams');
const CityQuery = lazySchema('CityQuery');
const CompareQuery = lazySchema('CompareQuery');
const DistanceQuery = lazySchema('DistanceQuery');
const HubsBody = lazySchema('HubsBody');
const ParseBody = lazySchema('ParseBody');
const RouteBody = lazySchema('RouteBody');

/** What any route that asks Wikipedia can answer with when Wikipedia fails. */
const UPSTREAM: ProblemCode[] = ['upstream_error', 'upstream_unavailable', 'upstream_timeout'];

/** The maps (their code and the world outline), loaded only when a request asks for a picture. */
const maps = { route: () => import('../maps/route-map.js'), hubs: () => import('../maps/hubs-map.js') };

/** The answers' schemas, loaded only by /openapi.json and by the conformance suite. */
const responses = () => import('./responses.js');

const range = ([min, max]: readonly [number, number]) => `${min}–${max}`;
const MiB = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
const { maxRedirects, maxBytes, timeoutMs } = PAGE_FETCH_LIMITS;

/**
 * Costs against RATE_LIMIT: one single-city lookup is 1 unit; a text is 1 unit per started
 * 10,000 characters (`textCost`); a fetched page is worth a few lookups.
 */
const COST = { textChars: 10_000, fetchedPage: 5 } as const;
const textCost = (text: string) => Math.max(1, Math.ceil(text.length / COST.textChars));

/** OpenAPI tags, one per group of routes. */
const TAGS = {
  cities: { name: 'cities', description: 'Facts about cities from Wikipedia' },
  logistics: { name: 'logistics', description: 'Distances, routes and regional hubs between cities' },
  text: { name: 'text', description: 'Text analysis and web page parsing' },
  service: { name: 'service', description: 'Health and this API’s own description' },
} as const;

/** The naming rule of the answers about several cities. */
const NAMING_RULE =
  'Cities are named by their resolved Wikipedia titles; `requested` maps a title to the name as typed where they differ, and `unresolved` keeps the names as typed.';

/**
 * Every route of docs/api.md that this build serves, with its input schemas and the
 * schema of its answer. Each route's code is imported on its first request, so a cold
 * /health never loads the NLP.
 */
export const routes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'health',
    tag: TAGS.service,
    summary: 'Liveness, version and platform',
    response: async () => (await responses()).HealthResponse,
    cache: 'no-store',
    errors: [],
    open: true,
    cost: 0,
    run: async (_input, { deps }) => ({
      status: 'ok' as const,
      service: 'cityscope' as const,
      version: deps.version,
      platform: deps.platform,
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/cities/{name+}',
    operationId: 'getCity',
    tag: TAGS.cities,
    summary: 'Facts, summary, keywords and sentiment of one city from Wikipedia',
    params: CityParams,
    query: CityQuery,
    response: async () => (await responses()).CityResponse,
    cache: 'public',
    errors: ['not_found', 'ambiguous', ...UPSTREAM],
    cost: 1,
    run: async ({ params, query }, { deps }) =>
      (await import('../cities/cached.js')).cityByName(deps.wikipedia(), params.name, query.lang, query.sentences),
  }),
  defineRoute({
    method: 'GET',
    path: '/compare',
    operationId: 'compareCities',
    tag: TAGS.cities,
    summary: `${range(NAME_LIMITS.compare)} cities side by side, with the great-circle distances between them`,
    description:
      'Names are comma-separated, or the `cities` parameter is repeated once per name (for names with a comma). A name that fails carries its own error.',
    query: CompareQuery,
    response: async () => (await responses()).CompareResponse,
    cache: 'public',
    errors: UPSTREAM,
    cost: ({ query }) => query.cities.length,
    run: async ({ query }, { deps }) =>
      (await import('../cities/compare.js')).compare(deps.wikipedia(), query.cities, query.lang),
  }),
  defineRoute({
    method: 'GET',
    path: '/distance',
    operationId: 'distance',
    tag: TAGS.logistics,
    summary: 'Great-circle distance and travel time between two cities',
    query: DistanceQuery,
    response: async () => (await responses()).DistanceResponse,
    cache: 'public',
    errors: ['not_found', 'ambiguous', ...UPSTREAM],
    cost: 2,
    run: async ({ query }, { deps }) =>
      (await import('../cities/compare.js')).distance(deps.wikipedia(), query.from, query.to, query.mode, query.lang),
  }),
  defineRoute({
    method: 'POST',
    path: '/route',
    operationId: 'route',
    tag: TAGS.logistics,
    summary: `The shortest visiting order of ${range(NAME_LIMITS.route)} cities`,
    description: `Exact (Held–Karp) for ${EXACT_LIMIT} cities or fewer; above that, a deterministic heuristic: nearest-neighbour, greedy-edge and space-filling-curve starts, 2-opt and Or-opt, then an iterated local search (\`algorithm\` and \`search\` say how). Distances are great-circle. ${NAMING_RULE}`,
    body: RouteBody,
    response: async () => (await responses()).RouteResponse,
    cache: 'no-store',
    errors: UPSTREAM,
    cost: ({ body }) => body.cities.length,
    run: async ({ body }, { deps }) =>
      (await import('../cities/logistics.js')).planRoute(
        deps.wikipedia(),
        body.cities,
        body.start,
        body.roundTrip,
        body.lang,
      ),
    renders: {
      'image/svg+xml': async ({ body }, { deps }) => {
        const [logistics, { routeMap }] = await Promise.all([import('../cities/logistics.js'), maps.route()]);
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
  }),
  defineRoute({
    method: 'POST',
    path: '/hubs',
    operationId: 'hubs',
    tag: TAGS.logistics,
    summary: `Group ${range(NAME_LIMITS.hubs)} cities into regional hubs`,
    description: `k-means on the sphere with k-means++ seeding (seeded from the input, so deterministic); a hub is the member closest to its group’s spherical mean. Without \`k\`, k in 2..min(${MAX_AUTO_K}, n−1) with the best mean silhouette, leaving a city alone in a hub only when it lies far from all the others (an island). ${NAMING_RULE}`,
    body: HubsBody,
    response: async () => (await responses()).HubsResponse,
    cache: 'no-store',
    errors: UPSTREAM,
    cost: ({ body }) => body.cities.length,
    run: async ({ body }, { deps }) =>
      (await import('../cities/logistics.js')).planHubs(deps.wikipedia(), body.cities, body.k, body.lang),
    renders: {
      'image/svg+xml': async ({ body }, { deps }) => {
        const [logistics, { hubsMap }] = await Promise.all([import('../cities/logistics.js'), maps.hubs()]);
        const { answer, places } = await logistics.placedHubs(deps.wikipedia(), body.cities, body.k, body.lang);
        return hubsMap(answer, places);
      },
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/analyze',
    operationId: 'analyze',
    tag: TAGS.text,
    summary: 'Statistics, keywords, sentiment and a summary of a text',
    // grouped by hand: toLocaleString would load ICU's number formatting at import (a few ms of a cold start)
    description: `Text of 1–${String(MAX_ANALYZE_CHARS).replace(/\B(?=(\d{3})+$)/g, ',')} characters; longer is 413.`,
    body: AnalyzeBody,
    response: async () => (await responses()).AnalyzeResponse,
    cache: 'no-store',
    errors: ['payload_too_large', 'unsupported_media_type'],
    cost: ({ body }) => textCost(body.text),
    run: async ({ body }) => {
      // counted in place, and only as far as the limit
      if (codePoints(body.text, MAX_ANALYZE_CHARS) > MAX_ANALYZE_CHARS) {
        throw new PayloadTooLargeError(`text is over ${MAX_ANALYZE_CHARS} characters, the limit`);
      }
      return (await import('../analyze/analyze.js')).analyze(body.text, body.lang, body.keywords, body.sentences);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/parse',
    operationId: 'parse',
    tag: TAGS.text,
    summary: 'Metadata, structure, readable text and analysis of a web page',
    description: `With \`url\`, the page is fetched: http(s) on ports 80 and 443, public addresses only (checked after DNS), at most ${maxRedirects} redirects, ${MiB(maxBytes)}, ${timeoutMs / 1000} s, HTML only. With \`html\`, the given document is parsed.`,
    body: ParseBody,
    response: async () => (await responses()).ParseResponse,
    cache: 'no-store',
    errors: ['blocked_url', 'host_not_found', 'upstream_error', 'upstream_timeout'],
    // a fetched page costs its fetch as well as its text
    cost: ({ body }) => (body.html !== undefined ? textCost(body.html) : COST.fetchedPage),
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
    tag: TAGS.service,
    summary: 'This OpenAPI 3.1 document',
    response: async () => (await responses()).OpenApiResponse,
    cache: 'public',
    errors: [],
    open: true,
    cost: 0,
    run: async (_input, { deps }) => (await import('./openapi.js')).openApiDocument(routes, deps.version),
  }),
  defineRoute({
    method: 'GET',
    path: '/docs',
    operationId: 'docs',
    tag: TAGS.service,
    summary: 'This API’s interactive reference (Swagger UI over /openapi.json)',
    description:
      'An HTML page; the browser loads Swagger UI from a CDN at a pinned version, checked by Subresource Integrity.',
    produces: 'text/html',
    response: async () => (await responses()).DocsResponse,
    cache: 'public',
    errors: [],
    open: true,
    cost: 0,
    page: async () => (await import('./docs-page.js')).DOCS_SOURCES,
    run: async () => (await import('./docs-page.js')).DOCS_PAGE,
  }),
  defineRoute({
    method: 'GET',
    path: '/',
    operationId: 'explorer',
    tag: TAGS.service,
    summary: 'The explorer: a page to look up and compare cities, draw routes and hubs, and analyse text',
    description:
      'An HTML page over this API; its script and style sheet are the /assets routes, and nothing is loaded from another origin. The query string opens a view: `?city=Dublin`, `?compare=A,B`, `?route=A,B,C` (`&round=1`), `?hubs=A,B,C` (`&k=2`), `?parse=URL`.',
    produces: 'text/html',
    response: async () => (await responses()).DocsResponse,
    cache: 'page',
    errors: [],
    open: true,
    cost: 0,
    run: async () => (await import('../explorer/page.js')).EXPLORER_PAGE,
  }),
  assetRoute('explorer.js', 'text/javascript', 'explorerScript'),
  assetRoute('explorer.css', 'text/css', 'explorerStyles'),
];

/** One of the explorer's assets: versioned by its URL's `v` (a content hash), so cached for a year. */
function assetRoute(name: 'explorer.js' | 'explorer.css', type: 'text/javascript' | 'text/css', operationId: string) {
  return defineRoute({
    method: 'GET',
    path: `/assets/${name}`,
    operationId,
    tag: TAGS.service,
    summary: `The explorer's ${type === 'text/css' ? 'style sheet' : 'script'}`,
    description: 'Linked from `/` with `?v=` and its content hash, so a new version has a new URL.',
    produces: type,
    response: async () => (await responses()).AssetResponse,
    cache: 'immutable',
    errors: [],
    open: true,
    cost: 0,
    run: async () => (await import('../explorer/assets.generated.js')).ASSETS[name].body,
  });
}

/** The route a request with this method and (still encoded) path reaches, as the handler finds it. */
export function routeOf(method: string, pathname: string): RouteMatch {
  return findRoute(routes, method.toUpperCase(), pathSegments(pathname));
}
