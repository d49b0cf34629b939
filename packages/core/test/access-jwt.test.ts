import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtVerifier } from '../src/access/jwt.js';
import { UnauthorizedError } from '../src/errors.js';
import { createHandler } from '../src/http/handle.js';

/** A JWKS on loopback: the keys it serves can change (rotation), and it counts its fetches. */
let server: Server;
let jwksUrl = '';
let served: JWK[] = [];
let fetches = 0;
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'cityscope-api';

type Key = Awaited<ReturnType<typeof generateKeyPair>> & { jwk: JWK };
async function key(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Key> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}
let k1: Key;
let k2: Key;
let other: Key;

function token(k: Key, claims: Record<string, unknown> = {}, opts: { exp?: string | number; kid?: string } = {}) {
  return new SignJWT({ sub: 'user-1', ...claims })
    .setProtectedHeader({ alg: k.jwk.alg as string, kid: opts.kid ?? (k.jwk.kid as string) })
    .setIssuer((claims.iss as string) ?? ISSUER)
    .setAudience((claims.aud as string) ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m')
    .sign(k.privateKey);
}

beforeAll(async () => {
  [k1, k2, other] = await Promise.all([key('k1'), key('k2', 'ES256'), key('k1')]);
  served = [k1.jwk];
  server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('JWT through the handler', () => {
  const handler = () =>
    createHandler({
      env: { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, LOG_LEVEL: 'silent' },
    });
  const analyze = (h: ReturnType<typeof createHandler>, auth?: string) =>
    h(
      new Request('http://x/analyze', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ text: 'Dublin is a lovely city.' }),
      }),
    );
  const detail = async (r: Response) => ((await r.json()) as { detail: string }).detail;

  it('a valid token passes; every bad one is 401 saying only invalid or expired', async () => {
    served = [k1.jwk];
    const h = handler();
    expect((await analyze(h, `Bearer ${await token(k1)}`)).status).toBe(200);
    const cases: [string, string, string][] = [
      ['expired', await token(k1, {}, { exp: Math.floor(Date.now() / 1000) - 120 }), 'expired'],
      ['wrong aud', await token(k1, { aud: 'someone-else' }), 'invalid'],
      ['wrong iss', await token(k1, { iss: 'https://evil.example' }), 'invalid'],
      ['other key, same kid', await token(other), 'invalid'],
      ['alg none', `${b64({ alg: 'none', kid: 'k1' })}.${b64({ sub: 'x', iss: ISSUER, aud: AUDIENCE })}.`, 'invalid'],
      ['HS256 with the public key as secret', await hsToken(), 'invalid'],
      ['garbage', 'a.b.c', 'invalid'],
    ];
    for (const [what, jwt, reason] of cases) {
      const r = await analyze(h, `Bearer ${jwt}`);
      expect(r.status, what).toBe(401);
      expect(r.headers.get('www-authenticate'), what).toBe('Bearer');
      expect(await detail(r), what).toMatch(new RegExp(`^Credentials ${reason}:`));
    }
    const none = await analyze(h);
    expect(none.status).toBe(401);
    expect(await detail(none)).toMatch(/^Credentials missing:/);
  }, 30_000);

  it('the key set is fetched once and cached', async () => {
    served = [k1.jwk];
    const h = handler();
    const before = fetches;
    for (let i = 0; i < 3; i++) expect((await analyze(h, `Bearer ${await token(k1)}`)).status).toBe(200);
    expect(fetches - before).toBe(1);
  });
});

describe('JwtVerifier: key rotation and the refetch cooldown', () => {
  it('refetches on an unknown kid at most once a minute', async () => {
    served = [k1.jwk];
    let now = Date.now();
    const v = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, userAgent: 'test', now: () => now });
    const before = fetches;
    expect(await v.verify(await token(k1))).toBe('user-1');
    // the provider rotates to k2; within the minute, k2's unknown kid is refused without a fetch
    served = [k1.jwk, k2.jwk];
    await expect(v.verify(await token(k2))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(fetches - before).toBe(1);
    // a minute later the unknown kid prompts one fetch, and the new key holds
    now += 61_000;
    expect(await v.verify(await token(k2))).toBe('user-1');
    expect(fetches - before).toBe(2);
    // a kid that is nowhere: one refusal, no second fetch within the minute
    await expect(v.verify(await token(k2, {}, { kid: 'k9' }))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(fetches - before).toBe(2);
  });

  it('refuses an algorithm the key does not declare', async () => {
    served = [{ ...k1.jwk, alg: 'RS512' }];
    const v = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, userAgent: 'test' });
    await expect(v.verify(await token(k1))).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('a JWKS over its size cap is an upstream error, not a 401', async () => {
    served = Array.from({ length: 200 }, (_, i) => ({ ...k1.jwk, kid: `k${i}` }));
    const v = new JwtVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE, userAgent: 'test' });
    await expect(v.verify(await token(k1))).rejects.toMatchObject({ code: 'upstream_error' });
  });
});

function b64(o: object): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** The classic confusion: HS256 "signed" with the RSA public key's bytes. */
async function hsToken(): Promise<string> {
  const secret = new TextEncoder().encode(JSON.stringify(k1.jwk));
  return new SignJWT({ sub: 'x' })
    .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('5m')
    .sign(secret);
}
