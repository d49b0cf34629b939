import type { DmsFields, Population, Profile, Unit } from './profile-types.js';
import { PROFILES } from './profiles-wikis.js';

export type { DmsFields, Population, Profile, Unit };
export { PROFILES };

/**
 * Infobox profiles: one declarative entry per infobox type, written from each
 * template's documentation. A profile names its templates, the fields that hold
 * each fact (most authoritative first), their units, and how the infobox says its
 * country. Field names are written as the template documents them; they are
 * compared lower-cased with runs of spaces and underscores as one "_".
 * Adding an infobox is adding a profile.
 */

const SQ_MI_KM2 = 2.589988110336;
const FT_M = 0.3048;
const ACRE_KM2 = 0.0040468564224;

export const FACTORS = { SQ_MI_KM2, FT_M, ACRE_KM2 } as const;

/**
 * English infoboxes ({{Infobox settlement}} and its relatives), and the fallback
 * every other profile adds to: many wikis copy Infobox settlement's parameter
 * names (Japanese, Chinese and Portuguese among them).
 */
export const GENERIC: Profile = {
  id: 'settlement',
  wikis: ['en', 'ja', 'zh', 'pt', '*'],
  templates: /^(infobox|geobox)\b/,
  country: ['country', 'nation', 'state_country', 'pays', 'land', 'paese', 'país', 'pais'],
  population: [
    [['population_total'], ['population_as_of', 'population_date']],
    [
      ['population', 'population_city'],
      ['population_as_of', 'population_date', 'population_year', 'année_pop'],
    ],
    [['pop'], ['pop_year', 'population_as_of']],
    [['pop_latest'], ['latest_pop_year', 'pop_latest_year', 'pop_latest_date', 'pop_year', 'population_as_of']],
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
  ],
  area: [
    [['area_total_km2', 'area_km2', 'area_city_km2', 'fläche', 'superficie'], 1],
    [['area_total_sq_mi', 'area_sq_mi', 'area_city_sq_mi'], SQ_MI_KM2],
    [['area_total_ha', 'area_ha'], 0.01],
    [['area_total_acre', 'area_acre'], ACRE_KM2],
    [['area_land_km2'], 1],
    [['area_land_sq_mi'], SQ_MI_KM2],
  ],
  elevation: [
    [['elevation_m', 'elevation_avg_m', 'höhe', 'altitudine'], 1],
    [['elevation_ft', 'elevation_avg_ft'], FT_M],
  ],
  timezone: ['timezone', 'timezone1', 'time_zone', 'zeitzone', 'fuso_orario'],
  utcOffset: ['utc_offset', 'utc_offset1', 'utc'],
  lat: [
    {
      deg: ['latd', 'lat_d', 'lat_deg', 'lat_degrees'],
      min: ['latm', 'lat_m', 'lat_min', 'lat_minutes'],
      sec: ['lats', 'lat_s', 'lat_sec', 'lat_seconds'],
      hemi: ['latns', 'lat_ns', 'lat_dir', 'lat_direction'],
    },
  ],
  lon: [
    {
      deg: ['longd', 'long_d', 'lon_deg', 'long_deg', 'lon_degrees', 'long_degrees'],
      min: ['longm', 'long_m', 'lon_min', 'long_min', 'lon_minutes'],
      sec: ['longs', 'long_s', 'lon_sec', 'long_sec', 'lon_seconds'],
      hemi: ['longew', 'long_ew', 'lon_dir', 'long_dir', 'lon_direction', 'lon_ew'],
    },
  ],
  latField: ['latitude', 'lat', 'lat_dec', 'latitude_dec'],
  lonField: ['longitude', 'long', 'lon', 'long_dec', 'lon_dec', 'longitude_dec'],
  // {{Infobox settlement}} converts its areas with {{#expr}}, on every wiki that copies it
  pointNumbers: [
    'area_total_km2',
    'area_km2',
    'area_city_km2',
    'area_land_km2',
    'area_total_sq_mi',
    'area_sq_mi',
    'area_city_sq_mi',
    'area_land_sq_mi',
    'area_total_ha',
    'area_ha',
  ],
};

const norm = (key: string) => key.toLowerCase().replace(/[\s_]+/g, '_');

/** The profile for a template name (lower-cased), or null. */
export function profileOf(name: string): Profile | null {
  return PROFILES.find((p) => p.templates.test(name)) ?? null;
}

/**
 * The field names a wiki uses in infoboxes no profile names ({{НП-Россия}}, a local
 * variant): its first profile that does not imply a country.
 */
export function wikiProfile(lang: string): Profile | null {
  const l = lang.split('-')[0] ?? lang;
  if (l === 'en') return null;
  return PROFILES.find((p) => p.wikis.includes(l) && !p.countryCode && !p.countryInName) ?? null;
}

/** A profile's lists with the generic ones after them (a profile adds to, never replaces, the fallback). */
export function withGeneric<T>(own: readonly T[] | undefined, generic: readonly T[] | undefined): T[] {
  return [...(own ?? []), ...(generic ?? [])];
}

let knownKeys: Set<string> | undefined;

/** Every field name any profile reads: a template with several of them is an infobox about a place. */
export function isPlaceField(key: string): boolean {
  if (!knownKeys) {
    knownKeys = new Set();
    const add = (keys: readonly string[] | undefined) => {
      for (const k of keys ?? []) knownKeys?.add(norm(k));
    };
    for (const p of [GENERIC, ...PROFILES]) {
      add(p.country);
      for (const [v, d] of p.population ?? []) add([...v, ...d]);
      for (const [k] of p.area ?? []) add(k);
      for (const [k] of p.elevation ?? []) add(k);
      add(p.timezone);
      add(p.utcOffset);
      for (const a of [...(p.lat ?? []), ...(p.lon ?? [])])
        add([...a.deg, ...(a.min ?? []), ...(a.sec ?? []), ...(a.hemi ?? [])]);
      add(p.latField);
      add(p.lonField);
    }
    for (const k of ['coordinates', 'coords', 'coord', 'subdivision_name', 'subdivision_type']) knownKeys.add(k);
  }
  return knownKeys.has(key) || /^(pop|population)_?\d{4}_?census$/.test(key);
}

export { norm as normalizeKey };
