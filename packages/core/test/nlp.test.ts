import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze/analyze.js';
import { keywords } from '../src/nlp/keywords.js';
import { sentiment } from '../src/nlp/sentiment.js';
import { sentences, words } from '../src/nlp/text.js';

describe('text', () => {
  it('splits sentences, keeping abbreviations and initials inside them', () => {
    expect(
      sentences('St. Louis is a city in Missouri. John F. Kennedy visited it c. 1960 with Mr. Smith. It grew.'),
    ).toEqual(['St. Louis is a city in Missouri.', 'John F. Kennedy visited it c. 1960 with Mr. Smith.', 'It grew.']);
  });

  it('finds the words of any script', () => {
    expect(words('São Paulo, 東京 and Zürich!')).toEqual(['São', 'Paulo', '東京', 'and', 'Zürich']);
  });
});

describe('keywords', () => {
  it('groups words by stem, drops stop words and numbers, and scores the best 1', async () => {
    const kw = await keywords('The harbour is busy. Harbours and the harbour master. In 2020 the city grew.', 'en', 3);
    expect(kw[0]).toEqual({ term: 'harbour', score: 1 });
    expect(kw.map((k) => k.term)).not.toContain('the');
    expect(kw.map((k) => k.term)).not.toContain('2020');
    expect(kw).toHaveLength(3);
  });

  it('works without a stemmer for other languages', async () => {
    const terms = (await keywords('東京は日本の首都です。東京には多くの人が住んでいます。', 'ja', 5)).map(
      (k) => k.term,
    );
    expect(terms).toContain('東京');
    expect(terms).not.toContain('の');
  });
});

describe('sentiment', () => {
  it('labels with AFINN-165 and flips negated words', async () => {
    expect(await sentiment('A lovely, happy, wonderful city.', 'en')).toMatchObject({ label: 'positive' });
    expect(await sentiment('A terrible, awful, miserable city.', 'en')).toMatchObject({ label: 'negative' });
    expect(await sentiment('The city has a harbour.', 'en')).toEqual({ score: 0, label: 'neutral', method: 'vader' });
    const plain = await sentiment('It is good.', 'en');
    const negated = await sentiment('It is not good.', 'en');
    expect(plain?.score).toBeGreaterThan(0);
    expect(negated?.score).toBeLessThan(0);
  });

  it('is null for languages without a vocabulary', async () => {
    expect(await sentiment('美しい街です。', 'ja')).toBeNull();
  });
});

describe('analyze', () => {
  it('gives null sentiment with a note for a language without a vocabulary', async () => {
    const a = await analyze('美しい街です。港があります。', 'ja', 5, 1);
    expect(a.sentiment).toBeNull();
    expect(a.sentimentNote).toMatch(/no sentiment vocabulary/i);
    expect((await analyze('A lovely town.', 'en', 5, 1)).sentimentNote).toBeNull();
  });

  it('picks the most representative sentences, in their original order', async () => {
    const text =
      'The harbour is the heart of the city. Boats fill the harbour every day. Tourists love the old harbour and its boats. The weather was mild. Parking is scarce.';
    const a = await analyze(text, 'en', 5, 2);
    expect(a.stats).toMatchObject({ sentences: 5, words: 29, characters: text.length });
    expect(a.summary).toEqual(['Boats fill the harbour every day.', 'Tourists love the old harbour and its boats.']);
  });
});
