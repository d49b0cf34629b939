import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { separatorRun, spaceRun } from '../src/nlp/cuts.js';
import { sentenceSpans, wordSpans } from '../src/nlp/segment.js';
import { endsWithAbbreviation, sentences, tokenize, tokenizeAsync, words } from '../src/nlp/text.js';
import { chinese, mixedText, prose, random, SAMPLES } from './text-samples.js';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');

/** The text of a saved page, roughly: scripts, styles and tags out, a few entities decoded. */
function pageText(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(p|div|br|li|h[1-6]|tr|section|article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/[ \t]*\n[\s]*/g, '\n');
}

/** The corpus's texts (wikitext and saved pages), or none when the folder is absent. */
function corpusTexts(): [string, string][] {
  if (!existsSync(CORPUS)) return [];
  const out: [string, string][] = [];
  for (const f of readdirSync(join(CORPUS, 'wikitext')))
    out.push([f, readFileSync(join(CORPUS, 'wikitext', f), 'utf8')]);
  for (const d of readdirSync(join(CORPUS, 'pages'))) {
    const file = join(CORPUS, 'pages', d, 'source.html');
    if (existsSync(file)) out.push([d, pageText(readFileSync(file, 'utf8'))]);
  }
  return out;
}

/** Slices of at most `max` code units, cut after a line break, so the whole-text segmenter stays quick on Node 20. */
function slices(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > start) end = nl + 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Chunked and whole-text segmentation agree: the same words and the same sentences, offset for offset. */
function expectSameSegments(text: string, lang: string, chunks: number[]) {
  const words = wordSpans(text, lang, { chunk: 0 });
  const sentences = sentenceSpans(text, lang, { chunk: 0 });
  for (const chunk of chunks) {
    expect(wordSpans(text, lang, { chunk }), `words, chunks of ${chunk}`).toEqual(words);
    expect(sentenceSpans(text, lang, { chunk }), `sentences, chunks of ${chunk}`).toEqual(sentences);
  }
}

describe('chunked segmentation', () => {
  const corpus = corpusTexts();
  it.skipIf(corpus.length === 0)(
    'gives the whole-text words and sentences on the corpus (wikitext and saved pages)',
    () => {
      let total = 0;
      for (const [, text] of corpus) {
        for (const piece of slices(text, 12_000)) {
          expectSameSegments(piece, 'en', [97, 2048]);
          total += piece.length;
        }
      }
      expect(total).toBeGreaterThan(200_000);
    },
    120_000,
  );
  if (corpus.length === 0) it.skip('corpus checks skipped: ../shared/corpus is absent', () => {});

  it('gives the whole-text words and sentences on mixed scripts, with and without spaces', () => {
    for (const lang of Object.keys(SAMPLES)) {
      for (const glue of [' ', '', '\n', '。', '\r\n']) {
        expectSameSegments(mixedText(lang, glue, 2500, lang.length), lang === 'mix' ? 'en' : lang, [7, 64, 301]);
      }
    }
  }, 60_000);

  it('gives the whole-text words and sentences on runs of line breaks and other separators', () => {
    const runs = (unit: string, n: number) => unit.repeat(n);
    const cases = [
      `a${runs('\n', 3000)}`,
      `${runs('\n', 40)}Start. Then${runs('\r\n', 50)}more text.${runs('\u2028', 45)}`,
      `Mr. Smith.${runs(' \n\t', 40)}Next line.\n${runs('\u2029 ', 33)} lower case${runs('\n', 31)}x`,
      `One.${runs('\n', 40)}\u0301accent${runs('\r\n', 40)}\r`,
      `a${runs(' \n\t.\r\n\u2028', 400)}b`,
      `${runs(`word${runs('\n', 32)}`, 30)}${runs('\u0085', 50)}end`,
      `a${runs('\t', 3000)}b${runs('.', 3000)}c${runs(' ', 3000)}`,
      `word${runs('\t', 40)}\u0301x${runs(' ', 40)}y\r${runs('\n', 5)}${runs(' \t\u3000\u00a0', 20)}😀${runs('\u2029', 33)}\u200dz`,
      // terminators inside a run: set aside with it (the rules join them to nothing there)
      `U.S.${runs('.\n!?', 40)}.lower${runs('\n.', 40)}..Upper${runs('?\r\n ', 40)}1.5${runs('\n', 33)}.2`,
      `Dr.${runs('\n', 33)}. e.g.${runs(' .\u2028', 40)}.)"x${runs('!\n', 35)}\u0301!${runs('.\n', 34)}”a`,
      `A.${runs('.', 40)}b${runs('. ', 40)}C${runs('!.? \t', 40)}1${runs('.', 40)}2`,
    ];
    for (const text of cases) expectSameSegments(text, 'en', [7, 97, 2048]);
  }, 60_000);

  it('gives the whole-text words and sentences on long runs without spaces', () => {
    const cases: [string, string][] = [
      ['zh', chinese(6000)],
      ['ja', (SAMPLES.ja as string).replace(/[^\p{L}]/gu, '').repeat(40)],
      ['th', (SAMPLES.th as string).replace(/\s/g, '').repeat(40)],
      ['en', 'a'.repeat(5000)],
      ['en', '1'.repeat(5000)],
      ['en', 'A.'.repeat(2500)],
      ['en', '1.2,'.repeat(1200)],
      ['en', '!'.repeat(5000)],
      ['en', '👩‍👩‍👧'.repeat(600)],
      ['en', 'e\u0301'.repeat(2500)],
      ['en', '𠀀'.repeat(2500)],
    ];
    for (const [lang, text] of cases) expectSameSegments(text, lang, [64, 301]);
  }, 60_000);
});

