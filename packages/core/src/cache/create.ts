import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { LOOKUP_BUDGET_FACTOR } from '../wikipedia/client.js';
import { Cache } from './cache.js';

/**
 * The cache options of a handler's Wikipedia client: memory only, or memory in front of
 * the store at CACHE_URL, whose client module (and node:net/tls) is imported on first use.
 */
export function cacheOptions(config: Config, logger: Logger) {
  const c = config.cache;
  const url = c.url;
  const cache = new Cache({
    memoryEntries: c.memoryEntries,
    memoryBytes: c.memoryBytes,
    maxValueBytes: c.maxValueBytes,
    lockWaitMs: c.lockWaitMs,
    // a lock outlives one whole lookup (its budget), no longer
    lockMs: Math.ceil(LOOKUP_BUDGET_FACTOR * config.wikipediaTimeoutMs),
    logger,
    ...(url
      ? {
          store: async () =>
            (await import('./redis.js')).openRedisStore({ url, timeoutMs: c.timeoutMs, maxBulkBytes: c.maxValueBytes }),
        }
      : {}),
  });
  return { cache, pageTtlMs: c.pageTtlMs, missTtlMs: c.missTtlMs };
}
