import { keyphrases } from '../nlp/keyphrases.js';
import { sentiment } from '../nlp/sentiment.js';
import { type Tokens, tokenize, words } from '../nlp/text.js';
import type { FetchPageOptions } from './fetch-page.js';
import { decodeHtml, type ParsedPage, parseHtml } from './html.js';

const LANG = /^[a-z]{2,3}$/;
/** Text tokenized in one go before the event loop gets a turn. */
const PIECE = 16_384;
/** Keywords and sentiment read the page's first 100,000 characters, as /analyze reads at most that many. */
export const ANALYSIS_CHARS = 100_000;
/**
 * Words longer than this (no language has them: a run of letters from inline
 * elements with no space between, a data URI) are left out of keywords and
 * sentiment, whose stemmers are not linear in a word's length.
 */
export const LONGEST_WORD = 64;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;

/** Where to end a piece that starts at `start`: a line break, else a space, else a code point boundary. */
function pieceEnd(text: string, start: number): number {
  const limit = start + PIECE;
  if (limit >= text.length) return text.length;
  for (let i = limit; i > start + PIECE / 2; i--) if (text.charCodeAt(i) === 10) return i + 1;
  for (let i = limit; i > start + PIECE / 2; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/**
 * The tokens of the page text's first ANALYSIS_CHARS characters (sentences and
 * words, for keyphrases and sentiment) and the word count of all of it, one
 * segmentation of each piece (pieces end at line breaks, which end sentences
 * anyway); the event loop is served between pieces.
 */
async function tokenizeInPieces(text: string, lang: string, signal?: AbortSignal) {
  const head: Tokens = { lang, sentences: [], wordCount: 0, characters: 0 };
  let wordCount = 0;
  for (let start = 0; start < text.length; ) {
    const end = pieceEnd(text, start);
    const piece = text.slice(start, end);
    if (start < ANALYSIS_CHARS) {
      const t = tokenize(piece, lang);
      for (const s of t.sentences) head.sentences.push(s);
      head.wordCount += t.wordCount;
      head.characters += t.characters;
      wordCount += t.wordCount;
    } else {
      // past the analysed part only the count is needed: words alone cost less than sentences too
      wordCount += words(piece, lang).length;
    }
    start = end;
    if (start < text.length) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  return { head, wordCount };
}

/** The answer: the page, its word count and its analysis, from one tokenization of its text. */
async function withAnalysis(page: ParsedPage, signal?: AbortSignal) {
  const primary = page.lang?.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  const lang = LANG.test(primary) ? primary : 'en';
  const { head, wordCount } = await tokenizeInPieces(page.text, lang, signal);
  const analysed: Tokens = {
    ...head,
    sentences: head.sentences.map((s) =>
      s.words.some((w) => w.length > LONGEST_WORD)
        ? { ...s, words: s.words.filter((w) => w.length <= LONGEST_WORD) }
        : s,
    ),
  };
  const [kw, mood] = await Promise.all([keyphrases(analysed, lang, 10), sentiment(analysed, lang)]);
  const { truncated, ...rest } = page;
  return { ...rest, wordCount, analysis: { keywords: kw, sentiment: mood }, truncated };
}

/** /parse with `url`: fetch under the page-fetching rules, then parse. `signal`: the caller went away. */
export async function parseUrl(url: string, opts: FetchPageOptions, signal?: AbortSignal) {
  const { fetchPage } = await import('./fetch-page.js');
  const fetched = await fetchPage(url, { ...opts, ...(signal ? { signal } : {}) });
  return withAnalysis(await parseHtml(decodeHtml(fetched.body, fetched.contentType), fetched.url, signal), signal);
}

/** /parse with `html` (and an optional `baseUrl` for relative links). */
export async function parseGivenHtml(html: string, baseUrl: string | null, signal?: AbortSignal) {
  return withAnalysis(await parseHtml(html, baseUrl, signal), signal);
}
