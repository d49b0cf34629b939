import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWikipedia, json, normalizeTitle, startFakeWikipedia } from '../src/index.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia({ exlimit: 1 });
});
afterAll(() => fake.close());

const api = async (lang: string, params: Record<string, string>) =>
  json(
    await fetch(`${fake.url}/${lang}/w/api.php?${new URLSearchParams({ action: 'query', format: 'json', ...params })}`),
  );

describe('the fake Wikipedia follows the Action API shapes', () => {
  it('normalizes titles as MediaWiki does', () => {
    expect(normalizeTitle('toronto')).toBe('Toronto');
    expect(normalizeTitle('São_Paulo')).toBe('São Paulo');
    expect(normalizeTitle('A#B')).toBe('A');
    expect(normalizeTitle('a|b')).toBeNull();
  });

  it('answers formatversion=2 with a pages array and booleans', async () => {
    const r = await api('en', { formatversion: '2', redirects: '1', titles: 'TO|nowhere xyz', prop: 'info|pageprops' });
    expect(r.query.redirects).toEqual([{ from: 'TO', to: 'Toronto' }]);
    expect(r.query.normalized).toEqual([{ fromencoded: false, from: 'nowhere xyz', to: 'Nowhere xyz' }]);
    expect(r.query.pages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Toronto', pageid: 64646 }),
        { ns: 0, title: 'Nowhere xyz', missing: true },
      ]),
    );
  });

  it('answers formatversion=1 with pages keyed by id, "" flags and * content', async () => {
    const r = await api('en', {
      titles: 'Springfield|Nowhere',
      prop: 'pageprops|revisions',
      rvslots: 'main',
      rvprop: 'content',
    });
    expect(r.query.pages['28848'].pageprops).toEqual({ disambiguation: '' });
    expect(r.query.pages['28848'].revisions[0].slots.main['*']).toContain('may refer to');
    expect(r.query.pages['-1']).toMatchObject({ title: 'Nowhere', missing: '' });
  });

  it('splits titles on U+001F when the value starts with it', async () => {
    const r = await api('en', { formatversion: '2', titles: '\u001fa|b\u001fToronto' });
    expect(r.query.pages.map((p: { title: string }) => p.title)).toEqual(['a|b', 'Toronto']);
    expect(r.query.pages[0].invalid).toBe(true);
  });

  it('limits extracts per answer and says how to continue', async () => {
    const first = await api('en', { formatversion: '2', titles: 'Toronto|Ottawa', prop: 'extracts', exintro: '1' });
    expect(first.continue).toEqual({ excontinue: 1, continue: '||' });
    expect(first.query.pages.filter((p: { extract?: string }) => p.extract)).toHaveLength(1);
    const next = await api('en', {
      formatversion: '2',
      titles: 'Toronto|Ottawa',
      prop: 'extracts',
      exintro: '1',
      excontinue: '1',
    });
    expect(next.continue).toBeUndefined();
  });

  it('serves the REST summary and a 404 problem for missing pages', async () => {
    const ok = await fetch(`${fake.url}/fr/api/rest_v1/page/summary/Paris`);
    expect(await json(ok)).toMatchObject({ title: 'Paris', type: 'standard' });
    const missing = await fetch(`${fake.url}/en/api/rest_v1/page/summary/Nowhere`);
    expect(missing.status).toBe(404);
  });
});

describe("the fake Wikidata follows wbgetentities' Wikibase JSON", () => {
  const wd = async (params: Record<string, string>) =>
    json(await fetch(`${fake.wikidataUrl}/w/api.php?${new URLSearchParams({ format: 'json', ...params })}`));

  it('answers entities by id with claims, and marks missing ids', async () => {
    const r = await wd({ action: 'wbgetentities', ids: 'Q90001|Q1', props: 'claims' });
    expect(r.success).toBe(1);
    expect(r.entities.Q1).toEqual({ id: 'Q1', missing: '' });
    const population = r.entities.Q90001.claims.P1082;
    expect(population[0]).toMatchObject({
      mainsnak: { snaktype: 'value', property: 'P1082', datatype: 'quantity', datavalue: { type: 'quantity' } },
      type: 'statement',
      rank: 'normal',
      qualifiers: { P585: [{ datavalue: { type: 'time', value: { precision: 9 } } }] },
    });
    expect(r.entities.Q90001.labels).toBeUndefined();
  });

  it('filters labels by language, and refuses more than 50 ids', async () => {
    const r = await wd({ action: 'wbgetentities', ids: 'Q183', props: 'labels', languages: 'fr|en' });
    expect(Object.keys(r.entities.Q183.labels).sort()).toEqual(['en', 'fr']);
    const many = Array.from({ length: 51 }, (_, i) => `Q${i + 1}`).join('|');
    expect((await wd({ action: 'wbgetentities', ids: many })).error.code).toBe('toomanyvalues');
  });
});
