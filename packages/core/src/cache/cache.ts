import type { Logger } from '../log.js';
import { inSpan, noteCache } from '../telemetry/context.js';
import { VERSION } from '../version.js';
import { CircuitBreaker } from './breaker.js';
import { TtlLru } from './memory.js';
import type { SharedStore } from './store.js';

/**
 * Bump when the shape of any cached value changes (a Lookup, a computed answer): keys
 * carry it with the release, so a deploy never reads values of another shape.
 */
export const CACHE_SCHEMA_VERSION = 1;

/** Tells whether a value read back from the shared store has the expected shape. */
export type Check<T> = (value: unknown) => value is T;

export interface Loaded<T> {
  value: T;
  ttlMs: number;
}

export interface CacheOptions {
  /** Entries in the memory tier. */
  memoryEntries?: number;
  /** Bytes the memory tier may hold (estimated per value); unbounded when unset. */
  memoryBytes?: number;
  /** A value whose JSON is longer than this is kept in memory only, never sent to the store. */
  maxValueBytes?: number;
  /** Opens the shared tier; called once, on first use. Without it the cache is memory only. */
  store?: () => Promise<SharedStore>;
  /** How long a lock in the store lives (a crashed holder's lock expires by then). */
  lockMs?: number;
  /** How long to wait for another instance's load before asking upstream anyway; 0: no lock. */
  lockWaitMs?: number;
  /** Consecutive store failures that open the circuit, and how long it stays open. */
  breakerFailures?: number;
  breakerOpenMs?: number;
  logger?: Logger;
  /** Part of every key (the release); tests change it to prove a version bump. */
  version?: string;
  now?: () => number;
}

/** At most this many computations (and lookups, in the Wikipedia client) are shared while in flight. */
export const MAX_IN_FLIGHT = 10_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Two tiers: the memory LRU in front of an optional shared store (Redis, Valkey).
 * A warm instance answers from memory without a round trip; a cold one reads what the
 * others stored. The store is an optimisation, never a dependency: a failing, slow or
 * garbled store is a miss, and the breaker stops asking it for a while.
 */
export class Cache {
  readonly #memory: TtlLru<unknown>;
  readonly #opts: CacheOptions;
  readonly #prefix: string;
  readonly #breaker: CircuitBreaker;
  readonly #now: () => number;
  readonly #computing = new Map<string, Promise<unknown>>();
  #store: Promise<SharedStore | undefined> | undefined;

