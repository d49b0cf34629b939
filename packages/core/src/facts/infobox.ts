import type { LatLon } from '../geo/types.js';
import { infoboxCoordinates } from './coordinates.js';
import { country } from './country.js';
import { clean, type Fields, first } from './fields.js';
import { type NumberStyle, numberStyle, parseNumber, parseYear } from './numbers.js';
import {
  GENERIC,
  isPlaceField,
  normalizeKey,
  type Profile,
  profileOf,
  type Unit,
  wikiProfile,
  withGeneric,
} from './profiles.js';
import { render } from './render.js';
import { findTemplate, stripNoise, type Template, templates } from './wikitext.js';

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

export interface Infobox {
  name: string;
  fields: Fields;
  profile: Profile | null;
}

const INFOBOX_NAME = /^(infobox|geobox|ficha\b|info\/)/;

function toInfobox(t: Template, lang: string): Infobox & { score: number; named: boolean } {
  const fields: Fields = new Map();
  for (const [k, v] of t.named) fields.set(normalizeKey(k), v);
  const own = profileOf(t.name);
  const profile = own ?? wikiProfile(lang);
  let score = 0;
  for (const k of fields.keys()) if (isPlaceField(k)) score++;
  return { name: t.name, fields, profile, score, named: INFOBOX_NAME.test(t.name) || own !== null };
}

/**
 * The infobox about the place: among the page's templates that are infoboxes (by
 * name, by profile, or by holding several place fields under any name), the one
 * with the most place fields ({{Infobox Chinese}} can stand beside {{Infobox settlement}}).
 */