/** Characters the segmentation rules treat specially: letters of several scripts, marks, spaces, full stops, closers, digits, emoji, flags. */
const TRICKY = [
  ...['a', 'b', 'Z', 'é', 'e\u0301', 'Ж', 'ж', '中', '文', 'の', 'カ', 'ｶﾞ', 'ก', 'ข', '٣', '1', '2', '_'],
  ...[' ', ' ', ' ', '\n', '\r\n', '\u00a0', '\u2028', '\u3000', '\u200d'],
  ...['.', '!', '?', '"', ')', '(', "'", '’', ',', ':', '-', '；', '。', '，', '、', '！', 'A.', 'St.', '. '],
  ...['👩‍👧', '🇫🇷'],
];

describe('chunked segmentation on random text', () => {
  it('gives the whole-text words and sentences, with chunks of 5 to 50', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed);
      const parts: string[] = [];
      const pool = seed % 3 === 0 ? TRICKY.filter((c) => !/\p{L}/u.test(c)) : TRICKY;
      for (let i = 0, n = 200 + Math.floor(r() * 1200); i < n; i++) {
        parts.push(pool[Math.floor(r() * pool.length)] as string);
      }
      expectSameSegments(parts.join(''), seed % 2 ? 'en' : 'ja', [5, 16, 50]);
    }
  }, 60_000);
});

/** What separator runs are made of, with now and then something that ends or breaks a run. */
const RUN_PARTS = [' ', '\t', '\n', '\n', '\r\n', '\u2028', '.', '!', '?', '\u00a0'];
const RUN_BREAKERS = ['a', 'Z', '1', '\u0301', '\u200d', ')', '"', ',', '。', '😀', 'e.g.', 'St.'];

describe('separator runs', () => {
  it('are read with a turn for the event loop every 8,192 characters, however long the run', () => {
    const text = `a${'\n'.repeat(99_999)}b`;
    for (const find of [separatorRun, spaceRun]) {
      const steps = find(text, 0);
      let yields = 0;
      let r = steps.next();
      for (; !r.done; r = steps.next()) yields++;
      expect(r.value, find.name).toEqual(
        find === separatorRun ? { start: 2, end: 100_000 } : { start: 1, end: 100_000 },
      );
      expect(yields, find.name).toBeGreaterThanOrEqual(12);
    }
  });
});

describe('chunked segmentation on random separator runs', () => {
  it('gives the whole-text words and sentences', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = random(seed);
      const parts: string[] = [];
      for (let i = 0; i < 600; i++) {
        // about one breaker in 200 parts (runs of 80 separators) or in 33 (runs near RUN_MIN)
        const pool = r() < (seed % 2 ? 0.005 : 0.03) ? RUN_BREAKERS : RUN_PARTS;
        parts.push(pool[Math.floor(r() * pool.length)] as string);
      }
      expectSameSegments(parts.join(''), 'en', [7, 50, 2048]);
    }
  }, 60_000);
});

describe('tokenize', () => {
  it('gives sentences with their words, the same as words() and sentences()', () => {
    for (const text of [prose(20_000), mixedText('mix', ' ', 5000), chinese(5000)]) {
      const t = tokenize(text, 'en');
      expect(t.sentences.map((s) => s.text)).toEqual(sentences(text, 'en'));
      expect(t.sentences.flatMap((s) => s.words)).toEqual(words(text, 'en'));
      expect(t.wordCount).toBe(words(text, 'en').length);
      expect(t.characters).toBe([...text].length);
      expect(t.lang).toBe('en');
    }
  });

  it('puts each word in its sentence', () => {
    const t = tokenize('St. Louis is a city. It grew fast!  Did it?', 'en');
    expect(t.sentences).toEqual([
      { text: 'St. Louis is a city.', words: ['St', 'Louis', 'is', 'a', 'city'] },
      { text: 'It grew fast!', words: ['It', 'grew', 'fast'] },
      { text: 'Did it?', words: ['Did', 'it'] },
    ]);
    expect(tokenize('', 'en')).toEqual({ lang: 'en', sentences: [], wordCount: 0, characters: 0 });
  });

  it('gives the same tokens asynchronously, and stops when the request is aborted', async () => {
    const text = prose(30_000);
    expect(await tokenizeAsync(text, 'en')).toEqual(tokenize(text, 'en'));
    const aborted = new AbortController();
    aborted.abort(new Error('client went away'));
    await expect(tokenizeAsync(prose(100_000), 'en', { signal: aborted.signal })).rejects.toThrow('client went away');
  });

  it('merges initials and abbreviations back into their sentence', () => {
    expect(tokenize('A. '.repeat(1000), 'en').sentences).toHaveLength(1);
    expect(sentences('We met Mr. Smith at no. 5. He left. Then St. Louis.')).toEqual([
      'We met Mr. Smith at no. 5.',
      'He left.',
      'Then St. Louis.',
    ]);
  });

  it('recognises abbreviations at the end of a sentence', () => {
    expect(endsWithAbbreviation('He met Dr.')).toBe(true);
    expect(endsWithAbbreviation('John F.')).toBe(true);
    expect(endsWithAbbreviation('e.g.')).toBe(true);
    expect(endsWithAbbreviation('It grew.')).toBe(false);
    expect(endsWithAbbreviation('.')).toBe(false);
    expect(endsWithAbbreviation(`${'a'.repeat(100_000)}.`)).toBe(false);
  });

  it('keeps one long word whole and counts code points', () => {
    const t = tokenize('a'.repeat(10_000), 'en');
    expect(t.wordCount).toBe(1);
    expect(t.sentences[0]?.words[0]).toHaveLength(10_000);
    expect(tokenize('𝐀𝐁 👩‍👩‍👧', 'en').characters).toBe(8);
  });
});
