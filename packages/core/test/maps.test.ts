import { type FakeWikipedia, json, startFakeWikipedia } from '@cityscope/testing';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatLon } from '../src/geo/types.js';
import { negotiate } from '../src/http/negotiate.js';
import { createHandler, type Handler } from '../src/index.js';
import { hubsMap } from '../src/maps/hubs-map.js';
import { type PlacedLabel, placeLabels } from '../src/maps/labels.js';
import { routeMap } from '../src/maps/route-map.js';
import { xml } from '../src/maps/svg.js';
import { worldOutline } from '../src/maps/world.js';

let fake: FakeWikipedia;
let handle: Handler;
beforeAll(async () => {
  // the outlines, compiled once before the clock of any test starts (slow under the test runner's transform)
  await Promise.all([worldOutline('110m'), worldOutline('50m')]);
  fake = await startFakeWikipedia();
  handle = createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off', LOG_LEVEL: 'silent' } });
}, 120_000);
afterAll(() => fake.close());

const post = (path: string, body: unknown, accept?: string) =>
  handle(
    new Request(`http://local${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
    }),
  );

/** The SVG parsed as XML (throws unless well-formed), with every <text>'s content. */
function readSvg(svg: string) {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, preserveOrder: false, isArray: () => false }).parse(svg);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
  return { doc, texts };
}

const ROUTE = { cities: ['Toronto', 'Montreal', 'Ottawa'], start: 'Toronto' };

describe('content negotiation', () => {
  it('chooses by quality, the most specific range deciding; the default wins ties and refusals', () => {
    const offers = ['application/json', 'image/svg+xml'];
    expect(negotiate(null, offers)).toBe('application/json');
    expect(negotiate('image/svg+xml', offers)).toBe('image/svg+xml');
    expect(negotiate('image/*', offers)).toBe('image/svg+xml');
    expect(negotiate('*/*', offers)).toBe('application/json');
    expect(negotiate('application/json;q=0.5, image/svg+xml', offers)).toBe('image/svg+xml');
    expect(negotiate('image/svg+xml;q=0.4, application/json;q=0.9', offers)).toBe('application/json');
    expect(negotiate('image/svg+xml;q=0, */*', offers)).toBe('application/json');
    expect(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', offers)).toBe(
      'application/json',
    );
    expect(negotiate('text/plain', offers)).toBe('application/json');
    expect(negotiate('IMAGE/SVG+XML ; q=1', offers)).toBe('image/svg+xml');
  });
});

describe('POST /route and /hubs as SVG', () => {
  it('answers a well-formed, accessible SVG map of the route when Accept prefers it', async () => {
    const res = await post('/route', ROUTE, 'image/svg+xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('vary')).toMatch(/Accept/);
    const svg = await res.text();
    const { doc, texts } = readSvg(svg);
    expect(doc.svg['@_role']).toBe('img');
    expect(doc.svg.title['#text']).toMatch(/^Route map: Toronto → /);
    expect(doc.svg.desc['#text']).toMatch(/starting in Toronto/);
    for (const name of ['Toronto', 'Montreal', 'Ottawa']) expect(texts).toContain(name);
    expect(texts.some((t) => /^Total [\d,]+\.\d km/.test(t))).toBe(true);
    // the same request, the same bytes
    expect(await (await post('/route', ROUTE, 'image/svg+xml')).text()).toBe(svg);
  });

  it('keeps JSON the default and unchanged', async () => {
    const plain = await json(await post('/route', ROUTE));
    const asked = await post('/route', ROUTE, 'application/json, image/svg+xml;q=0.5');
    expect(asked.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json(asked)).toEqual(plain);
    expect(plain.order[0]).toBe('Toronto');
  });

  it('keeps errors as problem+json', async () => {
    const res = await post('/route', { cities: ['Toronto'] }, 'image/svg+xml');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('draws hubs with a legend and every member named', async () => {
    const body = { cities: ['Toronto', 'Montreal', 'Ottawa', 'Dublin'], k: 2 };
    const res = await post('/hubs', body, 'image/svg+xml');
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await res.text();
    const { doc, texts } = readSvg(svg);
    expect(doc.svg.title['#text']).toMatch(/^Hubs map: /);
    for (const name of ['Toronto', 'Montreal', 'Ottawa', 'Dublin']) expect(texts).toContain(name);
    expect(texts.filter((t) => /^\d\. .+: \d+ cit(y|ies), within/.test(t))).toHaveLength(2);
    expect(await (await post('/hubs', body, 'image/svg+xml')).text()).toBe(svg);
  });
});

/** 50 cities spread over the Pacific and both sides of the antimeridian, deterministically. */
function fiftyCities(): { titles: string[]; places: Map<string, LatLon> } {
  const places = new Map<string, LatLon>();
  for (let i = 0; i < 50; i++) {
    const lon = ((150 + ((i * 37) % 80) + 180) % 360) - 180; // 150°E … 130°W
    places.set(`City <${i}> & "Co"`, { lat: -40 + ((i * 53) % 100), lon });
  }
  return { titles: [...places.keys()], places };
}

describe('maps of 50 cities', () => {
  const { titles, places } = fiftyCities();
  const route = {
    order: titles,
    legs: titles.slice(1).map((to, i) => ({ from: titles[i] as string, to, km: 1000 + i })),
    totalKm: 123456.7,
    unresolved: [{ name: 'Nowhere & <nothing>' }],
  };

  it('stay under 150 KB, escape every name, and are deterministic', async () => {
    const svg = await routeMap(route, places);
    expect(Buffer.byteLength(svg)).toBeLessThanOrEqual(150 * 1024);
    const { texts } = readSvg(svg);
    for (const t of titles) expect(texts).toContain(xml(t));
    expect(svg).toContain('Nowhere &amp; &lt;nothing&gt;');
    expect(await routeMap(route, places)).toBe(svg);
    const hubs = await hubsMap(
      {
        hubs: [0, 1, 2, 3, 4].map((g) => ({
          hub: titles[g * 10] as string,
          members: titles.slice(g * 10, g * 10 + 10),
          maxKm: 1,
        })),
        unresolved: [],
      },
      places,
    );
    expect(Buffer.byteLength(hubs)).toBeLessThanOrEqual(150 * 1024);
    readSvg(hubs);
  });

  it('draws a route across the antimeridian as one unbroken line inside the picture', async () => {
    const pair = new Map<string, LatLon>([
      ['Tokyo', { lat: 35.68, lon: 139.69 }],
      ['Honolulu', { lat: 21.31, lon: -157.86 }],
    ]);
    const svg = await routeMap(
      {
        order: ['Tokyo', 'Honolulu'],
        legs: [{ from: 'Tokyo', to: 'Honolulu', km: 6208 }],
        totalKm: 6208,
        unresolved: [],
      },
      pair,
    );
    const leg = /<path d="(M[^"]+)" stroke="#d55e00"/.exec(svg)?.[1] as string;
    expect(leg.match(/M/g)).toHaveLength(1); // not cut at the map's edge
    const xs = [...leg.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(960);
  });
});

describe('label placement', () => {
  it('keeps labels of crowded points apart', () => {
    const requests = Array.from({ length: 12 }, (_, i) => ({
      text: `Label ${i}`,
      x: 400 + (i % 4) * 6,
      y: 300 + Math.floor(i / 4) * 6,
      size: 12,
    }));
    const placed = placeLabels(requests, []);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const [al, at, ar, ab] = (placed[i] as PlacedLabel).box;
        const [bl, bt, br, bb] = (placed[j] as PlacedLabel).box;
        const apart = ar <= bl || br <= al || ab <= bt || bb <= at;
        expect(apart, `${i} and ${j}`).toBe(true);
      }
  });
});
