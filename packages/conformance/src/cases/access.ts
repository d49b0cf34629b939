import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Case } from '../types.js';

/**
 * Access: run by their own suites (test/access-*.test.ts), each with its settings in the
 * environment before the runtimes load, and in this order (the limit cases count).
 */

/** The one key of the auth suite, and its API_KEYS entry. */
export const ACCESS_KEY = 'csk_conformance-key-0123456789abcdef';
export const AUTH_ENV = {
  API_KEYS: `conformance:${createHash('sha256').update(ACCESS_KEY).digest('hex')}`,
} as const;

/** The limit suite: no credentials, so a client is the address its platform reports. */
export const LIMIT_ENV = { RATE_LIMIT: '3/min', TRUST_PROXY: 'true' } as const;

const UNAUTHORIZED = {
  status: 401,
  type: 'problem',
  code: 'unauthorized',
  headers: { 'www-authenticate': 'Bearer' },
} as const;

export const AUTH_CASES: Case[] = [
  { name: 'no credentials: 401', request: { method: 'GET', path: '/cities/Toronto' }, ...UNAUTHORIZED },
  {
    name: 'no credentials says missing and nothing more',
    request: { method: 'GET', path: '/cities/Toronto' },
    ...UNAUTHORIZED,
    json: { detail: expect.stringMatching(/^Credentials missing:/) },
  },
  {
    name: 'a wrong key in X-API-Key: 401',
    request: { method: 'GET', path: '/cities/Toronto', headers: { 'x-api-key': `${ACCESS_KEY}x` } },
    ...UNAUTHORIZED,
  },
  {
    name: 'a wrong key as a bearer token: 401',
    request: { method: 'GET', path: '/cities/Toronto', headers: { authorization: 'Bearer not-the-key' } },
    ...UNAUTHORIZED,
  },
  {
    name: 'another scheme: 401',
    request: { method: 'GET', path: '/cities/Toronto', headers: { authorization: `Basic ${ACCESS_KEY}` } },
    ...UNAUTHORIZED,
  },
  {
    name: 'an unsigned JWT (alg none) as a bearer token: 401',
    request: {
      method: 'GET',
      path: '/cities/Toronto',
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    },
    ...UNAUTHORIZED,
  },
  {
    name: 'a POST without credentials is refused before its body is read',
    request: { method: 'POST', path: '/analyze', headers: { 'content-type': 'text/plain' }, body: 'x' },
    ...UNAUTHORIZED,
  },
  {
    name: 'the key in X-API-Key: 200',
    request: { method: 'GET', path: '/cities/Toronto', headers: { 'x-api-key': ACCESS_KEY } },
    status: 200,
    type: 'json',
  },
  {
    name: 'the key as a bearer token: 200',
    request: { method: 'GET', path: '/cities/Toronto', headers: { authorization: `Bearer ${ACCESS_KEY}` } },
    status: 200,
    type: 'json',
  },
  {
    name: 'the key in X-API-Key: a map, as the explorer asks for it',
    request: {
      method: 'POST',
      path: '/route',
      headers: { 'content-type': 'application/json', accept: 'image/svg+xml', 'x-api-key': ACCESS_KEY },
      body: JSON.stringify({ cities: ['Toronto', 'Montreal'] }),
    },
    status: 200,
    type: 'svg',
    headers: { 'content-type': 'image/svg+xml; charset=utf-8' },
  },
  // open routes
  { name: 'open: /health', request: { method: 'GET', path: '/health' }, status: 200, type: 'json' },
  { name: 'open: /openapi.json', request: { method: 'GET', path: '/openapi.json' }, status: 200, type: 'json' },
  { name: 'open: /docs', request: { method: 'GET', path: '/docs' }, status: 200, type: 'html' },
  {
    // the explorer's page and assets load without a key (the page then asks for one), under the strict CSP
    name: 'open: the explorer at /, under its strict Content-Security-Policy',
    request: { method: 'GET', path: '/?route=Toronto,Montreal' },
    status: 200,
    type: 'html',
    headers: { 'content-security-policy': /^default-src 'none'; script-src 'self';.*connect-src 'self';/ },
  },
  ...(['javascript', 'css'] as const).map(
    (type): Case => ({
      name: `open: the explorer's ${type}`,
      request: { method: 'GET', path: `/assets/explorer.${type === 'css' ? 'css' : 'js'}?v=1` },
      status: 200,
      type,
    }),
  ),
  {
    name: 'a map without credentials: 401, as its JSON',
    request: {
      method: 'POST',
      path: '/route',
      headers: { 'content-type': 'application/json', accept: 'image/svg+xml' },
      body: JSON.stringify({ cities: ['Toronto', 'Montreal'] }),
    },
    ...UNAUTHORIZED,
  },
  {
    name: 'open: a CORS preflight',
    request: {
      method: 'OPTIONS',
      path: '/cities/Toronto',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization, x-api-key',
      },
    },
    status: 204,
    type: 'none',
    headers: { 'access-control-allow-headers': /authorization, x-api-key/ },
  },
  {
    name: 'an unknown path is still 404',
    request: { method: 'GET', path: '/nowhere' },
    status: 404,
    type: 'problem',
    code: 'not_found',
  },
];

