import { cacheOptions } from '../cache/create.js';
import { type Config, loadConfig, type Platform } from '../config.js';
import { asCityscopeError, MethodNotAllowedError, NotFoundError, ValidationError } from '../errors.js';
import { wikidataStep } from '../facts/wikidata-step.js';
import { createLogger, type Logger, type LogSink, sinkLogger } from '../log.js';
import type { FetchPageOptions } from '../parse/fetch-page.js';
import { plainResponse } from '../platform/plain-response.js';
import type { FetchLike } from '../util/upstream.js';
import { VERSION } from '../version.js';
import { WikipediaClient } from '../wikipedia/client.js';
import { withSchemas } from './lazy-schema.js';
import { toProblem } from './problem.js';
import { listParams, parseQuery } from './query.js';
import { encodeSegment, pathSegments, readJsonBody, requestIdOf } from './request.js';
import { type AnyRoute, type Deps, findRoute } from './route.js';
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

/** Content types of the answers. */
export const CONTENT_TYPE = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  problem: 'application/problem+json; charset=utf-8',
} as const;

/** Cache-Control of the answers: `public` routes' GET answers, and everything else. */
export const CACHE_CONTROL = { public: 'public, max-age=3600', none: 'no-store' } as const;

/** CORS: what browsers may read and send, and how long a preflight answer holds. */
export const CORS = {
  exposeHeaders: 'x-request-id, retry-after, allow',
  allowHeaders: 'content-type, x-request-id',
  maxAgeSeconds: 86_400,
} as const;

/** One request's facts, fixed when it arrives. */
interface Incoming {
  started: number;
  request: Request;
  url: URL;
  method: string;
  requestId: string;
  /** The path as the problem's `instance` and the access log show it (canonically encoded once decoded). */
  instance: string;
}

/** An answer before it becomes a Response. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Step: checks one part of the input against its schema; every failure is listed in one 400. */
function validate(schema: AnyRoute['query'], value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || where, message: i.message })),
  );
}

/** Step: the CORS headers of every answer, from the CORS_ORIGINS setting. */
function corsHeaders(config: Config, request: Request): Record<string, string> {
  const exposed = { 'access-control-expose-headers': CORS.exposeHeaders };
  if (config.corsOrigins.includes('*')) return { 'access-control-allow-origin': '*', ...exposed };
  const origin = request.headers.get('origin');
  const h: Record<string, string> = { vary: 'Origin' };
  if (origin && config.corsOrigins.includes(origin)) h['access-control-allow-origin'] = origin;
  return { ...h, ...exposed };
}

/** Step: a CORS preflight (OPTIONS) on a known path: 204 with the methods it allows. */
function preflight(allow: string[]): Answer {
  const methods = [...allow, 'OPTIONS'].join(', ');
  return {
    status: 204,
    headers: {
      allow: methods,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': CORS.allowHeaders,
      'access-control-max-age': String(CORS.maxAgeSeconds),
      'cache-control': CACHE_CONTROL.none,
    },
    body: null,
  };
}

/** Step: the route's validated input (path parameters, query, JSON body). */
async function readInput(spec: AnyRoute, params: Record<string, string>, ex: Incoming) {
  const route = spec.params || spec.query || spec.body ? await withSchemas(spec) : spec;
  return {
    params: validate(route.params, params, 'path'),
    query: validate(route.query, parseQuery(ex.url.search, listParams(route.query)), 'query'),
    body: route.body ? validate(route.body, await readJsonBody(ex.request), 'body') : undefined,
  };
}

/** Step: a route's result as its 200 answer. */
function success(route: AnyRoute, ex: Incoming, result: unknown): Answer {
  const html = route.produces === 'text/html';
  return {
    status: 200,
    headers: {
      'content-type': html ? CONTENT_TYPE.html : CONTENT_TYPE.json,
      'cache-control': route.cache === 'public' && ex.method !== 'POST' ? CACHE_CONTROL.public : CACHE_CONTROL.none,
    },
    body: ex.method === 'HEAD' ? null : html ? String(result) : JSON.stringify(result),
  };
}

/**
 * Step: anything thrown as a problem+json answer. A 500 is logged with its stack; an
 * upstream 502/503/504 is a warning without one; a client that went away (mid-upload,
 * or before the answer) is no fault at all: logged as aborted, status 499.
 */
function failure(err: unknown, ex: Incoming, logger: Logger): Answer {
  const problem = asCityscopeError(err);
  let status = problem.status;
  if (ex.request.signal?.aborted) {
    status = 499;
    logger.info('request aborted', { requestId: ex.requestId, method: ex.method, path: ex.instance });
  } else if (status > 500) {
    logger.warn('upstream failed', { requestId: ex.requestId, code: problem.code, detail: problem.message });
  } else if (status === 500) {
    logger.error('request failed', {
      requestId: ex.requestId,
      code: problem.code,
      error:
        err instanceof Error
          ? { name: err.name, message: err.message, stack: err.stack, cause: String(err.cause ?? '') }
          : String(err),
    });
  }
  const { body, headers } = toProblem(problem, ex.instance, ex.requestId);
  return {
    status,
    headers: { ...headers, 'content-type': CONTENT_TYPE.problem, 'cache-control': CACHE_CONTROL.none },
    body: ex.method === 'HEAD' ? null : JSON.stringify(body),
  };
}

/** Step: one access-log line per request. */
function accessLog(logger: Logger, ex: Incoming, status: number, platform: Platform): void {
  logger.info('request', {
    requestId: ex.requestId,
    method: ex.method,
    path: ex.instance,
    status,
    ms: Math.round((performance.now() - ex.started) * 10) / 10,
    platform,
  });
}

/** Routes one request: the path, then the method, then the input, then the route's code. */
async function dispatch(ex: Incoming, deps: Deps): Promise<Answer> {
  const segments = pathSegments(ex.url.pathname);
  ex.instance = `/${segments.map(encodeSegment).join('/')}`;
  const found = findRoute(routes, ex.method, segments);
  if (found.allow.length === 0) throw new NotFoundError(`No route ${ex.method} ${ex.instance}`);
  if (ex.method === 'OPTIONS') return preflight(found.allow);
  if (!found.route) throw new MethodNotAllowedError(found.allow, ex.method);
  const input = await readInput(found.route, found.params, ex);
  const result = await found.route.run(input as never, { deps, requestId: ex.requestId, request: ex.request });
  return success(found.route, ex, result);
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
        ...(config.wikidataBaseUrl
          ? {
              afterLookup: wikidataStep({
                baseUrl: config.wikidataBaseUrl,
                timeoutMs: config.wikipediaTimeoutMs,
                userAgent: config.userAgent,
                ...(options.fetch ? { fetch: options.fetch } : {}),
              }),
            }
          : {}),
        ...cacheOptions(config, logger),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return client;
    },
  };

  return async function handle(request: Request, meta?: RequestMeta): Promise<Response> {
    const log = meta?.log ? sinkLogger(config.logLevel, meta.log) : logger;
    const url = new URL(request.url);
    const ex: Incoming = {
      started: performance.now(),
      request,
      url,
      method: request.method.toUpperCase(),
      requestId: requestIdOf(request, meta?.requestId),
      instance: url.pathname,
    };
    let answer: Answer;
    try {
      answer = await dispatch(ex, deps);
    } catch (err) {
      answer = failure(err, ex, log);
    }
    accessLog(log, ex, answer.status, deps.platform);
    const headers = { 'x-request-id': ex.requestId, ...corsHeaders(config, request), ...answer.headers };
    return plainResponse(answer.body, answer.status, headers);
  };
}
