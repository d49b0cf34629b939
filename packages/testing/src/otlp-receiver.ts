import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OTLP/HTTP receiver: it keeps every body posted to `/v1/traces` and
 * `/v1/metrics`, JSON or protobuf (decoded to the same JSON mapping by otlp-decode.ts),
 * and answers 200 `{}`; a body that does not parse is a 400. For tests of what Cityscope
 * exports.
 */
export interface OtlpPost {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** How it came: `http/json` or `http/protobuf`. */
  protocol: 'http/json' | 'http/protobuf';
  // biome-ignore lint/suspicious/noExplicitAny: an OTLP body in the JSON mapping, read by the test's assertions
  body: any;
}

export interface OtlpReceiverOptions {
  /** Answer protobuf posts with this status and keep nothing (415: an endpoint that takes only JSON). */
  refuseProtobuf?: number;
  /** Answer every post with this status and keep nothing (an endpoint that is down). */
  refuseAll?: number;
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT`: OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  posts: OtlpPost[];
  /** Every span posted so far, with its trace id. */
  // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON spans
  spans(): any[];
  /** Every server span's attributes so far, each value as its plain string, number or boolean (64-bit integers as strings). */
  // biome-ignore lint/suspicious/noExplicitAny: OTLP attribute values
  serverSpanAttributes(): Record<string, any>[];
  /** Every metric name posted so far. */
  metricNames(): Set<string>;
  /** Resolves once `test` holds, polling every 20 ms; rejects after `timeoutMs`. */
  until(test: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const isProtobuf = (type: string | undefined) => /^application\/x-protobuf\b/i.test(type ?? '');

export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const posts: OtlpPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = req.url ?? '';
      const raw = Buffer.concat(chunks);
      const protobuf = isProtobuf(req.headers['content-type']);
      const refused = options.refuseAll ?? (protobuf ? options.refuseProtobuf : undefined);
      if (refused !== undefined) {
        res.writeHead(refused).end();
        return;
      }
      try {
        const body = protobuf
          ? (await import('./otlp-decode.js')).decodeOtlpProtobuf(path, raw)
          : JSON.parse(raw.toString('utf8'));
        posts.push({ path, headers: req.headers, protocol: protobuf ? 'http/protobuf' : 'http/json', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const of = (path: string) => posts.filter((p) => p.path === path).map((p) => p.body);
  // biome-ignore lint/suspicious/noExplicitAny: OTLP spans in the JSON mapping
  const spans = (): any[] =>
    of('/v1/traces').flatMap((b) =>
      // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON
      (b.resourceSpans ?? []).flatMap((r: any) => (r.scopeSpans ?? []).flatMap((s: any) => s.spans ?? [])),
    );
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    spans,
    serverSpanAttributes: () =>
      spans()
        .filter((s) => s.kind === 2)
        .map((s) =>
          Object.fromEntries(
            (s.attributes ?? []).map((a: { key: string; value: object }) => [a.key, Object.values(a.value)[0]]),
          ),
        ),
    metricNames: () =>
      new Set(
        of('/v1/metrics').flatMap((b) =>
          (b.resourceMetrics ?? []).flatMap(
            // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON
            (r: any) => (r.scopeMetrics ?? []).flatMap((s: any) => (s.metrics ?? []).map((m: any) => m.name)),
          ),
        ),
      ),
    async until(test, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (!test()) {
        if (Date.now() > end) throw new Error('the OTLP receiver did not get what was expected in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