export function infobox(wikitext: string, lang = 'en'): Infobox | null {
  const text = stripNoise(wikitext);
  let best: (Infobox & { score: number }) | null = null;
  for (const t of templates(text)) {
    const box = toInfobox(t, lang);
    if (!box.named && box.score < 3) continue;
    if (!best || box.score > best.score) best = box;
  }
  if (best) return best;
  const nested = findTemplate(text, (n) => INFOBOX_NAME.test(n) || profileOf(n) !== null);
  return nested ? toInfobox(nested, lang) : null;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function population(fields: Fields, style: NumberStyle, profile: Profile | null) {
  for (const [values, dates] of withGeneric(profile?.population, GENERIC.population)) {
    const found = first(fields, values);
    const value = found ? parseNumber(found.text, style) : null;
    if (value === null || value < 0) continue;
    const stated = first(fields, dates);
    let asOf = stated ? clean(stated.text) : null;
    if (asOf === null) {
      const notes = first(fields, ['population_ref', 'population_footnotes', 'population_note']);
      asOf = notes ? parseYear(notes.text) : null;
    }
    // "1,234,567 (2021)": a year in brackets after the figure dates it
    asOf ??= /[(（]\s*((?:1[5-9]|20)\d\d)\s*(?:年)?[)）]/.exec(found?.text ?? '')?.[1] ?? null;
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

/** A bare decimal ("36.480"): in a field the template computes with, the point is a decimal point. */
const MACHINE_DECIMAL = /^\d+\.\d+$/;

/** The first of the fields that holds a number, times its unit's factor ("34 m" is 34 metres, not millions). */
function measured(
  fields: Fields,
  style: NumberStyle,
  units: readonly Unit[],
  digits: number,
  min: number,
  point: Set<string>,
) {
  for (const [keys, factor] of units) {
    const found = first(fields, keys);
    const own = found && point.has(found.key) && MACHINE_DECIMAL.test(found.text) ? 'point' : style;
    const v = found ? parseNumber(found.text, own, false) : null;
    if (v !== null && v >= min) return round(v * factor, digits);
  }
  return null;
}

const AREA_WORDS: Record<string, number> = {
  km2: 1,
  'km²': 1,
  'sq mi': 2.589988110336,
  sqmi: 2.589988110336,
  mi2: 2.589988110336,
  ha: 0.01,
  acre: 0.0040468564224,
  acres: 0.0040468564224,
};
const ELEVATION_WORDS: Record<string, number> = { m: 1, metres: 1, meters: 1, ft: 0.3048, feet: 0.3048 };

/** A value written with its unit ("630 km2", {{convert|1.6|sqmi}}). */
function withUnit(fields: Fields, style: NumberStyle, keys: string[], units: Record<string, number>, digits: number) {
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
  const m = /(?:UTC|GMT|МСК)?\s*([+\-−–±]?)\s*(\d{1,2})(?:(?::|\.)(\d{1,2}))?/i.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  let minutes = 0;
  if (m[3] !== undefined) minutes = text.includes(`.${m[3]}`) ? Math.round(Number(`0.${m[3]}`) * 60) : Number(m[3]);
  if (hours > 14 || minutes >= 60) return null;
  const sign = m[1] === '-' || m[1] === '−' || m[1] === '–' ? '-' : '+';
  return `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const OFFSET_IN_BRACKETS = /\s*\(\s*(?:UTC|GMT)\s*[+\-−–±]?\s*[\d:.]*\s*\)/gi;
const BARE_OFFSET = /^(?:UTC|GMT)?\s*[+\-−–±]\s*\d{1,2}(?:[:.]\d\d?)?$/i;

/**
 * The zone as its abbreviation: an offset in brackets goes ("CET (UTC+1)" → "CET"),
 * display text with the abbreviation in brackets gives the abbreviation
 * ("Central (CST)" → "CST"), a bare offset is written "UTC+3".
 */
export function zoneName(text: string): string | null {
  const line = (text.split('\n')[0] ?? '').replace(OFFSET_IN_BRACKETS, '').trim();
  if (line === '') return null;
  const abbr = /^[^()]*\(\s*([A-Z]{2,5}|[A-ZÄÖÜ]{3,4})\s*\)$/.exec(line);
  if (abbr) return abbr[1] as string;
  if (BARE_OFFSET.test(line) && !/^(UTC|GMT)/i.test(line)) return `UTC${line.replace(/[−–]/, '-')}`;
  return line;
}

function timezone(fields: Fields, profile: Profile | null): { timezone: string | null; utcOffset: string | null } {
  const tz = first(fields, withGeneric(profile?.timezone, GENERIC.timezone));
  const off = first(fields, withGeneric(profile?.utcOffset, GENERIC.utcOffset));
  const zone = tz ? zoneName(tz.text) : null;
  let offset = off ? formatUtcOffset(off.text) : null;
  if (offset === null && tz && /(?:UTC|GMT|^)\s*[+\-−–±]\s*\d/i.test(tz.text)) offset = formatUtcOffset(tz.text);
  if (offset === null && tz && /^(?:UTC|GMT)$/i.test(tz.text.trim())) offset = '+00:00';
  return { timezone: zone, utcOffset: offset };
}

/** The facts of docs/api.md from a page's section-0 wikitext. Unknown facts are null. */
export function extractFacts(wikitext: string, lang = 'en'): { facts: Facts; coordinates: LatLon | null } {
  const box = infobox(wikitext, lang);
  if (!box) return { facts: { ...NO_FACTS }, coordinates: null };
  const { fields, profile } = box;
  const style = numberStyle(lang);
  const pop = population(fields, style, profile);
  const tz = timezone(fields, profile);
  const point = new Set(withGeneric(profile?.pointNumbers, GENERIC.pointNumbers).map(normalizeKey));
  const area =
    measured(fields, style, withGeneric(profile?.area, GENERIC.area), 3, 0, point) ??
    withUnit(fields, style, ['area_total', 'area'], AREA_WORDS, 3);
  const elevation =
    measured(fields, style, withGeneric(profile?.elevation, GENERIC.elevation), 1, Number.NEGATIVE_INFINITY, point) ??
    withUnit(fields, style, ['elevation'], ELEVATION_WORDS, 1);
  return {
    facts: {
      country: country(fields, box, lang),
      population: pop.value,
      populationAsOf: pop.asOf,
      areaKm2: area,
      elevationM: elevation,
      timezone: tz.timezone,
      utcOffset: tz.utcOffset,
    },
    coordinates: infoboxCoordinates(fields, profile, lang),
  };
}
