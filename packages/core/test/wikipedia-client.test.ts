import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, UpstreamTimeoutError, UpstreamUnavailableError } from '../src/errors.js';
import { WikipediaClient } from '../src/wikipedia/client.js';

let fake: FakeWikipedia;
const noSleep = async () => {};
const client = (extra: Partial<ConstructorParameters<typeof WikipediaClient>[0]> = {}) =>
  new WikipediaClient({
    baseUrl: fake.baseUrl,
    timeoutMs: 2000,
    userAgent: 'cityscope-test/1 (https://example.org)',
    sleep: noSleep,
    ...extra,
  });

beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.faults.length = 0;
  fake.delayMs = 0;
});

const apiRequests = () => fake.requests.filter((r) => r.path === '/w/api.php');

describe('hostile titles reach the upstream as one titles value', () => {
  for (const title of [
    'Paris&action=delete',
    'A#B',
    'AC/DC',
    'São Paulo',
    'Washington, D.C.',
    'x=1&format=xml',
    'a|b',
    '%26%23',
  ]) {
    it(JSON.stringify(title), async () => {
      await client().lookup(title, 'en');
      const [req] = apiRequests();
      expect(req).toBeDefined();
      const params = req?.params as URLSearchParams;
      expect(params.getAll('titles')).toHaveLength(1);
      const sent = params.get('titles') as string;
      expect(sent.startsWith('\u001f') ? sent.slice(1) : sent).toBe(title);
      expect(params.get('action')).toBe('query');
      expect(params.get('format')).toBe('json');
      expect(params.getAll('action')).toHaveLength(1);
      expect(params.getAll('format')).toHaveLength(1);
    });
  }

  it('sends a descriptive User-Agent', async () => {
    await client().lookup('Toronto', 'en');
    expect(apiRequests()[0]?.headers['user-agent']).toBe('cityscope-test/1 (https://example.org)');
  });

  it('asks for everything a city needs in one request', async () => {
    const found = await client().lookup('Toronto', 'en');
    expect(found.kind).toBe('page');
    expect(apiRequests()).toHaveLength(1);
    const p = apiRequests()[0]?.params as URLSearchParams;
    expect(p.get('formatversion')).toBe('2');
    expect(p.has('redirects')).toBe(true);
    for (const prop of ['info', 'pageprops', 'coordinates', 'extracts', 'pageimages', 'revisions']) {
      expect(p.get('prop')?.split('|')).toContain(prop);
    }
    expect(p.get('inprop')).toBe('url');
    expect(p.get('rvslots')).toBe('main');
    expect(p.get('rvsection')).toBe('0');
    expect(p.get('exintro')).toBe('1');
  });
});

