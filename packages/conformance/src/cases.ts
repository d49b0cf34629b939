import type { Fault } from '@cityscope/testing';
import { expect } from 'vitest';

/**
 * The one list of conformance cases, taken from shared/API.md. Every runtime
 * (node, aws, gcp, azure), in-process and over HTTP, must pass every case that
 * applies to it. Expectations are about the sample data of @cityscope/testing.
 */

export type RuntimeName = 'node' | 'aws' | 'gcp' | 'azure';

export interface CaseRequest {
  method: string;
  /** Path and query exactly as sent on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** In-process AWS: deliver the body base64-encoded (isBase64Encoded: true), as API Gateway does for binary media. */
  base64?: boolean;
}

export interface Exchange {
  status: number;
  headers: Headers;
  body: string;
}

export interface Case {
  name: string;
  request: CaseRequest;
  /** Queued on the fake Wikipedia just before the request. */
  faults?: Fault[];
  /** Only on these runtimes (default: all). */
  only?: RuntimeName[];
  /** Not over HTTP (for cases that need in-process control of the platform event). */
  inProcessOnly?: boolean;
  status: number;
  /** 'json', 'problem' or 'none' (no body). */
  type: 'json' | 'problem' | 'none';
  /** The problem's code, for problem answers. */
  code?: string;
  /** Headers that must be present with this value (string: equal; RegExp: match) or absent (null). */
  headers?: Record<string, string | RegExp | null>;
  /** A subset the JSON body must match. */
  json?: Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: the body of a JSON answer, checked by the assertions inside
  check?: (body: any, exchange: Exchange, runtime: RuntimeName) => void;
}

const JSON_BODY = { 'content-type': 'application/json' };
const big = `{"text":"${'a'.repeat(1024 * 1024)}"}`;
const analyzeText =
  'Dublin is a lovely city with a great harbour. The harbour is busy all year. People love the pubs and the music. Traffic can be terrible. The city has a long history.';

