import { keywords } from '../nlp/keywords.js';
import { sentiment } from '../nlp/sentiment.js';
import { type FetchPageOptions, fetchPage } from './fetch-page.js';
import { decodeHtml, parseHtml } from './html.js';

const LANG = /^[a-z]{2,3}$/;

async function withAnalysis(page: ReturnType<typeof parseHtml>) {
  const primary = page.lang?.split(/[-_]/)[0]?.toLowerCase() ?? 'en';
  const lang = LANG.test(primary) ? primary : 'en';
  const [kw, mood] = await Promise.all([keywords(page.text, lang, 10), sentiment(page.text, lang)]);
  return { ...page, analysis: { keywords: kw, sentiment: mood } };
}

/** /parse with `url`: fetch under the page-fetching rules, then parse. */
export async function parseUrl(url: string, opts: FetchPageOptions) {
  const fetched = await fetchPage(url, opts);
  return withAnalysis(parseHtml(decodeHtml(fetched.body, fetched.contentType), fetched.url));
}

/** /parse with `html` (and an optional `baseUrl` for relative links). */
export function parseGivenHtml(html: string, baseUrl: string | null) {
  return withAnalysis(parseHtml(html, baseUrl));
}
