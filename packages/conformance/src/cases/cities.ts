import { expect } from 'vitest';
import type { Case } from '../types.js';

/** GET /cities/{name}, /compare and /distance, on the sample data of @cityscope/testing. */
export const CITY_CASES: Case[] = [
  // GET /cities/{name}
  {
    name: 'city',
    request: { method: 'GET', path: '/cities/Toronto' },
    status: 200,
    type: 'json',
    headers: {
      'cache-control': 'public, max-age=3600',
      // the time waiting on Wikipedia, and what the cache did (a miss the first time, a hit after)
      'server-timing': /^total;dur=[\d.]+, upstream;dur=[\d.]+;desc="\d+ requests", cache;desc=(hit|miss)$/,
    },
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
    json: {
      title: 'Paris',
      lang: 'fr',
      facts: { country: 'France', population: 2102650 },
      sentiment: { method: 'pattern-fr' },
      sentimentNote: null,
    },
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
    name: 'city: an upstream answer without pages is an upstream error, not a missing city',
    request: { method: 'GET', path: '/cities/Dublin,%20Ireland' },
    faults: [{ status: 200, body: '{}' }],
    status: 502,
    type: 'problem',
    code: 'upstream_error',
  },
  {
    name: 'city: and that answer was not cached (the next request finds the city)',
    request: { method: 'GET', path: '/cities/Dublin,%20Ireland' },
    status: 200,
    type: 'json',
    check: (b) => expect(b.title).toBe('Dublin'),
  },
  {
    name: 'city: a language with no Wikipedia is a 400 before any request',
    request: { method: 'GET', path: '/cities/Toronto?lang=xx' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors).toEqual([{ path: 'lang', message: expect.stringContaining('No Wikipedia') }]),
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
    name: 'compare: an encoded comma stays inside one name of a comma-separated list',
    request: { method: 'GET', path: '/compare?cities=Dublin,Washington%2C%20D.C.,Toronto' },
    status: 200,
    type: 'json',
    check: (b) => {
      expect(b.cities.map((c: { name: string }) => c.name)).toEqual(['Dublin', 'Washington, D.C.', 'Toronto']);
      expect(b.cities[1].city.title).toBe('Washington, D.C.');
      expect(b.distancesKm).toHaveLength(3);
    },
  },
  {
    name: 'compare: repeated parameter, each value one name with its literal comma',
    request: { method: 'GET', path: '/compare?cities=Toronto&cities=Washington,%20D.C.' },
    status: 200,
    type: 'json',
    check: (b) => {
      expect(b.cities.map((c: { name: string }) => c.name)).toEqual(['Toronto', 'Washington, D.C.']);
      expect(b.cities[1].city.title).toBe('Washington, D.C.');
    },
  },
  {
    name: 'compare: a plus and percent-encoded spaces decode inside list items',
    request: { method: 'GET', path: '/compare?cities=Quebec+City,Hamilton%2C%20Ontario' },
    status: 200,
    type: 'json',
    check: (b) => expect(b.cities.map((c: { name: string }) => c.name)).toEqual(['Quebec City', 'Hamilton, Ontario']),
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
    name: 'distance: a city without coordinates is a 404, as docs/api.md says',
    request: { method: 'GET', path: '/distance?from=Toronto&to=Atlantis' },
    status: 404,
    type: 'problem',
    code: 'not_found',
    check: (b) => expect(b.detail).toContain('"Atlantis" has no coordinates'),
  },
  {
    name: 'distance: unknown mode',
    request: { method: 'GET', path: '/distance?from=Toronto&to=Montreal&mode=boat' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
];
