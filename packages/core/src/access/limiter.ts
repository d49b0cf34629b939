import type { Logger } from '../log.js';
import type { RateLimitConfig } from './settings.js';

/**
 * Per-client counting of work units in fixed windows of RATE_LIMIT's length. A window
 * starts with a client's first request and lasts the limit's period. A request whose
 * cost would take the client past the limit is refused and spends nothing; a request
 * never costs more than the whole limit. Counts live in this instance's memory, or in
 * the shared store at CACHE_URL (shared by every instance; see SharedCounter).
 */

export interface Decision {
  allowed: boolean;
  /** Units left in the window after this request. */
  remaining: number;
  /** Seconds until the window ends (at least 1). */
  resetSeconds: number;
}

export interface Counter {
  take(client: string, cost: number): Promise<Decision>;
}

/** Clients counted at once in one instance's memory; beyond it the oldest windows are dropped. */
export const MAX_MEMORY_CLIENTS = 10_000;

export class MemoryCounter implements Counter {
  readonly #windows = new Map<string, { endsAt: number; used: number }>();
  constructor(
    private readonly limit: RateLimitConfig,
    private readonly now: () => number = Date.now,
    private readonly maxClients = MAX_MEMORY_CLIENTS,
  ) {}

  takeSync(client: string, cost: number): Decision {
    const now = this.now();
    let w = this.#windows.get(client);
    if (!w || w.endsAt <= now) {
      if (w) this.#windows.delete(client);
      this.#bound(now);
      w = { endsAt: now + this.limit.windowSeconds * 1000, used: 0 };
      this.#windows.set(client, w);
    }
    const spend = Math.min(cost, this.limit.units);
    const allowed = w.used + spend <= this.limit.units;
    if (allowed) w.used += spend;
    return {
      allowed,
      remaining: this.limit.units - w.used,
      resetSeconds: Math.max(1, Math.ceil((w.endsAt - now) / 1000)),
    };
  }

  take(client: string, cost: number): Promise<Decision> {
    return Promise.resolve(this.takeSync(client, cost));
  }

  /** Keeps the map under its size: windows that ended go first, then the oldest (insertion order). */
  #bound(now: number): void {
    if (this.#windows.size < this.maxClients) return;
    for (const [k, w] of this.#windows) if (w.endsAt <= now) this.#windows.delete(k);
    for (const k of this.#windows.keys()) {
      if (this.#windows.size < this.maxClients) break;
      this.#windows.delete(k);
    }
  }

  get size(): number {
    return this.#windows.size;
  }
}

/**
 * One atomic step on the store: refuse when the cost does not fit, else add it; the key
 * expires with its window (set when the key is made). Returns {allowed, used, ms left}.
 */
export const TAKE_SCRIPT = `local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if used + cost > tonumber(ARGV[2]) then
  return {0, used, ttl}
end
used = redis.call('INCRBY', KEYS[1], cost)
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return {1, used, ttl}`;

/** What the shared counter needs of the store: one EVAL. */
export interface ScriptRunner {
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

/** How long the store is left alone after it failed, before it is tried again. */
const RETRY_STORE_MS = 5000;

/**
 * Counts in the shared store (one EVAL, one round trip per request), so that every
 * instance sees the same counts. When the store fails the instance counts on its own
 * (warned once, until the store answers again) and the request goes on.
 */
export class SharedCounter implements Counter {
  #failedAt = Number.NEGATIVE_INFINITY;
  #warned = false;
  constructor(
    private readonly store: () => Promise<ScriptRunner>,
    private readonly limit: RateLimitConfig,
    private readonly fallback: MemoryCounter,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async take(client: string, cost: number): Promise<Decision> {
    if (this.now() - this.#failedAt < RETRY_STORE_MS) return this.fallback.takeSync(client, cost);
    const spend = Math.min(cost, this.limit.units);
    const windowMs = this.limit.windowSeconds * 1000;
    try {
      const store = await this.store();
      const reply = await store.eval(
        TAKE_SCRIPT,
        [`cityscope:rate:${client}`],
        [String(spend), String(this.limit.units), String(windowMs)],
      );
      if (!Array.isArray(reply) || reply.length !== 3 || !reply.every((n) => typeof n === 'number')) {
        throw new Error('the rate-limit script answered an unexpected reply');
      }
      const [allowed, used, ttl] = reply as [number, number, number];
      if (this.#warned) this.logger.info('rate limit store answers again; counting across instances');
      this.#warned = false;
      return {
        allowed: allowed === 1,
        remaining: Math.max(0, this.limit.units - used),
        resetSeconds: Math.max(1, Math.ceil((ttl > 0 ? ttl : windowMs) / 1000)),
      };
    } catch (err) {
      this.#failedAt = this.now();
      if (!this.#warned) {
        this.#warned = true;
        this.logger.warn('rate limit store failed; counting per instance until it answers', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
      return this.fallback.takeSync(client, cost);
    }
  }
}
