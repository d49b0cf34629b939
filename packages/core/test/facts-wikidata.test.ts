import {
  type FakeWikipedia,
  growthRatio,
  json,
  type SamplePage,
  type SampleWiki,
  startFakeWikipedia,
} from '@cityscope/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler, type Handler } from '../src/index.js';
import { cleanExtract } from '../src/wikipedia/parse.js';

vi.mock('../src/facts/infobox.js', async (original) => {
  const m = await original<typeof import('../src/facts/infobox.js')>();
  return { ...m, extractFacts: vi.fn(m.extractFacts) };
});
const { extractFacts } = await import('../src/facts/infobox.js');

/**
 * Upstream economy (each route asks for what it uses, counted at the fake) and
 * Wikidata where the infobox is silent, through the handler.
 */

const place = (i: number): SamplePage => ({
  title: `Town ${i}`,
  pageid: 70000 + i,
  revid: 1700000000 + i,
  description: 'Sample town',
  coordinates: { lat: 40 + (i % 10), lon: -70 - Math.floor(i / 10) },
  extract: `Town ${i} (, ) is a sample town. It has a harbour.`,
  wikitext: `{{Infobox settlement|name=Town ${i}|subdivision_type=Country|subdivision_name=Freedonia|population_total=${1000 + i}}}`,
});

const DE: SampleWiki = {
  redirects: {},
  pages: [
    {
      title: 'Musterstadt',
      pageid: 91,
      revid: 9100,
      wikibaseItem: 'Q90001',
      extract: 'Musterstadt ( ) ist eine Stadt in Hessen.',
      wikitext: `{{Infobox Gemeinde in Deutschland
|Breitengrad = 50/6/N
|Längengrad = 8/42/E
|Höhe = 357
|Einwohner = <!-- aus Wikidata -->
|Fläche =
}}`,
    },
    {
      title: 'Flussbiegung',
      pageid: 92,
      revid: 9200,
      wikibaseItem: 'Q90002',
      extract: 'Flussbiegung ist eine Stadt.',
      wikitext: '{{Infobox Ort|Einwohner=|Fläche=}}',
    },
  ],
};

const EN: SampleWiki = {
  redirects: {},
  pages: [
    ...Array.from({ length: 60 }, (_, i) => place(i)),
    {
      title: 'Bigport',
      pageid: 93,
      revid: 9300,
      wikibaseItem: 'Q90003',
      coordinates: { lat: 40.5, lon: -74 },
      extract: 'Bigport is a port city.',
      wikitext: `{{Infobox settlement|name=Bigport|subdivision_type=Country|subdivision_name={{USA}}
|population_total=650,000|population_as_of=2020|area_total_km2=300|elevation_m=5}}`,
    },
    {
      title: 'Unplaced',
      pageid: 94,
      revid: 9400,
      extract: 'Unplaced is a village without GeoData.',
      wikitext: '{{Infobox settlement|name=Unplaced|coordinates={{coord|10|N|20|E}}}}',
    },
  ],
};

let fake: FakeWikipedia;
let handle: Handler;

