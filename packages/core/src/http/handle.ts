import type { Gate } from '../access/gate.js';
import { lazyGate } from '../access/lazy.js';
import { parseUrlCheck, REFUSED_INPUT_COST } from '../access/settings.js';
import { loadConfig, type Platform } from '../config.js';
import { warnedLogger } from '../contact.js';
import { asCityscopeError, MethodNotAllowedError, NotFoundError, ValidationError } from '../errors.js';
import { createLogger, type Logger, type LogSink, sinkLogger } from '../log.js';
import type { FetchPageOptions } from '../parse/fetch-page.js';
import { plainResponse } from '../platform/plain-response.js';
import { type Attributes, type RequestTelemetry, runWithin } from '../telemetry/context.js';
import { type RequestSummary, routeTemplate, telemetryHook } from '../telemetry/hook.js';
import type { FetchLike } from '../util/upstream.js';
import { VERSION } from '../version.js';
import type { WikipediaClient } from '../wikipedia/client.js';
import { CACHE_CONTROL, CONTENT_TYPE, contentTypeOf, corsHeaders, preflight } from './answer-headers.js';
import { representationOf } from './negotiate.js';
import { toProblem } from './problem.js';
import { listParams, parseQuery } from './query.js';
import { encodeSegment, pathSegments, readJsonBody, requestIdOf } from './request.js';
import { type AnyRoute, costOf, type Deps, findRoute, type InputSchemas } from './route.js';
import { routes } from './routes/index.js';
import { isPage, NOSNIFF, pageHeaders } from './security.js';
import { wikipediaClientFor } from './wikipedia-deps.js';

export { CACHE_CONTROL, CONTENT_TYPE, CORS } from './answer-headers.js';

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
  /** The caller's address as the platform reports it (the rate limit's client when auth is off). */
  clientAddress?: string;
  /** What the platform knows of the invocation, for its server span (`faas.*`, `cloud.*`). */
  attributes?: Attributes;
  /** Called once the request is answered (the Lambda adapter writes CloudWatch EMF from it). */
  done?: (summary: RequestSummary) => void;
}

export type Handler = ((request: Request, meta?: RequestMeta) => Promise<Response>) & {
  /** Sends the telemetry waiting to be exported, within `deadlineMs` (Lambda, before an invocation returns). */
  flush?: (deadlineMs: number, final?: boolean) => Promise<void>;
  /** The metrics in Prometheus' text format when PROMETHEUS_METRICS is on, else undefined. */
  prometheus?: () => string | undefined;
};

/** One request's facts, fixed when it arrives. */
interface Incoming {
  started: number;
  request: Request;
  url: URL;
  method: string;
  requestId: string;
  /** The path as the problem's `instance` and the access log show it (canonically encoded once decoded). */
  instance: string;
  /** The caller's address, from the adapter. */
  address: string | undefined;
  /** Headers every answer to this request carries, whatever it is (RateLimit). */
  headers: Record<string, string>;
  /** The matched route's template (`/cities/{name}`), for telemetry. */
  route?: string;
  /** The problem code of an error answer, for telemetry. */
  code?: string;
}

/** An answer before it becomes a Response. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Step: checks one part of the input against its schema; every failure is listed in one 400. */
function validate(schema: InputSchemas['query'], value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || where, message: i.message })),
  );
}

/** Step: the route's validated input (path parameters, query, JSON body); its schemas are built on its first request. */
async function readInput(route: AnyRoute, params: Record<string, string>, ex: Incoming) {
  const schemas = (await route.input?.()) ?? {};
  return {
    params: validate(schemas.params, params, 'path'),
    query: validate(schemas.query, parseQuery(ex.url.search, listParams(schemas.query)), 'query'),
    body: schemas.body ? validate(schemas.body, await readJsonBody(ex.request), 'body') : undefined,
  };
}

/** Step: a route's result as its 200 answer, in its own media type or the one negotiated (`rendered`). */
async function success(route: AnyRoute, ex: Incoming, result: unknown, rendered: string | null): Promise<Answer> {
  const type = rendered ?? route.produces ?? 'application/json';
  const text = type !== 'application/json';
  return {
    status: 200,
    headers: {
      'content-type': contentTypeOf(type),
      ...pageHeaders(type, isPage(type) ? await route.page?.() : undefined),
      'cache-control':
        route.cache === 'no-store' || ex.method === 'POST' ? CACHE_CONTROL.none : CACHE_CONTROL[route.cache],
      ...(route.renders ? { vary: 'Accept' } : {}),
    },
    body: ex.method === 'HEAD' ? null : text ? String(result) : JSON.stringify(result),
  };
}

/**
 * Step: anything thrown as a problem+json answer. A 500 is logged with its stack; an
 * upstream 502/503/504 is a warning without one; a client that went away (mid-upload,
 * or before the answer) is no fault at all: logged as aborted, status 499.
 */
