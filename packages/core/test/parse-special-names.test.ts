import { describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';
import { blockedReason } from '../src/parse/ip.js';
import { specialUseReason } from '../src/parse/special-names.js';

describe('special-use names (IANA registry, .internal, RFC 6762 Appendix G)', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'LOCALHOST.',
    'app.localhost',
    'App.LocalHost.',
    'example.invalid',
    'a.test',
    'printer.local',
    'x.onion',
    'name.alt',
    'metadata.google.internal',
    'router.home.arpa',
    '1.0.0.10.in-addr.arpa',
    'b.a.9.8.ip6.arpa',
    'ipv4only.arpa',
    'box.lan',
    'nas.home',
    'wiki.corp',
    'metadata',
    'intranet',
    'a..b',
    '.',
  ])('refuses %s', (host) => {
    expect(specialUseReason(host)).not.toBeNull();
  });

  it.each([
    'example.org',
    'example.com',
    'en.wikipedia.org',
    'xn--bcher-kva.example',
    'localhost.example.org',
    'test.org',
  ])('lets %s through to DNS and the address check', (host) => {
    expect(specialUseReason(host)).toBeNull();
  });
});

describe('::/8 (reserved by IETF) is refused, apart from the forms judged by their IPv4 address', () => {
  it.each(['1::', '::1:0:0:1', '0:1::', 'ff::1', 'ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '64:ff9b:2::1'])(
    '%s',
    (a) => {
      expect(blockedReason(a)).toBe('reserved (IETF)');
    },
  );
  it('keeps judging loopback and the IPv4 forms by their own rules', () => {
    expect(blockedReason('::1')).toBe('loopback');
    expect(blockedReason('::ffff:8.8.8.8')).toBeNull();
    expect(blockedReason('64:ff9b::808:808')).toBeNull();
    expect(blockedReason('::a00:1')).toBe('private');
    expect(blockedReason('2606:4700::1111')).toBeNull();
  });
});

describe('POST /parse: names', () => {
  const lookups: string[] = [];
  const failures: Record<string, string> = { 'gone.example': 'ENOTFOUND', 'flaky.example': 'EAI_AGAIN' };
  const handle = createHandler({
    env: { LOG_LEVEL: 'silent' },
    pageFetch: {
      timeoutMs: 1000,
      resolve: async (h) => {
        lookups.push(h);
        const code = failures[h];
        if (code) throw Object.assign(new Error(`getaddrinfo ${code} ${h}`), { code });
        return [];
      },
    },
  });
  const parse = async (url: string) => {
    const res = await handle(
      new Request('http://localhost/parse', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url }),
      }),
    );
    return { status: res.status, body: await res.json() };
  };

  it.each([
    'http://LOCALHOST./',
    'http://localhost/',
    'http://x.localhost:80/',
    'https://metadata.google.internal/',
    'http://router.home.arpa/',
    'http://Printer.Local./',
    'http://metadata/',
  ])('refuses %s as blocked_url before any DNS lookup', async (url) => {
    lookups.length = 0;
    const r = await parse(url);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).toBe('blocked_url');
    expect(lookups).toEqual([]);
  });

  it('a name that does not exist is 400 host_not_found; a resolver failure stays 502', async () => {
    let r = await parse('http://gone.example/');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'host_not_found', title: 'Host Not Found' });
    r = await parse('http://empty.example/');
    expect(r.body.code).toBe('host_not_found');
    r = await parse('http://flaky.example/');
    expect(r.status).toBe(502);
    expect(r.body.code).toBe('upstream_error');
  });
});
