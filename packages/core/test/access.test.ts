import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchApiKey, newApiKey } from '../src/access/api-keys.js';
import { rateLimitHeaders } from '../src/access/gate.js';
import { MemoryCounter } from '../src/access/limiter.js';
import { hostAllowed, loadAccessConfig, parseApiKeys, parseRateLimit } from '../src/access/settings.js';
import { createHandler } from '../src/http/handle.js';
import { lastForwardedHop } from '../src/platform/forwarded.js';

const sha = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

describe('access settings', () => {
  it('reads API_KEYS entries and refuses malformed ones', () => {
    const entries = parseApiKeys(` a:${sha('x')}, b.c-d_e:${sha('y')} ,`);
    expect(entries.map((e) => e.name)).toEqual(['a', 'b.c-d_e']);
    expect(() => parseApiKeys('a:XYZ')).toThrow(/API_KEYS/);
    expect(() => parseApiKeys(`a:${sha('x').toUpperCase()}`)).toThrow(/lower-case/);
    expect(() => parseApiKeys(`a:${sha('x')},a:${sha('y')}`)).toThrow(/twice/);
  });

  it('reads RATE_LIMIT as units per window', () => {
    expect(parseRateLimit('600/min')).toEqual({ units: 600, windowSeconds: 60 });
    expect(parseRateLimit('5/s')).toEqual({ units: 5, windowSeconds: 1 });
    expect(parseRateLimit('10000/h')).toEqual({ units: 10000, windowSeconds: 3600 });
    for (const bad of ['0/min', '5/day', 'five/min', '5', '-1/s'])
      expect(() => parseRateLimit(bad)).toThrow(/RATE_LIMIT/);
  });

  it('wants AUTH_* all three or none, and is off with nothing set', () => {
    const off = loadAccessConfig({});
    expect(off).toEqual({ apiKeys: [], jwt: null, rateLimit: null, trustProxy: false, parseUrlHosts: null });
    expect(() => loadAccessConfig({ AUTH_JWKS_URL: 'https://x/jwks' })).toThrow(/go together/);
    expect(() => loadAccessConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('matches PARSE_URL_HOSTS suffixes on a label boundary', () => {
    const hosts = loadAccessConfig({ PARSE_URL_HOSTS: 'Example.org, *.wikipedia.org' }).parseUrlHosts as string[];
    expect(hosts).toEqual(['example.org', 'wikipedia.org']);
    expect(hostAllowed('example.org', hosts)).toBe(true);
    expect(hostAllowed('en.wikipedia.org.', hosts)).toBe(true);
    expect(hostAllowed('badexample.org', hosts)).toBe(false);
    expect(hostAllowed('example.org.evil.net', hosts)).toBe(false);
  });
});

describe('API keys', () => {
  it('matches a key against its hashed entry, and nothing else', () => {
    const entries = parseApiKeys(`alice:${sha('k-alice')},bob:${sha('k-bob')}`);
    expect(matchApiKey('k-bob', entries)).toBe('bob');
    expect(matchApiKey('k-bo', entries)).toBeNull();
    expect(matchApiKey('', entries)).toBeNull();
    expect(matchApiKey('x'.repeat(10_000), entries)).toBeNull();
  });

  it('makes keys of 256 random bits, URL-safe, with their entry', () => {
    const { key, entry } = newApiKey('ci');
    expect(key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(entry).toBe(`ci:${sha(key)}`);
    expect(newApiKey('ci').key).not.toBe(key);
    expect(() => newApiKey('bad name')).toThrow();
  });
});

describe('memory counter', () => {
  it('spends units in a window, refuses without spending, and resets', () => {
    let now = 0;
    const c = new MemoryCounter({ units: 5, windowSeconds: 60 }, () => now);
    expect(c.takeSync('a', 3)).toEqual({ allowed: true, remaining: 2, resetSeconds: 60 });
    expect(c.takeSync('a', 3)).toEqual({ allowed: false, remaining: 2, resetSeconds: 60 });
    now = 30_500;
    expect(c.takeSync('a', 2)).toEqual({ allowed: true, remaining: 0, resetSeconds: 30 });
    // a request never costs more than the whole limit
    now = 60_000;
    expect(c.takeSync('a', 50)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps at most its size of clients', () => {
    const c = new MemoryCounter({ units: 1, windowSeconds: 60 }, () => 0, 100);
    for (let i = 0; i < 1000; i++) c.takeSync(`client-${i}`, 1);
    expect(c.size).toBeLessThanOrEqual(100);
  });

  it('writes the RateLimit fields as structured fields', () => {
    expect(
      rateLimitHeaders({ units: 600, windowSeconds: 60 }, { allowed: true, remaining: 598, resetSeconds: 42 }),
    ).toEqual({
      'ratelimit-policy': '"default";q=600;w=60',
      ratelimit: '"default";r=598;t=42',
    });
  });
});

describe('forwarded addresses', () => {
  it('takes the last hop, without its port', () => {
    expect(lastForwardedHop('10.0.0.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(lastForwardedHop('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(lastForwardedHop('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(lastForwardedHop('2001:db8::1')).toBe('2001:db8::1');
    expect(lastForwardedHop(['a', 'b, 198.51.100.2'])).toBe('198.51.100.2');
    expect(lastForwardedHop('')).toBeUndefined();
    expect(lastForwardedHop(undefined)).toBeUndefined();
  });
});

describe('PARSE_URL_HOSTS', () => {
  it('refuses a URL outside the list with 403 forbidden, before any fetch', async () => {
    const h = createHandler({ env: { PARSE_URL_HOSTS: 'example.org', LOG_LEVEL: 'silent' } });
    const r = await h(
      new Request('http://x/parse', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://not-example.net/page' }),
      }),
    );
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('without access settings', () => {
  it('answers without credentials and sends no RateLimit fields', async () => {
    const h = createHandler({ env: { LOG_LEVEL: 'silent' } });
    const r = await h(new Request('http://x/health'));
    expect(r.status).toBe(200);
    expect(r.headers.get('ratelimit')).toBeNull();
  });
});
