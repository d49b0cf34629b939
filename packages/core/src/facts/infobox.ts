import type { LatLon } from '../wikipedia/types.js';
import { infoboxCoordinates } from './coordinates.js';
import { type NumberStyle, numberStyle, parseNumber, parseYear } from './numbers.js';
import { render } from './render.js';
import { findTemplate, stripNoise, templates } from './wikitext.js';

export interface Facts {
  country: string | null;
  population: number | null;
  populationAsOf: string | null;
  areaKm2: number | null;
  elevationM: number | null;
  timezone: string | null;
  utcOffset: string | null;
}

export const NO_FACTS: Facts = {
  country: null,
  population: null,
  populationAsOf: null,
  areaKm2: null,
  elevationM: null,
  timezone: null,
  utcOffset: null,
};

const SQ_MI_KM2 = 2.589988110336;
const FT_M = 0.3048;
const ACRE_KM2 = 0.0040468564224;

/** The first infobox of a page ({{Infobox settlement}}, {{Infobox UK place}}, {{Infobox Italian comune}}, …). */
export function infobox(wikitext: string): { name: string; fields: Map<string, string> } | null {
  const text = stripNoise(wikitext);
  let best: { name: string; fields: Map<string, string>; score: number } | null = null;
  // a page can hold several ({{Infobox Chinese}} beside {{Infobox settlement}}): the one about a place wins
  for (const t of templates(text)) {
    if (!/^(infobox|geobox)\b/.test(t.name)) continue;
    const fields = new Map<string, string>();
    for (const [k, v] of t.named) fields.set(k.replace(/\s+/g, '_'), v);
    const score = [...fields.keys()].filter((k) => PLACE_FIELD.test(k)).length;
    if (!best || score > best.score) best = { name: t.name, fields, score };
  }
  if (best) return best;
  const nested = findTemplate(text, (n) => /^(infobox|geobox)\b/.test(n));
  if (!nested) return null;
  const fields = new Map<string, string>();
  for (const [k, v] of nested.named) fields.set(k.replace(/\s+/g, '_'), v);
  return { name: nested.name, fields };
}

/** Field names that say an infobox is about a place. */
const PLACE_FIELD = /^(pop|population|area|elevation|coordinates|latd|subdivision|timezone|utc_offset|country)/;

type Fields = Map<string, string>;

