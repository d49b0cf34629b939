import { Cache, type Loaded, MAX_IN_FLIGHT } from '../cache/cache.js';
import { UpstreamError } from '../errors.js';
import { getJson, type UpstreamClientOptions } from '../util/upstream.js';
import { isLookup } from './cache-check.js';
import { joinMulti, mergeRaw, type RawPage, readLinks, readQuery, toWikiPage, wikitextLinks } from './parse.js';
import type { Lookup, WikiPage } from './types.js';

/**
 * What a route uses of a page, so each asks Wikipedia for no more: `place` is the
 * title and coordinates (/route, /hubs; section-0 wikitext only for pages GeoData
 * does not place), `facts` adds the section-0 wikitext (/distance), `full` adds the
 * introduction, the thumbnail and what the step after a lookup adds (/cities, /compare).
 */
export type LookupNeed = 'place' | 'facts' | 'full';

/**
 * Work on a `full` lookup's pages after they are read and before they are cached, so
 * the cache keeps its result (facts/wikidata-step.ts fills Wikidata's facts there).
 * `deadline` is the lookup's own; what the step throws fails the lookup.
 */
export type LookupStep = (pages: WikiPage[], lang: string, deadline: number) => Promise<void>;

export interface WikipediaClientOptions extends UpstreamClientOptions {
  /** `https://{lang}.wikipedia.org`; `{lang}` is replaced per call. */
  baseUrl: string;
  /** The instance's cache (memory, or memory in front of a shared store); a memory one by default. */
  cache?: Cache;
  /** Lifetime of a found page, and of a miss (no page, or a disambiguation page). */
  pageTtlMs?: number;
  missTtlMs?: number;
  /** Runs after each `full` lookup (see LookupStep). Unset: none. */
  afterLookup?: LookupStep;
}

/** At most this many titles go in one request (the Action API's own limit for clients without apihighlimits). */
const TITLES_PER_REQUEST = 50;
const MAX_CONTINUATIONS = 10;
export const PAGE_TTL_MS = 60 * 60 * 1000;
export const MISS_TTL_MS = 5 * 60 * 1000;
const MAX_CANDIDATES = 50;
/** A whole lookup may take this many times WIKIPEDIA_TIMEOUT_MS (12.5 s by default: under Lambda's 15 s). */
export const LOOKUP_BUDGET_FACTOR = 2.5;

const NEEDS: readonly LookupNeed[] = ['place', 'facts', 'full'];
const PROPS: Record<LookupNeed, string> = {
  place: 'info|pageprops|coordinates',
  facts: 'info|pageprops|coordinates|revisions',
  full: 'info|pageprops|coordinates|extracts|pageimages|revisions',
};
const EXTRACT_PARAMS = {
  exintro: '1',
  explaintext: '1',
  exsectionformat: 'plain',
  exlimit: 'max',
  piprop: 'thumbnail',
  pithumbsize: '320',
  pilimit: 'max',
};
const REVISION_PARAMS = { rvprop: 'ids|content', rvslots: 'main', rvsection: '0' };

/**
 * The Wikipedia Action API client. The language is an argument of every call and
 * never held in state; every parameter is set through URLSearchParams, never concatenated.
 */
export class WikipediaClient {
  readonly #opts: WikipediaClientOptions;
  /** Lookups, and the answers computed from them (cities/*), share this cache. */
  readonly cache: Cache;
  readonly #inflight = new Map<string, Promise<Lookup>>();

  constructor(opts: WikipediaClientOptions) {
    this.#opts = opts;
    this.cache = opts.cache ?? new Cache(opts.now ? { now: opts.now } : {});
  }

  /** How long a computed answer (from a found page) may be kept. */
  get answerTtlMs(): number {
    return this.#opts.pageTtlMs ?? PAGE_TTL_MS;
  }

  /** The wiki's base URL for one language. */
  base(lang: string): string {
    return this.#opts.baseUrl.replaceAll('{lang}', lang);
  }

  /** A name for messages: "en.wikipedia.org". */
  label(lang: string): string {
    return new URL(this.base(lang)).host;
  }

  /** Looks up one title. */
  async lookup(title: string, lang: string, need: LookupNeed = 'full'): Promise<Lookup> {
    const [one] = await this.lookupMany([title], lang, need);
    return one as Lookup;
  }