const A = '198.51.100.7';
const B = '198.51.100.8';
const ratelimit = (r: number) => ({
  'ratelimit-policy': '"default";q=3;w=60',
  ratelimit: new RegExp(`^"default";r=${r};t=(60|[1-5]?\\d)$`),
});

/** A counted 200: its path, the client, and the units left after it. */
const counted = (name: string, path: string, client: string, left: number): Case => ({
  name,
  request: { method: 'GET', path, client },
  status: 200,
  type: 'json',
  headers: ratelimit(left),
});

/** Client A, with no unit left, asks for `path`: 429 whatever the request. */
const overLimit = (name: string, path: string): Case => ({
  name,
  request: { method: 'GET', path, client: A },
  status: 429,
  type: 'problem',
  code: 'rate_limited',
  headers: { ...ratelimit(0), 'retry-after': /^([1-9]|[1-5]\d|60)$/ },
});

export const LIMIT_CASES: Case[] = [
  counted('a distance costs 2 of 3 units', '/distance?from=Toronto&to=Montreal', A, 1),
  counted('one city costs 1: the last unit', '/cities/Toronto', A, 0),
  overLimit('over the limit: 429 with Retry-After and the RateLimit fields', '/cities/Toronto'),
  overLimit('at the limit, a refused input is 429 too', '/cities/Toronto?sentences=11'),
  counted('another address is another client', '/cities/Toronto', B, 2),
  {
    name: 'a refused input costs 1 and carries the RateLimit fields',
    request: { method: 'GET', path: '/cities/Toronto?sentences=11', client: B },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    headers: ratelimit(1),
  },
  {
    name: 'an open route is never counted',
    request: { method: 'GET', path: '/health', client: A },
    status: 200,
    type: 'json',
    headers: { ratelimit: null, 'ratelimit-policy': null },
  },
];

/**
 * Over HTTP on each running emulator (`pnpm start` with these settings): the credential,
 * the open route and the limit, as the emulator passes its settings and headers through.
 * With a key, the client is the key's name on every platform.
 */
export const EMULATOR_ACCESS_ENV = { ...AUTH_ENV, RATE_LIMIT: '3/min' } as const;

export const EMULATOR_ACCESS_CASES: Case[] = [
  { name: 'no credentials: 401', request: { method: 'GET', path: '/cities/Toronto' }, ...UNAUTHORIZED },
  {
    name: 'open: /health, never counted',
    request: { method: 'GET', path: '/health' },
    status: 200,
    type: 'json',
    headers: { ratelimit: null },
  },
  {
    name: 'the key in X-API-Key: one city costs 1 of 3',
    request: { method: 'GET', path: '/cities/Toronto', headers: { 'x-api-key': ACCESS_KEY } },
    status: 200,
    type: 'json',
    headers: ratelimit(2),
  },
  {
    name: 'the key as a bearer token: a distance costs the last 2',
    request: {
      method: 'GET',
      path: '/distance?from=Toronto&to=Montreal',
      headers: { authorization: `Bearer ${ACCESS_KEY}` },
    },
    status: 200,
    type: 'json',
    headers: ratelimit(0),
  },
  {
    name: 'over the limit: 429 with Retry-After and the RateLimit fields',
    request: { method: 'GET', path: '/cities/Toronto', headers: { 'x-api-key': ACCESS_KEY } },
    status: 429,
    type: 'problem',
    code: 'rate_limited',
    headers: { ...ratelimit(0), 'retry-after': /^([1-9]|[1-5]\d|60)$/ },
  },
];
