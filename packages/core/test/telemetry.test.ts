import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeWikipedia, type OtlpReceiver, startFakeWikipedia, startOtlpReceiver } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, type Handler } from '../src/index.js';
import { loadTelemetryConfig } from '../src/telemetry/settings.js';
import { incomingTrace, parseTraceparent } from '../src/telemetry/trace-context.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE}-${PARENT}-01`;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

let fake: FakeWikipedia;
let receiver: OtlpReceiver;
beforeAll(async () => {
  [fake, receiver] = await Promise.all([startFakeWikipedia(), startOtlpReceiver()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), receiver.close()]);
});

const handlerWith = (env: Record<string, string> = {}, platform: 'node' | 'aws' = 'node') =>
  createHandler({
    platform,
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: fake.wikidataUrl, LOG_LEVEL: 'silent', ...env },
    logger: silent,
  });
const get = (h: Handler, path: string, headers: Record<string, string> = {}) =>
  h(new Request(`http://localhost${path}`, { headers }));

/** `name` → its parameters, from a Server-Timing header. */
function timings(header: string | null): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const metric of (header ?? '').split(/\s*,\s*/)) {
    const [name, ...params] = metric.split(/\s*;\s*/);
    out.set(name as string, Object.fromEntries(params.map((p) => p.split('=') as [string, string])));
  }
  return out;
}

const traceparents = (headers: IncomingHttpHeaders[]) => headers.map((h) => String(h.traceparent));

