/**
 * Words and sentences of any script, with the ICU segmenters built into Node.
 * `tokenize` segments a text once per request; everything that needs words or
 * sentences (stats, keywords, sentiment, summary) reads its `Tokens`.
 */

import { slicer } from '../util/slice.js';
import { collapseWhitespace } from '../util/whitespace.js';
import { codePoints } from './code-points.js';
import { type ChunkOptions, drain, type Span, sentenceSteps, wordSpans, wordSteps } from './segment.js';

export interface Sentence {
  /** The sentence, trimmed, runs of whitespace collapsed to one space. */
  text: string;
  /** Its word-like segments in order, original case. */
  words: string[];
}

export interface Tokens {
  lang: string;
  sentences: Sentence[];
  /** Word-like segments of the whole text (the sum over `sentences`). */
  wordCount: number;
  /** Unicode code points. */
  characters: number;
}

/**
 * Abbreviations after which ICU's sentence rules break but a sentence goes on
 * ("St. Louis", "Mt. Everest", "c. 1764"). Intl.Segmenter ignores the `ss`
 * suppression keyword, so they are merged back here; a single capital with a
 * full stop (an initial, "John F. Kennedy") counts too.
 */
const ABBREVIATIONS = new Set(
  (
    'st mt ft dr mr mrs ms prof sr jr gen gov sen rep rev capt col lt sgt hon c ca approx est no nos vol pp vs ' +
    'e.g i.e inc co ltd corp bros jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd hwy fig'
  ).split(' '),
);
/** Longer than any entry of ABBREVIATIONS: a last token this long is never one. */
const ABBREVIATION_MAX = 8;

const SPACE = /\s/;

/**
 * Whether a trimmed sentence ends with "<abbreviation>.". Reads back from the end
 * over at most ABBREVIATION_MAX + 1 characters (no regular expression over the
 * whole token: `/(\S+)\.$/` is quadratic on a long run without spaces).
 */
export function endsWithAbbreviation(sentence: string): boolean {
  const end = sentence.length - 1;
  if (end < 1 || sentence[end] !== '.') return false;
  let start = end;
  while (start > 0 && !SPACE.test(sentence[start - 1] as string)) {
    start--;
    if (end - start > ABBREVIATION_MAX + 1) return false;
  }
  const last = sentence.slice(start, end);
  if (!last) return false;
  return /^\p{Lu}$/u.test(last) || ABBREVIATIONS.has(last.toLowerCase());
}

interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Any character that is not white space (as `collapseWhitespace` counts it). */
const NOT_BLANK = /\S/;

/** Sentences and words handled between two yields of the steps below. */
const STEP = 2048;

/**
 * Sentence segments, pushed in order as the segmenter finds them, merged into sentences
 * where one ends with an abbreviation, in linear time (no growing string is rebuilt).
 * Segments are merged as they come rather than kept in a list first: a run of 100,000
 * line breaks is 100,000 segments, and a list of them outlived the young generation
 * (a scavenge of tens of milliseconds, with the event loop held).
 */
class SentenceMerger {
  readonly out: SentenceSpan[] = [];
  private parts: string[] = [];
  private partsStart = 0;
  private partsEnd = 0;

  constructor(private readonly text: string) {}

  push(seg: Span): void {
    const raw = this.text.slice(seg.start, seg.end);
    // a separator run is one blank segment per line break: no collapsing to do
    const s = NOT_BLANK.test(raw) ? collapseWhitespace(raw) : '';
    if (!s) {
      if (this.parts.length) this.partsEnd = seg.end;
      return;
    }
    if (!this.parts.length) this.partsStart = seg.start;
    this.parts.push(s);
    this.partsEnd = seg.end;
    if (!endsWithAbbreviation(s)) this.flush();
  }

  /** Ends the sentence being merged (call once after the last segment). */
  flush(): void {
    if (this.parts.length) this.out.push({ text: this.parts.join(' '), start: this.partsStart, end: this.partsEnd });
    this.parts = [];
  }
}

function mergedSentences(text: string, lang: string, opts?: ChunkOptions): SentenceSpan[] {
  const merger = new SentenceMerger(text);
  drain(sentenceSteps(text, lang, merger, opts));
  merger.flush();
  return merger.out;
}

