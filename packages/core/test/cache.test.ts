import { createHandler, createLogger, loadConfig } from '@cityscope/core';
import { growthRatio, startFakeWikipedia } from '@cityscope/testing';
import { describe, expect, it, vi } from 'vitest';
import { CircuitBreaker } from '../src/cache/breaker.js';
import { Cache } from '../src/cache/cache.js';
import { type Reply, ReplyError, RespParser, TOO_LARGE } from '../src/cache/resp-parser.js';

// a pass-through spy: counts how often infobox facts are computed
vi.mock('../src/facts/infobox.js', async (original) => {
  const m = await original<typeof import('../src/facts/infobox.js')>();
  return { ...m, extractFacts: vi.fn(m.extractFacts) };
});
const { extractFacts } = await import('../src/facts/infobox.js');

// records whether the store's client module was ever loaded
const loaded = vi.hoisted(() => ({ redis: false }));
vi.mock('../src/cache/redis.js', async (original) => {
  loaded.redis = true;
  return original();
});

const parseAll = (input: Buffer, chunk: number, max = 1 << 20) => {
  const p = new RespParser(max);
  const out: Reply[] = [];
  for (let i = 0; i < input.length; i += chunk) p.push(input.subarray(i, i + chunk), (r) => out.push(r));
  return out;
};

describe('RESP reader', () => {
  const wire = Buffer.from(
    '+OK\r\n-ERR wrong\r\n:42\r\n$-1\r\n$5\r\nhé\r\n\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n$0\r\n\r\n+PONG\r\n',
  );
  const expected = ['OK', new ReplyError('ERR wrong'), 42, null, 'hé\r\n', ['a', [1]], '', 'PONG'];

  it('reads every reply type, whatever the chunking', () => {
    for (const size of [1, 2, 3, 7, wire.length]) {
      const got = parseAll(wire, size);
      expect(got).toEqual(expected);
      expect((got[1] as ReplyError).message).toBe('ERR wrong');
    }
  });

  it('skips a bulk over the cap without buffering it, and reads on', () => {
    const big = Buffer.concat([Buffer.from('$100000\r\n'), Buffer.alloc(100_000, 120), Buffer.from('\r\n+OK\r\n')]);
    for (const size of [1000, 4096, big.length]) expect(parseAll(big, size, 1000)).toEqual([TOO_LARGE, 'OK']);
  });

  it('is linear in the size of a value arriving in small chunks', async () => {
    const ratio = await growthRatio({
      prepare: (n: number) => ({
        n,
        input: Buffer.concat([Buffer.from(`$${n}\r\n`), Buffer.alloc(n, 97), Buffer.from('\r\n')]),
      }),
      work: ({ n, input }: { n: number; input: Buffer }) =>
        expect((parseAll(input, 64, 1 << 24)[0] as string).length).toBe(n),
      n: 1 << 18,
      below: 4 * 3,
    });
    expect(ratio).toBeLessThan(4 * 3);
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, probes once later, and logs once per change', () => {
    let now = 0;
    const lines: string[] = [];
    const b = new CircuitBreaker({
      failures: 3,
      openMs: 1000,
      now: () => now,
      logger: createLogger('debug', (l) => lines.push(l)),
    });
    for (let i = 0; i < 2; i++) b.failure(new Error('x'));
    expect(b.state).toBe('closed');
    b.failure(new Error('x'));
    expect(b.state).toBe('open');
    for (let i = 0; i < 10; i++) expect(b.allow()).toBe(false);
    now = 1000;
    expect(b.allow()).toBe(true); // the probe
    expect(b.allow()).toBe(false); // only one
    b.failure(new Error('still down'));
    expect(b.state).toBe('open');
    now = 2500;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
    const warns = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn');
    expect(warns.map((w) => w.cache)).toEqual(['open', 'closed']);
  });
});

