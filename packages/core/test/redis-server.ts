import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { RespClient } from '../src/cache/resp.js';

/** A real redis-server (or valkey-server) for the cache tests, on a free loopback port. */
export const REDIS_BIN = ['redis-server', 'valkey-server'].find(
  (bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0,
);
export const NO_REDIS_REASON = 'redis-server (or valkey-server) is not installed: apt-get install -y redis-server';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface RedisServer {
  url: string;
  port: number;
  /** One command through the cache's own client (SET garbage, DBSIZE…). */
  cmd(...args: string[]): Promise<unknown>;
  /** SIGKILL: the store dies mid-test. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty). */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: the store hangs with its connections open. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

async function waitReady(port: number, proc: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with ${proc.exitCode}`);
    const c = new RespClient(
      { url: `redis://127.0.0.1:${port}`, timeoutMs: 500, maxBulkBytes: 1 << 20 },
      { connect: net.connect, connectTls: tls.connect },
    );
    try {
      if ((await c.command(['PING'])) === 'PONG') return;
    } catch {
      // not yet
    } finally {
      c.close();
    }
    if (Date.now() > until) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_BIN) throw new Error(NO_REDIS_REASON);
  const bin = REDIS_BIN;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cityscope-redis-'));
  let proc: ChildProcess;
  const launch = async () => {
    proc = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    await waitReady(port, proc);
  };
  await launch();
  const client = () =>
    new RespClient(
      { url: `redis://127.0.0.1:${port}`, timeoutMs: 2000, maxBulkBytes: 64 << 20 },
      { connect: net.connect, connectTls: tls.connect },
    );
  const exited = () =>
    new Promise<void>((r) => {
      if (proc.exitCode !== null || proc.signalCode !== null) r();
      else proc.once('exit', () => r());
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async cmd(...args) {
      const c = client();
      try {
        return await c.command(args);
      } finally {
        c.close();
      }
    },
    async kill() {
      proc.kill('SIGKILL');
      await exited();
    },
    restart: launch,
    pause: () => proc.kill('SIGSTOP'),
    resume: () => proc.kill('SIGCONT'),
    async stop() {
      proc.kill('SIGCONT');
      proc.kill('SIGKILL');
      await exited();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Hook = (fn: () => Promise<void>) => void;

/**
 * A redis-server and a fake Wikipedia for one describe block: both started before its
 * tests and stopped after them (vitest's hooks are passed in: scripts/bench-cache.ts
 * imports this file outside vitest). The fields are set once the tests run.
 */
export function redisAndFakeWikipedia(hooks: { beforeAll: Hook; afterAll: Hook }): {
  redis: RedisServer;
  fake: FakeWikipedia;
} {
  const servers = {} as { redis: RedisServer; fake: FakeWikipedia };
  hooks.beforeAll(async () => {
    [servers.redis, servers.fake] = await Promise.all([startRedis(), startFakeWikipedia()]);
  });
  hooks.afterAll(async () => {
    await Promise.all([servers.redis?.stop(), servers.fake?.close()]);
  });
  return servers;
}

/** A loopback TCP server that accepts connections and never answers: a hung store. */
export async function startSilentServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const srv = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}
