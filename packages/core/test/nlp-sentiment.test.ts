import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { growthRatio } from '@cityscope/testing';
import { describe, expect, it } from 'vitest';
import { LEXICON_SOURCES, packLexicon } from '../scripts/lexicon-sources.js';
import { parseLexicon } from '../src/nlp/sentiment/lexicon.js';
import { hasSentiment, SENTIMENT_THRESHOLD, sentiment, sentimentNote, verdict } from '../src/nlp/sentiment.js';
import { germanStem } from '../src/nlp/stem-de.js';
import { tokenize } from '../src/nlp/text.js';

const label = async (text: string, lang = 'en') => (await sentiment(text, lang))?.label;
const score = async (text: string, lang = 'en') => (await sentiment(text, lang))?.score ?? Number.NaN;

/** Our own labelled sentences, one rule each (not from the development set). */
const LABELLED: [string, 'positive' | 'negative' | 'neutral'][] = [
  // negation
  ['The room was not clean.', 'negative'],
  ["The staff weren't helpful at all.", 'negative'],
  ['I never felt welcome there.', 'negative'],
  ['The museum is not bad.', 'positive'],
  ['Without doubt the best bakery in town.', 'positive'],
  // contrast
  ['The view is lovely, but the service is terrible.', 'negative'],
  ['The trains are slow, but the scenery is wonderful.', 'positive'],
  // intensity and emphasis
  ['The old town is EXTREMELY beautiful!!!', 'positive'],
  ['An awful experience.', 'negative'],
  // emoji and emoticons
  ['Dinner by the harbour 😍', 'positive'],
  ['Missed the last ferry :(', 'negative'],
  ['Rained all week 😡', 'negative'],
  // only the wider vocabulary knows these words
  ['The bread was stale.', 'negative'],
  ['A picturesque harbour.', 'positive'],
  // names are not opinions ("Greater"), headline style still is
  ['The Greater Toronto Area has six million people.', 'neutral'],
  ['Works Great!', 'positive'],
  // a negation that governs no opinion word leans negative; an order not to waste warns
  ['The lift does not open.', 'negative'],
  ["Don't waste your money on the ferry.", 'negative'],
  ["Don't miss the old town!", 'positive'],
  // "too" of excess complains; "too" meaning "also" does not
  ['The fries were too salty.', 'negative'],
  ['Great ferry, too!', 'positive'],
  ['The museum is too good to miss.', 'positive'],
  // fame is a fact
  ['The town is well known for its cathedral.', 'neutral'],
  // neutral statements
  ['The city has a harbour.', 'neutral'],
  ['The bridge spans the river.', 'neutral'],
];

describe('sentiment rules', () => {
  it.each(LABELLED)('%s → %s', async (text, expected) => {
    expect(await label(text)).toBe(expected);
  });

  it('scores in [-1, 1] and grows with boosters, capitals and exclamation marks', async () => {
    const plain = await score('The food was good.');
    const very = await score('The food was very good.');
    const caps = await score('The food was VERY GOOD.');
    const bang = await score('The food was very good!!!');
    expect(plain).toBeGreaterThan(0);
    expect(very).toBeGreaterThan(plain);
    expect(caps).toBeGreaterThan(very);
    expect(bang).toBeGreaterThan(very);
    expect(await score('The food was slightly good.')).toBeLessThan(plain);
    for (const s of [plain, very, caps, bang]) expect(Math.abs(s)).toBeLessThanOrEqual(1);
  });

  it('asks the wider vocabulary only when the primary finds nothing in the whole text', async () => {
    // "stale" is only in the wider vocabulary: alone it counts, beside a word VADER knows it does not
    expect((await sentiment('The bread was stale.', 'en'))?.method).toBe('vader+senticon');
    expect((await sentiment('The bread was stale. The coffee was good.', 'en'))?.method).toBe('vader');
  });

  it('asks the wider vocabulary only for a text of one sentence', async () => {
    // several sentences in which VADER's vocabulary finds no opinion state facts
    expect(await sentiment('The town is located on the river. It is home to a census office.', 'en')).toMatchObject({
      label: 'neutral',
      method: 'vader',
    });
  });

  it('labels several sentences polar only when more than a third of them are', async () => {
    const lead =
      'Lakeview is a town in the north of the county. It has a station and a school. The town is known for its lively festivals.';
    expect(await label(lead)).toBe('neutral');
    expect(await score(lead)).toBeGreaterThan(SENTIMENT_THRESHOLD);
    expect(await label('A lovely harbour. The ferry leaves at nine. The old town is charming.')).toBe('positive');
    // a heading or caption (under four words) counts only when it is polar
    const words = [2, 9, 1, 10];
    expect(verdict({ compounds: [0, 0.9, 0, 0], words }, 0.05).label).toBe('positive');
    expect(verdict({ compounds: [0, 0.9, 0, 0], words: [8, 9, 8, 10] }, 0.05).label).toBe('neutral');
    expect(verdict({ compounds: [-0.5], words: [1] }, 0.05)).toEqual({ score: -0.5, label: 'negative' });
  });

  it('names the method: the primary vocabulary, and the wider one when it answered', async () => {
    expect((await sentiment('A lovely city.', 'en'))?.method).toBe('vader');
    expect((await sentiment('The bread was stale.', 'en'))?.method).toBe('vader+senticon');
    expect((await sentiment('Una ciudad preciosa.', 'es'))?.method).toMatch(/^afinn-es/);
  });

  it('reads shared tokens the same as text', async () => {
    const text = 'A lovely town. The port is dirty, but the beach is great!';
    expect(await sentiment(tokenize(text, 'en'))).toEqual(await sentiment(text, 'en'));
  });
});

