import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * How much memory this instance has, as its platform reports it, and the memory
 * cache's default share of it (CACHE_MAX_BYTES, docs/api.md "Settings"):
 * - AWS Lambda: AWS_LAMBDA_FUNCTION_MEMORY_SIZE (MB);
 * - Google Cloud Functions (1st gen): FUNCTION_MEMORY_MB; Cloud Run and Cloud Functions
 *   2nd gen (a container): the cgroup limit, /sys/fs/cgroup/memory.max (cgroup v2) or
 *   memory/memory.limit_in_bytes (v1);
 * - Azure Functions and App Service: WEBSITE_MEMORY_LIMIT_MB, else the cgroup limit;
 * - anywhere else: the cgroup limit if there is one, else V8's heap limit.
 * Node sizes its heap from the same memory, so a reported figure is not bounded again; V8 is
 * asked only when nothing is reported, so a function's start never loads `node:v8`.
 */
type Env = Record<string, string | undefined>;

const MB = 1024 * 1024;
/** The share of memory the cache may hold: the rest is for the work (a 512 MB function keeps 448 MB). */
export const CACHE_SHARE = 1 / 8;
export const CACHE_MIN_BYTES = 8 * MB;
export const CACHE_MAX_DEFAULT_BYTES = 256 * MB;

const megabytes = (text: string | undefined) => {
  const n = Number((text ?? '').trim());
  return Number.isFinite(n) && n > 0 ? n * MB : undefined;
};

/** The cgroup memory limit in bytes, if the process runs under one ("max" and absurd values are none). */
export function cgroupLimit(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): number | undefined {
  for (const path of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const n = Number(read(path).trim());
      // v1 reports "no limit" as a number near 2^63
      if (Number.isFinite(n) && n > 0 && n < 2 ** 50) return n;
    } catch {
      // not there: next
    }
  }
  return undefined;
}

/** The instance's memory in bytes, from what its platform reports (see above). */
export function platformMemoryBytes(env: Env, cgroup: () => number | undefined = cgroupLimit): number {
  return (
    megabytes(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) ??
    megabytes(env.FUNCTION_MEMORY_MB) ??
    megabytes(env.WEBSITE_MEMORY_LIMIT_MB) ??
    cgroup() ??
    heapLimit()
  );
}

/** V8's heap limit, loading `node:v8` only when called. */
function heapLimit(): number {
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  return v8.getHeapStatistics().heap_size_limit;
}

/** CACHE_MAX_BYTES's default: an eighth of the instance's memory, from 8 MB to 256 MB. */
export function defaultCacheBytes(env: Env, cgroup?: () => number | undefined): number {
  const share = Math.floor(platformMemoryBytes(env, cgroup) * CACHE_SHARE);
  return Math.max(CACHE_MIN_BYTES, Math.min(CACHE_MAX_DEFAULT_BYTES, share));
}