export const CASES: Case[] = [
  // GET /health
  {
    name: 'health',
    request: { method: 'GET', path: '/health' },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' },
    check: (b, _e, runtime) => {
      expect(b).toEqual({ status: 'ok', service: 'cityscope', version: expect.any(String), platform: runtime });
    },
  },
  { name: 'HEAD health has no body', request: { method: 'HEAD', path: '/health' }, status: 200, type: 'none' },
  {
    name: 'x-request-id is echoed',
    request: { method: 'GET', path: '/health', headers: { 'x-request-id': 'conformance-req-42' } },
    status: 200,
    type: 'json',
    headers: { 'x-request-id': 'conformance-req-42' },
  },
  {
    name: 'an unsafe x-request-id is replaced',
    request: { method: 'GET', path: '/health', headers: { 'x-request-id': 'bad id <script>' } },
    status: 200,
    type: 'json',
    check: (_b, e) => {
      expect(e.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:@+=/-]{1,128}$/);
    },
  },
  {
    name: 'CORS preflight',
    request: {
      method: 'OPTIONS',
      path: '/cities/Toronto',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-request-id',
      },
    },
    status: 204,
    type: 'none',
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': /GET/,
      'access-control-allow-headers': /x-request-id/,
    },
  },
  // GET /cities/{name}
  {
    name: 'city',
    request: { method: 'GET', path: '/cities/Toronto' },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'public, max-age=3600' },
    json: {
      title: 'Toronto',
      requested: 'Toronto',
      redirectedFrom: null,
      lang: 'en',
      description: 'Capital city of Ontario, Canada',
      coordinates: { lat: 43.7417, lon: -79.3733 },
      facts: {
        country: 'Canada',
        population: 2794356,
        populationAsOf: '2021',
        areaKm2: 630.2,
        elevationM: 76,
        timezone: 'EST',
        utcOffset: '-05:00',
      },
      source: { pageId: 64646, revisionId: 1200000001 },
    },
    check: (b) => {
      expect(b.summary.length).toBeGreaterThan(20);
      expect(b.keywords.length).toBeGreaterThan(0);
      expect(['positive', 'neutral', 'negative']).toContain(b.sentiment.label);
    },
  },
  {
    name: 'city: normalized title and sentences',
    request: { method: 'GET', path: '/cities/toronto?sentences=1' },
    status: 200,
    type: 'json',
    json: {
      title: 'Toronto',
      requested: 'toronto',
      redirectedFrom: null,
      summary: 'Toronto is the capital city of the Canadian province of Ontario.',
    },
  },
  {
    name: 'city: redirect',
    request: { method: 'GET', path: '/cities/TO' },
    status: 200,
    type: 'json',
    json: { title: 'Toronto', requested: 'TO', redirectedFrom: 'TO' },
  },
  {
    name: 'city: Unicode path',
    request: { method: 'GET', path: '/cities/S%C3%A3o%20Paulo' },
    status: 200,
    type: 'json',
    json: {
      title: 'São Paulo',
      requested: 'São Paulo',
      facts: { country: 'Brazil', population: 11451999, utcOffset: '-03:00' },
    },
  },
  {
    name: 'city: comma and dots in the name',
    request: { method: 'GET', path: '/cities/Washington,%20D.C.' },
    status: 200,
    type: 'json',
    json: { title: 'Washington, D.C.', facts: { country: 'United States' } },
  },
  {
    name: 'city: infobox coordinates when GeoData has none, sq mi and ft converted',
    request: { method: 'GET', path: '/cities/Ottawa' },
    status: 200,
    type: 'json',
    json: { coordinates: { lat: 45.424722, lon: -75.695 }, facts: { population: 1020000, elevationM: 70.1 } },
    check: (b) => expect(b.facts.areaKm2).toBeCloseTo(2791.23, 1),
  },
  {
    name: 'city: other language',
    request: { method: 'GET', path: '/cities/Paris?lang=fr' },
    status: 200,
    type: 'json',
    json: { title: 'Paris', lang: 'fr', facts: { country: 'France', population: 2102650 }, sentiment: null },
  },
  {
    name: 'city: not found',
    request: { method: 'GET', path: '/cities/Nowhere%20Xyz' },
    status: 404,
    type: 'problem',
    code: 'not_found',
    json: { instance: '/cities/Nowhere%20Xyz', title: 'Not Found' },
    check: (b) => expect(b.detail).toMatch(/^No Wikipedia page named "Nowhere Xyz" on /),
  },
  {
    name: 'city: ambiguous',
    request: { method: 'GET', path: '/cities/Springfield' },
    status: 409,
    type: 'problem',
    code: 'ambiguous',
    json: { candidates: ['Springfield, Illinois', 'Springfield, Massachusetts', 'Springfield, Missouri'] },
  },
  {
    name: 'city: invalid parameters are all listed',
    request: { method: 'GET', path: '/cities/Toronto?lang=EN&sentences=11' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors.map((e: { path: string }) => e.path).sort()).toEqual(['lang', 'sentences']),
  },
  {
    name: 'city: blank name',
    request: { method: 'GET', path: '/cities/%20%20' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  {
    name: 'city: name over 200 characters',
    request: { method: 'GET', path: `/cities/${'x'.repeat(201)}` },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  {
    name: 'city: hostile name stays one title',
    request: { method: 'GET', path: '/cities/Paris%26action%3Ddelete' },
    status: 404,
    type: 'problem',
    code: 'not_found',
    check: (b) => expect(b.detail).toContain('"Paris&action=delete"'),
  },
  {
    name: 'city: upstream error',
    request: { method: 'GET', path: '/cities/Upstream%20Probe%20A' },
    faults: [{ status: 500 }],
    status: 502,
    type: 'problem',
    code: 'upstream_error',
  },
  {
    name: 'city: upstream unavailable passes Retry-After on',
    request: { method: 'GET', path: '/cities/Upstream%20Probe%20B' },
    faults: [{ status: 429, headers: { 'retry-after': '120' } }],
    status: 503,
    type: 'problem',
    code: 'upstream_unavailable',
    headers: { 'retry-after': '120' },
  },
  {
    name: 'city: upstream timeout',
    request: { method: 'GET', path: '/cities/Upstream%20Probe%20C' },
    faults: [{ status: 200, body: '{}', delayMs: 2500 }],
    status: 504,
    type: 'problem',
    code: 'upstream_timeout',
  },
  // routing
  {
    name: 'unknown route',
    request: { method: 'GET', path: '/nowhere' },
    status: 404,
    type: 'problem',
    code: 'not_found',
  },
  {
    name: '405 with Allow',
    request: { method: 'DELETE', path: '/cities/Toronto' },
    status: 405,
    type: 'problem',
    code: 'method_not_allowed',
    headers: { allow: 'GET, HEAD' },
  },
  {
    name: '405 for POST on a GET route',
    request: { method: 'POST', path: '/health', headers: JSON_BODY, body: '{}' },
    status: 405,
    type: 'problem',
    code: 'method_not_allowed',
    headers: { allow: 'GET, HEAD' },
  },
  // GET /compare
  {
    name: 'compare: commas in the query string, one bad name',
    request: { method: 'GET', path: '/compare?cities=Toronto,Montreal,Nowhere%20Xyz' },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'public, max-age=3600' },
    check: (b) => {
      expect(b.cities.map((c: { name: string }) => c.name)).toEqual(['Toronto', 'Montreal', 'Nowhere Xyz']);
      expect(b.cities[0].city.title).toBe('Toronto');
      expect(b.cities[2].error).toMatchObject({ status: 404, code: 'not_found' });
      expect(b.distancesKm[0][0]).toBe(0);
      expect(b.distancesKm[0][1]).toBeCloseTo(500, -1);
      expect(b.distancesKm[0][1]).toBe(b.distancesKm[1][0]);
      expect(b.distancesKm[0][2]).toBeNull();
      expect(b.distancesKm[2][2]).toBe(0);
    },
  },
  {
    name: 'compare: encoded commas and a repeated parameter for names with commas',
    request: { method: 'GET', path: '/compare?cities=Washington%2C%20D.C.&cities=Toronto' },
    status: 200,
    type: 'json',
    check: (b) => expect(b.cities.map((c: { name: string }) => c.name)).toEqual(['Washington, D.C.', 'Toronto']),
  },
  {
    name: 'compare: too few names',
    request: { method: 'GET', path: '/compare?cities=Toronto' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // GET /distance
  {
    name: 'distance by road',
    request: { method: 'GET', path: '/distance?from=Toronto&to=Montreal&mode=road' },
    status: 200,
    type: 'json',
    json: {
      mode: 'road',
      from: { title: 'Toronto' },
      to: { title: 'Montreal' },
      assumptions: { detourFactor: 1.25, speedKmh: 80 },
    },
    check: (b) => {
      expect(b.km).toBeCloseTo(500, -1);
      expect(b.miles).toBeCloseTo(b.km / 1.609344, 0);
      expect(b.hours).toBeCloseTo((b.km * 1.25) / 80, 1);
    },
  },
  {
    name: 'distance: unknown mode',
    request: { method: 'GET', path: '/distance?from=Toronto&to=Montreal&mode=boat' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // POST /route
  {
    name: 'route: exact round trip',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: ['Toronto', 'Montreal', 'Ottawa', 'Quebec City', 'Atlantis'],
        start: 'Toronto',
        roundTrip: true,
      }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    json: {
      order: ['Toronto', 'Ottawa', 'Quebec City', 'Montreal'],
      algorithm: 'exact',
      unresolved: [{ name: 'Atlantis', error: { status: 404, code: 'not_found' } }],
    },
    check: (b) => {
      expect(b.legs).toHaveLength(4);
      expect(b.legs[3]).toMatchObject({ from: 'Montreal', to: 'Toronto' });
      expect(b.totalKm).toBeCloseTo(
        b.legs.reduce((s: number, l: { km: number }) => s + l.km, 0),
        0,
      );
    },
  },
  {
    name: 'route: heuristic above ten cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: [
          'Toronto',
          'Montreal',
          'Ottawa',
          'Hamilton',
          'Quebec City',
          'NYC',
          'Boston',
          'Washington, D.C.',
          'London',
          'Manchester',
          'Dublin',
        ],
      }),
    },
    status: 200,
    type: 'json',
    json: { algorithm: 'heuristic', unresolved: [] },
    check: (b) => {
      expect(b.order[0]).toBe('Toronto');
      expect(b.order).toHaveLength(11);
      expect(b.legs).toHaveLength(10);
    },
  },
  {
    name: 'route: start must be one of the cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal'], start: 'Paris' }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors[0].path).toBe('start'),
  },
  {
    name: 'route: too many cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: Array.from({ length: 51 }, (_, i) => `City ${i}`) }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // POST /hubs
  {
    name: 'hubs: k chosen by silhouette',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: [
          'Toronto',
          'Montreal',
          'Ottawa',
          'Hamilton',
          'London',
          'Manchester',
          'Dublin',
          'São Paulo',
          'Rio de Janeiro',
        ],
      }),
    },
    status: 200,
    type: 'json',
    json: { k: 3, chosenBy: 'silhouette', unresolved: [] },
    check: (b) => {
      expect(b.silhouette).toBeGreaterThan(0.8);
      expect(b.hubs.map((h: { members: string[] }) => h.members)).toEqual([
        ['Toronto', 'Montreal', 'Ottawa', 'Hamilton'],
        ['London', 'Manchester', 'Dublin'],
        ['São Paulo', 'Rio de Janeiro'],
      ]);
      for (const h of b.hubs) expect(h.members).toContain(h.hub);
    },
  },
  {
    name: 'hubs: k from the request',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal', 'London', 'Manchester'], k: 2 }),
    },
    status: 200,
    type: 'json',
    json: { k: 2, chosenBy: 'request' },
  },
  {
    name: 'hubs: k larger than the cities placed',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal', 'Atlantis'], k: 3 }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // POST /analyze
  {
    name: 'analyze',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: analyzeText, sentences: 2 }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    check: (b) => {
      expect(b.stats).toEqual({
        characters: [...analyzeText].length,
        words: 32,
        sentences: 5,
        readingTimeMinutes: 0.1,
      });
      expect(b.summary).toHaveLength(2);
      for (const s of b.summary) expect(analyzeText).toContain(s);
      expect(b.sentiment.label).toBe('positive');
      expect(b.keywords.map((k: { term: string }) => k.term)).toContain('harbour');
    },
  },
  {
    name: 'analyze: base64-encoded body (API Gateway)',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: 'Pure joy.' }),
      base64: true,
    },
    only: ['aws'],
    inProcessOnly: true,
    status: 200,
    type: 'json',
    json: { stats: { words: 2, sentences: 1 }, sentiment: { label: 'positive' } },
  },
  {
    name: 'analyze: body over 1 MiB',
    request: { method: 'POST', path: '/analyze', headers: JSON_BODY, body: big },
    status: 413,
    type: 'problem',
    code: 'payload_too_large',
  },
  {
    name: 'analyze: text over 100,000 characters',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: 'word '.repeat(20_001) }),
    },
    status: 413,
    type: 'problem',
    code: 'payload_too_large',
  },
  {
    name: 'analyze: not JSON',
    request: { method: 'POST', path: '/analyze', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    status: 415,
    type: 'problem',
    code: 'unsupported_media_type',
  },
  {
    name: 'analyze: invalid fields',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: ' ', keywords: 'many' }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors.map((e: { path: string }) => e.path).sort()).toEqual(['keywords', 'text']),
  },
  // POST /parse
  {
    name: 'parse: given html',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({
        html: '<html lang="en"><head><title>Harbour news</title><meta property="og:description" content="Boats"></head><body><nav>Menu</nav><h1>Harbour</h1><p>A lovely day at the <a href="/harbour">harbour</a>.</p><img src="boat.jpg" alt="Boat"></body></html>',
        baseUrl: 'https://example.org/news/',
      }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    json: {
      url: 'https://example.org/news/',
      title: 'Harbour news',
      description: 'Boats',
      lang: 'en',
      headings: [{ level: 1, text: 'Harbour' }],
      links: [{ href: 'https://example.org/harbour', text: 'harbour', internal: true }],
      images: [{ src: 'https://example.org/news/boat.jpg', alt: 'Boat' }],
      text: 'Harbour\nA lovely day at the harbour.',
      wordCount: 7,
      analysis: { sentiment: { label: 'positive' } },
    },
  },
  {
    name: 'parse: the cloud metadata address is blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  {
    name: 'parse: a decimal spelling of loopback is blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://2130706433/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  {
    name: 'parse: other ports are blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://example.org:8080/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  {
    name: 'parse: invalid JSON',
    request: { method: 'POST', path: '/parse', headers: JSON_BODY, body: '{"url": ' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // GET /openapi.json
  {
    name: 'openapi',
    request: { method: 'GET', path: '/openapi.json' },
    status: 200,
    type: 'json',
    check: (b) => {
      expect(b.openapi).toBe('3.1.0');
      for (const p of ['/health', '/cities/{name}', '/compare', '/distance', '/route', '/hubs', '/analyze', '/parse'])
        expect(b.paths[p]).toBeDefined();
    },
  },
];

/** Asserts one exchange against its case. */
export function assertCase(c: Case, ex: Exchange, runtime: RuntimeName): void {
  const where = `${runtime}: ${c.name}`;
  expect(ex.status, `${where}: status (body ${ex.body.slice(0, 300)})`).toBe(c.status);
  const type = ex.headers.get('content-type');
  if (c.type === 'none') {
    expect(ex.body, `${where}: no body`).toBe('');
  } else {
    expect(type, `${where}: content type`).toMatch(
      c.type === 'json' ? /^application\/json/ : /^application\/problem\+json/,
    );
  }
  for (const [name, want] of Object.entries(c.headers ?? {})) {
    const got = ex.headers.get(name);
    if (want === null) expect(got, `${where}: header ${name}`).toBeNull();
    else if (typeof want === 'string') expect(got, `${where}: header ${name}`).toBe(want);
    else expect(got, `${where}: header ${name}`).toMatch(want);
  }
  expect(ex.headers.get('x-request-id'), `${where}: x-request-id`).toBeTruthy();
  if (c.type === 'none') return;
  const body = JSON.parse(ex.body);
  if (c.type === 'problem') {
    expect(body, `${where}: problem`).toMatchObject({
      type: `https://cityscope.dev/problems/${(c.code ?? '').replaceAll('_', '-')}`,
      status: c.status,
      code: c.code,
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
      requestId: ex.headers.get('x-request-id'),
    });
    expect(ex.headers.get('cache-control'), `${where}: errors are no-store`).toBe('no-store');
  }
  if (c.json) expect(body, `${where}: body`).toMatchObject(c.json);
  c.check?.(body, ex, runtime);
}

/** A body with what legitimately differs between runtimes and runs taken out. */
export function comparable(body: string): unknown {
  if (!body) return body;
  return JSON.parse(body, (key, value) => {
    if (key === 'requestId' || key === 'retrievedAt') return '<varies>';
    if (key === 'platform') return '<platform>';
    return value;
  });
}

export const appliesTo = (c: Case, runtime: RuntimeName, overHttp: boolean) =>
  (!c.only || c.only.includes(runtime)) && !(overHttp && c.inProcessOnly);
