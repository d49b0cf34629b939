import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wikipediaSubdomains } from '../../../scripts/wiki-languages.js';
import { createHandler } from '../src/index.js';
import { WIKIPEDIA_LANGUAGES } from '../src/wikipedia/languages.generated.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

const handle = () =>
  createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off', LOG_LEVEL: 'silent' } });

describe('the table of Wikipedia language editions', () => {
  it('is what the sitematrix package lists (regenerate with scripts/wiki-languages.ts)', () => {
    const dir = join(createRequire(import.meta.url).resolve('wmf-sitematrix/package.json'), '..');
    const matrix = JSON.parse(readFileSync(join(dir, 'data/all.json'), 'utf8'));
    expect([...WIKIPEDIA_LANGUAGES]).toEqual(wikipediaSubdomains(matrix));
    expect(WIKIPEDIA_LANGUAGES.size).toBeGreaterThan(300);
    for (const code of ['en', 'fr', 'de', 'simple', 'zh-yue', 'be-tarask', 'zh-min-nan']) {
      expect(WIKIPEDIA_LANGUAGES.has(code), code).toBe(true);
    }
  });
});

describe('an unknown wiki language is refused before any request', () => {
  it.each([
    '/cities/Toronto?lang=xx',
    '/cities/Toronto?lang=pt-br',
    '/compare?cities=Toronto,Ottawa&lang=klingon',
    '/distance?from=Toronto&to=Ottawa&lang=qq',
  ])('%s', async (path) => {
    fake.requests.length = 0;
    const res = await handle()(new Request(`http://localhost${path}`));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('invalid_request');
    expect(body.errors).toEqual([{ path: 'lang', message: expect.stringContaining('No Wikipedia') }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('a known one goes on to Wikipedia', async () => {
    const res = await handle()(new Request('http://localhost/cities/Paris?lang=fr'));
    expect(res.status).toBe(200);
  });
});
