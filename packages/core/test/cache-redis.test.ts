import * as net from 'node:net';
import * as tls from 'node:tls';
import { createHandler, createLogger } from '@cityscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cache } from '../src/cache/cache.js';
import { RedisStore } from '../src/cache/redis.js';
import { isLookup } from '../src/wikipedia/cache-check.js';
import type { Lookup } from '../src/wikipedia/types.js';
import { NO_REDIS_REASON, REDIS_BIN, redisAndFakeWikipedia, startSilentServer } from './redis-server.js';

const connector = { connect: net.connect, connectTls: tls.connect };

describe.skipIf(!REDIS_BIN)(
  `shared cache on a real redis-server${REDIS_BIN ? '' : ` (skipped: ${NO_REDIS_REASON})`}`,
  () => {
    const servers = redisAndFakeWikipedia({ beforeAll, afterAll });

    const upstream = () => servers.fake.requests.filter((r) => r.path === '/w/api.php').length;
    const instance = (extra: Record<string, string> = {}, logs: string[] = []) =>
      createHandler({
        env: { WIKIPEDIA_BASE_URL: servers.fake.baseUrl, CACHE_URL: servers.redis.url, ...extra },
        logger: createLogger('debug', (line) => logs.push(line)),
      });
    const get = async (h: ReturnType<typeof createHandler>, path: string) => {
      const res = await h(new Request(`http://localhost${path}`));
      return { status: res.status, body: await res.json() };
    };
    const warnings = (logs: string[]) =>
      logs.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn' && /cache store/.test(l.msg));
    const flush = () => servers.redis.cmd('FLUSHALL');

    it('a second instance answers /cities, /compare and /distance from the store, not upstream', async () => {
      await flush();
      const a = instance();
      const b = instance();
      const paths = ['/cities/toronto', '/compare?cities=Toronto,Montreal,Ottawa', '/distance?from=Toronto&to=Ottawa'];
      const first = [];
      for (const p of paths) first.push(await get(a, p));
      const before = upstream();
      expect(before).toBeGreaterThan(0);
      for (const [i, p] of paths.entries()) {
        const again = await get(b, p);
        expect(again.status).toBe(200);
        expect(again.body).toEqual(first[i]?.body);
      }
      expect(upstream()).toBe(before);
      // keys name the release and the schema version
      const keys = (await servers.redis.cmd('KEYS', '*')) as string[];
      expect(keys.some((k) => /^cityscope:\d+\.\d+\.\d+[^:]*:\d+:page:en:toronto$/.test(k))).toBe(true);
      expect(keys.some((k) => /:city:en:\d+:/.test(k))).toBe(true);
    });

    it('pages expire after CACHE_PAGE_TTL_SECONDS', async () => {
      await flush();
      await get(instance({ CACHE_PAGE_TTL_SECONDS: '1' }), '/cities/Dublin');
      const key = new Cache().key('page', 'en', 'Dublin');
      const pttl = (await servers.redis.cmd('PTTL', key)) as number;
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(1000);
      const before = upstream();
      await get(instance({ CACHE_PAGE_TTL_SECONDS: '1' }), '/cities/Dublin');
      expect(upstream()).toBe(before);
      await new Promise((r) => setTimeout(r, 1100));
      await get(instance({ CACHE_PAGE_TTL_SECONDS: '1' }), '/cities/Dublin');
      expect(upstream()).toBe(before + 1);
    });

    it('misses are kept for CACHE_MISS_TTL_SECONDS', async () => {
      await flush();
      expect((await get(instance(), '/cities/Nowhere%20Xyz')).status).toBe(404);
      const key = new Cache().key('page', 'en', 'Nowhere Xyz');
      const pttl = (await servers.redis.cmd('PTTL', key)) as number;
      expect(pttl).toBeGreaterThan(250_000);
      expect(pttl).toBeLessThanOrEqual(300_000);
      const before = upstream();
      expect((await get(instance(), '/cities/Nowhere%20Xyz')).status).toBe(404);
      expect(upstream()).toBe(before);
    });

    it('a release or schema bump reads none of the old keys', async () => {
      await flush();
      const store = new RedisStore({ url: servers.redis.url, timeoutMs: 500, maxBulkBytes: 1 << 20 }, connector);
      const v1 = new Cache({ store: async () => store, version: '1.0.0' });
      const v1again = new Cache({ store: async () => store, version: '1.0.0' });
      const v2 = new Cache({ store: async () => store, version: '1.0.1' });
      const value: Lookup = { kind: 'missing', title: 'X' };
      await v1.set(v1.key('page', 'en', 'X'), value, 60_000);
      expect(await v1again.get(v1again.key('page', 'en', 'X'), isLookup)).toEqual(value);
      expect(await v2.get(v2.key('page', 'en', 'X'), isLookup)).toBeUndefined();
      expect(v1.key('page', 'en', 'X')).not.toBe(v2.key('page', 'en', 'X'));
      store.close();
    });

    it('a value over CACHE_MAX_VALUE_BYTES stays out of the store, and one found there is skipped', async () => {
      await flush();
      await get(instance({ CACHE_MAX_VALUE_BYTES: '1024' }), '/cities/Toronto');
      const key = new Cache().key('page', 'en', 'Toronto');
      expect(await servers.redis.cmd('EXISTS', key)).toBe(0);
      const before = upstream();
      await get(instance({ CACHE_MAX_VALUE_BYTES: '1024' }), '/cities/Toronto');
      expect(upstream()).toBe(before + 1);

      // someone else's 64 KiB under our key: skipped unread, a miss, and the store stays in use
      await flush();
      await servers.redis.cmd('SET', key, 'x'.repeat(64 * 1024));
      const logs: string[] = [];
      const h = instance({ CACHE_MAX_VALUE_BYTES: '1024' }, logs);
      for (let i = 0; i < 8; i++) expect((await get(h, '/cities/Toronto')).status).toBe(200);
      expect(warnings(logs)).toEqual([]);
    });

    it('authenticates as a user with a password and uses the database in the URL', async () => {
      await flush();
      await servers.redis.cmd('ACL', 'SETUSER', 'cityscope', 'on', '>p@ss/w:rd', '~*', '+@all');
      const port = new URL(servers.redis.url).port;
      const url = `redis://cityscope:${encodeURIComponent('p@ss/w:rd')}@127.0.0.1:${port}/3`;
      const logs: string[] = [];
      expect((await get(instance({ CACHE_URL: url }, logs), '/cities/Ottawa')).status).toBe(200);
      expect(warnings(logs)).toEqual([]);
      const db3 = new RedisStore({ url, timeoutMs: 500, maxBulkBytes: 1 << 20 }, connector);
      const [stored] = await db3.get([new Cache().key('page', 'en', 'Ottawa')]);
      expect(stored).toContain('"Ottawa"');
      db3.close();
      expect(await servers.redis.cmd('EXISTS', new Cache().key('page', 'en', 'Ottawa'))).toBe(0); // not in db 0

      // a wrong password: refused, so every request is answered from upstream
      const bad = `redis://cityscope:hunter2-secret@127.0.0.1:${port}/3`;
      const badLogs: string[] = [];
      const h = instance({ CACHE_URL: bad }, badLogs);
      for (let i = 0; i < 8; i++) expect((await get(h, `/cities/Ottawa?sentences=${1 + i}`)).status).toBe(200);
      expect(warnings(badLogs)).toHaveLength(1);
      expect(badLogs.join('\n')).not.toContain('hunter2');
    });

    it('a garbage value is a miss, not an error', async () => {
      await flush();
      const key = new Cache().key('page', 'en', 'Toronto');
      const before = upstream();
      await servers.redis.cmd('SET', key, '{"e":');
      let r = await get(instance(), '/cities/Toronto');
      expect(r.status).toBe(200);
      expect(r.body.title).toBe('Toronto');
      await servers.redis.cmd('SET', key, JSON.stringify({ e: Date.now() + 60_000, v: { kind: 'page', page: 42 } }));
      r = await get(instance(), '/cities/Toronto');
      expect(r.status).toBe(200);
      expect(r.body.title).toBe('Toronto');
      await servers.redis.cmd('DEL', key);
      await servers.redis.cmd('HSET', key, 'f', 'v'); // a key of another type: WRONGTYPE
      r = await get(instance(), '/cities/Toronto');
      expect(r.status).toBe(200);
      expect(upstream()).toBe(before + 3);
    });

    it('the store killed mid-load: no request fails, one warning, and the store is used again once back', async () => {
      await flush();
      const logs: string[] = [];
      const h = instance({ CACHE_TIMEOUT_MS: '200' }, logs);
      const names = ['Toronto', 'Montreal', 'Ottawa', 'Dublin', 'Dollar Point', 'Springfield, Illinois'];
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        if (i === 20) await servers.redis.kill();
        // 30 name × length pairs: many miss the memory tier and ask the store
        statuses.push((await get(h, `/cities/${names[i % names.length]}?sentences=${1 + (i % 5)}`)).status);
      }
      expect(
        statuses.filter((s) => s !== 200),
        logs.filter((l) => /error/.test(l)).join('\n'),
      ).toEqual([]);
      expect(warnings(logs)).toHaveLength(1);
      expect(warnings(logs)[0].msg).toMatch(/failing/);
      await servers.redis.restart();

      // recovery, with a short open period so the probe comes soon
      const store = new RedisStore({ url: servers.redis.url, timeoutMs: 200, maxBulkBytes: 1 << 20 }, connector);
      const cacheLogs: string[] = [];
      const c = new Cache({
        store: async () => store,
        breakerFailures: 2,
        breakerOpenMs: 200,
        logger: createLogger('debug', (l) => cacheLogs.push(l)),
      });
      const k = c.key('t', 'x');
      await c.set(k, 1, 60_000);
      await servers.redis.kill();
      for (let i = 0; i < 5; i++)
        expect(await c.get(`${k}${i}`, (v): v is number => typeof v === 'number')).toBe(undefined);
      expect(c.storeState).toBe('open');
      await servers.redis.restart();
      await new Promise((r) => setTimeout(r, 250));
      await c.set(k, 2, 60_000);
      expect(c.storeState).toBe('closed');
      expect(await servers.redis.cmd('EXISTS', k)).toBe(1);
      expect(warnings(cacheLogs).map((l) => l.cache)).toEqual(['open', 'closed']);
      store.close();
    });

    it('the store hanging (SIGSTOP): requests still succeed within the cache timeout, one warning', async () => {
      await flush();
      const logs: string[] = [];
      const h = instance({ CACHE_TIMEOUT_MS: '100' }, logs);
      expect((await get(h, '/cities/Toronto')).status).toBe(200);
      servers.redis.pause();
      try {
        const started = Date.now();
        const names = ['Montreal', 'Ottawa', 'Dublin', 'Dollar Point', 'Springfield, Illinois', 'Toronto'];
        const results = await Promise.all(names.map((n) => get(h, `/compare?cities=${n},Toronto`)));
        expect(results.every((r) => r.status === 200)).toBe(true);
        for (let i = 0; i < 10; i++) expect((await get(h, `/cities/${names[i % 6]}?sentences=2`)).status).toBe(200);
        // a few timeouts of 100 ms, then the circuit is open: far from the 5 s upstream deadline
        expect(Date.now() - started).toBeLessThan(3000);
        expect(warnings(logs)).toHaveLength(1);
      } finally {
        servers.redis.resume();
      }
    });

    it('a store that accepts and never answers: every request succeeds, one warning', async () => {
      const silent = await startSilentServer();
      try {
        const logs: string[] = [];
        const h = createHandler({
          env: { WIKIPEDIA_BASE_URL: servers.fake.baseUrl, CACHE_URL: silent.url, CACHE_TIMEOUT_MS: '100' },
          logger: createLogger('debug', (line) => logs.push(line)),
        });
        const started = Date.now();
        for (let i = 0; i < 20; i++)
          expect((await get(h, `/cities/Toronto?sentences=${1 + (i % 3)}`)).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(silent.connections()).toBeGreaterThan(0);
        expect(warnings(logs)).toHaveLength(1);
      } finally {
        await silent.close();
      }
    });
  },
);