describe('cache settings', () => {
  it('defaults: memory only, pages 1 h, misses 5 min', () => {
    expect(loadConfig({}).cache).toEqual({
      url: null,
      pageTtlMs: 3_600_000,
      missTtlMs: 300_000,
      timeoutMs: 200,
      maxValueBytes: 1_048_576,
      lockWaitMs: 1000,
      memoryEntries: 1000,
      // an eighth of the memory the platform reports (memory-bounds.test.ts)
      memoryBytes: expect.any(Number),
    });
  });

  it('accepts redis:// and rediss:// with user, password and database', () => {
    expect(loadConfig({ CACHE_URL: 'rediss://default:s3cret@cache.example.com:6380/2' }).cache.url).toBe(
      'rediss://default:s3cret@cache.example.com:6380/2',
    );
  });

  it('stops start-up on a bad value, never printing the password', () => {
    for (const url of ['http://cache:6379', 'redis://:pw@host/db', 'nonsense', 'redis://']) {
      expect(() => loadConfig({ CACHE_URL: url })).toThrow(/CACHE_URL/);
    }
    expect(() => loadConfig({ CACHE_URL: 'memcached://user:hunter2@host' })).toThrow(/^(?!.*hunter2)/);
    for (const [name, value] of [
      ['CACHE_PAGE_TTL_SECONDS', '0'],
      ['CACHE_MISS_TTL_SECONDS', '-1'],
      ['CACHE_TIMEOUT_MS', '1.5'],
      ['CACHE_MAX_VALUE_BYTES', '10'],
      ['CACHE_LOCK_WAIT_MS', 'soon'],
      ['CACHE_MEMORY_ENTRIES', '0'],
    ] as const) {
      expect(() => loadConfig({ [name]: value })).toThrow(name);
    }
  });
});

describe('memory tier', () => {
  it('loads each missing key once, however many ask at the same time', async () => {
    const c = new Cache();
    const isNum = (v: unknown): v is number => typeof v === 'number';
    let loads = 0;
    const compute = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 20));
      return 7;
    };
    const all = await Promise.all(Array.from({ length: 10 }, () => c.getOrCompute('k', isNum, 1000, compute)));
    expect(all).toEqual(Array(10).fill(7));
    expect(loads).toBe(1);
    const got = await c.loadMany(['a', 'b'], isNum, async (keys) => {
      loads++;
      return new Map(keys.map((k) => [k, { value: k.length, ttlMs: 1000 }]));
    });
    expect([...got]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(c.peek('a')).toBe(1);
    expect(loads).toBe(2);
  });

  it('a repeated /cities, /compare or /distance computes nothing again', async () => {
    const fake = await startFakeWikipedia();
    try {
      const h = createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' } });
      const paths = ['/cities/Toronto', '/compare?cities=Toronto,Ottawa', '/distance?from=Toronto&to=Ottawa'];
      const first = await Promise.all(paths.map(async (p) => (await h(new Request(`http://x${p}`))).json()));
      const computed = vi.mocked(extractFacts).mock.calls.length;
      expect(computed).toBeGreaterThan(0);
      const requests = fake.requests.length;
      const again = await Promise.all(paths.map(async (p) => (await h(new Request(`http://x${p}`))).json()));
      expect(again).toEqual(first);
      expect(fake.requests.length).toBe(requests);
      expect(vi.mocked(extractFacts).mock.calls.length).toBe(computed);
    } finally {
      await fake.close();
    }
  });
});

describe('cold path', () => {
  it('loads the store client only when CACHE_URL is set, and a refused store is a miss', async () => {
    const fake = await startFakeWikipedia();
    try {
      const memoryOnly = createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' } });
      expect((await memoryOnly(new Request('http://x/cities/Ottawa'))).status).toBe(200);
      expect(loaded.redis).toBe(false);
      const refused = createHandler({
        env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent', CACHE_URL: 'redis://127.0.0.1:1' },
      });
      expect((await refused(new Request('http://x/cities/Ottawa'))).status).toBe(200);
      expect(loaded.redis).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
