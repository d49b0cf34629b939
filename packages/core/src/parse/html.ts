import { slicer } from '../util/slice.js';
import { collapseWhitespace } from '../util/whitespace.js';
import { buildDocument, CHECK_EVERY, type Element, type HtmlDocument, MAX_DEPTH, MAX_ELEMENTS } from './dom.js';
import { readMetadata } from './metadata.js';
import { readableText } from './readable.js';

export interface ParsedPage {
  url: string | null;
  title: string | null;
  description: string | null;
  lang: string | null;
  canonical: string | null;
  openGraph: {
    title: string | null;
    description: string | null;
    image: string | null;
    type: string | null;
    siteName: string | null;
  };
  headings: Array<{ level: number; text: string }>;
  links: Array<{ href: string; text: string; internal: boolean }>;
  images: Array<{ src: string; alt: string | null }>;
  text: string;
  /** The document went past a parsing bound (elements or depth) and was read in part. */
  truncated: boolean;
}

const MAX_HEADINGS = 200;
const MAX_LINKS = 1000;
const MAX_IMAGES = 500;

export { MAX_DEPTH, MAX_ELEMENTS };

const clean = (s: string | undefined | null): string | null => {
  if (s === undefined || s === null) return null;
  const t = collapseWhitespace(s);
  return t === '' ? null : t;
};

function absolute(href: string | undefined | null, base: URL | null): string | null {
  const h = (href ?? '').trim();
  // URL.canParse first: a throw per bad link costs more than the rest of the link
  if (!h || h.length > 4096 || !URL.canParse(h, base ?? undefined)) return null;
  const u = new URL(h, base ?? undefined);
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

const sameSite = (a: string, b: string) => a.replace(/^www\./, '') === b.replace(/^www\./, '');

/** A `<meta>` by property or name (case-insensitive), first one wins, as `meta[property=x i], meta[name=x i]` did. */
function metaContent(doc: HtmlDocument, key: string): string | null {
  for (const m of doc.metas) {
    if (m.get('property')?.toLowerCase() === key || m.get('name')?.toLowerCase() === key)
      return clean(m.get('content'));
  }
  return null;
}

const relIncludes = (el: Element, rel: string) => (el.attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes(rel);

/**
 * Metadata, structure and readable text of an HTML document, in time linear in
 * its size (see dom.ts for the bounds), yielding to the event loop as it goes.
 */
export async function parseHtml(html: string, pageUrl: string | null, signal?: AbortSignal): Promise<ParsedPage> {
  const doc = await buildDocument(html, signal);
  let base: URL | null = null;
  try {
    base = pageUrl ? new URL(pageUrl) : null;
  } catch {
    base = null;
  }
  const declaredBase = absolute(doc.base, base);
  if (declaredBase) base = new URL(declaredBase);

  const openGraph = {
    title: metaContent(doc, 'og:title'),
    description: metaContent(doc, 'og:description'),
    image: absolute(metaContent(doc, 'og:image'), base),
    type: metaContent(doc, 'og:type'),
    siteName: metaContent(doc, 'og:site_name'),
  };
  const headings: ParsedPage['headings'] = [];
  for (const el of doc.headings) {
    if (headings.length >= MAX_HEADINGS) break;
    const text = clean(el.collected);
    if (text) headings.push({ level: Number(el.name.slice(1)), text });
  }
  const tick = slicer({ signal, every: CHECK_EVERY });
  const links: ParsedPage['links'] = [];
  for (const el of doc.anchors) {
    if (links.length >= MAX_LINKS) break;
    const wait = tick();
    if (wait) await wait;
    const href = absolute(el.attrs.get('href'), base);
    if (!href) continue;
    links.push({
      href,
      text: clean(el.collected) ?? '',
      internal: base ? sameSite(new URL(href).hostname, base.hostname) : false,
    });
  }
  const images: ParsedPage['images'] = [];
  for (const el of doc.images) {
    if (images.length >= MAX_IMAGES) break;
    const wait = tick();
    if (wait) await wait;
    const src = absolute(el.attrs.get('src') ?? el.attrs.get('data-src'), base);
    const alt = el.attrs.get('alt');
    if (src) images.push({ src, alt: alt === undefined ? null : (clean(alt) ?? '') });
  }

  const meta = readMetadata(doc);
  const title = meta.title ?? clean(doc.title) ?? openGraph.title;
  const lang =
    clean(doc.htmlAttrs?.get('lang') ?? doc.htmlAttrs?.get('xml:lang')) ??
    clean(doc.metas.find((m) => m.get('http-equiv')?.toLowerCase() === 'content-language')?.get('content'));
  const canonicalTag = doc.linkTags.find((l) => relIncludes(l, 'canonical'));
  const canonical = absolute(canonicalTag?.attrs.get('href'), base);
  // the contract: the meta description, else Open Graph's; then the other meta descriptions
  const description = metaContent(doc, 'description') ?? openGraph.description ?? meta.otherDescription;

  return {
    url: base ? (pageUrl ?? base.href) : null,
    title,
    description,
    lang,
    canonical,
    openGraph,
    headings,
    links,
    images,
    text: await readableText(doc, signal),
    truncated: doc.truncated,
  };
}

/** The charset a page declares (header, then <meta>), or utf-8. */
export function decodeHtml(body: Buffer, contentType: string): string {
  const fromHeader = /charset=["']?([\w.:-]+)/i.exec(contentType)?.[1];
  const head = body.subarray(0, 4096).toString('latin1');
  const fromMeta = /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1];
  for (const label of [fromHeader, fromMeta, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(body);
    } catch {
      // an unknown label: try the next
    }
  }
  return body.toString('utf8');
}
