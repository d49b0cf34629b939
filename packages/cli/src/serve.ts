import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, createLogger, type Handler, loadConfig } from '@cityscope/core';
import { sendWebResponse, toWebRequest } from '@cityscope/core/node';

export interface ServeOptions {
  port: number;
  host: string;
  env?: Record<string, string | undefined>;
  /** How long to let requests in flight finish on SIGINT/SIGTERM. */
  graceMs?: number;
  handler?: Handler;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A plain Node HTTP server over core's handle(); what `cityscope serve` and a container run. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = createLogger(loadConfig(env).logLevel);
  const handle = options.handler ?? createHandler({ platform: 'node', env, logger });
  const server = createServer(async (req, res) => {
    try {
      await sendWebResponse(res, await handle(toWebRequest(req)));
    } catch (err) {
      // only a broken connection gets here; handle() itself never throws
      logger.warn('response not sent', { error: String(err) });
      res.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
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
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000).unref();
    });
    return closing;
  };
  logger.info('listening', { url, platform: 'node' });
  return { url, close };
}
