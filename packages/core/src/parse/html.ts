import { type CheerioAPI, load } from 'cheerio/slim';
import { words } from '../nlp/text.js';

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
  wordCount: number;
}

const MAX_HEADINGS = 200;
const MAX_LINKS = 1000;
const MAX_IMAGES = 500;
/** Elements that are not the page's readable text. */
const NOT_TEXT = [
  'script, style, noscript, template, svg, canvas, iframe, object, embed, form, button, select',
  'nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo], [role=search], [role=complementary]',
  '[aria-hidden=true], [hidden], .sr-only, .visually-hidden, .skip-link',
  // site furniture that is not the article: edit links, footnote markers, tables of contents, navigation boxes
  '.mw-editsection, .mw-jump-link, .mw-jump, #jump-to-nav, #siteSub, .hatnote, sup.reference',
  '#toc, .toc, .navbox, .noprint, .breadcrumb, .breadcrumbs',
].join(', ');
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'tr',
  'table',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'figcaption',
]);

const clean = (s: string | undefined | null): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

/** Text of a node tree with line breaks between blocks. */
function blockText($: CheerioAPI, root: ReturnType<CheerioAPI>): string {
  const out: string[] = [];
  const walk = (nodes: ReturnType<CheerioAPI>) => {
    nodes.contents().each((_, node) => {
      if (node.type === 'text') out.push(node.data);
      else if (node.type === 'tag') {
        const block = BLOCKS.has(node.name);
        if (block) out.push('\n');
        walk($(node));
        if (block) out.push('\n');
      }
    });
  };
  walk(root);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function absolute(href: string | undefined, base: URL | null): string | null {
  const h = (href ?? '').trim();
  if (!h) return null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const sameSite = (a: string, b: string) => a.replace(/^www\./, '') === b.replace(/^www\./, '');

/** Metadata, structure and readable text of an HTML document. */
export function parseHtml(html: string, pageUrl: string | null): ParsedPage {
  const $ = load(html);
  let base: URL | null = null;
  try {
    base = pageUrl ? new URL(pageUrl) : null;
  } catch {
    base = null;
  }
  const baseHref = $('base[href]').attr('href');
  const declaredBase = absolute(baseHref, base);
  if (declaredBase) base = new URL(declaredBase);
  const meta = (key: string) => clean($(`meta[property="${key}" i], meta[name="${key}" i]`).first().attr('content'));

  const openGraph = {
    title: meta('og:title'),
    description: meta('og:description'),
    image: absolute(meta('og:image') ?? undefined, base),
    type: meta('og:type'),
    siteName: meta('og:site_name'),
  };
  const headings: ParsedPage['headings'] = [];
  $('h1, h2, h3, h4, h5, h6').each((_, el) => {
    const text = clean($(el).text());
    if (text && headings.length < MAX_HEADINGS) headings.push({ level: Number(el.tagName.slice(1)), text });
  });
  const links: ParsedPage['links'] = [];
  $('a[href]').each((_, el) => {
    if (links.length >= MAX_LINKS) return false;
    const href = absolute($(el).attr('href'), base);
    if (!href) return;
    links.push({
      href,
      text: clean($(el).text()) ?? '',
      internal: base ? sameSite(new URL(href).hostname, base.hostname) : false,
    });
  });
  const images: ParsedPage['images'] = [];
  $('img').each((_, el) => {
    if (images.length >= MAX_IMAGES) return false;
    const src = absolute($(el).attr('src') ?? $(el).attr('data-src'), base);
    if (src) images.push({ src, alt: $(el).attr('alt') === undefined ? null : (clean($(el).attr('alt')) ?? '') });
  });

  const title = clean($('head > title, title').first().text()) ?? openGraph.title;
  const lang =
    clean($('html').attr('lang') ?? $('html').attr('xml:lang')) ??
    clean($('meta[http-equiv="content-language" i]').attr('content'));
  const canonical = absolute($('link[rel~="canonical" i]').first().attr('href'), base);
  const description = meta('description') ?? openGraph.description;

  $(NOT_TEXT).remove();
  const candidates = $('main, article, [role=main]').toArray();
  const main = candidates.length
    ? $(candidates.reduce((a, b) => ($(b).text().length > $(a).text().length ? b : a)))
    : $('body').length
      ? $('body')
      : $.root();
  const text = blockText($, main);

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
    text,
    wordCount: words(text, lang?.split('-')[0]?.toLowerCase() ?? 'en').length,
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
