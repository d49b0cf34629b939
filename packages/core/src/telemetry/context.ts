import { AsyncLocalStorage } from 'node:async_hooks';
import { newTraceId, type ParentTrace, randomId, traceparent } from './trace-context.js';

/**
 * One request's telemetry: its trace and server span, the time it waited on upstream
 * services, what the cache did for it, and (when an exporter is loaded) its spans.
 * The Wikipedia client and the cache, shared by every request of an instance, reach the
 * right one through `currentRequest` without a parameter on every domain function
 * (docs/decisions.md, "Per-request telemetry without a parameter on every function").
 */

export type CacheState = 'hit' | 'miss' | 'stale';
export type Attributes = Record<string, string | number | boolean>;

export interface SpanRecord {
  name: string;
  kind: 'server' | 'client' | 'internal';
  spanId: string;
  parentSpanId: string | undefined;
  /** Epoch milliseconds, fractional. */
  start: number;
  end: number;
  attributes: Attributes;
  error: boolean;
}

/** Epoch milliseconds with the monotonic clock's precision. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export class RequestTelemetry {
  readonly traceId: string;
  readonly spanId = randomId(8);
  readonly parentSpanId: string | undefined;
  readonly traceState: string | undefined;
  readonly sampled: boolean;
  readonly start = epochMs();
  /** The spans of this request other than its server span; undefined when nothing records them. */
  readonly spans: SpanRecord[] | undefined;
  upstreamRequests = 0;
  /** Wall time with at least one upstream request in flight, ms. */
  upstreamMs = 0;
  cacheHits = 0;
  cacheMisses = 0;
  cacheStale = 0;
  #inFlight = 0;
  #since = 0;

  /**
   * `sample` decides whether the trace is recorded (the configured sampler); without
   * one, the caller's flag is passed on. `recording`: whether spans are collected at all.
   */
  constructor(
    parent: ParentTrace | undefined,
    recording: boolean,
    sample?: (parent: ParentTrace | undefined, traceId: string) => boolean,
  ) {
    this.traceId = parent?.traceId ?? newTraceId();
    this.parentSpanId = parent?.spanId;
    this.traceState = parent?.traceState;
    this.sampled = sample ? sample(parent, this.traceId) : (parent?.sampled ?? false);
    this.spans = recording ? [] : undefined;
  }

  upstreamStarted(): void {
    this.upstreamRequests++;
    if (this.#inFlight++ === 0) this.#since = performance.now();
  }

  upstreamEnded(): void {
    if (--this.#inFlight === 0) this.upstreamMs += performance.now() - this.#since;
  }

  /** What the cache did for the whole request: a miss anywhere is a miss, then stale, then hit. */
  get cache(): CacheState | undefined {
    if (this.cacheMisses) return 'miss';
    if (this.cacheStale) return 'stale';
    return this.cacheHits ? 'hit' : undefined;
  }

  /** The `Server-Timing` header: `total`, `upstream` and, when the cache was read, `cache`. */
  serverTiming(totalMs: number): string {
    const upstream = this.upstreamMs + (this.#inFlight ? performance.now() - this.#since : 0);
    const parts = [
      `total;dur=${totalMs.toFixed(1)}`,
      `upstream;dur=${upstream.toFixed(1)};desc="${this.upstreamRequests} requests"`,
    ];
    const cache = this.cache;
    if (cache) parts.push(`cache;desc=${cache}`);
    return parts.join(', ');
  }
}

/**
 * Which request is running. While at most one is in flight (every Lambda invocation, a quiet
 * server) it is simply `solo`: no AsyncLocalStorage, whose promise hooks cost a cold start about
 * 10 ms of CPU on Node 20. The first time two overlap, AsyncLocalStorage is switched on for good
 * and every later request runs inside it. The request already running keeps its context: work
 * that began before the switch has no store, and no store means `solo` until that request ends.
 */
let als: AsyncLocalStorage<RequestTelemetry> | undefined;
let solo: RequestTelemetry | undefined;
let inFlight = 0;

/** The request being served, if any. */
export const currentRequest = (): RequestTelemetry | undefined => als?.getStore() ?? solo;

/** Runs a request's work with its telemetry reachable through `currentRequest`. */
export async function runWithin<T>(t: RequestTelemetry, fn: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    if (inFlight === 1 && !als) {
      solo = t;
      return await fn();
    }
    als ??= new AsyncLocalStorage();
    return await als.run(t, fn);
  } finally {
    inFlight--;
    if (solo === t) solo = undefined;
  }
}

/** `n` cache reads of the current request. */
export function noteCache(state: CacheState, n = 1): void {
  const t = currentRequest();
  if (!t || n <= 0) return;
  if (state === 'hit') t.cacheHits += n;
  else if (state === 'miss') t.cacheMisses += n;
  else t.cacheStale += n;
}

export interface UpstreamCall {
  /** `traceparent` (and `tracestate`): the request's trace with this call's own span id. */
  headers: Record<string, string>;
  end(status: number | null): void;
}

/** Starts an upstream call of the current request (Wikipedia, Wikidata only: never a third-party page). */
export function upstreamCall(method: string, url: URL): UpstreamCall | undefined {
  const t = currentRequest();
  if (!t) return undefined;
  const spanId = randomId(8);
  const start = epochMs();
  t.upstreamStarted();
  const headers: Record<string, string> = { traceparent: traceparent(t.traceId, spanId, t.sampled) };
  if (t.traceState) headers.tracestate = t.traceState;
  let ended = false;
  return {
    headers,
    end(status) {
      if (ended) return;
      ended = true;
      t.upstreamEnded();
      const attributes: Attributes = { 'http.request.method': method, 'server.address': url.hostname };
      if (url.port) attributes['server.port'] = Number(url.port);
      if (status !== null) attributes['http.response.status_code'] = status;
      else attributes['error.type'] = 'network';
      t.spans?.push({
        name: method,
        kind: 'client',
        spanId,
        parentSpanId: t.spanId,
        start,
        end: epochMs(),
        attributes: { ...attributes, 'url.full': `${url.origin}${url.pathname}` },
        error: status === null || status >= 400,
      });
    },
  };
}

/** Runs `fn` as an internal span of the current request, when its spans are recorded. */
export async function inSpan<T>(name: string, fn: () => Promise<T> | T, attributes: Attributes = {}): Promise<T> {
  const t = currentRequest();
  if (!t?.spans) return fn();
  const start = epochMs();
  let error = false;
  try {
    return await fn();
  } catch (err) {
    error = true;
    throw err;
  } finally {
    t.spans.push({
      name,
      kind: 'internal',
      spanId: randomId(8),
      parentSpanId: t.spanId,
      start,
      end: epochMs(),
      attributes,
      error,
    });
  }
}
