import { type FakeWikipedia, type OtlpReceiver, startFakeWikipedia, startOtlpReceiver } from '@cityscope/testing';
import { decodeOtlpProtobuf } from '@cityscope/testing/otlp-decode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';
import { Metrics } from '../src/telemetry/metrics.js';
import { keyValues, metricsBody, tracesBody } from '../src/telemetry/otlp.js';
import { METRICS, protobufBody, TRACES } from '../src/telemetry/otlp-proto.js';
import { loadTelemetryConfig } from '../src/telemetry/settings.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

let fake: FakeWikipedia;
let receiver: OtlpReceiver;
let jsonOnly: OtlpReceiver;
beforeAll(async () => {
  [fake, receiver, jsonOnly] = await Promise.all([
    startFakeWikipedia(),
    startOtlpReceiver(),
    startOtlpReceiver({ refuseProtobuf: 415 }),
  ]);
});
afterAll(async () => {
  await Promise.all([fake.close(), receiver.close(), jsonOnly.close()]);
});

function handlerWith(env: Record<string, string>, warnings: string[] = []) {
  const logger = { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) };
  return createHandler({
    env: {
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      WIKIDATA_BASE_URL: fake.wikidataUrl,
      LOG_LEVEL: 'silent',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_METRIC_EXPORT_INTERVAL: '100',
      ...env,
    },
    logger,
  });
}

const traced = (trace: string) => ({ traceparent: `00-${trace}-${PARENT}-01` });
const spansOf = (r: OtlpReceiver, trace: string) => r.spans().filter((s) => s.traceId === trace);
const protocolsOf = (r: OtlpReceiver, path: string) =>
  new Set(r.posts.filter((p) => p.path === path).map((p) => p.protocol));

describe('OTLP protobuf encoding', () => {
  it('writes known bytes for a key-value and a span id', () => {
    // KeyValue{key:"a", value:{string_value:"b"}} inside ExportTraceServiceRequest.resource_spans.resource.attributes
    const body = { resourceSpans: [{ resource: { attributes: keyValues({ a: 'b' }) } }] };
    const bytes = [...protobufBody(body, TRACES)];
    expect(bytes).toEqual([0x0a, 0x0c, 0x0a, 0x0a, 0x0a, 0x08, 0x0a, 0x01, 0x61, 0x12, 0x03, 0x0a, 0x01, 0x62]);
    const span = { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: '0102030405060708', kind: 2 }] }] }] };
    expect([...protobufBody(span, TRACES)]).toEqual([
      0x0a, 0x10, 0x12, 0x0e, 0x12, 0x0c, 0x12, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x30, 0x02,
    ]);
  });

  it('a traces and a metrics body read back through protobufjs as the JSON mapping', () => {
    const scope = { resource: keyValues({ 'service.name': 'x', n: 3, f: 0.5, ok: true }), version: '1.2.3' };
    const spans = [
      {
        traceId: TRACE,
        spanId: PARENT,
        parentSpanId: '00f067aa0ba902b7',
        name: 'GET /cities/{name}',
        kind: 'server' as const,
        start: 1_700_000_000_123.25,
        end: 1_700_000_000_456.5,
        attributes: { 'http.route': '/cities/{name}', 'http.response.status_code': 200, big: -5 },
        error: true,
      },
    ];
    const traces = tracesBody(spans, scope);
    expect(decodeOtlpProtobuf('/v1/traces', protobufBody(traces, TRACES))).toEqual(traces);

    const m = new Metrics();
    m.serverDuration.record(0.012, { 'http.route': '/health', 'http.response.status_code': 200 });
    m.serverDuration.record(3, { 'http.route': '/health', 'http.response.status_code': 200 });
    m.cacheLookups.add(4, { 'cache.result': 'hit' });
    m.gauges.push({ name: 'g', unit: 's', description: 'd', read: () => 0.25 });
    const metrics = metricsBody(m, scope, m.start + 1000);
    expect(decodeOtlpProtobuf('/v1/metrics', protobufBody(metrics, METRICS))).toEqual(metrics);
  });
});

