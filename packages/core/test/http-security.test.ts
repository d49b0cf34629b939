import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, pageHeaders } from '../src/http/security.js';
import { createHandler } from '../src/index.js';

const handle = createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } });
const get = (path: string, init?: RequestInit) => handle(new Request(`http://localhost${path}`, init));

describe('security headers', () => {
  it('nosniff on every answer: data, problems, preflights, pages', async () => {
    const answers = await Promise.all([
      get('/health'),
      get('/openapi.json'),
      get('/nowhere'),
      get('/health', { method: 'DELETE' }),
      get('/analyze', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }),
      get('/health', {
        method: 'OPTIONS',
        headers: { origin: 'https://a.example', 'access-control-request-method': 'GET' },
      }),
      get('/docs'),
      get('/'),
    ]);
    for (const res of answers) expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
  });

  it('a strict policy on /docs: the pinned viewer and its inline script by hash, no framing', async () => {
    const res = await get('/docs');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toMatch(
      /script-src 'self' https:\/\/cdn\.jsdelivr\.net\/npm\/swagger-ui-dist@[\d.]+\/swagger-ui-bundle\.js 'sha256-/,
    );
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('the same policy function on every HTML page; none on data answers', async () => {
    const explorer = await get('/');
    expect(explorer.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect((await get('/health')).headers.get('content-security-policy')).toBeNull();
    expect(pageHeaders('image/svg+xml; charset=utf-8')['content-security-policy']).toBe(contentSecurityPolicy());
    expect(pageHeaders('application/json')).toEqual({});
  });
});
