import type { LatLon } from '../geo/types.js';
import { type DmsFields, GENERIC, normalizeKey, type Profile, withGeneric } from './profiles.js';
import { render } from './render.js';
import { findTemplate, type Template } from './wikitext.js';

/** A decimal number written with a point or a comma, and a plain or Unicode minus. */
function decimal(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = render(text)
    .replace(/[−–]/g, '-')
    .replace(/(\d),(\d)/, '$1.$2')
    .trim();
  if (!/^[-+]?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Hemisphere letters in the wikis' own words: O is east in German and Dutch, west elsewhere. */
function hemisphere(text: string | undefined, lang: string): 'N' | 'S' | 'E' | 'W' | null {
  const t = render(text ?? '')
    .trim()
    .toUpperCase();
  if (/^(N|NORD|NORTE|NORTH|С|北|北緯)$/.test(t)) return 'N';
  if (/^(S|SUD|SÜD|SUR|SOUTH|Ю|南|南緯|Z)$/.test(t)) return t === 'Z' && lang !== 'nl' ? null : 'S';
  if (/^(E|EAST|EST|ESTE|В|東|東経|OST|OOST)$/.test(t)) return 'E';
  if (/^(W|WEST|OUEST|OESTE|OVEST|З|西|西経)$/.test(t)) return 'W';
  if (t === 'O') return lang === 'de' || lang === 'nl' ? 'E' : 'W';
  return null;
}

function dms(parts: Array<string | undefined>, hemi: string | null): number | null {
  const [d, m, s] = parts.map((p) => (p === undefined || render(p) === '' ? 0 : decimal(p)));
  if (d === null || d === undefined || m === null || s === null) return null;
  const mins = m ?? 0;
  const secs = s ?? 0;
  if (mins < 0 || mins >= 60 || secs < 0 || secs >= 60) return null;
  const value = Math.abs(d) + mins / 60 + secs / 3600;
  const negative = Object.is(d, -0) || d < 0 || hemi === 'S' || hemi === 'W';
  return negative ? -value : value;
}

function valid(lat: number | null, lon: number | null): LatLon | null {
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

/**
 * One axis written in one value: "52.5167", "52,5167", "51/12/N", "52/31/12/N",
 * "51°12′N", "51° 12' 30\" N".
 */
export function axisValue(text: string, lang = 'en'): number | null {
  const t = render(text).trim();
  const slash = /^([-−+]?\d+(?:[.,]\d+)?)(?:\/(\d+(?:[.,]\d+)?)?)?(?:\/(\d+(?:[.,]\d+)?)?)?\/\s*(\p{L}+)$/u.exec(t);
  if (slash) {
    const h = hemisphere(slash[4], lang);
    return h ? dms([slash[1], slash[2], slash[3]], h) : null;
  }
  const degrees =
    /^([-−+]?\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d+(?:[.,]\d+)?)\s*(?:["″”]|'')\s*)?(\p{L}*)$/u.exec(
      t,
    );
  if (degrees) {
    const h = degrees[4] ? hemisphere(degrees[4], lang) : null;
    if (degrees[4] && !h) return null;
    return dms([degrees[1], degrees[2], degrees[3]], h);
  }
  return decimal(t);
}

/**
 * {{coord}} in its documented forms: {{coord|dec|dec}}, {{coord|d|N|d|W}},
 * {{coord|d|m|N|d|m|W}}, {{coord|d|m|s|N|d|m|s|W}}; "key:value" parameters
 * (region, type, …) and named parameters are ignored. German {{Coordinate|NS=…|EW=…}}
 * and a "51°12′N 13°24′E" string are read too.
 */
export function fromCoordTemplate(t: Template, lang = 'en'): LatLon | null {
  const ns = t.named.get('ns');
  const ew = t.named.get('ew');
  if (ns !== undefined && ew !== undefined) return valid(axisValue(ns, lang), axisValue(ew, lang));
  const p = t.positional.filter((x) => !/^[a-z_]+:/i.test(x));
  if (p.length === 1) {
    const m = /^(.+?[NS])\s*,?\s*(.+?[EWO])$/u.exec(render(p[0] as string).trim());
    return m ? valid(axisValue(m[1] as string, lang), axisValue(m[2] as string, lang)) : null;
  }
  const nsAt = p.findIndex((x) => hemisphere(x, lang) === 'N' || hemisphere(x, lang) === 'S');
  if (nsAt === -1) return valid(decimal(p[0]), decimal(p[1]));
  const ewAt = p.findIndex((x, i) => i > nsAt && (hemisphere(x, lang) === 'E' || hemisphere(x, lang) === 'W'));
  if (ewAt === -1 || nsAt > 3 || ewAt - nsAt - 1 > 3 || ewAt - nsAt - 1 < 1) return null;
  return valid(
    dms(p.slice(0, nsAt), hemisphere(p[nsAt], lang)),
    dms(p.slice(nsAt + 1, ewAt), hemisphere(p[ewAt], lang)),
  );
}

/** Templates that place a point: {{coord}} and the other wikis' own. */
const COORD_TEMPLATE =
  /^(coord|coordinate|coordinates|koordinate|coordenadas|coördinaten|współrzędne|wspolrzedne|координаты|ウィキ座標度分秒|ウィキ座標2段度分秒|座標)$/;
const isCoord = (name: string) => COORD_TEMPLATE.test(name);

type Fields = Map<string, string>;

function get(fields: Fields, keys: readonly string[] | undefined): string | undefined {
  for (const k of keys ?? []) {
    const v = fields.get(normalizeKey(k));
    if (v !== undefined && render(v) !== '') return v;
  }
  return undefined;
}

function axis(fields: Fields, groups: readonly DmsFields[], lang: string): number | null | undefined {
  for (const g of groups) {
    const deg = get(fields, g.deg);
    if (deg === undefined) continue;
    if (/\/|°/.test(render(deg))) return axisValue(deg, lang);
    const hemiText = get(fields, g.hemi);
    const h = hemiText !== undefined ? hemisphere(hemiText, lang) : (g.implied ?? null);
    return dms([deg, get(fields, g.min), get(fields, g.sec)], h);
  }
  return undefined;
}

/**
 * Coordinates written in an infobox: {{coord}} (and its kin) first, then
 * degree/minute/second fields (latd/longd under any infobox, each profile's own),
 * then single fields ("Breitengrad = 51/12/N", "latitude = 48.85").
 */
export function infoboxCoordinates(fields: Fields, profile: Profile | null = null, lang = 'en'): LatLon | null {
  for (const key of ['coordinates', 'coords', 'coord', 'coordinates_wikidata', 'location', 'coor', 'coordenadas']) {
    const v = fields.get(key);
    if (!v) continue;
    const t = findTemplate(v, isCoord);
    const c = t && fromCoordTemplate(t, lang);
    if (c) return c;
  }
  for (const v of fields.values()) {
    const t = findTemplate(v, isCoord);
    const c = t && fromCoordTemplate(t, lang);
    if (c) return c;
  }
  const lat = axis(fields, withGeneric(profile?.lat, GENERIC.lat), lang);
  const lon = axis(fields, withGeneric(profile?.lon, GENERIC.lon), lang);
  if (lat !== undefined && lon !== undefined) return valid(lat, lon);
  const latText = get(fields, withGeneric(profile?.latField, GENERIC.latField));
  const lonText = get(fields, withGeneric(profile?.lonField, GENERIC.lonField));
  if (latText !== undefined && lonText !== undefined) return valid(axisValue(latText, lang), axisValue(lonText, lang));
  return null;
}