describe('OTEL_EXPORTER_OTLP_PROTOCOL', () => {
  it('reads the protocol per signal: http/protobuf by default, gRPC refused', () => {
    const base = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    const d = loadTelemetryConfig(base);
    expect(d.traces).toMatchObject({ protocol: 'http/protobuf', protocolDefaulted: true });
    const mixed = loadTelemetryConfig({
      ...base,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
    });
    expect(mixed.traces).toMatchObject({ protocol: 'http/json', protocolDefaulted: false });
    expect(mixed.metrics).toMatchObject({ protocol: 'http/protobuf', protocolDefaulted: false });
    expect(() => loadTelemetryConfig({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf or http\/json/,
    );
  });

  it('unset: spans and metrics go as application/x-protobuf', async () => {
    const trace = '1'.repeat(32);
    const h = handlerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    expect((await h(new Request('http://localhost/cities/Ottawa', { headers: traced(trace) }))).status).toBe(200);
    await receiver.until(
      () =>
        spansOf(receiver, trace).some((s) => s.kind === 2) &&
        receiver.metricNames().has('http.server.request.duration'),
    );
    expect(spansOf(receiver, trace).find((s) => s.kind === 2)?.name).toBe('GET /cities/{name}');
    expect(protocolsOf(receiver, '/v1/traces')).toEqual(new Set(['http/protobuf']));
    expect(protocolsOf(receiver, '/v1/metrics')).toEqual(new Set(['http/protobuf']));
    const post = receiver.posts.find((p) => p.path === '/v1/traces');
    expect(post?.headers['content-type']).toBe('application/x-protobuf');
  }, 30_000);

  it('per signal: http/json for traces only sends spans as JSON and metrics as protobuf', async () => {
    const own = await startOtlpReceiver();
    try {
      const trace = '2'.repeat(32);
      const h = handlerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: own.url, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
      await h(new Request('http://localhost/health', { headers: traced(trace) }));
      await h.flush?.(2000, true);
      await own.until(() => spansOf(own, trace).length === 1 && own.metricNames().size > 0);
      expect(protocolsOf(own, '/v1/traces')).toEqual(new Set(['http/json']));
      expect(protocolsOf(own, '/v1/metrics')).toEqual(new Set(['http/protobuf']));
    } finally {
      await own.close();
    }
  });

  it('set to http/protobuf by name: an endpoint that refuses it gets no JSON', async () => {
    const warnings: string[] = [];
    const h = handlerWith(
      { OTEL_EXPORTER_OTLP_ENDPOINT: jsonOnly.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' },
      warnings,
    );
    await h(new Request('http://localhost/health', { headers: traced('4'.repeat(32)) }));
    await h.flush?.(2000, true);
    expect(warnings).toContain('telemetry export failed');
    expect(warnings.some((w) => w.includes('sending JSON'))).toBe(false);
    expect(spansOf(jsonOnly, '4'.repeat(32))).toEqual([]);
  });

  it('unset: an endpoint failing protobuf and JSON alike stays on protobuf', async () => {
    const down = await startOtlpReceiver({ refuseAll: 500 });
    try {
      const warnings: string[] = [];
      const h = handlerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: down.url }, warnings);
      await h(new Request('http://localhost/health', { headers: traced('5'.repeat(32)) }));
      await h.flush?.(2000, true);
      expect(warnings).toContain('telemetry export failed');
      expect(warnings.some((w) => w.includes('sending JSON'))).toBe(false);
    } finally {
      await down.close();
    }
  });

  it('unset, and the endpoint takes only JSON: it falls back to JSON once, losing nothing', async () => {
    const trace = '3'.repeat(32);
    const warnings: string[] = [];
    const h = handlerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: jsonOnly.url }, warnings);
    await h(new Request('http://localhost/health', { headers: traced(trace) }));
    await h.flush?.(2000);
    await jsonOnly.until(() => spansOf(jsonOnly, trace).length === 1);
    await h(new Request('http://localhost/health', { headers: traced(trace) }));
    await h.flush?.(2000);
    expect(spansOf(jsonOnly, trace).length).toBe(2);
    const fellBack = warnings.filter((w) => w.includes('sending JSON')).length;
    expect(fellBack >= 1 && fellBack <= 2).toBe(true); // once for spans, once for metrics when they were sent
    expect(warnings).not.toContain('telemetry export failed');
  });
});
