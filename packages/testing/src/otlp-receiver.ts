import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OTLP/HTTP receiver: it keeps every JSON body posted to `/v1/traces` and
 * `/v1/metrics` (and answers 200 `{}`), for tests of what Cityscope exports.
 */
export interface OtlpPost {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: an OTLP JSON body, read by the test's assertions
  body: any;
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:PORT`: OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  posts: OtlpPost[];
  /** Every span posted so far, with its trace id. */
  // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON spans
  spans(): any[];
  /** Every metric name posted so far. */
  metricNames(): Set<string>;
  /** Resolves once `test` holds, polling every 20 ms; rejects after `timeoutMs`. */
  until(test: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const posts: OtlpPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        posts.push({
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const of = (path: string) => posts.filter((p) => p.path === path).map((p) => p.body);
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    spans: () =>
      of('/v1/traces').flatMap((b) =>
        // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON
        b.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans)),
      ),
    metricNames: () =>
      new Set(
        of('/v1/metrics').flatMap((b) =>
          // biome-ignore lint/suspicious/noExplicitAny: OTLP JSON
          b.resourceMetrics.flatMap((r: any) => r.scopeMetrics.flatMap((s: any) => s.metrics.map((m: any) => m.name))),
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
