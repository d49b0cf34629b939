import { UpstreamError } from '../errors.js';
import type { LatLon } from '../geo/types.js';
import { isObj, type Json } from '../util/json.js';
import type { WikiPage } from './types.js';

/**
 * Reading Action API answers in either formatversion. formatversion=2 gives
 * `pages` as an array and booleans as true; formatversion=1 gives `pages` keyed
 * by id, booleans as "" and content under "*".
 */

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** fv2 true, fv1 "" (present means true). */
const flag = (o: Json, key: string): boolean => key in o && o[key] !== false;

export interface RawPage {
  title: string;
  ns: number;
  missing: boolean;
  invalid: boolean;
  raw: Json;
}

export interface QueryBatch {
  pages: RawPage[];
  /** from → to, in order: normalized, converted, redirects. */
  normalized: Map<string, string>;
  converted: Map<string, string>;
  redirects: Map<string, string>;
  interwiki: Set<string>;
  continueParams: Record<string, string> | null;
}

function pairs(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    if (!isObj(item)) continue;
    const from = str(item.from);
    const to = str(item.to);
    if (from !== null && to !== null) out.set(from, to);
  }
  return out;
}

export function readQuery(body: unknown, label: string): QueryBatch {
  if (!isObj(body)) throw new UpstreamError(`${label} answered with something that is not an API result`);
  if (isObj(body.error)) {
    const code = str(body.error.code) ?? 'unknown';
    throw new UpstreamError(`${label} refused the query (${code})`);
  }
  // An answer of the wrong shape (`{}`, warnings only, no pages) is a fault upstream, never "missing".
  const query = body.query;
  if (!isObj(query)) throw new UpstreamError(`${label} answered without a query result`);
  const rawPages = Array.isArray(query.pages) ? query.pages : isObj(query.pages) ? Object.values(query.pages) : null;
  if (rawPages === null) throw new UpstreamError(`${label} answered without pages`);
  const pages: RawPage[] = [];
  for (const p of rawPages) {
    if (!isObj(p)) throw new UpstreamError(`${label} answered with a page that is not an object`);
    const title = str(p.title);
    if (title === null) throw new UpstreamError(`${label} answered with a page without a title`);
    pages.push({ title, ns: num(p.ns) ?? 0, missing: flag(p, 'missing'), invalid: flag(p, 'invalid'), raw: p });
  }
  const interwiki = new Set<string>();
  if (Array.isArray(query.interwiki)) {
    for (const i of query.interwiki) if (isObj(i) && typeof i.title === 'string') interwiki.add(i.title);
  }
  let continueParams: Record<string, string> | null = null;
  if (isObj(body.continue)) {
    continueParams = {};
    for (const [k, v] of Object.entries(body.continue)) {
      if (typeof v === 'string' || typeof v === 'number') continueParams[k] = String(v);
    }
  }
  return {
    pages,
    normalized: pairs(query.normalized),
    converted: pairs(query.converted),
    redirects: pairs(query.redirects),
    interwiki,
    continueParams,
  };
}

/** Continuation answers repeat a page with the parts not sent before; fold them together. */
export function mergeRaw(into: Json, more: Json): void {
  for (const [k, v] of Object.entries(more)) {
    const have = into[k];
    if (have === undefined || (have === '' && typeof v === 'string')) into[k] = v;
    else if (Array.isArray(have) && Array.isArray(v) && have.length === 0) into[k] = v;
    else if (isObj(have) && isObj(v)) mergeRaw(have, v);
  }
}

/**
 * What one page may bring in (docs/api.md, "Limits"): real city leads are 4–13 KB, but
 * any caller can name a list or a page without headings, up to Wikipedia's 2 MB. Past
 * these sizes the lead's wikitext and the extract are read up to the cap, never refused:
 * the infobox and the first sentences are at their start.
 */
export const LEAD_LIMITS = { wikitextChars: 128 * 1024, extractChars: 32 * 1024 } as const;

/**
 * The first `max` characters of a text, ended at a line break or a space in the last
 * KB before the cap when there is one, never inside a surrogate pair. A copy: a slice
 * of a large string would keep the whole string alive in V8.
 */
export function headOf(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const space = Math.max(text.lastIndexOf('\n', end), text.lastIndexOf(' ', end));
  if (space > 0 && space > max - 1024) end = space;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le');
}

function wikitextOf(p: Json): string {
  const revs = Array.isArray(p.revisions) ? p.revisions : [];
  const rev = revs[0];
  if (!isObj(rev)) return '';
  const main = isObj(rev.slots) && isObj(rev.slots.main) ? rev.slots.main : rev;
  return headOf(str(main.content) ?? str(main['*']) ?? '', LEAD_LIMITS.wikitextChars);
}

