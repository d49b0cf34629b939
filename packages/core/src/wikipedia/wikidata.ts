import { countryName } from '../facts/country-names.js';
import { type FetchLike, getJson } from '../util/upstream.js';
import type { LatLon } from './types.js';

/**
 * Wikidata's answer for the facts a settlement's infobox may leave out, read from
 * `wbgetentities` (the Wikibase JSON format): P17 country, P1082 population with
 * its P585 point in time, P2046 area, P2044 elevation, P625 coordinates, P421 time zone.
 */
export interface WikidataFacts {
  item: string;
  country: string | null;
  population: number | null;
  populationAsOf: string | null;
  areaKm2: number | null;
  elevationM: number | null;
  coordinates: LatLon | null;
  timezone: string | null;
  utcOffset: string | null;
}

export interface WikidataOptions {
  /** `https://www.wikidata.org` */
  baseUrl: string;
  timeoutMs: number;
  userAgent: string;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  maxBytes?: number;
  now?: () => number;
}

/** wbgetentities takes at most 50 ids per request (without apihighlimits). */
export const IDS_PER_REQUEST = 50;
/** City items carry every claim (hundreds for a capital): a batch of 50 can reach several MB. */
const MAX_BYTES = 24 * 1024 * 1024;
/** After Wikidata fails, it is not asked again for this long (the answer says so meanwhile). */
const REST_AFTER_FAILURE_MS = 60_000;

const ENTITY = 'http://www.wikidata.org/entity/';
/** Units by their Wikidata items, as factors to km² and metres. */
const AREA_UNITS: Record<string, number> = {
  Q712226: 1, // square kilometre
  Q25343: 1e-6, // square metre
  Q35852: 0.01, // hectare
  Q232291: 2.589988110336, // square mile
  Q81292: 0.0040468564224, // acre
};
const LENGTH_UNITS: Record<string, number> = {
  Q11573: 1, // metre
  Q3710: 0.3048, // foot
  Q828224: 1000, // kilometre
};

/**
 * Country items by ISO 3166-1 alpha-2, so their names come from ICU in any language
 * without a second request; other countries' labels are fetched (see entities()).
 */
