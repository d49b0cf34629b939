import { type FakeWikipedia, json, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandler, type Handler } from '../src/index.js';
import { VERSION } from '../src/version.js';

let fake: FakeWikipedia;
let handle: Handler;
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeWikipedia();
  handle = createHandler({
    platform: 'node',
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIPEDIA_TIMEOUT_MS: '300', LOG_LEVEL: 'info' },
    logger: {
      debug: () => {},
      info: (msg, f) => void logs.push(JSON.stringify({ msg, ...f })),
      warn: () => {},
      error: (msg, f) => void logs.push(JSON.stringify({ msg, ...f })),
    },
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.faults.length = 0;
  fake.delayMs = 0;
  logs.length = 0;
});

const get = (path: string, init?: RequestInit) => handle(new Request(`http://localhost${path}`, init));

async function problem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await json(res);
  expect(body).toMatchObject({ status, code, type: `https://cityscope.dev/problems/${code.replaceAll('_', '-')}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('GET /health', () => {
  it('answers ok with version and platform', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok', service: 'cityscope', version: VERSION, platform: 'node' });
  });

  it('keeps the version equal to the package version', async () => {
    const pkg = await import('../package.json', { with: { type: 'json' } });
    expect(VERSION).toBe(pkg.default.version);
  });
});

describe('GET /cities/{name}', () => {
  it('answers the contract shape, cacheable', async () => {
    const res = await get('/cities/toronto?sentences=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const city = await json(res);
    expect(city).toMatchObject({
      title: 'Toronto',
      requested: 'toronto',
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
      thumbnail: { width: 320, height: 213 },
      sentiment: { label: expect.stringMatching(/^(positive|neutral|negative)$/) },
      source: { pageId: 64646, revisionId: 1200000001 },
    });
    expect(city.url).toMatch(/\/en\/wiki\/Toronto$/);
    expect(city.summary.split('. ')).toHaveLength(2);
    expect(city.keywords.length).toBeGreaterThan(0);
    expect(city.keywords.length).toBeLessThanOrEqual(10);
    expect(city.source.retrievedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
    // the exact set of fields is checked on every runtime by the conformance suite (each route's response schema, in its file under http/routes/)
  });

  it('400 for a malformed percent-encoding in the path', async () => {
    await problem(await get('/cities/%E0%A4%A'), 400, 'invalid_request');
  });

  it('404 for a missing page, with the documented detail', async () => {
    const body = await problem(await get('/cities/Nowhere%20Xyz'), 404, 'not_found');
    expect(body.detail).toBe(`No Wikipedia page named "Nowhere Xyz" on ${new URL(fake.url).host}`);
    expect(body.instance).toBe('/cities/Nowhere%20Xyz');
  });

  it('404 for an unknown route', async () => {
    await problem(await get('/nowhere'), 404, 'not_found');
    await problem(await get('/cities'), 404, 'not_found');
  });
});

describe('every response', () => {
  it('echoes a safe x-request-id and replaces an unsafe one', async () => {
    expect((await get('/health', { headers: { 'x-request-id': 'abc-123' } })).headers.get('x-request-id')).toBe(
      'abc-123',
    );
    const bad = (await get('/health', { headers: { 'x-request-id': 'a b<script>' } })).headers.get('x-request-id');
    expect(bad).toMatch(/^[0-9a-f-]{36}$/);
    const long = (await get('/health', { headers: { 'x-request-id': 'x'.repeat(129) } })).headers.get('x-request-id');
    expect(long).not.toBe('x'.repeat(129));
  });

  it('logs one line per request with the same id', async () => {
    await get('/cities/Nowhere%20Xyz', { headers: { 'x-request-id': 'trace-1' } });
    const lines = logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ requestId: 'trace-1', status: 404, method: 'GET', path: '/cities/Nowhere%20Xyz' });
  });

  it('allows CORS from the configured origins and answers preflight with 204', async () => {
    expect((await get('/health')).headers.get('access-control-allow-origin')).toBe('*');
    const pre = await get('/cities/Toronto', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
    const strict = createHandler({
      env: { CORS_ORIGINS: 'https://a.example, https://b.example', LOG_LEVEL: 'silent' },
    });
    const ok = await strict(new Request('http://localhost/health', { headers: { origin: 'https://b.example' } }));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://b.example');
    const no = await strict(new Request('http://localhost/health', { headers: { origin: 'https://evil.example' } }));
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /openapi.json', () => {
  it('documents the routes from the validating schemas', async () => {
    const doc = await json(await get('/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/cities/{name}'].get;
    // lang is the same on every route: one shared parameter component
    expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/lang' });
    expect(doc.components.parameters.lang.schema).toMatchObject({ type: 'string', default: 'en', maxLength: 35 });
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['200', '400', '404', '409', '502', '503', '504']),
    );
  });
});
