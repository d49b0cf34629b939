import { type Connector, RespClient, type RespOptions } from './resp.js';
import { type Reply, ReplyError } from './resp-parser.js';
import type { SharedStore } from './store.js';
import { parseStoreUrl } from './store-url.js';

/**
 * The shared tier on Redis, Valkey or a managed Redis-compatible store (ElastiCache,
 * MemoryDB, Memorystore, Azure Cache for Redis). Loaded only when CACHE_URL is set.
 * Commands of one call are pipelined: one round trip whatever the number of keys.
 */
export class RedisStore implements SharedStore {
  readonly #client: RespClient;
  constructor(opts: RespOptions, connector: Connector) {
    this.#client = new RespClient(opts, connector);
  }

  async get(keys: readonly string[]): Promise<(string | undefined)[]> {
    const replies = await Promise.all(keys.map((k) => this.#client.command(['GET', k])));
    // an error reply (a key of another type) or a skipped, too-large value is no value
    return replies.map((r) => (typeof r === 'string' ? r : undefined));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const r = await this.#client.command(['SET', key, value, 'PX', String(Math.max(1, Math.round(ttlMs)))]);
    if (r instanceof ReplyError) throw r;
  }

  async lock(keys: readonly string[], ttlMs: number): Promise<boolean[]> {
    const px = String(Math.max(1, Math.round(ttlMs)));
    const replies = await Promise.all(keys.map((k) => this.#client.command(['SET', k, '1', 'NX', 'PX', px])));
    return replies.map((r) => r === 'OK');
  }

  async unlock(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.#client.command(['DEL', ...keys]);
  }

  /** One EVAL (the rate limiter's counting step): one round trip, atomic on the store. */
  async eval(script: string, keys: readonly string[], args: readonly string[]): Promise<Reply> {
    const r = await this.#client.command(['EVAL', script, String(keys.length), ...keys, ...args]);
    if (r instanceof ReplyError) throw r;
    return r;
  }

  close(): void {
    this.#client.close();
  }
}

/**
 * Opens the store. node:net, and node:tls only for rediss://, are imported here: never on
 * a cold path without CACHE_URL.
 */
export async function openRedisStore(opts: RespOptions): Promise<RedisStore> {
  if (parseStoreUrl(opts.url).tls) {
    const tls = await import('node:tls');
    return new RedisStore(opts, { connectTls: tls.connect });
  }
  const net = await import('node:net');
  return new RedisStore(opts, { connect: net.connect });
}
