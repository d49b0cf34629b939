import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type FakeWikipedia, type ServeProcess, startFakeWikipedia, startServeProcess } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_REDIS_REASON, REDIS_BIN, type RedisServer, startRedis } from '../../core/test/redis-server.js';

/**
 * Access end to end, as an operator deploys it: two `cityscope serve` processes (the
 * command's bundle, built for this test into a folder of its own, run from an empty folder
 * with only a shell's environment) with one hashed API key, RATE_LIMIT and one
 * shared CACHE_URL on a real redis-server, and a third that takes JWTs from a key set
 * served on loopback. Everything goes over real HTTP; the tokens are made here with
 * node:crypto, not with the library the server checks them with.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const KEY = 'csk_access-check-0123456789abcdefghij';
const LIMIT = 5;
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'cityscope-api';

let work: string;
let fake: FakeWikipedia;
let redis: RedisServer;
let jwks: Server;
let a: ServeProcess;
let b: ServeProcess;
let c: ServeProcess;

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}
function rsaKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}
const served = rsaKey('k1');
const stranger = rsaKey('k1'); // same kid, not in the key set

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** An RS256 JWT (RSASSA-PKCS1-v1_5 over SHA-256), with the claims a provider would set unless overridden. */
function token(key: SigningKey, claims: Record<string, unknown> = {}): string {
  const body = { sub: 'user-1', iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300, ...claims };
  const data = `${b64({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${b64(body)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key.privateKey).toString('base64url')}`;
}

function cli(env: Record<string, string>): Promise<ServeProcess> {
  return startServeProcess(process.execPath, [join(work, 'cli/cityscope.mjs'), 'serve', '--port', '0'], {
    cwd: join(work, 'empty'),
    // what a shell has, and the deployment's settings: nothing of the test runner
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      WIKIDATA_BASE_URL: fake.wikidataUrl,
      WIKIPEDIA_TIMEOUT_MS: '10000',
      WIKIMEDIA_CONTACT: 'ops@example.org',
      LOG_LEVEL: 'warn',
      ...env,
    },
    timeoutMs: 60_000,
  });
}

interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown> | null;
  text: string;
}
async function send(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : null;
  return { status: res.status, headers: res.headers, json, text };
}
const get = (base: string, path: string, headers: Record<string, string> = {}) => send(base, path, { headers });
const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(base, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const withKey = { 'x-api-key': KEY };

function expectUnauthorized(r: Answer, reason: 'missing' | 'invalid' | 'expired', what: string): void {
  expect(r.status, what).toBe(401);
  expect(r.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(r.json?.code, what).toBe('unauthorized');
  expect(r.headers.get('www-authenticate'), what).toBe('Bearer');
  expect(r.json?.detail, what).toMatch(new RegExp(`^Credentials ${reason}:`));
}
/** The units left in the current window, from the RateLimit field (null when absent). */
function remaining(r: Answer): number | null {
  const m = /^"default";r=(\d+);t=(\d+)$/.exec(r.headers.get('ratelimit') ?? '');
  return m ? Number(m[1]) : null;
}

describe.skipIf(!REDIS_BIN)(
  `access through cityscope serve over HTTP${REDIS_BIN ? '' : ` (skipped: ${NO_REDIS_REASON})`}`,
  () => {
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'cityscope-access-'));
      mkdirSync(join(work, 'empty'));
      // its own build: packages/cli/dist may be rebuilt by another test while this one runs
      const built = promisify(execFile)(
        process.execPath,
        ['scripts/build.mjs', 'cli', '--out-dir', join(work, 'cli')],
        { cwd: root, timeout: 120_000 },
      );
      [fake, redis] = await Promise.all([startFakeWikipedia(), startRedis(), built]);
      jwks = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [served.jwk] }));
      });
      await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
      const keyed = {
        API_KEYS: `team:${createHash('sha256').update(KEY, 'utf8').digest('hex')}`,
        RATE_LIMIT: `${LIMIT}/min`,
        CACHE_URL: redis.url,
        // the store's deadline (200 ms by default) with room for a loaded test machine: a missed one
        // counts per instance for 5 s, which is the fallback's test, not this one's
        CACHE_TIMEOUT_MS: '1000',
        PARSE_URL_HOSTS: 'example.org',
      };
      [a, b, c] = await Promise.all([
        cli(keyed),
        cli(keyed),
        cli({
          AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
          AUTH_ISSUER: ISSUER,
          AUTH_AUDIENCE: AUDIENCE,
        }),
      ]);
    }, 180_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
      await Promise.all([redis?.stop(), fake?.close(), new Promise<void>((r) => (jwks ? jwks.close(() => r()) : r()))]);
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('anonymous requests: 401 unauthorized, WWW-Authenticate: Bearer, saying only "missing"', async () => {
      for (const [name, base] of [
        ['A', a.url],
        ['B', b.url],
        ['JWT', c.url],
      ] as const) {
        expectUnauthorized(await get(base, '/cities/Toronto'), 'missing', `${name} GET /cities`);
        expectUnauthorized(await post(base, '/analyze', { text: 'Dublin.' }), 'missing', `${name} POST /analyze`);
      }
    });

    it('wrong keys in either header form: 401 "invalid"; the right one passes in both, on both instances', async () => {
      await redis.cmd('FLUSHALL');
      expectUnauthorized(await get(a.url, '/cities/Toronto', { 'x-api-key': `${KEY}x` }), 'invalid', 'X-API-Key');
      expectUnauthorized(await get(a.url, '/cities/Toronto', { authorization: 'Bearer nope' }), 'invalid', 'Bearer');
      expectUnauthorized(await get(b.url, '/cities/Toronto', { authorization: `Basic ${KEY}` }), 'invalid', 'Basic');
      // the key on the instance that takes only JWTs
      expectUnauthorized(await get(c.url, '/cities/Toronto', withKey), 'invalid', 'a key where only JWTs go');
      const viaHeader = await get(a.url, '/cities/Toronto', withKey);
      const viaBearer = await get(b.url, '/cities/Toronto', { authorization: `Bearer ${KEY}` });
      expect([viaHeader.status, viaBearer.status]).toEqual([200, 200]);
      expect(viaHeader.json).toMatchObject({ title: 'Toronto' });
      // one client, one count across both instances
      expect([remaining(viaHeader), remaining(viaBearer)]).toEqual([LIMIT - 1, LIMIT - 2]);
    });

    it('tokens: valid passes; expired, wrong aud or iss, another key and alg none are 401', async () => {
      const ok = await get(c.url, '/cities/Toronto', { authorization: `Bearer ${token(served)}` });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ title: 'Toronto' });
      const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: 'k1' })}.${b64({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}.`;
      const bad: [string, string, 'invalid' | 'expired'][] = [
        ['expired', token(served, { exp: now() - 600, iat: now() - 900 }), 'expired'],
        ['wrong aud', token(served, { aud: 'someone-else' }), 'invalid'],
        ['wrong iss', token(served, { iss: 'https://evil.example' }), 'invalid'],
        ['another key, same kid', token(stranger), 'invalid'],
        ['alg none', unsigned, 'invalid'],
        ['not yet valid', token(served, { nbf: now() + 600 }), 'invalid'],
      ];
      for (const [what, jwt, reason] of bad) {
        expectUnauthorized(await get(c.url, '/cities/Toronto', { authorization: `Bearer ${jwt}` }), reason, what);
      }
      // a valid token on an instance without AUTH_*: not a key it knows
      expectUnauthorized(
        await get(a.url, '/cities/Toronto', { authorization: `Bearer ${token(served)}` }),
        'invalid',
        'a token where only keys go',
      );
    });

    it('open routes stay open without credentials, and are never counted', async () => {
      for (const base of [a.url, c.url]) {
        const health = await get(base, '/health');
        expect(health.status).toBe(200);
        expect(health.headers.get('ratelimit')).toBeNull();
        expect((await get(base, '/openapi.json')).status).toBe(200);
        const docs = await get(base, '/docs');
        expect(docs.status).toBe(200);
        expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
        const preflight = await send(base, '/cities/Toronto', {
          method: 'OPTIONS',
          headers: {
            origin: 'https://app.example',
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization, x-api-key',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization, x-api-key/);
      }
    });

    it('/openapi.json declares both schemes, and security on every operation', async () => {
      const doc = (await get(a.url, '/openapi.json')).json as {
        components: { securitySchemes: Record<string, Record<string, string>> };
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      };
      const schemes = doc.components.securitySchemes;
      const bearer = Object.keys(schemes).find((k) => schemes[k]?.type === 'http' && schemes[k]?.scheme === 'bearer');
      const apiKey = Object.keys(schemes).find(
        (k) => schemes[k]?.type === 'apiKey' && schemes[k]?.in === 'header' && schemes[k]?.name === 'X-API-Key',
      );
      expect(bearer && apiKey).toBeTruthy();
      const open = new Set(['get /health', 'get /openapi.json', 'get /docs']);
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const id = `${method} ${path}`;
          if (open.has(id)) expect(op.security, id).toEqual([]);
          else if (
            path.startsWith('/cities') ||
            ['/compare', '/distance', '/route', '/hubs', '/analyze', '/parse'].includes(path)
          ) {
            expect(op.security, id).toEqual([{ [bearer as string]: [] }, { [apiKey as string]: [] }]);
          }
        }
      }
    });

    it(`more single-city lookups than the limit, alternating instances: at most ${LIMIT} + 1 admitted, then 429`, async () => {
      await redis.cmd('FLUSHALL');
      const answers: Answer[] = [];
      for (let i = 0; i < 2 * LIMIT + 2; i++)
        answers.push(await get(i % 2 ? b.url : a.url, '/cities/Toronto', withKey));
      const admitted = answers.filter((r) => r.status === 200);
      expect(admitted.length, `the instances said:\n${a.stderr()}${b.stderr()}`).toBeLessThanOrEqual(LIMIT + 1);
      expect(admitted.length).toBeGreaterThanOrEqual(LIMIT);
      expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
      // every limited answer carries the fields, the admitted ones counting down
      expect(admitted.map(remaining)).toEqual([4, 3, 2, 1, 0]);
      for (const r of answers) expect(r.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=60`);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(r.json?.code).toBe('rate_limited');
        const retry = Number(r.headers.get('retry-after'));
        expect(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${retry}`).toBe(true);
        expect(r.headers.get('ratelimit')).toBe(`"default";r=0;t=${retry}`);
      }
      // all at once: still no more than the limit plus one
      await redis.cmd('FLUSHALL');
      const burst = await Promise.all(
        Array.from({ length: 3 * LIMIT }, (_, i) => get(i % 2 ? b.url : a.url, '/cities/Toronto', withKey)),
      );
      expect(burst.filter((r) => r.status === 200).length).toBeLessThanOrEqual(LIMIT + 1);
      expect(burst.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    });

    it('each route costs what docs/api.md lists', async () => {
      const spent = async (send: () => Promise<Answer>, status = 200) => {
        await redis.cmd('FLUSHALL');
        const r = await send();
        expect(r.status, r.text.slice(0, 300)).toBe(status);
        return LIMIT - (remaining(r) ?? Number.NaN);
      };
      expect(await spent(() => get(a.url, '/cities/Toronto', withKey))).toBe(1);
      expect(await spent(() => get(b.url, '/compare?cities=Toronto,Montreal,Ottawa', withKey))).toBe(3);
      expect(await spent(() => get(a.url, '/distance?from=Toronto&to=Montreal', withKey))).toBe(2);
      expect(await spent(() => post(b.url, '/route', { cities: ['Toronto', 'Montreal'] }, withKey))).toBe(2);
      expect(await spent(() => post(a.url, '/hubs', { cities: ['Toronto', 'Montreal', 'Ottawa'] }, withKey))).toBe(3);
      expect(await spent(() => post(b.url, '/analyze', { text: 'Dublin is a lovely city.' }, withKey))).toBe(1);
      const page = '<html><head><title>T</title></head><body><p>Some text.</p></body></html>';
      expect(await spent(() => post(a.url, '/parse', { html: page }, withKey))).toBe(1);
      expect(await spent(() => post(b.url, '/parse', { html: page.repeat(300) }, withKey))).toBe(3);
      // a refused input was read and checked: 1 unit, and the fields like any limited answer
      expect(await spent(() => get(a.url, '/cities/Toronto?sentences=99', withKey), 400)).toBe(1);
      expect(await spent(() => post(b.url, '/analyze', { text: 7 }, withKey), 400)).toBe(1);
    });

    it('PARSE_URL_HOSTS: a page outside the allowlist is 403 forbidden', async () => {
      await redis.cmd('FLUSHALL');
      const r = await post(a.url, '/parse', { url: 'https://pages.example.net/a' }, withKey);
      expect(r.status).toBe(403);
      expect(r.json?.code).toBe('forbidden');
    });

    it('when the store dies, both instances go on answering, each counting on its own', async () => {
      await redis.kill();
      const after: number[] = [];
      for (let i = 0; i < 2 * (LIMIT + 1); i++)
        after.push((await get(i % 2 ? b.url : a.url, '/cities/Toronto', withKey)).status);
      expect(after.every((s) => s === 200 || s === 429)).toBe(true);
      expect(after.filter((s) => s === 200).length).toBe(2 * LIMIT);
      for (const p of [a, b]) expect(p.stderr()).toMatch(/rate limit store failed/);
      await redis.restart();
    }, 60_000);
  },
);
