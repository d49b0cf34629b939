import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHandler,
  createLogger,
  type Handler,
  type Logger,
  loadConfig,
  PROMETHEUS_CONTENT_TYPE,
} from '@cityscope/core';
import { lastForwardedHop } from '@cityscope/core/platform/forwarded';
import { sendWebResponse, toWebRequest } from '@cityscope/core/platform/node';
import { answerServerProblems } from './server-problems.js';

export interface ServeOptions {
  port: number;
  host: string;
  env?: Record<string, string | undefined>;
  /** How long to let requests in flight finish on SIGINT/SIGTERM. */
  graceMs?: number;
  handler?: Handler;
  /** The server's own log lines (listening, refused requests); defaults to JSON lines at LOG_LEVEL. */
  logger?: Logger;
  /** Node's limits (tests shorten them): whole request, headers, and how often they are checked. */
  timeouts?: { requestMs?: number; headersMs?: number; checkEveryMs?: number };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A plain Node HTTP server over core's handle(); what `cityscope serve` and a container run. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(loadConfig(env).logLevel);
  const handle = options.handler ?? createHandler({ platform: 'node', env, logger });
  // the caller's address: the socket's, or X-Forwarded-For's last hop behind a proxy that sets it (TRUST_PROXY)
  const { trustProxy } = loadConfig(env).access;
  const clientOf = (req: IncomingMessage) =>
    (trustProxy ? lastForwardedHop(req.headers['x-forwarded-for']) : undefined) ?? req.socket.remoteAddress;
  // Node checks both timeouts every checkEveryMs (30 s by its default): once a second, they hold within a second
  const timeouts = { requestMs: 30_000, headersMs: 10_000, checkEveryMs: 1_000, ...options.timeouts };
  const server = createServer(
    { connectionsCheckingInterval: timeouts.checkEveryMs, requireHostHeader: false },
    (req, res) => {
      if (problems.missingHost(req, res)) return;
      // PROMETHEUS_METRICS=on: the instance's metrics for a Prometheus scrape, outside the API's routes
      const metrics = req.method === 'GET' && req.url === '/metrics' ? handle.prometheus?.() : undefined;
      if (metrics !== undefined) {
        res
          .writeHead(200, {
            'content-type': PROMETHEUS_CONTENT_TYPE,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          })
          .end(metrics);
        return;
      }
      const clientAddress = clientOf(req);
      handle(toWebRequest(req), clientAddress ? { clientAddress } : undefined)
        .then((response) => sendWebResponse(res, response))
        .catch((err: unknown) => {
          // only a broken connection gets here; handle() itself never throws
          logger.warn('response not sent', { error: String(err) });
          res.destroy();
        });
    },
  );
  // what Node would refuse on its own (no Host, an odd Expect, CONNECT, a bad or slow request) gets a problem too
  const problems = answerServerProblems(server, logger);
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      // the last spans and metrics go to the collector before the process ends (OTEL_EXPORTER_OTLP_*)
      server.close(() => void handle.flush?.(2_000, true).then(resolve));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000).unref();
    });
    return closing;
  };
  logger.info('listening', { url, platform: 'node' });
  return { url, close };
}