function first(fields: Fields, keys: readonly string[]): { key: string; text: string } | null {
  for (const key of keys) {
    const raw = fields.get(key);
    if (raw === undefined) continue;
    const text = render(raw);
    if (text !== '') return { key, text };
  }
  return null;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Infoboxes made for one country, which they therefore do not name. */
const COUNTRY_OF_BOX: ReadonlyArray<[RegExp, string]> = [
  [/^infobox french commune/, 'France'],
  [/^infobox italian comune/, 'Italy'],
  [/^infobox german (location|state|district)/, 'Germany'],
  [/^infobox swiss town/, 'Switzerland'],
  [/^infobox australian place/, 'Australia'],
];

function country(fields: Fields, box: string): string | null {
  const direct = first(fields, ['country', 'nation', 'state_country', 'pays', 'land', 'paese', 'país', 'pais']);
  if (direct) return clean(direct.text);
  // {{Infobox country}} (city-states such as Singapore or Monaco) is about the country itself
  if (box === 'infobox country') {
    const own = first(fields, ['common_name', 'conventional_short_name', 'name']);
    if (own) return clean(own.text);
  }
  // a bare country template ({{Canada}}) renders the flag and the name
  for (const key of ['country', 'pays', 'land', 'paese', 'país', 'pais']) {
    const bare = /^\{\{\s*([\p{Lu}][\p{L} .'-]{1,40})\s*\}\}$/u.exec(fields.get(key)?.trim() ?? '');
    if (bare) return bare[1] as string;
  }
  // {{Infobox settlement}}: subdivision_name is the country unless subdivision_type says otherwise
  for (const suffix of ['', '1', '2', '3']) {
    const type = render(fields.get(`subdivision_type${suffix}`) ?? '').toLowerCase();
    if (
      suffix === '' ? type === '' || type.includes('countr') || type.includes('sovereign') : type.includes('countr')
    ) {
      const name = first(fields, [`subdivision_name${suffix}`]);
      if (name) return clean(name.text);
    }
  }
  return COUNTRY_OF_BOX.find(([test]) => test.test(box))?.[1] ?? null;
}

/** Keeps the first line, without trailing notes in brackets. */
function clean(text: string): string | null {
  const line = (text.split('\n')[0] ?? '')
    .replace(/\s*[([].*$/, '')
    .replace(/[,;:]\s*$/, '')
    .trim();
  return line === '' ? null : line.slice(0, 120);
}

/** Where a population is written, each with the fields that date it, most authoritative first. */
const POPULATIONS: ReadonlyArray<[values: string[], dates: string[]]> = [
  [['population_total'], ['population_as_of', 'population_date']],
  [
    ['population', 'population_city'],
    ['population_as_of', 'population_date', 'population_year', 'année_pop'],
  ],
  [['pop'], ['pop_year', 'population_as_of']],
  [['population_census'], ['population_census_year']],
  [
    ['population_est', 'population_estimate'],
    ['pop_est_as_of', 'population_est_as_of', 'population_estimate_year'],
  ],
  [['einwohner'], ['stand']],
  [['abitanti'], ['anno_pop']],
  [
    ['población', 'populacao', 'população'],
    ['año_pob', 'census_year'],
  ],
];

function population(fields: Fields, style: NumberStyle): { value: number | null; asOf: string | null } {
  for (const [values, dates] of POPULATIONS) {
    const found = first(fields, values);
    const value = found ? parseNumber(found.text, style) : null;
    if (value === null || value < 0) continue;
    const stated = first(fields, dates);
    let asOf = stated ? clean(stated.text) : null;
    if (asOf === null) {
      const notes = first(fields, ['population_ref', 'population_footnotes', 'population_note']);
      asOf = notes ? parseYear(notes.text) : null;
    }
    return { value: Math.round(value), asOf };
  }
  // {{Infobox Russian inhabited locality}} and others: pop_2010census = …
  for (const [key, raw] of fields) {
    const census = /^pop(?:ulation)?_?(\d{4})_?census$/.exec(key);
    const value = census ? parseNumber(render(raw), style) : null;
    if (census && value !== null && value >= 0) return { value: Math.round(value), asOf: census[1] as string };
  }
  return { value: null, asOf: null };
}

type Unit = readonly [keys: readonly string[], factor: number];

/** The first of the fields that holds a number, times its unit's factor. */
function measured(
  fields: Fields,
  style: NumberStyle,
  units: readonly Unit[],
  digits: number,
  min = Number.NEGATIVE_INFINITY,
): number | null {
  for (const [keys, factor] of units) {
    const found = first(fields, keys);
    const v = found ? parseNumber(found.text, style) : null;
    if (v !== null && v >= min) return round(v * factor, digits);
  }
  return null;
}

const AREA_UNITS: readonly Unit[] = [
  [['area_total_km2', 'area_km2', 'area_city_km2', 'fläche', 'superficie'], 1],
  [['area_total_sq_mi', 'area_sq_mi', 'area_city_sq_mi'], SQ_MI_KM2],
  [['area_total_ha', 'area_ha'], 0.01],
  [['area_total_acre', 'area_acre'], ACRE_KM2],
  [['area_land_km2'], 1],
  [['area_land_sq_mi'], SQ_MI_KM2],
];
const AREA_WORDS = {
  km2: 1,
  'km²': 1,
  'sq mi': SQ_MI_KM2,
  sqmi: SQ_MI_KM2,
  mi2: SQ_MI_KM2,
  ha: 0.01,
  acre: ACRE_KM2,
  acres: ACRE_KM2,
};
const ELEVATION_UNITS: readonly Unit[] = [
  [['elevation_m', 'elevation_avg_m', 'höhe', 'altitudine'], 1],
  [['elevation_ft', 'elevation_avg_ft'], FT_M],
];
const ELEVATION_WORDS = { m: 1, metres: 1, meters: 1, ft: FT_M, feet: FT_M };
/** Infoboxes whose bare `area` is in km² and bare `elevation` in metres, by their documentation. */
const METRIC_BOXES = /^infobox (german (location|state|district)|swiss town|austrian|french commune|australian place)/;

function area(fields: Fields, style: NumberStyle, metric: boolean): number | null {
  return (
    measured(fields, style, AREA_UNITS, 3, 0) ??
    withUnit(fields, style, ['area_total', 'area'], AREA_WORDS, 3) ??
    (metric ? measured(fields, style, [[['area'], 1]], 3, 0) : null)
  );
}

function elevation(fields: Fields, style: NumberStyle, metric: boolean): number | null {
  return (
    measured(fields, style, ELEVATION_UNITS, 1) ??
    withUnit(fields, style, ['elevation'], ELEVATION_WORDS, 1) ??
    (metric ? measured(fields, style, [[['elevation'], 1]], 1) : null)
  );
}

/** A value written with its unit ("630 km2", {{convert|1.6|sqmi}}). */
function withUnit(
  fields: Fields,
  style: NumberStyle,
  keys: string[],
  units: Record<string, number>,
  digits: number,
): number | null {
  for (const key of keys) {
    const raw = fields.get(key);
    if (!raw) continue;
    const conv = findTemplate(raw, (n) => n === 'convert' || n === 'cvt');
    const text = conv ? `${conv.positional[0] ?? ''} ${conv.positional[1] ?? ''}` : render(raw);
    const m = /([-−]?[\d.,\s]*\d)\s*([a-zA-Z²]+(?: mi)?)/.exec(text);
    if (!m) continue;
    const factor = units[(m[2] as string).toLowerCase()];
    // {{convert}} takes plain numbers whatever the wiki's language
    const v = parseNumber(m[1] as string, conv ? 'point' : style);
    if (factor !== undefined && v !== null) return round(v * factor, digits);
  }
  return null;
}

/** "-5", "+5:30", "UTC−03:00", "+5.5" → "-05:00", "+05:30", "-03:00", "+05:30". */
export function formatUtcOffset(text: string): string | null {
  const m = /(?:UTC|GMT)?\s*([+\-−–±]?)\s*(\d{1,2})(?:(?::|\.)(\d{1,2}))?/i.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  let minutes = 0;
  if (m[3] !== undefined) minutes = text.includes(`.${m[3]}`) ? Math.round(Number(`0.${m[3]}`) * 60) : Number(m[3]);
  if (hours > 14 || minutes >= 60) return null;
  const sign = m[1] === '-' || m[1] === '−' || m[1] === '–' ? '-' : '+';
  return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function timezone(fields: Fields): { timezone: string | null; utcOffset: string | null } {
  const tz = first(fields, ['timezone', 'timezone1', 'time_zone', 'zeitzone', 'fuso_orario']);
  const off = first(fields, ['utc_offset', 'utc_offset1', 'utc']);
  // "Central (CST)" stays as written; only an offset in brackets goes ("CET (UTC+1)" → "CET")
  const firstLine = tz?.text.split('\n')[0] ?? '';
  const zone = tz ? firstLine.replace(/\s*\(\s*(?:UTC|GMT)\s*[+\-−–±]?\s*[\d:.]*\s*\)/gi, '').trim() || null : null;
  let offset = off ? formatUtcOffset(off.text) : null;
  if (offset === null && tz && /(?:UTC|GMT)\s*[+\-−–±]\s*\d/i.test(tz.text)) offset = formatUtcOffset(tz.text);
  if (offset === null && tz && /^(?:UTC|GMT)$/i.test(tz.text.trim())) offset = '+00:00';
  return { timezone: zone, utcOffset: offset };
}

/** The facts of shared/API.md from a page's section-0 wikitext. Unknown facts are null. */
export function extractFacts(wikitext: string, lang = 'en'): { facts: Facts; coordinates: LatLon | null } {
  const box = infobox(wikitext);
  if (!box) return { facts: { ...NO_FACTS }, coordinates: null };
  const { fields } = box;
  const metric = METRIC_BOXES.test(box.name);
  const style = numberStyle(lang);
  const pop = population(fields, style);
  const tz = timezone(fields);
  return {
    facts: {
      country: country(fields, box.name),
      population: pop.value,
      populationAsOf: pop.asOf,
      areaKm2: area(fields, style, metric),
      elevationM: elevation(fields, style, metric),
      timezone: tz.timezone,
      utcOffset: tz.utcOffset,
    },
    coordinates: infoboxCoordinates(fields),
  };
}
