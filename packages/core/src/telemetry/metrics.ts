import type { Attributes } from './context.js';

/**
 * The instance's metric instruments, aggregated in memory (cumulative since start) and
 * read by the OTLP exporter and the Prometheus page alike. Names follow OpenTelemetry's
 * semantic conventions where one exists (`http.server.request.duration`, seconds).
 */

/** Seconds: the bucket bounds the HTTP semantic conventions recommend for durations. */
export const DURATION_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] as const;

export interface HistogramPoint {
  attributes: Attributes;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** One per bound, then the overflow bucket (values above the last bound). */
  buckets: number[];
}

export interface CounterPoint {
  attributes: Attributes;
  value: number;
}

interface Instrument {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** A distribution per set of attributes. */
export class Histogram implements Instrument {
  readonly points = new Map<string, HistogramPoint>();
  constructor(
    readonly name: string,
    readonly unit: string,
    readonly description: string,
    readonly bounds: readonly number[] = DURATION_BOUNDS,
  ) {}

  record(value: number, attributes: Attributes): void {
    const key = JSON.stringify(attributes);
    let p = this.points.get(key);
    if (!p) {
      p = { attributes, count: 0, sum: 0, min: value, max: value, buckets: new Array(this.bounds.length + 1).fill(0) };
      this.points.set(key, p);
    }
    p.count++;
    p.sum += value;
    if (value < p.min) p.min = value;
    if (value > p.max) p.max = value;
    let i = 0;
    while (i < this.bounds.length && value > (this.bounds[i] as number)) i++;
    (p.buckets[i] as number)++;
  }
}

/** A monotonic sum per set of attributes. */
export class Counter implements Instrument {
  readonly points = new Map<string, CounterPoint>();
  constructor(
    readonly name: string,
    readonly unit: string,
    readonly description: string,
  ) {}

  add(n: number, attributes: Attributes): void {
    const key = JSON.stringify(attributes);
    const p = this.points.get(key);
    if (p) p.value += n;
    else this.points.set(key, { attributes, value: n });
  }
}

/** A value read when exported. */
export interface Gauge extends Instrument {
  read(): number | undefined;
}

export class Metrics {
  /** Epoch ms the cumulative sums start from. */
  readonly start = Date.now();
  readonly serverDuration = new Histogram('http.server.request.duration', 's', 'Duration of HTTP server requests.');
  readonly clientDuration = new Histogram(
    'http.client.request.duration',
    's',
    'Duration of HTTP client requests (Wikipedia, Wikidata).',
  );
  readonly cacheLookups = new Counter(
    'cityscope.cache.lookups',
    '{lookup}',
    'Cache reads by result: hit, miss, stale.',
  );
  readonly rateLimited = new Counter(
    'cityscope.http.server.rate_limited',
    '{request}',
    'Requests refused with 429 rate_limited.',
  );
  readonly gauges: Gauge[] = [];

  get histograms(): Histogram[] {
    return [this.serverDuration, this.clientDuration];
  }

  get counters(): Counter[] {
    return [this.cacheLookups, this.rateLimited];
  }
}

/** The event-loop delay gauges (`nodejs.eventloop.delay.*`, seconds), from perf_hooks' histogram. */
export async function eventLoopGauges(): Promise<Gauge[]> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  const ns = (v: number) => (Number.isFinite(v) && h.count > 0 ? v / 1e9 : undefined);
  const gauge = (name: string, description: string, read: () => number | undefined): Gauge => ({
    name: `nodejs.eventloop.delay.${name}`,
    unit: 's',
    description,
    read,
  });
  return [
    gauge('p50', 'Event loop 50th percentile delay.', () => ns(h.percentile(50))),
    gauge('p99', 'Event loop 99th percentile delay.', () => ns(h.percentile(99))),
    gauge('max', 'Event loop maximum delay.', () => ns(h.max)),
    gauge('mean', 'Event loop mean delay.', () => ns(h.mean)),
  ];
}
