import { collapseWhitespace } from '../util/whitespace.js';
import type { HtmlDocument } from './dom.js';

/**
 * Page metadata the way Mozilla Readability reads it (Readability.js
 * `_getJSONLD`, `_getArticleMetadata` and `_getArticleTitle`, as of 2025):
 * the title is JSON-LD's article name or headline, else the first of
 * dc:title, dcterm:title, og:title, weibo titles, `<meta name=title>`,
 * twitter:title and parsely-title, else the document's `<title>` cut at its
 * separators (" | ", " - ", " — ", " :: ", " » "…) so the site name goes.
 */

/** Readability's `_unescapeHtmlEntities`: pages often escape meta values twice. */
function unescapeEntities(s: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>' };
  return s
    .replace(/&(quot|amp|apos|lt|gt);/g, (_, n: string) => named[n] as string)
    .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (_, hex: string | undefined, dec: string | undefined) => {
      let cp = Number.parseInt(hex ?? dec ?? '0', hex ? 16 : 10);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
      return String.fromCodePoint(cp);
    });
}

const PROPERTY =
  /\s*(article|dc|dcterm|og|twitter)\s*:\s*(author|creator|description|published_time|title|site_name)\s*/i;
const NAME =
  /^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?(author|creator|pub-date|description|title|site_name)\s*$/i;

/** Meta values by Readability's normalised key (`og:title`, `dc:title`, `title`, `parsely-title`…); the last one wins. */
export function metaValues(doc: HtmlDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const m of doc.metas) {
    const content = m.get('content');
    if (!content) continue;
    const property = m.get('property');
    const match = property ? PROPERTY.exec(property) : null;
    if (match) values.set(match[0].toLowerCase().replace(/\s/g, ''), content.trim());
    const name = m.get('name');
    if (!match && name && NAME.test(name))
      values.set(name.toLowerCase().replace(/\s/g, '').replace(/\./g, ':'), content.trim());
  }
  return values;
}

const ARTICLE_TYPES =
  /^Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference$/;
/** JSON-LD larger than this is not read. */
const MAX_JSON_LD = 256 * 1024;

type Json = Record<string, unknown>;

/** The article object of the page's JSON-LD, if one says it is schema.org's. */
function jsonLdArticle(doc: HtmlDocument): Json | null {
  for (const raw of doc.jsonLd) {
    if (raw.length > MAX_JSON_LD) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    if (Array.isArray(parsed)) parsed = parsed.find((it) => isArticle(it)) ?? parsed[0];
    if (!parsed || typeof parsed !== 'object') continue;
    let obj = parsed as Json;
    const context = obj['@context'];
    const ctx = typeof context === 'string' ? context : (context as Json | null)?.['@vocab'];
    if (typeof ctx !== 'string' || !/^https?:\/\/schema\.org\/?$/.test(ctx)) continue;
    if (!obj['@type'] && Array.isArray(obj['@graph'])) {
      const found = (obj['@graph'] as unknown[]).find((it) => isArticle(it));
      if (found) obj = found as Json;
    }
    if (isArticle(obj)) return obj;
  }
  return null;
}

function isArticle(it: unknown): boolean {
  const type = (it as Json | null)?.['@type'];
  return typeof type === 'string' && ARTICLE_TYPES.test(type);
}

/** Readability's `_textSimilarity`: the share of B's tokens (by length) that A has too. */
function similarity(a: string, b: string): number {
  const ta = a.toLowerCase().split(/\W+/g).filter(Boolean);
  const tb = b.toLowerCase().split(/\W+/g).filter(Boolean);
  if (!ta.length || !tb.length) return 0;
  const inA = new Set(ta);
  const unique = tb.filter((t) => !inA.has(t));
  return 1 - unique.join(' ').length / tb.join(' ').length;
}

const wordCount = (s: string) => s.split(/\s+/).length;
const SEPARATOR = / [|\-\\/>»–—] | :: /g;
const HIERARCHICAL = / [\\/>»] /;

