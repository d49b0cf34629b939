import { CityscopeError, UpstreamError } from '../errors.js';
import { isObj, type Json } from '../util/json.js';
import { slicer } from '../util/slice.js';
import { getJson, type UpstreamClientOptions } from '../util/upstream.js';
import type { WikidataFacts, WikiPage } from '../wikipedia/types.js';
import { countryName } from './country-names.js';
import { pageInfobox } from './page-infobox.js';
import { missingFacts } from './sources.js';
import { type Claims, COUNTRY_ITEMS, label, readClaims } from './wikidata-claims.js';

export interface WikidataOptions extends UpstreamClientOptions {
  /** `https://www.wikidata.org` */
  baseUrl: string;
}

/** wbgetentities takes at most 50 ids per request (without apihighlimits). */
export const IDS_PER_REQUEST = 50;
/** City items carry every claim (hundreds for a capital): a batch of 50 can reach several MB. */
const MAX_BYTES = 24 * 1024 * 1024;
/** After Wikidata fails, it is not asked again for this long (the answer says so meanwhile). */
const REST_AFTER_FAILURE_MS = 60_000;

function entitiesOf(body: unknown, host: string): Json {
  if (!isObj(body)) throw new UpstreamError(`${host} answered with something that is not an API result`);
  if (isObj(body.error))
    throw new UpstreamError(`${host} refused the query (${String(body.error.code ?? 'unknown').slice(0, 60)})`);
  return isObj(body.entities) ? body.entities : {};
}

/** "UTC+01:00" → "+01:00". */
function offsetOf(text: string): string | null {
  const m = /^UTC\s*([+\-−±])\s*(\d{1,2})(?::(\d\d))?$/.exec(text.trim());
  if (!m) return /^UTC$/.test(text.trim()) ? '+00:00' : null;
  const sign = m[1] === '+' || m[1] === '±' ? '+' : '-';
  return `${sign}${(m[2] as string).padStart(2, '0')}:${m[3] ?? '00'}`;
}

/**
 * The Wikidata client: `wbgetentities` in batches of 50 ids through the same rules as
 * Wikipedia's (deadline, size cap, User-Agent, retries). A batch costs one request
 * for the items' claims, and at most one more for the labels of the countries and
 * time zones they point to that ICU cannot name (see COUNTRY_ITEMS).
 */
export class WikidataClient {
  readonly #opts: WikidataOptions;
  #restUntil = 0;

  constructor(opts: WikidataOptions) {
    this.#opts = opts;
  }

  get host(): string {
    return new URL(this.#opts.baseUrl).host;
  }

  /** Whether Wikidata failed lately (it is then not asked, and answers say so). */
  get resting(): boolean {
    return (this.#opts.now?.() ?? Date.now()) < this.#restUntil;
  }

  async #get(params: Record<string, string>, deadline: number): Promise<Json> {
    const url = new URL(`${this.#opts.baseUrl}/w/api.php`);
    for (const [k, v] of Object.entries({ action: 'wbgetentities', format: 'json', ...params })) {
      url.searchParams.set(k, v);
    }
    const o = this.#opts;
    const body = await getJson(url, {
      timeoutMs: o.timeoutMs,
      deadline,
      maxBytes: o.maxBytes ?? MAX_BYTES,
      userAgent: o.userAgent,
      label: this.host,
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.sleep ? { sleep: o.sleep } : {}),
    });
    return entitiesOf(body, this.host);
  }

  /**
   * Facts of up to 50 items; `need(item)` says which facts each item's page lacks, so
   * only the labels that are used are fetched. Throws when Wikidata fails.
   */
  async entities(
    ids: readonly string[],
    lang: string,
    deadline: number,
    need: (item: string) => { country: boolean; timezone: boolean },
  ): Promise<Map<string, WikidataFacts>> {
    const unique = [...new Set(ids)].filter((id) => /^Q\d+$/.test(id)).slice(0, IDS_PER_REQUEST);
    const out = new Map<string, WikidataFacts>();
    if (unique.length === 0) return out;
    if (this.resting) throw new UpstreamError(`${this.host} failed a moment ago`);
    try {
      const entities = await this.#get({ ids: unique.join('|'), props: 'claims' }, deadline);
      const read: Claims[] = [];
      for (const id of unique) {
        const e = entities[id];
        if (isObj(e) && !('missing' in e)) read.push(readClaims(id, e));
      }
      const wanted = new Set<string>();
      for (const c of read) {
        const n = need(c.item);
        const code = c.countryItem ? COUNTRY_ITEMS.get(c.countryItem) : undefined;
        if (n.country && c.countryItem) {
          const name = code ? countryName(code, lang) : null;
          if (name) c.facts.country = name;
          else wanted.add(c.countryItem);
        }
        if (n.timezone && c.timezoneItem) wanted.add(c.timezoneItem);
      }
      const labels = wanted.size
        ? await this.#get(
            { ids: [...wanted].slice(0, IDS_PER_REQUEST).join('|'), props: 'labels', languages: `${lang}|en` },
            deadline,
          )
        : {};
      for (const c of read) {
        if (c.facts.country === null && c.countryItem) c.facts.country = label(labels[c.countryItem], lang);
        const tz = c.timezoneItem ? label(labels[c.timezoneItem], lang) : null;
        const tzEnglish = c.timezoneItem ? label(labels[c.timezoneItem], 'en') : null;
        c.facts.timezone = tz;
        c.facts.utcOffset = tzEnglish ? offsetOf(tzEnglish) : null;
        out.set(c.item, c.facts);
      }
      return out;
    } catch (err) {
      this.#restUntil = (this.#opts.now?.() ?? Date.now()) + REST_AFTER_FAILURE_MS;
      throw err;
    }
  }
}

/**
 * Sets `wikidata` on the pages whose infobox (with GeoData) leaves a fact out: their
 * items' facts, or why Wikidata could not be asked. Never throws.
 */
export async function enrichFromWikidata(
  wikidata: WikidataClient,
  pages: WikiPage[],
  lang: string,
  deadline: number,
): Promise<void> {
  const needs = new Map<string, ReturnType<typeof missingFacts>>();
  const asking: WikiPage[] = [];
  // reading an infobox takes a few ms: other requests get their turn between pages
  const tick = slicer();
  for (const p of pages) {
    if (!p.wikibaseItem || p.disambiguation) continue;
    const due = tick();
    if (due) await due;
    const { facts, coordinates } = pageInfobox(p, lang);
    const missing = missingFacts(facts, p.coordinates ?? coordinates);
    if (!missing.any) continue;
    needs.set(p.wikibaseItem, missing);
    asking.push(p);
  }
  if (asking.length === 0) return;
  try {
    const found = await wikidata.entities([...needs.keys()], lang, deadline, (item) => {
      const n = needs.get(item);
      return { country: n?.country ?? false, timezone: n?.timezone ?? false };
    });
    for (const p of asking) p.wikidata = { facts: found.get(p.wikibaseItem as string) ?? null };
  } catch (err) {
    // only our own upstream errors' words reach the answer, never an internal message
    const why = err instanceof CityscopeError ? err.message : 'no usable answer';
    for (const p of asking) p.wikidata = { unavailable: why };
  }
}
