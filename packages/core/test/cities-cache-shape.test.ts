import { createHandler } from '@cityscope/core';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCheck, citySummaryCheck } from '../src/cities/cached.js';

/** The shared cache checks a stored answer against the answer's own response schema. */
let fake: FakeWikipedia;
beforeAll(async () => {
  fake = await startFakeWikipedia();
});
afterAll(() => fake.close());

const answer = async (path: string) => {
  const handle = createHandler({ env: { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: 'off' } });
  const res = await handle(new Request(`http://localhost${path}`));
  expect(res.status).toBe(200);
  return res.json();
};

describe('shape checks of stored answers', () => {
  it('accept a /cities answer read back from JSON, and refuse one missing any field', async () => {
    const isCity = await cityCheck();
    const city = await answer('/cities/Toronto');
    expect(isCity(JSON.parse(JSON.stringify(city)))).toBe(true);
    for (const field of Object.keys(city)) {
      const { [field]: _gone, ...rest } = city;
      expect(isCity(rest), field).toBe(false);
    }
    // a field deep inside, and one the old hand-written check never looked at
    expect(isCity({ ...city, facts: { ...city.facts, population: 'many' } })).toBe(false);
    expect(isCity({ ...city, factNotes: [1] })).toBe(false);
    expect(isCity({ ...city, extra: true })).toBe(false);
  });

  it("accept /distance's short form of a city, and refuse a changed one", async () => {
    const isSummary = await citySummaryCheck();
    const { from } = await answer('/distance?from=Toronto&to=Ottawa');
    expect(isSummary(from)).toBe(true);
    expect(isSummary({ ...from, country: 3 })).toBe(false);
    expect(isSummary({ ...from, summary: 'x' })).toBe(false);
  });
});