/**
 * Readability's `_getArticleTitle`: cut the `<title>` at its last separator
 * (or its first, when that leaves under three words), or after a colon unless
 * an h1/h2 says the whole thing; keep the original when the cut leaves four
 * words or fewer and took away more than the site name.
 */
export function cleanTitle(raw: string, headings: readonly string[], h1s: readonly string[]): string {
  const orig = collapseWhitespace(raw);
  let cur = orig;
  let hierarchical = false;
  const separators = [...orig.matchAll(SEPARATOR)];
  if (separators.length > 0) {
    hierarchical = HIERARCHICAL.test(orig);
    cur = orig.slice(0, (separators[separators.length - 1] as RegExpMatchArray).index);
    if (wordCount(cur) < 3) {
      // as Readability does: up to the first separator character, spaced or not
      cur = orig.replace(/^[^|\-\\/>»–—]*[|\-\\/>»–—]/, '');
    }
  } else if (orig.includes(': ')) {
    if (!headings.some((h) => collapseWhitespace(h) === orig)) {
      cur = orig.slice(orig.lastIndexOf(':') + 1);
      if (wordCount(cur) < 3) cur = orig.slice(orig.indexOf(':') + 1);
      else if (wordCount(orig.slice(0, orig.indexOf(':'))) > 5) cur = orig;
    }
  } else if ((orig.length > 150 || orig.length < 15) && h1s.length === 1) {
    cur = h1s[0] as string;
  }
  cur = collapseWhitespace(cur);
  const words = wordCount(cur);
  if (words <= 4 && (!hierarchical || words !== wordCount(orig.replace(/[|\-\\/>»–—]+/g, '')) - 1)) cur = orig;
  return cur;
}

export interface PageMetadata {
  title: string | null;
  /** The other meta descriptions Readability reads (dc:description, dcterm:description, twitter:description). */
  otherDescription: string | null;
  /** Readability's excerpt from metadata (JSON-LD, dc, og, description, twitter), or null. */
  excerpt: string | null;
}

export function readMetadata(doc: HtmlDocument): PageMetadata {
  const values = metaValues(doc);
  const article = jsonLdArticle(doc);
  const htmlTitle = () =>
    cleanTitle(
      doc.title ?? '',
      doc.headings.filter((h) => h.name === 'h1' || h.name === 'h2').map((h) => h.collected ?? ''),
      doc.headings.filter((h) => h.name === 'h1').map((h) => collapseWhitespace(h.collected ?? '')),
    );
  let ldTitle: string | undefined;
  if (article) {
    const { name, headline } = article;
    if (typeof name === 'string' && typeof headline === 'string' && name !== headline) {
      const t = htmlTitle();
      ldTitle = similarity(headline, t) > 0.75 && !(similarity(name, t) > 0.75) ? headline : name;
    } else if (typeof name === 'string') ldTitle = name.trim();
    else if (typeof headline === 'string') ldTitle = headline.trim();
  }
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = values.get(k);
      if (v) return v;
    }
    return undefined;
  };
  const title =
    ldTitle ||
    pick('dc:title', 'dcterm:title', 'og:title', 'weibo:article:title', 'weibo:webpage:title', 'title') ||
    pick('twitter:title', 'parsely-title') ||
    htmlTitle();
  const ldDescription = typeof article?.description === 'string' ? article.description.trim() : undefined;
  const excerpt =
    ldDescription ||
    pick(
      'dc:description',
      'dcterm:description',
      'og:description',
      'weibo:article:description',
      'weibo:webpage:description',
      'description',
      'twitter:description',
    );
  const clean = (s: string | undefined) => {
    const c = s === undefined ? '' : collapseWhitespace(unescapeEntities(s));
    return c === '' ? null : c;
  };
  const otherDescription = pick('dc:description', 'dcterm:description', 'twitter:description');
  return { title: clean(title), otherDescription: clean(otherDescription), excerpt: clean(excerpt) };
}
