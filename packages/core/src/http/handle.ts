import { cacheOptions } from '../cache/create.js';
import { type Config, loadConfig, type Platform } from '../config.js';
import { MethodNotAllowedError, NotFoundError, ValidationError } from '../errors.js';
import { createLogger, type Logger, type LogSink, sinkLogger } from '../log.js';
import type { FetchPageOptions } from '../parse/fetch-page.js';
import { plainResponse } from '../plain-response.js';
import type { FetchLike } from '../util/upstream.js';
import { VERSION } from '../version.js';
import { WikipediaClient } from '../wikipedia/client.js';
import { asCityscopeError, toProblem } from './problem.js';
import { decodePath, encodeSegment, readJsonBody, requestIdOf } from './request.js';
import { type AnyRoute, type Deps, matchPath } from './route.js';
import { routes } from './routes.js';

export interface HandlerOptions {
  platform?: Platform;
  /** Settings; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Stands in for global fetch toward Wikipedia (tests). */
  fetch?: FetchLike;
  logger?: Logger;
  /**
   * /parse page fetching for tests: allow loopback addresses and other ports, stand in for DNS, shorten limits.
   * Production never sets these; no environment setting reaches them.
   */
  pageFetch?: Pick<FetchPageOptions, 'allowLoopback' | 'resolve' | 'ports' | 'timeoutMs' | 'maxBytes'>;
}

/** What an adapter knows about a request that the Request itself does not carry. */
export interface RequestMeta {
  /** The platform's id for the invocation (Lambda's awsRequestId, Azure's invocationId): the request id when the caller sent none. */
  requestId?: string;
  /** Where this request's log lines go, in the platform's format (LOG_LEVEL still applies); else the handler's logger. */
  log?: LogSink;
}

export type Handler = (request: Request, meta?: RequestMeta) => Promise<Response>;

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function validate(schema: AnyRoute['query'], value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || where, message: i.message })),
  );
}

/** Query parameters; a repeated one becomes an array (which a scalar parameter's schema refuses). */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function corsHeaders(config: Config, request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  if (config.corsOrigins.includes('*')) return { 'access-control-allow-origin': '*' };
  const h: Record<string, string> = { vary: 'Origin' };
  if (origin && config.corsOrigins.includes(origin)) h['access-control-allow-origin'] = origin;
  return h;
}

/**
 * Builds the platform-free entry point. Everything a warm instance keeps (settings,
 * the Wikipedia client and its cache) is made once here.
 */
export function createHandler(options: HandlerOptions = {}): Handler {
  const config = loadConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  let client: WikipediaClient | undefined;
  const deps: Deps = {
    platform: options.platform ?? 'node',
    version: VERSION,
    logger,
    pageFetch: { userAgent: config.userAgent, ...options.pageFetch },
    wikipedia: () => {
      client ??= new WikipediaClient({
        baseUrl: config.wikipediaBaseUrl,
        timeoutMs: config.wikipediaTimeoutMs,
        userAgent: config.userAgent,
        ...cacheOptions(config, logger),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return client;
    },
  };

  return async function handle(request: Request, meta?: RequestMeta): Promise<Response> {
    const started = performance.now();
    const log = meta?.log ? sinkLogger(config.logLevel, meta.log) : logger;
    const requestId = requestIdOf(request, meta?.requestId);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    let instance = url.pathname;
    let status = 500;
    const headers: Record<string, string> = { 'x-request-id': requestId, ...corsHeaders(config, request) };
    headers['access-control-expose-headers'] = 'x-request-id, retry-after, allow';
    let body: string | null = null;
    try {
      const segments = decodePath(url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname);
      instance = `/${segments.map(encodeSegment).join('/')}`;
      const matches = routes.flatMap((r) => {
        const params = matchPath(r.path, segments);
        return params ? [{ route: r, params }] : [];
      });
      if (matches.length === 0) throw new NotFoundError(`No route ${method} ${instance}`);
      const allow = [
        ...new Set(matches.flatMap(({ route }) => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]))),
      ];
      if (method === 'OPTIONS') {
        status = 204;
        Object.assign(headers, {
          allow: [...allow, 'OPTIONS'].join(', '),
          'access-control-allow-methods': [...allow, 'OPTIONS'].join(', '),
          'access-control-allow-headers': 'content-type, x-request-id',
          'access-control-max-age': '86400',
          'cache-control': 'no-store',
        });
        return plainResponse(null, status, headers);
      }
      const match = matches.find(
        ({ route }) => route.method === method || (method === 'HEAD' && route.method === 'GET'),
      );
      if (!match) throw new MethodNotAllowedError(allow, method);
      const { route, params } = match;
      const input = {
        params: validate(route.params, params, 'path'),
        query: validate(route.query, queryObject(url.searchParams), 'query'),
        body: route.body ? validate(route.body, await readJsonBody(request), 'body') : undefined,
      };
      const result = await route.run(input as never, { deps, requestId, request });
      status = 200;
      headers['content-type'] = JSON_TYPE;
      headers['cache-control'] = route.cache === 'public' && method !== 'POST' ? 'public, max-age=3600' : 'no-store';
      body = method === 'HEAD' ? null : JSON.stringify(result);
    } catch (err) {
      const problem = asCityscopeError(err);
      status = problem.status;
      if (request.signal?.aborted) {
        status = 499;
        log.info('request aborted', { requestId, method, path: instance });
      } else if (status > 500) {
        log.warn('upstream failed', { requestId, code: problem.code, detail: problem.message });
      } else if (status === 500) {
        log.error('request failed', {
          requestId,
          code: problem.code,
          error:
            err instanceof Error
              ? { name: err.name, message: err.message, stack: err.stack, cause: String(err.cause ?? '') }
              : String(err),
        });
      }
      const { body: pb, headers: extra } = toProblem(problem, instance, requestId);
      Object.assign(headers, extra, { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store' });
      body = method === 'HEAD' ? null : JSON.stringify(pb);
    } finally {
      log.info('request', {
        requestId,
        method,
        path: instance,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        platform: deps.platform,
      });
    }
    return plainResponse(body, status, headers);
  };
}