/** `tokenize`, one chunk at a time: yields between chunks. */
function* tokenSteps(text: string, lang: string, opts?: ChunkOptions): Generator<void, Tokens> {
  const merger = new SentenceMerger(text);
  yield* sentenceSteps(text, lang, merger, opts);
  merger.flush();
  const spans = merger.out;
  const wordList: Span[] = [];
  yield* wordSteps(text, lang, wordList, opts);
  const sentences: Sentence[] = [];
  let w = 0;
  for (let i = 0; i < spans.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const span = spans[i] as SentenceSpan;
    const end = i + 1 < spans.length ? (spans[i + 1] as SentenceSpan).start : text.length;
    const inside: string[] = [];
    while (w < wordList.length && (wordList[w] as Span).start < end) {
      // one sentence can hold most of a text (a page's run without full stops)
      if (w % STEP === STEP - 1) yield;
      const word = wordList[w++] as Span;
      inside.push(text.slice(word.start, word.end));
    }
    sentences.push({ text: span.text, words: inside });
  }
  return { lang, sentences, wordCount: wordList.length, characters: codePoints(text) };
}

/**
 * One segmentation of a text for the whole request: its sentences (abbreviations
 * merged back) with their words. A word belongs to the sentence it starts in, so the
 * words of all sentences are exactly `words(text)`. Linear in the text's length.
 */
export function tokenize(text: string, lang: string, opts?: ChunkOptions): Tokens {
  const steps = tokenSteps(text, lang, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs steps to their end, giving the event loop a turn whenever the shared slice has run out (`slice.ts`). */
async function sliced<T>(steps: Generator<void, T>, signal?: AbortSignal): Promise<T> {
  const tick = slicer();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    const turn = tick();
    if (turn) {
      await turn;
      signal?.throwIfAborted();
    }
  }
}

/**
 * `tokenize` for request handlers: the same tokens, but the event loop gets a turn
 * between chunks whenever SLICE_MS have passed (`slice.ts`), so a 100,000-character
 * text never stalls other requests. With a `signal`, stops (throws its reason) once
 * the request is aborted.
 */
export function tokenizeAsync(
  text: string,
  lang: string,
  opts?: ChunkOptions & { signal?: AbortSignal },
): Promise<Tokens> {
  return sliced(tokenSteps(text, lang, opts), opts?.signal);
}

/** `words(text, lang).length` for request handlers, yielding between chunks like `tokenizeAsync`. */
export function countWordsAsync(text: string, lang: string, signal?: AbortSignal): Promise<number> {
  function* count(): Generator<void, number> {
    const out: Span[] = [];
    yield* wordSteps(text, lang, out);
    return out.length;
  }
  return sliced(count(), signal);
}

/** The words of a text (letters and digits; punctuation and spaces dropped). */
export function words(text: string, lang = 'en', opts?: ChunkOptions): string[] {
  return wordSpans(text, lang, opts).map((w) => text.slice(w.start, w.end));
}

/** The sentences of a text, trimmed, empty ones dropped. */
export function sentences(text: string, lang = 'en', opts?: ChunkOptions): string[] {
  return mergedSentences(text, lang, opts).map((s) => s.text);
}

/** Scripts whose words are often one or two characters long. */
const SHORT_WORD_SCRIPTS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Longest word worth stemming or scoring, in code units: longer "words" are runs such
 * as "1.2,1.2,…", a pasted blob or a data URI, and the Porter stemmers' regular
 * expressions are quadratic on long runs without vowels (`/[^aeiouy]+y/`). The one
 * limit for every text path: the stemmers leave longer words as they are
 * (`language.ts`), keyphrases and summaries do not score them (`isContentWord`), and
 * /parse leaves them out of a page's keywords and sentiment.
 */
export const MAX_WORD_LENGTH = 64;

/** Whether a lower-cased word can carry meaning on its own: not a number, not a two-letter fragment, not a run. */
export function isContentWord(word: string, stopwords: ReadonlySet<string>): boolean {
  if (word.length > MAX_WORD_LENGTH || /^\p{N}+$/u.test(word) || stopwords.has(word)) return false;
  return word.length >= 3 || SHORT_WORD_SCRIPTS.test(word);
}