  constructor(opts: CacheOptions = {}) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
    this.#memory = new TtlLru(opts.memoryEntries ?? 1000, this.#now, opts.memoryBytes);
    this.#prefix = `cityscope:${opts.version ?? VERSION}:${CACHE_SCHEMA_VERSION}:`;
    this.#breaker = new CircuitBreaker({
      failures: opts.breakerFailures ?? 5,
      openMs: opts.breakerOpenMs ?? 10_000,
      ...(opts.logger ? { logger: opts.logger } : {}),
      now: this.#now,
    });
  }

  /** The breaker's state, for tests and diagnostics. */
  get storeState(): string {
    return this.#breaker.state;
  }

  /** A versioned key: the release and the schema version come first. */
  key(kind: string, ...parts: readonly (string | number)[]): string {
    return `${this.#prefix}${kind}:${parts.join(':')}`;
  }

  /** The memory tier only: synchronous, no round trip. */
  peek<T>(key: string): T | undefined {
    return this.#memory.get(key) as T | undefined;
  }

  /** Memory, then the shared store. */
  async get<T>(key: string, check: Check<T>): Promise<T | undefined> {
    const hit = this.peek<T>(key);
    if (hit !== undefined) {
      noteCache('hit');
      return hit;
    }
    const stored = (await this.#sharedGet([key], check)).get(key);
    noteCache(stored === undefined ? 'miss' : 'hit');
    return stored;
  }

  /** Into both tiers; resolves when the store has it (or has failed: never rejects). */
  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    this.#memory.set(key, value, ttlMs);
    const store = await this.#openStore();
    if (!store) return;
    const text = JSON.stringify({ e: this.#now() + ttlMs, v: value });
    // a string's length is at most its UTF-8 size, so the exact count is needed only near the cap
    const cap = this.#opts.maxValueBytes ?? 1024 * 1024;
    if (text.length > cap || (text.length * 3 > cap && Buffer.byteLength(text) > cap)) {
      this.#opts.logger?.debug('cache value over the size cap; kept in memory only', { key, cap });
      return;
    }
    await this.#call(() => store.set(key, text, ttlMs));
  }

  /**
   * The value, computed at most once at a time per instance and stored in both tiers.
   * For CPU work: no lock in the store (computing is cheaper than waiting for another).
   */
  async getOrCompute<T>(key: string, check: Check<T>, ttlMs: number, compute: () => Promise<T> | T): Promise<T> {
    const hit = this.peek<T>(key);
    // a value another request is computing right now counts as a hit: this one computes nothing
    const running = hit === undefined ? this.#computing.get(key) : undefined;
    if (hit !== undefined || running) noteCache('hit');
    if (hit !== undefined) return hit;
    if (running) return running as Promise<T>;
    const p = (async () => {
      const stored = (await this.#sharedGet([key], check)).get(key);
      noteCache(stored === undefined ? 'miss' : 'hit');
      if (stored !== undefined) return stored;
      const value = await compute();
      await this.set(key, value, ttlMs);
      return value;
    })().finally(() => this.#computing.delete(key));
    // bounded: past the cap a computation runs without being shared
    if (this.#computing.size < MAX_IN_FLIGHT) this.#computing.set(key, p);
    return p;
  }

  /**
   * Values for keys, loading the missing ones with `load` (one call per group, so a
   * loader can batch). With a shared store, a key another instance is loading right
   * now (its lock is in the store) is waited for, up to lockWaitMs, instead of being
   * asked upstream a second time; when the wait runs out, it is loaded here too.
   */
  async loadMany<T>(
    keys: readonly string[],
    check: Check<T>,
    load: (missing: string[]) => Promise<Map<string, Loaded<T>>>,
  ): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    let pending = keys.filter((k) => {
      const hit = this.peek<T>(k);
      if (hit !== undefined) out.set(k, hit);
      return hit === undefined;
    });
    const jobs: Promise<void>[] = [];
    let loadedHere = 0;
    const run = (mine: string[], locked: boolean) => {
      loadedHere += mine.length;
      const job = (async () => {
        try {
          const loaded = await load(mine);
          await Promise.all(
            [...loaded].map(([k, l]) => {
              out.set(k, l.value);
              return this.set(k, l.value, l.ttlMs);
            }),
          );
        } finally {
          if (locked) void this.#call(async (s) => s.unlock(mine.map((k) => `${k}:lock`)));
        }
      })();
      job.catch(() => {});
      jobs.push(job);
    };
    const waitMs = this.#opts.lockWaitMs ?? 1000;
    if (pending.length && (await this.#openStore())) {
      const stored = await this.#sharedGet(pending, check);
      for (const [k, v] of stored) out.set(k, v);
      pending = pending.filter((k) => !stored.has(k));
      const until = this.#now() + waitMs;
      let poll = 10;
      while (pending.length && waitMs > 0) {
        // the locks and a second read in one round trip: a lock taken after another
        // instance stored the value (and released its lock) still finds the value
        const keys = pending;
        const both = await this.#call((s) =>
          Promise.all([
            s.lock(
              keys.map((k) => `${k}:lock`),
              this.#opts.lockMs ?? 12_500,
            ),
            s.get(keys),
          ]),
        );
        if (!both) break; // the store is not usable: load everything here
        const [locks, raw] = both;
        const found = this.#decode(keys, raw, check);
        const mine: string[] = [];
        const release: string[] = [];
        pending = keys.filter((k, i) => {
          const v = found.get(k);
          if (v !== undefined) {
            out.set(k, v);
            if (locks[i]) release.push(`${k}:lock`);
            return false;
          }
          if (locks[i]) mine.push(k);
          return !locks[i];
        });
        if (release.length) void this.#call((s) => s.unlock(release));
        if (mine.length) run(mine, true);
        if (!pending.length || this.#now() + poll > until) break;
        await sleep(poll);
        poll = Math.min(poll * 2, 100);
      }
    }
    if (pending.length) run(pending, false);
    noteCache('hit', keys.length - loadedHere);
    noteCache('miss', loadedHere);
    await Promise.all(jobs);
    return out;
  }

  close(): void {
    void this.#store?.then((s) => s?.close());
  }

  #openStore(): Promise<SharedStore | undefined> {
    const open = this.#opts.store;
    if (!open) return Promise.resolve(undefined);
    this.#store ??= open().catch((err) => {
      this.#opts.logger?.warn('cache store could not be loaded; memory cache only', { error: String(err) });
      return undefined;
    });
    return this.#store;
  }

  /** One guarded call to the store: undefined when it is skipped (circuit open) or fails. */
  async #call<R>(fn: (store: SharedStore) => Promise<R>): Promise<R | undefined> {
    const store = await this.#openStore();
    if (!store || !this.#breaker.allow()) return undefined;
    try {
      const r = await fn(store);
      this.#breaker.success();
      return r;
    } catch (err) {
      this.#breaker.failure(err);
      return undefined;
    }
  }

  async #sharedGet<T>(keys: readonly string[], check: Check<T>): Promise<Map<string, T>> {
    const read = () => this.#call((s) => s.get(keys));
    // a span for each round trip to the shared store (the memory tier costs nothing to time)
    const raw = this.#opts.store ? await inSpan('cache.store.get', read, { 'cache.keys': keys.length }) : await read();
    return raw ? this.#decode(keys, raw, check) : new Map();
  }

  /** Values read from the store: a value that does not parse, is expired or of another shape is a miss. */
  #decode<T>(keys: readonly string[], raw: readonly (string | undefined)[], check: Check<T>): Map<string, T> {
    const out = new Map<string, T>();
    const now = this.#now();
    raw.forEach((text, i) => {
      if (text === undefined) return;
      const key = keys[i] as string;
      let entry: unknown;
      try {
        entry = JSON.parse(text);
      } catch {
        this.#opts.logger?.debug('cache value unreadable; treated as a miss', { key });
        return;
      }
      if (typeof entry !== 'object' || entry === null) return;
      const { e, v } = entry as { e?: unknown; v?: unknown };
      if (typeof e !== 'number' || e <= now || !check(v)) {
        this.#opts.logger?.debug('cache value expired or of another shape; treated as a miss', { key });
        return;
      }
      this.#memory.set(key, v, e - now);
      out.set(key, v);
    });
    return out;
  }
}