  /** Looks up titles in as few requests as the API allows; the answer is in input order. */
  async lookupMany(titles: readonly string[], lang: string, need: LookupNeed = 'full'): Promise<Lookup[]> {
    const kind = (n: LookupNeed) => (n === 'full' ? 'page' : `page-${n}`);
    const key = (t: string) => this.cache.key(kind(need), lang, t);
    // a lookup that carries more serves one that needs less
    const richer = NEEDS.slice(NEEDS.indexOf(need) + 1).map((n) => (t: string) => this.cache.key(kind(n), lang, t));
    // each title once: from the memory cache, from a request already in flight, or in a new group
    const answers = new Map<string, Lookup | Promise<Lookup>>();
    const todo: string[] = [];
    for (const t of new Set(titles)) {
      let known: Lookup | Promise<Lookup> | undefined = this.cache.peek<Lookup>(key(t)) ?? this.#inflight.get(key(t));
      for (const k of richer) known ??= this.cache.peek<Lookup>(k(t)) ?? this.#inflight.get(k(t));
      if (known) answers.set(t, known);
      else todo.push(t);
    }
    if (todo.length) {
      // the shared store (if any) first; what no other instance is fetching is fetched here
      const byKey = new Map(todo.map((t) => [key(t), t]));
      const group = this.cache.loadMany([...byKey.keys()], isLookup, (keys) =>
        this.#fetchTitles(
          keys.map((k) => byKey.get(k) as string),
          lang,
          key,
          need,
        ),
      );
      for (const t of todo) {
        const p = group.then((m) => m.get(key(t)) as Lookup);
        answers.set(t, p);
        if (this.#inflight.size >= MAX_IN_FLIGHT) continue; // bounded: past the cap, not shared
        this.#inflight.set(key(t), p);
        p.catch(() => {}).finally(() => this.#inflight.delete(key(t)));
      }
    }
    return Promise.all(titles.map((t) => answers.get(t) as Lookup | Promise<Lookup>));
  }

  /** Fetches titles in batches of the API's limit, keyed for the cache with their lifetimes. */
  async #fetchTitles(
    titles: string[],
    lang: string,
    key: (t: string) => string,
    need: LookupNeed,
  ): Promise<Map<string, Loaded<Lookup>>> {
    const out = new Map<string, Loaded<Lookup>>();
    const batches: Promise<Map<string, Lookup>>[] = [];
    for (let i = 0; i < titles.length; i += TITLES_PER_REQUEST) {
      batches.push(this.#fetchBatch(titles.slice(i, i + TITLES_PER_REQUEST), lang, need));
    }
    for (const batch of await Promise.all(batches)) {
      for (const [t, v] of batch) {
        // a page whose Wikidata could not be asked is kept only as long as a miss, to ask again soon
        const page = v.kind === 'page' && !(v.page.wikidata && 'unavailable' in v.page.wikidata);
        const ttlMs = page ? (this.#opts.pageTtlMs ?? PAGE_TTL_MS) : (this.#opts.missTtlMs ?? MISS_TTL_MS);
        out.set(key(t), { value: v, ttlMs });
      }
    }
    return out;
  }

  #url(lang: string, params: Record<string, string>): URL {
    const url = new URL(`${this.base(lang)}/w/api.php`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url;
  }

  #get(url: URL, lang: string, deadline: number): Promise<unknown> {
    const o = this.#opts;
    return getJson(url, {
      timeoutMs: o.timeoutMs,
      deadline,
      maxBytes: o.maxBytes ?? 8 * 1024 * 1024,
      userAgent: o.userAgent,
      label: this.label(lang),
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.sleep ? { sleep: o.sleep } : {}),
    });
  }