function failure(err: unknown, ex: Incoming, logger: Logger): Answer {
  const problem = asCityscopeError(err);
  ex.code = problem.code;
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
function accessLog(logger: Logger, ex: Incoming, status: number, platform: Platform, t: RequestTelemetry): void {
  logger.info('request', {
    requestId: ex.requestId,
    traceId: t.traceId,
    spanId: t.spanId,
    method: ex.method,
    path: ex.instance,
    status,
    ms: Math.round((performance.now() - ex.started) * 10) / 10,
    platform,
  });
}

/** Routes one request: the path, then the method, then the input, then the route's code. */
async function dispatch(ex: Incoming, deps: Deps, access: (() => Promise<Gate>) | null): Promise<Answer> {
  const segments = pathSegments(ex.url.pathname);
  ex.instance = `/${segments.map(encodeSegment).join('/')}`;
  const found = findRoute(routes, ex.method, segments);
  if (found.allow.length === 0) throw new NotFoundError(`No route ${ex.method} ${ex.instance}`);
  if (ex.method === 'OPTIONS') return preflight(found.allow);
  if (!found.route) throw new MethodNotAllowedError(found.allow, ex.method);
  ex.route = routeTemplate(found.route.path);
  // credentials (401) before the input is read; the cost, from the valid input, before the work (429)
  const gate = access && !found.route.open ? await access() : null;
  const client = gate ? await gate.identify(ex.request, ex.address) : '';
  const input = await readInput(found.route, found.params, ex).catch(async (err: unknown) => {
    // a refused input (400, 413, 415) was work too: it is counted, with the RateLimit fields (429 when over)
    if (gate) await gate.spend(client, REFUSED_INPUT_COST, ex.headers);
    throw err;
  });
  if (gate) await gate.spend(client, costOf(found.route, input), ex.headers);
  const ctx = { deps, requestId: ex.requestId, request: ex.request };
  const rendered = representationOf(found.route, ex.request);
  const render = rendered ? found.route.renders?.[rendered] : undefined;
  const result = render ? await render(input as never, ctx) : await found.route.run(input as never, ctx);
  return success(found.route, ex, result, render ? rendered : null);
}

/**
 * Builds the platform-free entry point. Everything a warm instance keeps (settings,
 * the Wikipedia client and its cache) is made once here.
 */
export function createHandler(options: HandlerOptions = {}): Handler {
  const config = loadConfig(options.env ?? process.env);
  const logger = warnedLogger(config.contact, options.logger ?? createLogger(config.logLevel));
  const telemetry = telemetryHook(config.telemetry, VERSION, logger, options.platform ?? 'node');
  let client: WikipediaClient | undefined;
  const deps: Deps = {
    platform: options.platform ?? 'node',
    version: VERSION,
    logger,
    pageFetch: { userAgent: config.userAgent, ...parseUrlCheck(config.access), ...options.pageFetch },
    routes,
    wikipedia: () => {
      client ??= wikipediaClientFor(config, logger, options.fetch);
      return client;
    },
  };

  const access = lazyGate(config, logger);

  const handle: Handler = async function handle(request: Request, meta?: RequestMeta): Promise<Response> {
    if (telemetry.loading) await telemetry.loading;
    const t = telemetry.begin(request);
    const log = meta?.log ? sinkLogger(config.logLevel, meta.log) : logger;
    const url = new URL(request.url);
    const ex: Incoming = {
      started: performance.now(),
      request,
      url,
      method: request.method.toUpperCase(),
      requestId: requestIdOf(request, meta?.requestId),
      instance: url.pathname,
      address: meta?.clientAddress,
      headers: {},
    };
    let answer: Answer;
    try {
      answer = await runWithin(t, () => dispatch(ex, deps, access));
    } catch (err) {
      answer = failure(err, ex, log);
    }
    answer.headers = { ...ex.headers, ...answer.headers };
    accessLog(log, ex, answer.status, deps.platform, t);
    const { serverTiming, summary } = telemetry.end(
      t,
      {
        ...ex,
        route: ex.route ?? null,
        status: answer.status,
        path: ex.instance,
        scheme: url.protocol.slice(0, -1),
        attributes: meta?.attributes,
      },
      ex.started,
    );
    meta?.done?.(summary);
    answer.headers['server-timing'] = serverTiming;
    const cors = corsHeaders(config, request);
    const headers: Record<string, string> = { 'x-request-id': ex.requestId, ...cors, ...NOSNIFF, ...answer.headers };
    // both may vary: by Origin (CORS) and by Accept (a negotiated answer)
    if (cors.vary && answer.headers.vary) headers.vary = `${cors.vary}, ${answer.headers.vary}`;
    return plainResponse(answer.body, answer.status, headers);
  };
  handle.flush = telemetry.flush;
  handle.prometheus = telemetry.prometheus;
  return handle;
}