const COUNTRY_ITEMS: Record<string, string> = {
  Q30: 'US',
  Q16: 'CA',
  Q145: 'GB',
  Q183: 'DE',
  Q142: 'FR',
  Q38: 'IT',
  Q29: 'ES',
  Q45: 'PT',
  Q55: 'NL',
  Q31: 'BE',
  Q39: 'CH',
  Q40: 'AT',
  Q36: 'PL',
  Q159: 'RU',
  Q17: 'JP',
  Q148: 'CN',
  Q155: 'BR',
  Q96: 'MX',
  Q408: 'AU',
  Q664: 'NZ',
  Q668: 'IN',
  Q27: 'IE',
  Q35: 'DK',
  Q20: 'NO',
  Q34: 'SE',
  Q33: 'FI',
  Q189: 'IS',
  Q213: 'CZ',
  Q214: 'SK',
  Q28: 'HU',
  Q218: 'RO',
  Q219: 'BG',
  Q41: 'GR',
  Q43: 'TR',
  Q212: 'UA',
  Q184: 'BY',
  Q37: 'LT',
  Q211: 'LV',
  Q191: 'EE',
  Q224: 'HR',
  Q215: 'SI',
  Q403: 'RS',
  Q32: 'LU',
  Q414: 'AR',
  Q298: 'CL',
  Q739: 'CO',
  Q419: 'PE',
  Q884: 'KR',
  Q252: 'ID',
  Q334: 'SG',
  Q869: 'TH',
  Q881: 'VN',
  Q928: 'PH',
  Q79: 'EG',
  Q258: 'ZA',
  Q1033: 'NG',
  Q114: 'KE',
  Q801: 'IL',
  Q794: 'IR',
  Q851: 'SA',
  Q878: 'AE',
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Statement {
  rank: string;
  value: Json | string | null;
  qualifiers: Json;
}

function statements(claims: Json, property: string): Statement[] {
  const list = Array.isArray(claims[property]) ? (claims[property] as unknown[]) : [];
  const out: Statement[] = [];
  for (const s of list) {
    if (!isObj(s) || !isObj(s.mainsnak) || s.mainsnak.snaktype !== 'value') continue;
    const dv = s.mainsnak.datavalue;
    if (!isObj(dv)) continue;
    const rank = typeof s.rank === 'string' ? s.rank : 'normal';
    if (rank === 'deprecated') continue;
    const v = dv.value;
    out.push({
      rank,
      value: isObj(v) || typeof v === 'string' ? v : null,
      qualifiers: isObj(s.qualifiers) ? s.qualifiers : {},
    });
  }
  return out;
}

/** A qualifier's time value ("+2023-12-31T00:00:00Z", precision 9 year, 10 month, 11 day) as an ISO date prefix. */
function qualifierTime(q: Json, property: string): string | null {
  const list = Array.isArray(q[property]) ? (q[property] as unknown[]) : [];
  for (const snak of list) {
    if (!isObj(snak) || !isObj(snak.datavalue) || !isObj(snak.datavalue.value)) continue;
    const { time, precision } = snak.datavalue.value;
    const m = typeof time === 'string' ? /^[+]?(\d{4,})-(\d\d)-(\d\d)/.exec(time) : null;
    if (!m) continue;
    const p = typeof precision === 'number' ? precision : 11;
    return p <= 9 ? (m[1] as string) : p === 10 ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`;
  }
  return null;
}

/** The statement to use: preferred rank, else the latest point in time (P585), else the first. */
function best(list: Statement[]): Statement | null {
  const preferred = list.filter((s) => s.rank === 'preferred');
  const pool = preferred.length ? preferred : list;
  let chosen: Statement | null = null;
  let chosenAt = '';
  for (const s of pool) {
    const at = qualifierTime(s.qualifiers, 'P585') ?? '';
    if (!chosen || at > chosenAt) {
      chosen = s;
      chosenAt = at;
    }
  }
  return chosen;
}

function amount(s: Statement | null, units: Record<string, number>): number | null {
  if (!s || !isObj(s.value)) return null;
  const value = Number(s.value.amount);
  const unit = typeof s.value.unit === 'string' ? s.value.unit.replace(ENTITY, '') : '1';
  const factor = units[unit];
  return Number.isFinite(value) && factor !== undefined ? value * factor : null;
}

function itemId(s: Statement | null): string | null {
  if (!s || !isObj(s.value)) return null;
  return typeof s.value.id === 'string' ? s.value.id : null;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Claims {
  item: string;
  facts: WikidataFacts;
  countryItem: string | null;
  timezoneItem: string | null;
}

function readClaims(id: string, entity: Json): Claims {
  const claims = isObj(entity.claims) ? entity.claims : {};
  const pop = best(statements(claims, 'P1082'));
  const population = amount(pop, { '1': 1 });
  const coord = best(statements(claims, 'P625'));
  let coordinates: LatLon | null = null;
  if (coord && isObj(coord.value)) {
    const { latitude, longitude, globe } = coord.value;
    const earth = globe === undefined || globe === `${ENTITY}Q2`;
    if (earth && typeof latitude === 'number' && typeof longitude === 'number' && Math.abs(latitude) <= 90) {
      coordinates = { lat: round(latitude, 6), lon: round(longitude, 6) };
    }
  }
  // a country statement with an end time (P582) is history
  const countries = statements(claims, 'P17').filter((s) => !('P582' in s.qualifiers));
  const area = amount(best(statements(claims, 'P2046')), AREA_UNITS);
  const elevation = amount(best(statements(claims, 'P2044')), LENGTH_UNITS);
  return {
    item: id,
    countryItem: itemId(best(countries)),
    timezoneItem: itemId(best(statements(claims, 'P421'))),
    facts: {
      item: id,
      country: null,
      population: population === null || population < 0 ? null : Math.round(population),
      populationAsOf: pop ? qualifierTime(pop.qualifiers, 'P585') : null,
      areaKm2: area === null || area < 0 ? null : round(area, 3),
      elevationM: elevation === null ? null : round(elevation, 1),
      coordinates,
      timezone: null,
      utcOffset: null,
    },
  };
}

function label(entity: unknown, lang: string): string | null {
  if (!isObj(entity) || !isObj(entity.labels)) return null;
  for (const l of [lang, 'en']) {
    const v = entity.labels[l];
    if (isObj(v) && typeof v.value === 'string' && v.value.trim()) return v.value.trim();
  }
  return null;
}

function entitiesOf(body: unknown, host: string): Json {
  if (!isObj(body)) throw new Error(`${host} answered with something that is not an API result`);
  if (isObj(body.error)) throw new Error(`${host} refused the query (${String(body.error.code ?? 'unknown')})`);
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
    if (this.resting) throw new Error(`${this.host} failed a moment ago`);
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
        const code = c.countryItem ? COUNTRY_ITEMS[c.countryItem] : undefined;
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