  async #fetchBatch(titles: string[], lang: string, need: LookupNeed): Promise<Map<string, Lookup>> {
    const params: Record<string, string> = {
      action: 'query',
      format: 'json',
      formatversion: '2',
      redirects: '1',
      titles: joinMulti(titles),
      prop: PROPS[need],
      inprop: 'url',
      ppprop: 'disambiguation|wikibase-shortdesc|wikibase_item',
      coprimary: 'primary',
      colimit: 'max',
      ...(need === 'full' ? EXTRACT_PARAMS : {}),
      ...(need !== 'place' ? REVISION_PARAMS : {}),
    };
    // to the minute: every runtime asked within the same minute gives the same answer
    const retrievedAt = new Date(this.#opts.now?.() ?? Date.now()).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00Z');
    // one lookup (continuations and candidates included) gets at most this long, so a
    // function answers before its platform's own timeout
    const deadline = Date.now() + LOOKUP_BUDGET_FACTOR * this.#opts.timeoutMs;
    let batch = readQuery(await this.#get(this.#url(lang, params), lang, deadline), this.label(lang));
    const pages = new Map<string, RawPage>(batch.pages.map((p) => [p.title, p]));
    const { normalized, converted, redirects, interwiki } = batch;
    const seen = new Set<string>();
    for (let n = 0; batch.continueParams && n < MAX_CONTINUATIONS; n++) {
      // a continuation that does not advance would repeat the same request: an upstream fault
      const mark = JSON.stringify(Object.entries(batch.continueParams).sort());
      if (seen.has(mark)) throw new UpstreamError(`${this.label(lang)} repeated a continuation that does not advance`);
      seen.add(mark);
      batch = readQuery(
        await this.#get(this.#url(lang, { ...params, ...batch.continueParams }), lang, deadline),
        this.label(lang),
      );
      for (const p of batch.pages) {
        const have = pages.get(p.title);
        if (have) mergeRaw(have.raw, p.raw);
        else pages.set(p.title, p);
      }
      for (const [a, b] of batch.normalized) normalized.set(a, b);
      for (const [a, b] of batch.redirects) redirects.set(a, b);
    }

    const out = new Map<string, Lookup>();
    const ambiguous: string[] = [];
    for (const requested of titles) {
      let name = normalized.get(requested) ?? requested;
      name = converted.get(name) ?? name;
      let redirectedFrom: string | null = null;
      for (let hop = 0; hop < 5 && redirects.has(name); hop++) {
        redirectedFrom ??= name;
        name = redirects.get(name) as string;
      }
      const raw = pages.get(name);
      // "missing" only when Wikipedia says so; an answer that leaves a title out is a fault
      if (!raw && !interwiki.has(name)) throw new UpstreamError(`${this.label(lang)} answered without "${name}"`);
      if (!raw || raw.missing || raw.invalid || raw.ns !== 0 || interwiki.has(name)) {
        out.set(requested, { kind: 'missing', title: requested });
        continue;
      }
      const page = toWikiPage(raw, `${this.base(lang)}/wiki/${encodeURIComponent(name.replaceAll(' ', '_'))}`);
      if (page.disambiguation) ambiguous.push(page.title);
      out.set(requested, { kind: 'page', page, redirectedFrom, retrievedAt });
    }
    if (ambiguous.length) await this.#resolveAmbiguous(out, [...new Set(ambiguous)], lang, deadline);
    const found = [...out.values()].flatMap((l) => (l.kind === 'page' ? [l.page] : []));
    if (need === 'place') await this.#wikitextWhereUnplaced(found, lang, deadline);
    if (need === 'full') await this.#opts.afterLookup?.(found, lang, deadline);
    return out;
  }

  /** For /route and /hubs: section-0 wikitext (its infobox's coordinates) only for pages GeoData does not place. */
  async #wikitextWhereUnplaced(pages: WikiPage[], lang: string, deadline: number): Promise<void> {
    const unplaced = [...new Set(pages.filter((p) => !p.coordinates && !p.disambiguation).map((p) => p.title))];
    if (unplaced.length === 0) return;
    const body = await this.#get(
      this.#url(lang, {
        action: 'query',
        format: 'json',
        formatversion: '2',
        titles: joinMulti(unplaced),
        prop: 'revisions',
        ...REVISION_PARAMS,
      }),
      lang,
      deadline,
    );
    const texts = new Map(readQuery(body, this.label(lang)).pages.map((p) => [p.title, toWikiPage(p, '').wikitext]));
    for (const p of pages) if (!p.coordinates) p.wikitext = texts.get(p.title) ?? p.wikitext;
  }

  /** The second (and last) request: candidates for disambiguation pages, from their links. */
  async #resolveAmbiguous(
    out: Map<string, Lookup>,
    pageTitles: string[],
    lang: string,
    deadline: number,
  ): Promise<void> {
    const url = this.#url(lang, {
      action: 'query',
      format: 'json',
      formatversion: '2',
      titles: joinMulti(pageTitles),
      prop: 'links',
      plnamespace: '0',
      pllimit: 'max',
    });
    let links = new Map<string, string[]>();
    try {
      links = readLinks(await this.#get(url, lang, deadline), this.label(lang));
    } catch {
      // the page's own wikitext still names its candidates
    }
    for (const [requested, found] of out) {
      if (found.kind !== 'page' || !found.page.disambiguation) continue;
      const title = found.page.title;
      const fromApi = links.get(title) ?? [];
      const candidates = [...new Set(fromApi.length ? fromApi : wikitextLinks(found.page.wikitext))]
        .filter((t) => t !== title && !/\(disambiguation\)$/i.test(t))
        .slice(0, MAX_CANDIDATES);
      out.set(requested, { kind: 'ambiguous', title, candidates });
    }
  }
}