beforeAll(async () => {
  fake = await startFakeWikipedia({ wikis: { en: EN, de: DE } });
  handle = createHandler({
    platform: 'node',
    env: {
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      WIKIDATA_BASE_URL: fake.wikidataUrl,
      // generous: the machine is shared, and a Wikidata timeout would change the answers
      WIKIPEDIA_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'silent',
    },
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.faults.length = 0;
  fake.delayMs = 0;
});

const get = (path: string) => handle(new Request(`http://localhost${path}`));
const post = (path: string, body: unknown) =>
  handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
const wiki = () => fake.requests.filter((r) => r.lang !== 'wikidata');
const wikidata = () => fake.requests.filter((r) => r.lang === 'wikidata');
const towns = (from: number, n: number) => Array.from({ length: n }, (_, i) => `Town ${from + i}`);

describe('each route asks Wikipedia for what it uses', () => {
  it('/route of 40 new cities: one request, coordinates and titles only', async () => {
    const res = await post('/route', { cities: towns(0, 40) });
    expect(res.status).toBe(200);
    expect((await json(res)).order).toHaveLength(40);
    expect(wiki()).toHaveLength(1);
    const prop = wiki()[0]?.params.get('prop')?.split('|');
    expect(prop).toEqual(['info', 'pageprops', 'coordinates']);
    expect(wikidata()).toHaveLength(0);
  });

  it('/hubs of 40 new cities: one request', async () => {
    const res = await post('/hubs', { cities: towns(10, 40), k: 3 });
    expect(res.status).toBe(200);
    expect(wiki()).toHaveLength(1);
    expect(wiki()[0]?.params.get('prop')).not.toMatch(/extracts|revisions|pageimages/);
  });

  it('/route fetches section-0 wikitext only for the cities GeoData does not place', async () => {
    const res = await post('/route', { cities: ['Town 55', 'Unplaced'] });
    expect((await json(res)).order).toEqual(['Town 55', 'Unplaced']);
    expect(wiki()).toHaveLength(2);
    expect(wiki()[1]?.params.get('prop')).toBe('revisions');
    expect(wiki()[1]?.params.get('titles')).toBe('Unplaced');
  });

  it('/distance asks for wikitext (its country) but no extracts or images', async () => {
    const res = await get('/distance?from=Town%2050&to=Town%2051');
    expect(res.status).toBe(200);
    expect((await json(res)).from.country).toBe('Freedonia');
    expect(wiki()).toHaveLength(1);
    expect(wiki()[0]?.params.get('prop')).toBe('info|pageprops|coordinates|revisions');
  });

  it('/compare of 20 new cities: at most 2 requests', async () => {
    const res = await get(`/compare?cities=${towns(20, 20).map(encodeURIComponent).join(',')}`);
    expect(res.status).toBe(200);
    expect((await json(res)).cities).toHaveLength(20);
    expect(wiki().length).toBeLessThanOrEqual(2);
  });

  it('a page fetched in full serves a later lookup that needs less', async () => {
    await get('/cities/Town%2059');
    fake.requests.length = 0;
    await post('/route', { cities: ['Town 59', 'Town 58'] });
    expect(wiki()).toHaveLength(1);
    expect(wiki()[0]?.params.get('titles')).toBe('Town 58');
  });

  it('a continuation that does not advance is an upstream error, not a loop', async () => {
    const stuck = JSON.stringify({ continue: { excontinue: 1, continue: '||' }, query: { pages: [] } });
    for (let i = 0; i < 5; i++) fake.faults.push({ status: 200, body: stuck });
    const res = await get('/cities/Town%2057');
    expect(res.status).toBe(502);
    expect(wiki().length).toBe(2);
  });
});

describe('Wikidata where the infobox is silent', () => {
  it("reads each page's infobox once for the Wikidata check and the answer", async () => {
    const fresh = createHandler({
      env: {
        WIKIPEDIA_BASE_URL: fake.baseUrl,
        WIKIDATA_BASE_URL: fake.wikidataUrl,
        LOG_LEVEL: 'silent',
      },
    });
    vi.mocked(extractFacts).mockClear();
    const res = await fresh(new Request('http://localhost/cities/Musterstadt?lang=de'));
    expect((await json(res)).factSources.population).toBe('wikidata');
    expect(wikidata().length).toBeGreaterThan(0);
    expect(vi.mocked(extractFacts)).toHaveBeenCalledTimes(1);
  });

  it('fills population (latest point in time, deprecated ignored), area in ha and the time zone; says where each came from', async () => {
    const city = await json(await get('/cities/Musterstadt?lang=de'));
    expect(city.facts).toEqual({
      country: 'Deutschland',
      population: 49876,
      populationAsOf: '2023-12-31',
      areaKm2: 56.3,
      elevationM: 357,
      timezone: 'UTC+01:00',
      utcOffset: '+01:00',
    });
    expect(city.factSources).toEqual({
      country: 'infobox',
      population: 'wikidata',
      areaKm2: 'wikidata',
      elevationM: 'infobox',
      timezone: 'wikidata',
      coordinates: 'infobox',
    });
    expect(city.coordinates).toEqual({ lat: 50.1, lon: 8.7 });
    expect(city.factNotes).toEqual([]);
    expect(city.summary).toBe('Musterstadt ist eine Stadt in Hessen.');
    const [claims, ...more] = wikidata();
    expect(claims?.params.get('action')).toBe('wbgetentities');
    expect(claims?.params.get('ids')).toBe('Q90001');
    expect(claims?.headers['user-agent']).toMatch(/^Cityscope\//);
    // the time zone's label is the only one fetched: Germany is named by ICU
    expect(more.map((r) => r.params.get('ids'))).toEqual(['Q6655']);
  });

  it('uses the preferred rank, a current country by its label in the language asked for, square miles and metres', async () => {
    const city = await json(await get('/cities/Flussbiegung?lang=de'));
    expect(city.facts).toMatchObject({
      country: 'Freedonien',
      population: 120000,
      populationAsOf: '2020',
      areaKm2: 32.375,
      elevationM: 210,
    });
    expect(city.factSources.country).toBe('wikidata');
  });

  it('keeps the infobox value and notes a disagreement of more than a few percent', async () => {
    const city = await json(await get('/cities/Bigport'));
    expect(city.facts).toMatchObject({ population: 650000, populationAsOf: '2020', timezone: 'Eastern Time Zone' });
    expect(city.factSources).toMatchObject({ population: 'infobox', timezone: 'wikidata', coordinates: 'geodata' });
    expect(city.factNotes).toEqual([
      "population: the infobox says 650000 (2020), Wikidata 700000 (2023); the infobox's is given",
    ]);
  });
});

describe('Wikidata failing or slow never fails the city', () => {
  it('answers with the infobox facts and says so', async () => {
    const failing = createHandler({
      platform: 'node',
      env: {
        WIKIPEDIA_BASE_URL: fake.baseUrl,
        WIKIDATA_BASE_URL: `${fake.url}/nowhere`,
        WIKIPEDIA_TIMEOUT_MS: '300',
        LOG_LEVEL: 'silent',
      },
    });
    const res = await failing(new Request('http://localhost/cities/Musterstadt?lang=de'));
    expect(res.status).toBe(200);
    const city = await json(res);
    expect(city.facts).toMatchObject({ country: 'Deutschland', elevationM: 357, population: null });
    expect(city.factSources.population).toBeNull();
    expect(city.factNotes).toHaveLength(1);
    expect(city.factNotes[0]).toMatch(/^Wikidata could not be asked \(.+\); the facts are the infobox's alone$/);
  });

  it('a slow Wikidata costs at most one request deadline', async () => {
    const slow = createHandler({
      platform: 'node',
      env: {
        WIKIPEDIA_BASE_URL: fake.baseUrl,
        WIKIDATA_BASE_URL: fake.wikidataUrl,
        WIKIPEDIA_TIMEOUT_MS: '200',
        LOG_LEVEL: 'silent',
      },
    });
    fake.wikidataDelayMs = 2000;
    const started = Date.now();
    const res = await slow(new Request('http://localhost/cities/Flussbiegung?lang=de'));
    fake.wikidataDelayMs = 0;
    expect(res.status).toBe(200);
    const city = await json(res);
    expect(city.factNotes[0]).toMatch(/^Wikidata could not be asked/);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('clean summaries', () => {
  it.each([
    // the shapes TextExtracts leaves where pronunciations and templates were removed (real extracts' openings)
    ['Dublin (, ) is the capital and largest city of Ireland.', 'Dublin is the capital and largest city of Ireland.'],
    [
      'Dublin (; Irish: Baile Átha Cliath, pronounced [ˈbˠalʲə aːhə ˈclʲiəh]) is the capital of Ireland.',
      'Dublin (Irish: Baile Átha Cliath, pronounced [ˈbˠalʲə aːhə ˈclʲiəh]) is the capital of Ireland.',
    ],
    ['Paris ( ) est la capitale de la France.', 'Paris est la capitale de la France.'],
    ['Berlin  [bɛʁˈliːn] ist die Hauptstadt  Deutschlands.', 'Berlin [bɛʁˈliːn] ist die Hauptstadt Deutschlands.'],
    ['Москва́ (, ) — столица России.', 'Москва́ — столица России.'],
    ['東京都（とうきょうと、）は、日本の首都。', '東京都（とうきょうと）は、日本の首都。'],
    ['北京市（、）是中华人民共和国的首都。', '北京市是中华人民共和国的首都。'],
    ['Warszawa (, , ) – stolica Polski , miasto.', 'Warszawa – stolica Polski, miasto.'],
    ['It lies at (−5 °C) in winter (etc.).', 'It lies at (−5 °C) in winter (etc.).'],
    ['Line one.\n\nLine two (, ).', 'Line one.\n\nLine two.'],
  ])('extract %# is cleaned', (raw, clean) => {
    expect(cleanExtract(raw)).toBe(clean);
  });

  it.each([
    ['spaces', (n: number) => `a${' '.repeat(n)}b`],
    ['separators without a bracket', (n: number) => `a${', '.repeat(n)}b`],
    ['open brackets', (n: number) => '( , '.repeat(n)],
    ['separators before a close', (n: number) => `(x${' ,'.repeat(n)})`],
  ])('is linear on %s: 4× the text takes less than 8× the time', async (_, make) => {
    expect(await growthRatio({ prepare: make, work: cleanExtract, n: 25_000, below: 8 })).toBeLessThan(8);
  });
});