function coordinatesOf(p: Json): LatLon | null {
  const list = Array.isArray(p.coordinates) ? p.coordinates.filter(isObj) : [];
  const earthly = list.filter((c) => (str(c.globe) ?? 'earth').toLowerCase() === 'earth');
  const best = earthly.find((c) => flag(c, 'primary')) ?? earthly[0];
  if (!best) return null;
  const lat = num(best.lat);
  const lon = num(best.lon);
  if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

export function toWikiPage(p: RawPage, fallbackUrl: string): WikiPage {
  const r = p.raw;
  const props = isObj(r.pageprops) ? r.pageprops : {};
  const revs = Array.isArray(r.revisions) ? r.revisions : [];
  const rev = isObj(revs[0]) ? revs[0] : {};
  const thumb = isObj(r.thumbnail) ? r.thumbnail : null;
  const thumbUrl = thumb ? str(thumb.source) : null;
  const description = (str(r.description) ?? str(props['wikibase-shortdesc']) ?? '').trim();
  return {
    title: p.title,
    pageId: num(r.pageid) ?? 0,
    revisionId: num(rev.revid) ?? num(r.lastrevid),
    url: str(r.fullurl) ?? fallbackUrl,
    description: description || null,
    extract: headOf(cleanExtract(headOf(str(r.extract) ?? '', 2 * LEAD_LIMITS.extractChars)), LEAD_LIMITS.extractChars),
    wikitext: wikitextOf(r),
    coordinates: coordinatesOf(r),
    thumbnail:
      thumb && thumbUrl ? { url: thumbUrl, width: num(thumb.width) ?? 0, height: num(thumb.height) ?? 0 } : null,
    disambiguation: 'disambiguation' in props,
    wikibaseItem: str(props.wikibase_item),
  };
}

/** Spaces (\\s and the Unicode space separators), by UTF-16 code unit. */
const isSpace = (c: number) =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
/** Separators that may be left at a bracket's inner edge. */
const EDGE = new Set([...',;:、，；：・/|'].map((c) => c.charCodeAt(0)));
/** What else a bracket may hold when everything in it was removed; a dash or a point at an edge may belong to the text ("(-5 °C)", "(etc.)"). */
const ONLY_LEFTOVER = new Set([...'.–—-'].map((c) => c.charCodeAt(0)));
const isEdge = (c: number) => isSpace(c) || EDGE.has(c);
const isLeftover = (c: number) => isEdge(c) || ONLY_LEFTOVER.has(c);
const isOpen = (c: number) => c === 0x28 || c === 0xff08;
const isClose = (c: number) => c === 0x29 || c === 0xff09;

/**
 * An extract without the traces of what TextExtracts removed: empty or
 * punctuation-only brackets ("Dublin (, ) is", "東京（、）"), separators left at a
 * bracket's edge ("(; Irish: …)", "（とうきょう、）"), doubled spaces and spaces
 * before "," and ".". Paragraph breaks stay. One pass over the text (linear time).
 */
export function cleanExtract(text: string): string {
  const out = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isOpen(c)) {
      let j = i + 1;
      while (j < text.length && isLeftover(text.charCodeAt(j))) j++;
      if (j < text.length && isClose(text.charCodeAt(j))) {
        // a bracket holding nothing else goes whole, with the space before it
        while (n > 0 && isSpace(out[n - 1] as number) && out[n - 1] !== 0x0a) n--;
        i = j;
        continue;
      }
      let k = i + 1;
      while (k < j && isEdge(text.charCodeAt(k))) k++;
      out[n++] = c;
      i = k - 1;
      continue;
    }
    if (isClose(c)) while (n > 0 && isEdge(out[n - 1] as number)) n--;
    out[n++] = c;
  }
  let joined = '';
  for (let at = 0; at < n; at += 8192) joined += String.fromCharCode(...out.subarray(at, Math.min(n, at + 8192)));
  return joined
    .replace(/[ \t\u00a0]{2,}/g, ' ')
    .replace(/ ([,.])(?!\d)/g, '$1')
    .replace(/ \n/g, '\n')
    .trim();
}

/** Titles linked from pages in a prop=links answer, keyed by the linking page's title. */
export function readLinks(body: unknown, label: string): Map<string, string[]> {
  const batch = readQuery(body, label);
  const out = new Map<string, string[]>();
  for (const p of batch.pages) {
    const links = Array.isArray(p.raw.links) ? p.raw.links : [];
    out.set(
      p.title,
      links
        .filter(isObj)
        .flatMap((l) => ((l.ns === undefined || num(l.ns) === 0) && typeof l.title === 'string' ? [l.title] : [])),
    );
  }
  return out;
}

/** Article links in wikitext, in page order: [[Target]] and [[Target|label]], no other namespaces. */
export function wikitextLinks(wikitext: string): string[] {
  const out: string[] = [];
  for (const m of wikitext.matchAll(/\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|[^\]]*)?\]\]/g)) {
    const target = (m[1] as string).replace(/_/g, ' ').trim();
    if (!target || /^[^:]+:/.test(target)) continue;
    out.push(target.charAt(0).toUpperCase() + target.slice(1));
  }
  return out;
}

/** MediaWiki's multi-value separator; U+001F replaces "|" when a value itself holds "|". */
export function joinMulti(values: readonly string[]): string {
  return values.some((v) => v.includes('|')) ? `\u001f${values.join('\u001f')}` : values.join('|');
}
