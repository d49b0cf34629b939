import { getHeapStatistics } from 'node:v8';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approxBytes, TtlLru } from '../src/cache/memory.js';
import { defaultCacheBytes, platformMemoryBytes } from '../src/cache/memory-budget.js';
import { loadCacheConfig } from '../src/cache/settings.js';
import { WikipediaClient } from '../src/wikipedia/client.js';
import { headOf, LEAD_LIMITS } from '../src/wikipedia/parse.js';

const MB = 1024 * 1024;

describe('the memory tier counts bytes', () => {
  it('evicts the least recently used values to stay under its byte budget', () => {
    const lru = new TtlLru<string>(1000, Date.now, 1 * MB);
    for (let i = 0; i < 20; i++) lru.set(`k${i}`, 'x'.repeat(100_000), 60_000);
    expect(lru.bytes).toBeLessThanOrEqual(1 * MB);
    expect(lru.size).toBeLessThan(20);
    expect(lru.get('k19')).toBeDefined();
    expect(lru.get('k0')).toBeUndefined();
    // replacing and deleting keep the count right
    lru.set('k19', 'small', 60_000);
    lru.delete('k18');
    const left = lru.bytes;
    expect(left).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) lru.delete(`k${i}`);
    expect(lru.bytes).toBe(0);
  });

  it('keeps no value larger than the whole budget', () => {
    const lru = new TtlLru<string>(1000, Date.now, MB);
    lru.set('small', 'a', 60_000);
    lru.set('huge', 'x'.repeat(MB), 60_000);
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('small')).toBe('a');
  });

  it('estimates what a value holds, counting shared members once', () => {
    const text = 'y'.repeat(10_000);
    expect(approxBytes(text)).toBeGreaterThanOrEqual(20_000);
    const shared = { text };
    expect(approxBytes({ a: shared, b: shared })).toBeLessThan(approxBytes({ a: shared, b: { text: `${text}z` } }));
    expect(approxBytes([1, 2, 3])).toBeGreaterThan(0);
  });
});

describe('CACHE_MAX_BYTES', () => {
  const noCgroup = () => undefined;
  it('defaults to an eighth of the memory the platform reports, from 8 MB to 256 MB', () => {
    expect(defaultCacheBytes({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' }, noCgroup)).toBe(64 * MB);
    expect(defaultCacheBytes({ FUNCTION_MEMORY_MB: '256' }, noCgroup)).toBe(32 * MB);
    expect(defaultCacheBytes({ WEBSITE_MEMORY_LIMIT_MB: '2048' }, noCgroup)).toBe(256 * MB);
    expect(defaultCacheBytes({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128' }, noCgroup)).toBe(16 * MB);
    expect(defaultCacheBytes({}, () => 512 * MB)).toBe(64 * MB);
    expect(defaultCacheBytes({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '10240' }, noCgroup)).toBe(256 * MB);
  });
  it('counts on the V8 heap when the platform reports nothing', () => {
    expect(platformMemoryBytes({}, noCgroup)).toBe(getHeapStatistics().heap_size_limit);
    expect(platformMemoryBytes({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' }, noCgroup)).toBe(512 * MB);
  });
  it('is a setting', () => {
    expect(loadCacheConfig({ CACHE_MAX_BYTES: String(32 * MB) }).memoryBytes).toBe(32 * MB);
    expect(loadCacheConfig({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' }).memoryBytes).toBe(64 * MB);
    expect(() => loadCacheConfig({ CACHE_MAX_BYTES: '12' })).toThrow(/CACHE_MAX_BYTES/);
  });
});

describe('a lead past its documented size is read up to the cap', () => {
  it('ends at a space or line break before the cap, and never splits a surrogate pair', () => {
    const text = `${'word '.repeat(50_000)}`;
    const head = headOf(text, 1000);
    expect(head.length).toBeLessThanOrEqual(1000);
    expect(head.length).toBeGreaterThan(990);
    expect(text.startsWith(head)).toBe(true);
    const emoji = headOf('😀'.repeat(2000), 1001);
    expect(emoji.length).toBe(1000);
    expect(headOf('short', 1000)).toBe('short');
  });

  const pad = 'The city has a long history and many parks. '.repeat(34_000);
  let fake: FakeWikipedia;
  beforeAll(async () => {
    const page = {
      title: 'Bigtown',
      pageid: 777,
      revid: 1,
      extract: `Bigtown is a city. ${pad}`,
      wikitext: `{{Infobox settlement\n|name = Bigtown\n|population_total = 12345\n}}\n${pad}`,
      coordinates: { lat: 1, lon: 2 },
    };
    fake = await startFakeWikipedia({ wikis: { en: { pages: [page], redirects: {} } } });
  });
  afterAll(() => fake.close());

  it('keeps the facts at the start of a 1.5 MB lead without headings', async () => {
    const client = new WikipediaClient({ baseUrl: fake.baseUrl, timeoutMs: 5000, userAgent: 'cityscope-test/1' });
    const found = await client.lookup('Bigtown', 'en');
    expect(found.kind).toBe('page');
    if (found.kind !== 'page') return;
    expect(found.page.wikitext.length).toBeLessThanOrEqual(LEAD_LIMITS.wikitextChars);
    expect(found.page.wikitext.length).toBeGreaterThan(LEAD_LIMITS.wikitextChars - 1024);
    expect(found.page.wikitext).toContain('population_total = 12345');
    expect(found.page.extract.length).toBeLessThanOrEqual(LEAD_LIMITS.extractChars);
    expect(found.page.extract.startsWith('Bigtown is a city.')).toBe(true);
  });
});