describe('answers', () => {
  it('follows normalization', async () => {
    const found = await client().lookup('toronto', 'en');
    expect(found).toMatchObject({ kind: 'page', redirectedFrom: null, page: { title: 'Toronto', pageId: 64646 } });
  });

  it('reports redirects as redirectedFrom', async () => {
    const found = await client().lookup('TO', 'en');
    expect(found).toMatchObject({ kind: 'page', redirectedFrom: 'TO', page: { title: 'Toronto' } });
  });

  it('reports normalized redirects with the normalized title', async () => {
    const found = await client().lookup('dublin,_Ireland', 'en');
    expect(found).toMatchObject({ kind: 'page', page: { title: 'Dublin' } });
  });

  it('maps missing and invalid titles to missing', async () => {
    expect(await client().lookup('Nowhere Xyz', 'en')).toEqual({ kind: 'missing', title: 'Nowhere Xyz' });
    expect(await client().lookup('a|b', 'en')).toEqual({ kind: 'missing', title: 'a|b' });
    expect(await client().lookup('<bad>', 'en')).toEqual({ kind: 'missing', title: '<bad>' });
  });

  it('turns disambiguation pages into candidates from their links, in a second request', async () => {
    const found = await client().lookup('Springfield', 'en');
    expect(found).toEqual({
      kind: 'ambiguous',
      title: 'Springfield',
      candidates: ['Springfield, Illinois', 'Springfield, Massachusetts', 'Springfield, Missouri'],
    });
    expect(apiRequests()).toHaveLength(2);
    expect(apiRequests()[1]?.params.get('prop')).toBe('links');
  });

  it('falls back to the links in the page wikitext when the links request fails', async () => {
    const failing: typeof fetch = (input, init) =>
      String(input).includes('prop=links')
        ? Promise.resolve(new Response('{"error":{"code":"badvalue"}}'))
        : fetch(input, init);
    const found = await client({ fetch: failing }).lookup('Springfield', 'en');
    expect(found).toEqual({
      kind: 'ambiguous',
      title: 'Springfield',
      candidates: ['Springfield, Illinois', 'Springfield, Massachusetts'],
    });
  });

  it('reads formatversion=1 answers', async () => {
    const v1: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      url.searchParams.set('formatversion', '1');
      return fetch(url, init);
    };
    const c = client({ fetch: v1 });
    const toronto = await c.lookup('TO', 'en');
    expect(toronto).toMatchObject({
      kind: 'page',
      redirectedFrom: 'TO',
      page: { title: 'Toronto', revisionId: 1200000001 },
    });
    if (toronto.kind !== 'page') throw new Error('unreachable');
    expect(toronto.page.wikitext).toContain('Infobox settlement');
    expect(toronto.page.coordinates).toEqual({ lat: 43.7417, lon: -79.3733 });
    expect(toronto.page.description).toBe('Capital city of Ontario, Canada');
    expect(await c.lookup('Nowhere Xyz', 'en')).toEqual({ kind: 'missing', title: 'Nowhere Xyz' });
    expect((await c.lookup('Springfield', 'en')).kind).toBe('ambiguous');
  });

  it('follows exlimit continuation to fill every extract', async () => {
    const small = await startFakeWikipedia({ exlimit: 2 });
    try {
      const c = new WikipediaClient({ baseUrl: small.baseUrl, timeoutMs: 2000, userAgent: 'ua' });
      const titles = ['Toronto', 'Montreal', 'Ottawa', 'Dublin', 'São Paulo'];
      const found = await c.lookupMany(titles, 'en');
      for (const f of found) {
        expect(f.kind).toBe('page');
        if (f.kind === 'page') expect(f.page.extract.length).toBeGreaterThan(20);
      }
      const calls = small.requests.filter((r) => r.path === '/w/api.php');
      expect(calls).toHaveLength(3);
      expect(calls[1]?.params.get('excontinue')).toBe('2');
    } finally {
      await small.close();
    }
  });

  it('keeps two languages apart when both are in flight', async () => {
    const c = client();
    const asks: Array<[string, string]> = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0 ? ['Paris', 'fr'] : ['Toronto', 'en'],
    );
    fake.delayMs = 20;
    const found = await Promise.all(asks.map(([t, lang]) => c.lookup(t, lang)));
    found.forEach((f, i) => {
      const lang = asks[i]?.[1];
      expect(f.kind).toBe('page');
      if (f.kind === 'page') expect(f.page.url).toContain(`/${lang}/wiki/`);
    });
    const langs = apiRequests().map((r) => r.lang);
    expect(new Set(langs)).toEqual(new Set(['fr', 'en']));
  });

  it('caches answers and shares one request between concurrent callers', async () => {
    const c = client();
    await Promise.all([c.lookup('Ottawa', 'en'), c.lookup('Ottawa', 'en')]);
    await c.lookup('Ottawa', 'en');
    expect(apiRequests()).toHaveLength(1);
    await c.lookup('Ottawa', 'fr');
    expect(apiRequests()).toHaveLength(2);
  });
});

