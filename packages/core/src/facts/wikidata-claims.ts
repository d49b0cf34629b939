import type { LatLon } from '../geo/types.js';
import { isObj, type Json } from '../util/json.js';
import type { WikidataFacts } from '../wikipedia/types.js';

/**
 * Reading Wikibase JSON (wbgetentities): statements by property with their ranks
 * and qualifiers, quantities by their unit items, time values by their precision.
 */
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
export const COUNTRY_ITEMS: ReadonlyMap<string, string> = new Map(
  (
    'Q30:US Q16:CA Q145:GB Q183:DE Q142:FR Q38:IT Q29:ES Q45:PT Q55:NL Q31:BE Q39:CH Q40:AT Q36:PL ' +
    'Q159:RU Q17:JP Q148:CN Q155:BR Q96:MX Q408:AU Q664:NZ Q668:IN Q27:IE Q35:DK Q20:NO Q34:SE Q33:FI ' +
    'Q189:IS Q213:CZ Q214:SK Q28:HU Q218:RO Q219:BG Q41:GR Q43:TR Q212:UA Q184:BY Q37:LT Q211:LV ' +
    'Q191:EE Q224:HR Q215:SI Q403:RS Q32:LU Q414:AR Q298:CL Q739:CO Q419:PE Q884:KR Q252:ID Q334:SG ' +
    'Q869:TH Q881:VN Q928:PH Q79:EG Q258:ZA Q1033:NG Q114:KE Q801:IL Q794:IR Q851:SA Q878:AE'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

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

export interface Claims {
  item: string;
  facts: WikidataFacts;
  countryItem: string | null;
  timezoneItem: string | null;
}

export function readClaims(id: string, entity: Json): Claims {
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

export function label(entity: unknown, lang: string): string | null {
  if (!isObj(entity) || !isObj(entity.labels)) return null;
  for (const l of [lang, 'en']) {
    const v = entity.labels[l];
    if (isObj(v) && typeof v.value === 'string' && v.value.trim()) return v.value.trim();
  }
  return null;
}
