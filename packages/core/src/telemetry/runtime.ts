import type { Platform } from '../config.js';
import type { Logger } from '../log.js';
import type { Attributes, RequestTelemetry, SpanRecord } from './context.js';
import { eventLoopGauges, Metrics } from './metrics.js';
import { keyValues, metricsBody, type Scope, tracesBody } from './otlp.js';
import { OtlpSender } from './otlp-sender.js';
import { prometheusText } from './prometheus.js';
import type { TelemetryConfig } from './settings.js';
import type { ParentTrace } from './trace-context.js';

/**
 * The telemetry runtime, imported only when a setting asks for it (an OTLP endpoint or
 * PROMETHEUS_METRICS): spans are queued and sent in batches every OTEL_BSP_SCHEDULE_DELAY,
 * metrics every OTEL_METRIC_EXPORT_INTERVAL, both from unref'd timers off the request
 * path; `flush` sends what is waiting (Lambda calls it before an invocation returns).
 */

/** What the handler knows of a request once it is answered. */
export interface Finished {
  /** The route template (`/cities/{name}`), or null when no route matched. */
  route: string | null;
  method: string;
  status: number;
  /** The problem code of an error answer. */
  code?: string | undefined;
  path: string;
  scheme: string;
  /** What the adapter knows (`faas.*`, `cloud.*`). */
  attributes?: Attributes | undefined;
}

type QueuedSpan = SpanRecord & { traceId: string };

const MAX_QUEUE = 2048;
const BATCH = 512;

export class TelemetryRuntime {
  readonly metrics = new Metrics();
  readonly #config: TelemetryConfig;
  readonly #scope: Scope;
  readonly #posting = new Set<Promise<void>>();
  readonly #traces: OtlpSender | undefined;
  readonly #metrics: OtlpSender | undefined;
  #queue: QueuedSpan[] = [];
  #lastMetrics = Date.now();

  constructor(config: TelemetryConfig, version: string, logger: Logger, platform: Platform) {
    this.#config = config;
    const resource: Attributes = {
      'telemetry.sdk.name': 'cityscope',
      'telemetry.sdk.language': 'nodejs',
      'service.version': version,
      ...(platform !== 'node' ? { 'cloud.provider': platform } : {}),
      ...config.resourceAttributes,
      'service.name': config.serviceName,
    };
    this.#scope = { resource: keyValues(resource), version };
    if (config.traces) {
      this.#traces = new OtlpSender(config.traces, 'traces', logger, platform, this.#posting);
      setInterval(() => this.#sendSpans(), config.spanDelayMs).unref();
    }
    if (config.metrics) {
      this.#metrics = new OtlpSender(config.metrics, 'metrics', logger, platform, this.#posting);
      setInterval(() => this.#sendMetrics(), config.metricIntervalMs).unref();
    }
  }

  /** The sampling decision for a new request (OTEL_TRACES_SAMPLER and its argument). */
  sampled(parent: ParentTrace | undefined, traceId: string): boolean {
    const { kind, parentBased, ratio } = this.#config.sampler;
    if (parentBased && parent?.sampled !== undefined) return parent.sampled;
    if (kind === 'always_on') return true;
    if (kind === 'always_off') return false;
    // traceidratio: the trace id's last 13 hex digits (52 random bits) as a fraction
    return Number.parseInt(traceId.slice(-13), 16) / 2 ** 52 < ratio;
  }

  /** Records a finished request: its metrics always, its spans when sampled. */
  finish(t: RequestTelemetry, f: Finished, end: number): void {
    const m = this.metrics;
    const attrs: Attributes = { 'http.request.method': f.method, 'http.response.status_code': f.status };
    if (f.route) attrs['http.route'] = f.route;
    m.serverDuration.record((end - t.start) / 1000, attrs);
    if (f.code === 'rate_limited') m.rateLimited.add(1, f.route ? { 'http.route': f.route } : {});
    if (t.cacheHits) m.cacheLookups.add(t.cacheHits, { 'cache.result': 'hit' });
    if (t.cacheMisses) m.cacheLookups.add(t.cacheMisses, { 'cache.result': 'miss' });
    if (t.cacheStale) m.cacheLookups.add(t.cacheStale, { 'cache.result': 'stale' });
    for (const s of t.spans ?? []) {
      if (s.kind !== 'client') continue;
      const a = s.attributes;
      const client: Attributes = { 'http.request.method': a['http.request.method'] ?? 'GET' };
      client['server.address'] = a['server.address'] ?? '';
      if (a['http.response.status_code'] !== undefined)
        client['http.response.status_code'] = a['http.response.status_code'];
      if (a['error.type'] !== undefined) client['error.type'] = a['error.type'];
      m.clientDuration.record((s.end - s.start) / 1000, client);
    }
    if (!t.sampled || !this.#traces) return;
    const server: QueuedSpan = {
      traceId: t.traceId,
      name: f.route ? `${f.method} ${f.route}` : f.method,
      kind: 'server',
      spanId: t.spanId,
      parentSpanId: t.parentSpanId,
      start: t.start,
      end,
      attributes: { ...attrs, 'url.path': f.path, 'url.scheme': f.scheme, ...f.attributes },
      error: f.status >= 500,
    };
    if (f.code) server.attributes['error.type'] = f.code;
    const spans = [server, ...(t.spans ?? []).map((s) => ({ ...s, traceId: t.traceId }))];
    if (this.#queue.length + spans.length > MAX_QUEUE) return; // the collector is not keeping up: drop
    this.#queue.push(...spans);
    if (this.#queue.length >= BATCH) this.#sendSpans();
  }

  /** Sends what is waiting (spans, and metrics when their interval is due or `metrics`), within `deadlineMs`. */
  async flush(deadlineMs: number, metrics = false): Promise<void> {
    this.#sendSpans();
    if (metrics || Date.now() - this.#lastMetrics >= this.#config.metricIntervalMs) this.#sendMetrics();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((r) => {
      timer = setTimeout(r, deadlineMs);
    });
    await Promise.race([Promise.allSettled([...this.#posting]), late]);
    clearTimeout(timer);
  }

  prometheus(): string {
    return prometheusText(this.metrics);
  }

  #sendSpans(): void {
    if (!this.#traces || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#traces.send(tracesBody(batch, this.#scope));
  }

  #sendMetrics(): void {
    if (!this.#metrics) return;
    this.#lastMetrics = Date.now();
    this.#metrics.send(metricsBody(this.metrics, this.#scope));
  }
}

export async function startTelemetry(
  config: TelemetryConfig,
  version: string,
  logger: Logger,
  platform: Platform,
): Promise<TelemetryRuntime> {
  const runtime = new TelemetryRuntime(config, version, logger, platform);
  runtime.metrics.gauges.push(...(await eventLoopGauges()));
  return runtime;
}
