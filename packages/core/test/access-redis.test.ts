import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler, type Handler } from '../src/http/handle.js';
import { sinkLogger } from '../src/log.js';
import { NO_REDIS_REASON, REDIS_BIN, type RedisServer, startRedis } from './redis-server.js';

/**
 * RATE_LIMIT across instances on a real redis-server: three handlers (each its own
 * connection, as three instances would have) share one limit; when the store dies,
 * each counts on its own, warns once, and no request fails.
 */
const KEY = 'csk_redis-test-key';
const LIMIT = 10;
let redis: RedisServer;

beforeAll(async () => {
  if (REDIS_BIN) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

function instance(warnings: string[]): Handler {
  return createHandler({
    env: {
      API_KEYS: `team:${createHash('sha256').update(KEY).digest('hex')}`,
      RATE_LIMIT: `${LIMIT}/min`,
      CACHE_URL: redis.url,
      CACHE_TIMEOUT_MS: '300',
      LOG_LEVEL: 'warn',
    },
    logger: sinkLogger('warn', (severity, msg) => {
      if (severity === 'warn' && /rate limit/.test(msg)) warnings.push(msg);
    }),
  });
}

const analyze = (h: Handler) =>
  h(
    new Request('http://x/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ text: 'Dublin is a lovely city.' }),
    }),
  );

describe.skipIf(!REDIS_BIN)(
  `rate limit in the shared store${REDIS_BIN ? '' : ` (skipped: ${NO_REDIS_REASON})`}`,
  () => {
    it('three instances together admit no more than the limit, and keys expire', async () => {
      const warnings: string[] = [];
      const three = [instance(warnings), instance(warnings), instance(warnings)];
      // all at once, round robin: 3 × the limit
      const answers = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, i) => analyze(three[i % 3] as Handler)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(LIMIT + 1);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(LIMIT);
      expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
      const refused = answers.find((r) => r.status === 429) as Response;
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=60`);
      expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
      // the count has a lifetime of one window
      const ttl = Number(await redis.cmd('PTTL', 'cityscope:rate:key:team'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(warnings).toEqual([]);
    }, 60_000);

    it('when the store dies mid-test: per-instance counting, one warning each, no request fails', async () => {
      await redis.cmd('FLUSHALL');
      const warnings: string[] = [];
      const three = [instance(warnings), instance(warnings), instance(warnings)];
      for (const h of three) expect((await analyze(h)).status).toBe(200);
      await redis.kill();
      const after: number[] = [];
      for (let i = 0; i < 3 * (LIMIT + 2); i++) after.push((await analyze(three[i % 3] as Handler)).status);
      expect(after.every((s) => s === 200 || s === 429)).toBe(true);
      // each instance now counts on its own from zero: up to the limit each, no more
      expect(after.filter((s) => s === 200).length).toBe(3 * LIMIT);
      expect(warnings.filter((w) => /rate limit store failed/.test(w))).toHaveLength(3);
      await redis.restart();
    }, 60_000);
  },
);
