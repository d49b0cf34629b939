import { defaultCacheBytes } from './memory-budget.js';
import { parseStoreUrl } from './store-url.js';

/** The cache's settings (README, "Settings"); validated at start-up like the others. */
export interface CacheConfig {
  /** redis:// or rediss:// of a shared store; null: memory only (the default). */
  url: string | null;
  pageTtlMs: number;
  missTtlMs: number;
  timeoutMs: number;
  maxValueBytes: number;
  lockWaitMs: number;
  memoryEntries: number;
  /** Bytes the memory tier may hold (an estimate per value); default from the platform's memory (memory-budget.ts). */
  memoryBytes: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = (env[name] ?? '').trim();
  if (text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}: ${text}`);
  }
  return n;
}

/** A URL for messages: its password never appears in a log. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1***@');
}

export function loadCacheConfig(env: Env): CacheConfig {
  const url = (env.CACHE_URL ?? '').trim();
  if (url) {
    try {
      parseStoreUrl(url);
    } catch (err) {
      throw new Error(`CACHE_URL ${(err as Error).message}: ${redactUrl(url)}`);
    }
  }
  // the default asks the platform (and may load node:v8), so it is worked out when first read:
  // the cache is made on the first Wikipedia route, not at start
  const memoryBytes = int(env, 'CACHE_MAX_BYTES', 0, 1024 * 1024, 2 ** 40);
  let defaultBytes: number | undefined;
  return {
    url: url || null,
    pageTtlMs: int(env, 'CACHE_PAGE_TTL_SECONDS', 3600, 1, 7 * 86_400) * 1000,
    missTtlMs: int(env, 'CACHE_MISS_TTL_SECONDS', 300, 0, 86_400) * 1000,
    timeoutMs: int(env, 'CACHE_TIMEOUT_MS', 200, 1, 10_000),
    maxValueBytes: int(env, 'CACHE_MAX_VALUE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    lockWaitMs: int(env, 'CACHE_LOCK_WAIT_MS', 1000, 0, 10_000),
    memoryEntries: int(env, 'CACHE_MEMORY_ENTRIES', 1000, 1, 1_000_000),
    get memoryBytes() {
      if (memoryBytes) return memoryBytes;
      defaultBytes ??= defaultCacheBytes(env);
      return defaultBytes;
    },
  };
}
