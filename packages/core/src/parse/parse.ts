import { keyphrases } from '../nlp/keyphrases.js';
import { sentiment } from '../nlp/sentiment.js';
import { countWordsAsync, MAX_WORD_LENGTH, type Tokens, tokenizeAsync } from '../nlp/text.js';
import { inSpan } from '../telemetry/context.js';
import type { FetchPageOptions } from './fetch-page.js';
import { decodeHtml, type ParsedPage, parseHtml } from './html.js';

const LANG = /^[a-z]{2,3}$/;
/** Keywords and sentiment read the page's first 100,000 characters, as /analyze reads at most that many. */
export const ANALYSIS_CHARS = 100_000;

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 0xa0;

/** Punctuation of scripts written without spaces, after which a word always ends. */
const CJK_PUNCTUATION = /[。！？，、；：「」『』（）《》〈〉【】…]/;

/**
 * Where the analysed head of a page's text ends: at most ANALYSIS_CHARS code units,
 * after a line break (which ends a sentence anyway), else a space, else CJK
 * punctuation, in the last half (so the cut splits no word); else at a code point boundary.
 */
function headEnd(text: string): number {
  const limit = ANALYSIS_CHARS;
  if (limit >= text.length) return text.length;
  for (let i = limit - 1; i > limit / 2; i--) if (text.charCodeAt(i) === 10) return i + 1;
  for (let i = limit - 1; i > limit / 2; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  for (let i = limit - 1; i > limit / 2; i--) if (CJK_PUNCTUATION.test(text[i] as string)) return i + 1;
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

/**
 * The tokens of the page text's head (sentences and words, for keyphrases and
 * sentiment) and the word count of all of it: one segmentation of the head, and
 * words alone past it (they cost less than sentences); the event loop is served
 * between chunks, and the work stops once the caller goes away.
 */
async function tokenizePage(text: string, lang: string, signal?: AbortSignal) {
  const end = headEnd(text);
  const head = await tokenizeAsync(text.slice(0, end), lang, signal ? { signal } : undefined);
  const rest = end < text.length ? await countWordsAsync(text.slice(end), lang, signal) : 0;
  return { head, wordCount: head.wordCount + rest };
}

/** The answer: the page, its word count and its analysis, from one tokenization of its text. */
async function withAnalysis(page: ParsedPage, signal?: AbortSignal) {
  const primary = page.lang?.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  const lang = LANG.test(primary) ? primary : 'en';
  const { head, wordCount } = await inSpan('nlp.tokenize', () => tokenizePage(page.text, lang, signal));
  // runs of letters from inline elements with no space between, data URIs: no language has such words
  const analysed: Tokens = {
    ...head,
    sentences: head.sentences.map((s) =>
      s.words.some((w) => w.length > MAX_WORD_LENGTH)
        ? { ...s, words: s.words.filter((w) => w.length <= MAX_WORD_LENGTH) }
        : s,
    ),
  };
  const [kw, mood] = await inSpan('nlp.analyze', () =>
    Promise.all([keyphrases(analysed, lang, 10), sentiment(analysed, lang)]),
  );
  const { truncated, ...rest } = page;
  return { ...rest, wordCount, analysis: { keywords: kw, sentiment: mood }, truncated };
}

/** /parse with `url`: fetch under the page-fetching rules, then parse. `signal`: the caller went away. */
export async function parseUrl(url: string, opts: FetchPageOptions, signal?: AbortSignal) {
  const { fetchPage } = await import('./fetch-page.js');
  const fetched = await inSpan('parse.fetch', () => fetchPage(url, { ...opts, ...(signal ? { signal } : {}) }));
  const page = await inSpan('parse.html', () =>
    parseHtml(decodeHtml(fetched.body, fetched.contentType), fetched.url, signal),
  );
  return withAnalysis(page, signal);
}

/** /parse with `html` (and an optional `baseUrl` for relative links). */
export async function parseGivenHtml(html: string, baseUrl: string | null, signal?: AbortSignal) {
  return withAnalysis(await inSpan('parse.html', () => parseHtml(html, baseUrl, signal)), signal);
}
