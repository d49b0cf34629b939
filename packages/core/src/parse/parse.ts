import { keywords } from '../nlp/keywords.js';
import { sentiment } from '../nlp/sentiment.js';
import { tokenize } from '../nlp/text.js';
import type { FetchPageOptions } from './fetch-page.js';
import { decodeHtml, type ParsedPage, parseHtml } from './html.js';

const LANG = /^[a-z]{2,3}$/;

/** The answer: the page, its word count and its analysis, from one tokenization of its text. */
async function withAnalysis(page: ParsedPage) {
  const primary = page.lang?.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  const lang = LANG.test(primary) ? primary : 'en';
  const tokens = tokenize(page.text, lang);
  const [kw, mood] = await Promise.all([keywords(page.text, lang, 10), sentiment(page.text, lang)]);
  const { truncated, ...rest } = page;
  return { ...rest, wordCount: tokens.wordCount, analysis: { keywords: kw, sentiment: mood }, truncated };
}

/** /parse with `url`: fetch under the page-fetching rules, then parse. `signal`: the caller went away. */
export async function parseUrl(url: string, opts: FetchPageOptions, signal?: AbortSignal) {
  const { fetchPage } = await import('./fetch-page.js');
  const fetched = await fetchPage(url, { ...opts, ...(signal ? { signal } : {}) });
  return withAnalysis(await parseHtml(decodeHtml(fetched.body, fetched.contentType), fetched.url, signal));
}

/** /parse with `html` (and an optional `baseUrl` for relative links). */
export async function parseGivenHtml(html: string, baseUrl: string | null, signal?: AbortSignal) {
  return withAnalysis(await parseHtml(html, baseUrl, signal));
}