describe('Server-Timing and trace context', () => {
  it('every answer has total and upstream; CORS exposes the header', async () => {
    const res = await get(handlerWith(), '/health');
    const t = timings(res.headers.get('server-timing'));
    expect(Number(t.get('total')?.dur)).toBeGreaterThanOrEqual(0);
    expect(t.get('upstream')).toMatchObject({ dur: expect.any(String), desc: '"0 requests"' });
    expect(t.has('cache')).toBe(false);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/server-timing/);
    const missing = await get(handlerWith(), '/nowhere');
    expect(timings(missing.headers.get('server-timing')).has('total')).toBe(true);
  });

  it('a city: upstream requests carry a child traceparent; the cache misses, then hits', async () => {
    const h = handlerWith();
    const before = fake.requests.length;
    const first = await get(h, '/cities/Toronto', { traceparent: TRACEPARENT, tracestate: 'vendor=x' });
    expect(first.status).toBe(200);
    const t1 = timings(first.headers.get('server-timing'));
    const sent = fake.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(t1.get('upstream')?.desc).toBe(`"${sent.length} requests"`);
    expect(Number(t1.get('upstream')?.dur)).toBeGreaterThan(0);
    expect(t1.get('cache')?.desc).toBe('miss');
    const parents = traceparents(sent.map((r) => r.headers));
    for (const tp of parents) {
      const p = parseTraceparent(tp);
      expect(p?.traceId).toBe(TRACE);
      expect(p?.spanId).not.toBe(PARENT);
    }
    expect(new Set(parents).size).toBe(parents.length);
    expect(sent.every((r) => r.headers.tracestate === 'vendor=x')).toBe(true);

    const again = await get(h, '/cities/Toronto');
    const t2 = timings(again.headers.get('server-timing'));
    expect(t2.get('cache')?.desc).toBe('hit');
    expect(t2.get('upstream')?.desc).toBe('"0 requests"');
  }, 30_000); // the first request imports the city code, the NLP and the facts reader

  it('overlapping requests keep their own traces on their upstream calls', async () => {
    const h = handlerWith();
    await get(h, '/health'); // a first request alone, without AsyncLocalStorage
    const ids = ['a', 'b', 'c'].map((x) => `${x.repeat(8)}${'1'.repeat(24)}`);
    const cities = ['Dublin', 'Montreal', 'Quebec City'];
    const before = fake.requests.length;
    fake.delayMs = 30;
    try {
      const answers = await Promise.all(
        cities.map((c, i) => get(h, `/cities/${encodeURIComponent(c)}`, { traceparent: `00-${ids[i]}-${PARENT}-01` })),
      );
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      fake.delayMs = 0;
    }
    const seen = fake.requests.slice(before).map((r) => parseTraceparent(String(r.headers.traceparent))?.traceId);
    // every upstream call carries one of the three traces, the one that began alone included
    for (const id of seen) expect(ids).toContain(id);
    expect(new Set(seen).size).toBe(3);
  }, 30_000);

  it('a /parse fetch of a third-party page carries no trace', async () => {
    let seen: IncomingHttpHeaders | undefined;
    const page: Server = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><title>t</title><p>Hello.</p></html>');
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const { port } = page.address() as AddressInfo;
    const h = createHandler({
      env: { LOG_LEVEL: 'silent' },
      logger: silent,
      pageFetch: { allowLoopback: true, ports: [80, 443, port] },
    });
    const res = await h(
      new Request('http://localhost/parse', {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: TRACEPARENT },
        body: JSON.stringify({ url: `http://127.0.0.1:${port}/` }),
      }),
    );
    await new Promise<void>((r) => page.close(() => r()));
    expect(res.status).toBe(200);
    expect(seen).toBeDefined();
    expect(seen?.traceparent).toBeUndefined();
    expect(seen?.tracestate).toBeUndefined();
  });

  it('reads X-Amzn-Trace-Id and X-Cloud-Trace-Context when traceparent is absent', () => {
    const amzn = incomingTrace(
      new Headers({ 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' }),
    );
    expect(amzn).toEqual({ traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', sampled: true });
    const gcp = incomingTrace(new Headers({ 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=1' }));
    expect(gcp).toEqual({ traceId: '105445aa7843bc8bf206b12000100000', spanId: '0000000000000001', sampled: true });
    expect(incomingTrace(new Headers({ traceparent: `00-${'0'.repeat(32)}-${PARENT}-01` }))).toBeUndefined();
  });
});

describe('OTLP/HTTP export', () => {
  it('sends the server span with the caller trace id, client spans, and the metrics', async () => {
    const h = handlerWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=secret%20one',
      OTEL_SERVICE_NAME: 'cityscope-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_METRIC_EXPORT_INTERVAL: '100',
    });
    const res = await get(h, '/cities/Ottawa', { traceparent: TRACEPARENT });
    expect(res.status).toBe(200);
    const mine = () => receiver.spans().filter((s) => s.traceId === TRACE);
    await receiver.until(
      () => mine().some((s) => s.kind === 2) && receiver.metricNames().has('http.server.request.duration'),
    );
    const server = mine().find((s) => s.kind === 2);
    expect(server).toMatchObject({ name: 'GET /cities/{name}', parentSpanId: PARENT });
    const attrs = Object.fromEntries(server.attributes.map((a: { key: string; value: object }) => [a.key, a.value]));
    expect(attrs['http.route']).toEqual({ stringValue: '/cities/{name}' });
    expect(attrs['http.request.method']).toEqual({ stringValue: 'GET' });
    expect(attrs['http.response.status_code']).toEqual({ intValue: '200' });
    const clients = mine().filter((s) => s.kind === 3);
    expect(clients.length).toBeGreaterThan(0);
    expect(clients.every((c) => c.parentSpanId === server.spanId)).toBe(true);
    // the long step (facts, summary, keywords, sentiment of the page) is an internal span
    expect(mine().some((s) => s.kind === 1 && s.name === 'compute city')).toBe(true);
    await receiver.until(() => receiver.metricNames().has('http.client.request.duration'));
    expect(receiver.metricNames()).toContain('cityscope.cache.lookups');
    const post = receiver.posts.find((p) => p.path === '/v1/traces');
    expect(post?.headers['x-api-key']).toBe('secret one');
    const resource = post?.body.resourceSpans[0].resource.attributes;
    expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'cityscope-test' } });
    expect(resource).toContainEqual({ key: 'deployment.environment', value: { stringValue: 'test' } });
  }, 30_000);

  it('honours the sampler: always_off exports no span but still counts', async () => {
    const h = handlerWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_TRACES_SAMPLER: 'always_off',
      PROMETHEUS_METRICS: 'on',
    });
    const trace = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    await get(h, '/health', { traceparent: `00-${trace}-${PARENT}-01` });
    await h.flush?.(2000);
    expect(receiver.spans().some((s) => s.traceId === trace)).toBe(false);
    expect(h.prometheus?.()).toMatch(/http_server_request_duration_seconds_count\{[^}]*http_route="\/health"[^}]*\} 1/);
  });

  it('counts the requests refused with 429 rate_limited, by route', async () => {
    const h = handlerWith({ PROMETHEUS_METRICS: 'on', RATE_LIMIT: '1/min' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(h, '/distance?from=Toronto&to=Ottawa')).status);
    expect(statuses).toContain(429);
    const refused = statuses.filter((s) => s === 429).length;
    expect(h.prometheus?.()).toContain(`cityscope_http_server_rate_limited_total{http_route="/distance"} ${refused}`);
  }, 30_000);

  it('without the settings, the runtime is not loaded', async () => {
    const h = handlerWith();
    expect(h.prometheus?.()).toBeUndefined();
    await expect(h.flush?.(10)).resolves.toBeUndefined();
  });
});

describe('telemetry settings', () => {
  it('reads the OTEL_* variables the standard way', () => {
    const c = loadTelemetryConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://other:4318/custom',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    });
    expect(c.traces?.url).toBe('http://collector:4318/v1/traces');
    expect(c.metrics?.url).toBe('http://other:4318/custom');
    expect(c.sampler).toEqual({ kind: 'traceidratio', parentBased: true, ratio: 0.25 });
    expect(c.emf).toBe(true);
    expect(
      loadTelemetryConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).traces,
    ).toBe(null);
    expect(() => loadTelemetryConfig({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => loadTelemetryConfig({ EMF_METRICS: 'maybe' })).toThrow(/EMF_METRICS/);
  });
});