describe('sentiment in other languages', () => {
  const cases: [string, string, 'positive' | 'negative' | 'neutral'][] = [
    ['es', 'El hotel es muy bonito y el personal fue amable.', 'positive'],
    ['es', 'La comida no es buena.', 'negative'],
    ['es', 'Una experiencia horrible.', 'negative'],
    ['fr', 'Un hôtel magnifique, le personnel était charmant.', 'positive'],
    ['fr', "Ce n'est pas bon.", 'negative'],
    ['fr', "Je n'aime pas ce quartier.", 'negative'],
    ['de', 'Das Essen war ausgezeichnet und sehr lecker.', 'positive'],
    ['de', 'Das Hotel war nicht gut.', 'negative'],
    ['de', 'Das Zimmer war schmutzig und laut.', 'negative'],
    // German: nouns are capitalised (no sign of a name), negation by nicht and kein, compounds
    ['de', 'Der Service war eine Katastrophe.', 'negative'],
    ['de', 'Die Bahnfahrt war eine Enttäuschung.', 'negative'],
    ['de', 'Kein Problem mit dem Check-in.', 'positive'],
    ['de', 'Das war keine gute Idee.', 'negative'],
    ['de', 'Wir waren nicht zufrieden.', 'negative'],
    ['de', 'Das Essen war nicht schlecht.', 'positive'],
    ['de', 'Ein Spitzenrestaurant mit Blick auf den See.', 'positive'],
    ['de', 'Die Landeshauptstadt liegt am Rhein.', 'neutral'],
    ['it', 'Il cibo era ottimo.', 'positive'],
    ['pt', 'O hotel é horrível.', 'negative'],
  ];
  it.each(cases)('%s: %s → %s', async (lang, text, expected) => {
    expect(await label(text, lang)).toBe(expected);
  });

  it('is null, with a note, for a language without a vocabulary', async () => {
    expect(hasSentiment('ja')).toBe(false);
    expect(await sentiment('美しい街です。', 'ja')).toBeNull();
    expect(sentimentNote('ja')).toMatch(/No sentiment vocabulary for language "ja"/);
    expect(sentimentNote('en')).toBeNull();
    expect(sentimentNote('pt-BR')).toBeNull();
  });
});

describe('vocabularies', () => {
  it('pack and parse are inverse (shared prefixes, emoji, long words)', () => {
    const long = 'a'.repeat(60);
    const scores = new Map([
      ['harbour', 1.2],
      ['harbours', 1.1],
      ['harm', -2],
      [`${long}x`, 0.5],
      [`${long}y`, -0.5],
      ['😍', 2.4],
      ['😡', -0.8],
      [':-)', 1.3],
      ["can't stand", -2],
    ]);
    const packed = packLexicon(scores);
    expect(packed.length).toBeLessThan([...scores].map(([w, v]) => `${w}\t${v}`).join('\n').length);
    expect(parseLexicon(packed)).toEqual(scores);
  });

  it('the compact files are what scripts/lexicons.ts makes from their sources', async () => {
    for (const source of LEXICON_SOURCES) {
      const file: { default: string } = await import(`../src/nlp/sentiment/data/${source.name}.ts`);
      expect(file.default, source.name).toBe(packLexicon(source.read()));
    }
  }, 60_000);

  it('the German stemmer agrees with Snowball (natural’s port) on common words', () => {
    const natural = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer_de.js');
    const list =
      'häuser aufeinanderfolgenden katzen wunderschönen schlechtesten freundlichkeit enttäuschend ' +
      'stadt städte bahnhof bahnhöfe kirchen gemeinde gemeinden bevölkerung einwohner einwohnerinnen ' +
      'hauptstadt hauptstädte flüsse brücken berühmt berühmteste geschichte geschichtlich landschaft ' +
      'wirtschaftlich wirtschaft ausgezeichnet lecker schmutzig laut gemütlich freundlich unfreundlich';
    const words = list.split(' ');
    const same = words.filter((w) => germanStem(w) === natural.stem(w));
    expect(same.length / words.length).toBeGreaterThanOrEqual(0.9);
  });
});

const AMAZON = join(import.meta.dirname, '../../../../shared/corpus/sentiment/amazon.json');

describe.skipIf(!existsSync(AMAZON))('real review sentences (../shared/corpus/sentiment/amazon.json)', () => {
  it('is right on at least 0.77 of each half, neutral on few (docs/nlp.md has the figures)', async () => {
    const data: { text: string; class: number }[] = JSON.parse(readFileSync(AMAZON, 'utf8'));
    for (const half of [0, 1]) {
      const set = data.filter((_, i) => i % 2 === half);
      let right = 0;
      let neutral = 0;
      for (const d of set) {
        const r = await sentiment(d.text, 'en');
        if (r?.label === 'neutral') neutral++;
        else if ((r?.label === 'positive') === (d.class === 1)) right++;
      }
      expect(right / set.length, `half ${half}`).toBeGreaterThanOrEqual(0.77);
      expect(neutral / set.length, `half ${half}`).toBeLessThan(0.08);
    }
  }, 60_000);
});
if (!existsSync(AMAZON)) console.warn(`skipped: ${AMAZON} is absent (the shared corpus is not beside this clone)`);

describe('growth', () => {
  it('is linear: 4× the text takes less than 8× the time', async () => {
    const unit = 'The harbour is lovely, but the traffic is NOT great!!! Rooms were clean :) ';
    const ratio = await growthRatio({
      prepare: (n) => tokenize(unit.repeat(n), 'en'),
      work: (tokens: ReturnType<typeof tokenize>) => sentiment(tokens),
      n: 2000,
      below: 8,
    });
    expect(ratio).toBeLessThan(8);
  }, 60_000);
});
