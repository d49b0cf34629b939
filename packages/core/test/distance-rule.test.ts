import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';

let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

const get = async (path: string) => {
  const handle = createHandler({
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off', LOG_LEVEL: 'silent' },
  });
  return handle(new Request(`http://localhost${path}`));
};

describe('/distance follows docs/api.md', () => {
  it('a city without coordinates is a 404 not_found, on either side', async () => {
    for (const path of ['/distance?from=Toronto&to=Atlantis', '/distance?from=Atlantis&to=Toronto']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const body = await res.json();
      expect(body.code).toBe('not_found');
      expect(body.detail).toContain('"Atlantis" has no coordinates');
    }
  });

  it('two placed cities: km, miles and hours are numbers, never null', async () => {
    const res = await get('/distance?from=Toronto&to=Ottawa&mode=rail');
    expect(res.status).toBe(200);
    const body = await res.json();
    for (const k of ['km', 'miles', 'hours']) expect(typeof body[k], k).toBe('number');
  });
});
