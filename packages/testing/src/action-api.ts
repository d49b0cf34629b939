import type { SamplePage, SampleWiki } from './sample-pages.js';

/**
 * The stand-in's answers in the Action API's shapes (action=query, formatversion 1 and 2,
 * normalized titles, redirects, missing and invalid titles, exlimit and continue) and the
 * REST summary's, computed from the sample wikis.
 */

const ILLEGAL = /[<>[\]{}|\u0000-\u001f\u007f]/;

/** MediaWiki's title normalization, enough for tests: underscores, spaces, first letter. */
export function normalizeTitle(raw: string): string | null {
  let t = raw.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
  const hash = t.indexOf('#');
  if (hash !== -1) t = t.slice(0, hash).trim();
  if (t === '' || ILLEGAL.test(t) || t.length > 255) return null;
  return t.charAt(0).toLocaleUpperCase('en') + t.slice(1);
}

function splitMulti(value: string): string[] {
  return value.startsWith('\u001f') ? value.slice(1).split('\u001f') : value.split('|');
}

type Json = Record<string, unknown>;

function pageJson(
  page: SamplePage,
  props: Set<string>,
  fv2: boolean,
  params: URLSearchParams,
  withExtract: boolean,
  wiki: string,
): Json {
  const out: Json = { pageid: page.pageid, ns: 0, title: page.title };
  if (props.has('info')) {
    out.lastrevid = page.revid;
    out.contentmodel = 'wikitext';
    if ((params.get('inprop') ?? '').split('|').includes('url')) {
      const slug = encodeURIComponent(page.title.replace(/ /g, '_'));
      out.fullurl = `${wiki}/wiki/${slug}`;
      out.canonicalurl = out.fullurl;
    }
  }
  if (props.has('pageprops')) {
    const pp: Json = {};
    if (page.disambiguation) pp.disambiguation = '';
    if (page.description) pp['wikibase-shortdesc'] = page.description;
    if (page.wikibaseItem) pp.wikibase_item = page.wikibaseItem;
    // ppprop: only the properties asked for (all of them without it)
    const only = params.get('ppprop')?.split('|');
    for (const k of Object.keys(pp)) if (only && !only.includes(k)) delete pp[k];
    if (Object.keys(pp).length) out.pageprops = pp;
  }
  if (props.has('description') && page.description) {
    out.description = page.description;
    out.descriptionsource = 'local';
  }
  if (props.has('coordinates') && page.coordinates) {
    out.coordinates = [{ ...page.coordinates, primary: fv2 ? true : '', globe: 'earth' }];
  }
  if (props.has('extracts') && withExtract) out.extract = page.extract;
  if (props.has('pageimages') && page.thumbnail) out.thumbnail = page.thumbnail;
  if (props.has('revisions')) {
    const content = page.wikitext;
    const slot = fv2
      ? { contentmodel: 'wikitext', contentformat: 'text/x-wiki', content }
      : { contentmodel: 'wikitext', contentformat: 'text/x-wiki', '*': content };
    out.revisions = [
      params.has('rvslots')
        ? { revid: page.revid, parentid: page.revid - 1, slots: { main: slot } }
        : { revid: page.revid, parentid: page.revid - 1, ...(fv2 ? { content } : { '*': content }) },
    ];
  }
  if (props.has('links') && page.links) out.links = page.links.map((title) => ({ ns: 0, title }));
  return out;
}

export function query(wiki: SampleWiki, params: URLSearchParams, exlimit: number, base: string): Json {
  const fv2 = params.get('formatversion') === '2';
  const props = new Set((params.get('prop') ?? '').split('|').filter(Boolean));
  const titles = splitMulti(params.get('titles') ?? '');
  const normalized: Json[] = [];
  const redirects: Json[] = [];
  const found: Array<{ kind: 'page'; page: SamplePage } | { kind: 'missing' | 'invalid'; title: string }> = [];
  for (const raw of titles) {
    const norm = normalizeTitle(raw);
    if (norm === null) {
      found.push({ kind: 'invalid', title: raw });
      continue;
    }
    if (norm !== raw) normalized.push({ fromencoded: false, from: raw, to: norm });
    let title = norm;
    const target = params.has('redirects') ? wiki.redirects[title] : undefined;
    if (target) {
      redirects.push({ from: title, to: target });
      title = target;
    }
    const page = wiki.pages.find((p) => p.title === title);
    found.push(page ? { kind: 'page', page } : { kind: 'missing', title });
  }
  const start = Number(params.get('excontinue') ?? 0);
  let withExtracts = 0;
  const pages: Json[] = [];
  const seen = new Set<string>();
  for (const f of found) {
    if (f.kind === 'page') {
      if (seen.has(f.page.title)) continue;
      seen.add(f.page.title);
      const index = pages.filter((p) => typeof p.pageid === 'number' && (p.pageid as number) > 0).length;
      const give = index >= start && withExtracts < exlimit;
      if (give && props.has('extracts')) withExtracts++;
      pages.push(pageJson(f.page, props, fv2, params, give, base));
    } else if (f.kind === 'missing') {
      pages.push({ ns: 0, title: f.title, missing: fv2 ? true : '' });
    } else {
      pages.push({
        title: f.title,
        invalidreason: 'The requested page title contains invalid characters.',
        invalid: fv2 ? true : '',
      });
    }
  }
  const realCount = pages.filter((p) => typeof p.pageid === 'number').length;
  const result: Json = { batchcomplete: fv2 ? true : '' };
  if (props.has('extracts') && start + withExtracts < realCount) {
    result.continue = { excontinue: start + withExtracts, continue: '||' };
    delete result.batchcomplete;
  }
  const q: Json = {};
  if (normalized.length) q.normalized = normalized;
  if (redirects.length) q.redirects = redirects;
  if (fv2) q.pages = pages;
  else {
    let neg = -1;
    q.pages = Object.fromEntries(pages.map((p) => [String(typeof p.pageid === 'number' ? p.pageid : neg--), p]));
  }
  result.query = q;
  return result;
}

export function summary(wiki: SampleWiki, rawTitle: string, base: string, lang: string): Json | null {
  const norm = normalizeTitle(rawTitle);
  const title = norm && (wiki.redirects[norm] ?? norm);
  const page = wiki.pages.find((p) => p.title === title);
  if (!page) return null;
  return {
    type: page.disambiguation ? 'disambiguation' : 'standard',
    title: page.title,
    displaytitle: page.title,
    pageid: page.pageid,
    revision: String(page.revid),
    lang,
    description: page.description,
    extract: page.extract,
    ...(page.coordinates ? { coordinates: page.coordinates } : {}),
    ...(page.thumbnail ? { thumbnail: page.thumbnail } : {}),
    content_urls: { desktop: { page: `${base}/wiki/${encodeURIComponent(page.title.replace(/ /g, '_'))}` } },
  };
}