describe('failures', () => {
  it('retries 429 and 503, then succeeds', async () => {
    fake.faults.push({ status: 429, headers: { 'retry-after': '0' } }, { status: 503 });
    const found = await client().lookup('Toronto', 'en');
    expect(found.kind).toBe('page');
    expect(apiRequests()).toHaveLength(3);
  });

  it('gives up after bounded retries and passes Retry-After on', async () => {
    fake.faults.push(...Array.from({ length: 5 }, () => ({ status: 503, headers: { 'retry-after': '1' } })));
    const err = await client()
      .lookup('Toronto', 'en')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.upstreamStatus).toBe(503);
    expect(err.retryAfter).toBe(1);
    expect(apiRequests()).toHaveLength(3);
  });

  it('does not wait out a long Retry-After', async () => {
    fake.faults.push({ status: 429, headers: { 'retry-after': '120' } });
    const err = await client()
      .lookup('Toronto', 'en')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailableError);
    expect(err.headers()).toEqual({ 'retry-after': '120' });
    expect(apiRequests()).toHaveLength(1);
  });

  it('waits with backoff between retries', async () => {
    const waits: number[] = [];
    fake.faults.push({ status: 503 }, { status: 503 });
    await client({ sleep: async (ms) => void waits.push(ms) }).lookup('Toronto', 'en');
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0] as number);
  });

  it('keeps the status of other errors', async () => {
    fake.faults.push({ status: 404, body: 'gone' });
    const err = await client()
      .lookup('Toronto', 'en')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.upstreamStatus).toBe(404);
    expect(err.status).toBe(502);
  });

  it('treats unreadable JSON and API errors as upstream errors', async () => {
    fake.faults.push({ status: 200, body: '<html>oops' });
    await expect(client().lookup('Toronto', 'en')).rejects.toBeInstanceOf(UpstreamError);
    fake.faults.push({ status: 200, body: JSON.stringify({ error: { code: 'internal_api_error', info: 'x' } }) });
    await expect(client().lookup('Ottawa', 'en')).rejects.toThrow(/internal_api_error/);
  });

  it('treats answers of the wrong shape as upstream errors, and caches none of them', async () => {
    const c = client();
    for (const body of [
      {},
      { batchcomplete: true },
      { warnings: { main: { warnings: 'Unrecognized parameter' } } },
      { query: {} },
      { query: { pages: 'none' } },
      { query: { pages: [] } },
      { query: { pages: [{ ns: 0 }] } },
      { query: { pages: [7] } },
    ]) {
      fake.faults.push({ status: 200, body: JSON.stringify(body) });
      const err = await c.lookup('Toronto', 'en').catch((e) => e);
      expect(err, JSON.stringify(body)).toBeInstanceOf(UpstreamError);
      expect(err.status).toBe(502);
    }
    // the upstream recovers: the city is there, not a cached miss
    expect(await c.lookup('Toronto', 'en')).toMatchObject({ kind: 'page', page: { title: 'Toronto' } });
  });

  it('keeps "missing" for what Wikipedia says is missing', async () => {
    fake.faults.push({
      status: 200,
      body: JSON.stringify({ query: { pages: [{ ns: 0, title: 'Nowhere', missing: true }] } }),
    });
    expect(await client().lookup('Nowhere', 'en')).toEqual({ kind: 'missing', title: 'Nowhere' });
  });

  it('enforces the deadline', async () => {
    fake.delayMs = 500;
    const err = await client({ timeoutMs: 100 })
      .lookup('Toronto', 'en')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamTimeoutError);
    expect(err.status).toBe(504);
  });

  it('gives one lookup a total budget across continuations', async () => {
    const slow = await startFakeWikipedia({ exlimit: 1 });
    try {
      slow.delayMs = 400;
      // each answer is within the 600 ms deadline, but five of them are not within 2.5 × 600 ms
      const c = new WikipediaClient({ baseUrl: slow.baseUrl, timeoutMs: 600, userAgent: 'ua' });
      const started = Date.now();
      const err = await c.lookupMany(['Toronto', 'Montreal', 'Ottawa', 'Dublin', 'São Paulo'], 'en').catch((e) => e);
      expect(err).toBeInstanceOf(UpstreamTimeoutError);
      // five answers take 2 s; the lookup gave up at its 1.5 s budget
      expect(Date.now() - started).toBeLessThan(1900);
    } finally {
      await slow.close();
    }
  });

  it('enforces the size cap', async () => {
    const err = await client({ maxBytes: 1000 })
      .lookup('Toronto', 'en')
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toMatch(/more than 1000 bytes/);
  });

  it('reports an unreachable upstream as an upstream error', async () => {
    const c = new WikipediaClient({ baseUrl: 'http://127.0.0.1:1/{lang}', timeoutMs: 1000, userAgent: 'ua' });
    await expect(c.lookup('Toronto', 'en')).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('what a page carries', () => {
  it('an extract without the traces of removed pronunciations ("Dublin (, ) is …")', async () => {
    const found = await client().lookup('Dublin', 'en');
    expect(found.kind === 'page' && found.page.extract).toMatch(
      /^Dublin is the capital and largest city of Ireland\. /,
    );
  });

  it('asks for the Wikidata item with the page properties', async () => {
    await client().lookup('Toronto', 'en');
    expect(apiRequests()[0]?.params.get('ppprop')?.split('|')).toContain('wikibase_item');
  });

  it('a place lookup asks for titles and coordinates only', async () => {
    const [found] = await client().lookupMany(['Montreal'], 'en', 'place');
    expect(apiRequests()).toHaveLength(1);
    expect(apiRequests()[0]?.params.get('prop')).toBe('info|pageprops|coordinates');
    expect(apiRequests()[0]?.params.has('exintro')).toBe(false);
    expect(found?.kind === 'page' && found.page.coordinates).toEqual({ lat: 45.5089, lon: -73.5617 });
  });
});
