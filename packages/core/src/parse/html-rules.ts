/**
 * The HTML rules the tree builder (dom.ts) applies: void elements, implied end
 * tags, and what is never readable text ("furniture": scripts, navigation,
 * hidden elements, site chrome by class and id) or is, by Readability's rules,
 * an unlikely candidate for the article.
 */

export const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements whose contents are never readable text (MathML is: its numbers and symbols are the article's). */
export const FURNITURE_TAGS = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'button',
  'select',
  'textarea',
  'nav',
  'header',
  'footer',
  'aside',
  'title',
  'xmp',
]);
export const FURNITURE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'search',
  'complementary',
  'dialog',
  'menu',
]);
/** Site furniture by class: screen-reader text, edit links, tables of contents, navigation boxes, footnote markers. */
export const FURNITURE_CLASSES = new Set([
  'sr-only',
  'visually-hidden',
  'skip-link',
  'mw-editsection',
  'mw-jump-link',
  'mw-jump',
  'hatnote',
  'toc',
  'navbox',
  'noprint',
  'breadcrumb',
  'breadcrumbs',
  // Wikipedia: category links, print footer, maintenance boxes, authority control, sister-project boxes
  'catlinks',
  'printfooter',
  'navbox-styles',
  'vertical-navbox',
  'ambox',
  'sistersitebox',
  'authority-control',
  'mw-authority-control',
  'shortdescription',
]);
export const FURNITURE_IDS = new Set([
  'jump-to-nav',
  'siteSub',
  'contentSub',
  'toc',
  'catlinks',
  'mw-navigation',
  'footer',
]);
export const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Readability's REGEXPS.unlikelyCandidates and okMaybeItsACandidate. */
export const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
export const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow/i;
/** Children that make a `<div>` more than a paragraph (Readability's DIV_TO_P_ELEMS). */
export const BLOCK_CHILD = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);
export const SCORED = new Set(['p', 'pre', 'td', 'section', 'h2', 'h3', 'h4', 'h5', 'h6']);
export const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
export const P_ONLY = new Set(['p']);
export const A_ONLY = new Set(['a']);

/** Start tags that end an open element: which ones, and which elements stop the search. */
export const P_CLOSERS = new Set(
  (
    'address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 ' +
    'header hgroup hr main menu nav ol p pre section table ul li dd dt'
  ).split(' '),
);
export const P_SCOPE = new Set(['button', 'table', 'td', 'th', 'caption', 'html', 'marquee', 'object', 'template']);
export const IMPLIED: ReadonlyMap<string, { closes: ReadonlySet<string>; scope: ReadonlySet<string> }> = new Map([
  ['li', { closes: new Set(['li']), scope: new Set(['ul', 'ol', 'menu', 'table']) }],
  ['dd', { closes: new Set(['dd', 'dt']), scope: new Set(['dl', 'table']) }],
  ['dt', { closes: new Set(['dd', 'dt']), scope: new Set(['dl', 'table']) }],
  ['tr', { closes: new Set(['tr', 'td', 'th']), scope: new Set(['table', 'tbody', 'thead', 'tfoot']) }],
  ['td', { closes: new Set(['td', 'th']), scope: new Set(['tr', 'table']) }],
  ['th', { closes: new Set(['td', 'th']), scope: new Set(['tr', 'table']) }],
  ['tbody', { closes: new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']), scope: new Set(['table']) }],
  ['thead', { closes: new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']), scope: new Set(['table']) }],
  ['tfoot', { closes: new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']), scope: new Set(['table']) }],
  ['option', { closes: new Set(['option']), scope: new Set(['select', 'datalist']) }],
  ['optgroup', { closes: new Set(['option', 'optgroup']), scope: new Set(['select']) }],
]);

export function isFurniture(name: string, attrs: Map<string, string>): boolean {
  if (FURNITURE_TAGS.has(name)) return true;
  const role = attrs.get('role');
  if (role && FURNITURE_ROLES.has(role.trim().toLowerCase())) return true;
  if (attrs.has('hidden') || attrs.get('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const style = attrs.get('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  if (name === 'sup' && /\breference\b/.test(attrs.get('class') ?? '')) return true;
  const cls = attrs.get('class');
  if (cls) for (const c of cls.split(/\s+/)) if (FURNITURE_CLASSES.has(c)) return true;
  const id = attrs.get('id');
  return id !== undefined && FURNITURE_IDS.has(id);
}

/** Whether an element is a Readability "unlikely candidate" by its class and id. */
export function isUnlikely(name: string, attrs: Map<string, string>, inTableOrCode: boolean): boolean {
  if (name === 'body' || name === 'a' || inTableOrCode) return false;
  const matchString = `${attrs.get('class') ?? ''} ${attrs.get('id') ?? ''}`;
  return matchString.length > 1 && UNLIKELY.test(matchString) && !MAYBE_CANDIDATE.test(matchString);
}

/** Readability's REGEXPS.byline. */
const BYLINE = /byline|author|dateline|writtenby|p-author/i;
/** Whether an element may be the byline Readability leaves out: rel="author", an itemprop or a class or id like one. */
export function mayBeByline(attrs: Map<string, string>): boolean {
  if (attrs.get('rel') === 'author' || attrs.get('itemprop')?.includes('author')) return true;
  return BYLINE.test(`${attrs.get('class') ?? ''} ${attrs.get('id') ?? ''}`);
}
