import { type FakeWikipedia, type OtlpReceiver, startFakeWikipedia, startOtlpReceiver } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../src/serve.js';

/**
 * `cityscope serve` with only the standard OTEL_EXPORTER_OTLP_ENDPOINT (and short intervals)
 * pointed at a loopback receiver: a request with a traceparent, then the same again.
 */
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = `00-${TRACE}-b7ad6b7169203331-01`;

let fake: FakeWikipedia;
let receiver: OtlpReceiver;
let server: RunningServer;
beforeAll(async () => {
  [fake, receiver] = await Promise.all([startFakeWikipedia(), startOtlpReceiver()]);
  server = await serve({
    port: 0,
    host: '127.0.0.1',
    env: {
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      WIKIDATA_BASE_URL: fake.wikidataUrl,
      LOG_LEVEL: 'silent',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '200',
    },
    graceMs: 100,
  });
});
afterAll(async () => {
  await server?.close();
  await Promise.all([fake?.close(), receiver?.close()]);
});

describe('cityscope serve exports OTLP to the standard endpoint', () => {
  it('Server-Timing, traceparent upstream, and the trace and metrics at the receiver', async () => {
    const before = fake.requests.length;
    const first = await fetch(`${server.url}/cities/Toronto`, { headers: { traceparent: TRACEPARENT } });
    const second = await fetch(`${server.url}/cities/Toronto`, { headers: { traceparent: TRACEPARENT } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('server-timing')).toMatch(
      /total;dur=[\d.]+, upstream;dur=[\d.]+;desc="\d+ requests", cache;desc=miss/,
    );
    expect(second.headers.get('server-timing')).toMatch(/cache;desc=hit/);
    const upstream = fake.requests.slice(before);
    expect(upstream.length).toBeGreaterThan(0);
    for (const r of upstream)
      expect(String(r.headers.traceparent)).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));

    const mine = () => receiver.spans().filter((s) => s.traceId === TRACE);
    await receiver.until(
      () =>
        mine().filter((s) => s.kind === 2).length === 2 && receiver.metricNames().has('http.server.request.duration'),
      10_000,
    );
    expect(
      mine()
        .filter((s) => s.kind === 2)
        .map((s) => s.name),
    ).toEqual(['GET /cities/{name}', 'GET /cities/{name}']);
    expect(receiver.serverSpanAttributes()).toContainEqual(expect.objectContaining({ 'http.route': '/cities/{name}' }));
    expect(mine().some((s) => s.kind === 3)).toBe(true);
    // the spec's default encoding, with no OTEL_EXPORTER_OTLP_PROTOCOL
    expect(new Set(receiver.posts.map((p) => p.protocol))).toEqual(new Set(['http/protobuf']));
  }, 30_000);
});
