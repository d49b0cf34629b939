import type { Attributes, SpanRecord } from './context.js';
import type { Metrics } from './metrics.js';

/**
 * OTLP/HTTP JSON bodies (opentelemetry-proto's JSON mapping: ids in hex, 64-bit
 * integers as strings, enums as numbers) for `/v1/traces` and `/v1/metrics`.
 */

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export interface KeyValue {
  key: string;
  value: AnyValue;
}

const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
/** Cumulative: every export carries the totals since the instance started. */
const CUMULATIVE = 2;

function anyValue(v: string | number | boolean): AnyValue {
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

export function keyValues(attributes: Attributes): KeyValue[] {
  return Object.entries(attributes).map(([key, v]) => ({ key, value: anyValue(v) }));
}

/** Epoch milliseconds (fractional) as a decimal string of nanoseconds. */
export function nanos(ms: number): string {
  const whole = Math.floor(ms);
  return (BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6))).toString();
}

export interface Scope {
  resource: KeyValue[];
  version: string;
}

export function tracesBody(spans: readonly (SpanRecord & { traceId: string })[], scope: Scope): unknown {
  return {
    resourceSpans: [
      {
        resource: { attributes: scope.resource },
        scopeSpans: [
          {
            scope: { name: 'cityscope', version: scope.version },
            spans: spans.map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: SPAN_KIND[s.kind],
              startTimeUnixNano: nanos(s.start),
              endTimeUnixNano: nanos(s.end),
              attributes: keyValues(s.attributes),
              status: { code: s.error ? 2 : 0 },
            })),
          },
        ],
      },
    ],
  };
}

const described = (i: { name: string; unit: string; description: string }) => ({
  name: i.name,
  unit: i.unit,
  description: i.description,
});

/** Every instrument's cumulative points (histograms, sums) and the gauges' current values. */
export function metricsBody(metrics: Metrics, scope: Scope, now = Date.now()): unknown {
  const start = nanos(metrics.start);
  const time = nanos(now);
  const out: unknown[] = [];
  for (const h of metrics.histograms) {
    if (h.points.size === 0) continue;
    out.push({
      ...described(h),
      histogram: {
        aggregationTemporality: CUMULATIVE,
        dataPoints: [...h.points.values()].map((p) => ({
          attributes: keyValues(p.attributes),
          startTimeUnixNano: start,
          timeUnixNano: time,
          count: String(p.count),
          sum: p.sum,
          min: p.min,
          max: p.max,
          bucketCounts: p.buckets.map(String),
          explicitBounds: [...h.bounds],
        })),
      },
    });
  }
  for (const c of metrics.counters) {
    if (c.points.size === 0) continue;
    out.push({
      ...described(c),
      sum: {
        aggregationTemporality: CUMULATIVE,
        isMonotonic: true,
        dataPoints: [...c.points.values()].map((p) => ({
          attributes: keyValues(p.attributes),
          startTimeUnixNano: start,
          timeUnixNano: time,
          asInt: String(p.value),
        })),
      },
    });
  }
  for (const g of metrics.gauges) {
    const v = g.read();
    if (v === undefined) continue;
    out.push({
      ...described(g),
      gauge: { dataPoints: [{ timeUnixNano: time, asDouble: v }] },
    });
  }
  return {
    resourceMetrics: [
      {
        resource: { attributes: scope.resource },
        scopeMetrics: [{ scope: { name: 'cityscope', version: scope.version }, metrics: out }],
      },
    ],
  };
}
