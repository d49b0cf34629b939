import type { LatLon } from '../wikipedia/types.js';
import { parseNumber } from './numbers.js';
import { render } from './render.js';
import { findTemplate, type Template } from './wikitext.js';

function num(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = render(text).replace(/−/g, '-').trim();
  if (!/^[-+]?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

function dms(parts: string[], hemisphere: string | undefined): number | null {
  const [d, m, s] = parts.map((p) => (p.trim() === '' ? 0 : num(p)));
  if (d === null || d === undefined || m === null || s === null) return null;
  const mins = m ?? 0;
  const secs = s ?? 0;
  if (mins < 0 || mins >= 60 || secs < 0 || secs >= 60) return null;
  const value = Math.abs(d) + mins / 60 + secs / 3600;
  const negative = d < 0 || /^[SW]$/i.test(hemisphere ?? '');
  return negative ? -value : value;
}

function valid(lat: number | null, lon: number | null): LatLon | null {
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
}

/**
 * {{coord}} in its documented forms: {{coord|dec|dec}}, {{coord|d|N|d|W}},
 * {{coord|d|m|N|d|m|W}}, {{coord|d|m|s|N|d|m|s|W}}; "key:value" parameters
 * (region, type, …) and named parameters are ignored.
 */
export function fromCoordTemplate(t: Template): LatLon | null {
  const p = t.positional.filter((x) => !/^[a-z_]+:/i.test(x));
  const ns = p.findIndex((x) => /^[NS]$/i.test(x.trim()));
  if (ns === -1) return valid(num(p[0]), num(p[1]));
  const ew = p.findIndex((x, i) => i > ns && /^[EW]$/i.test(x.trim()));
  if (ew === -1 || ns > 3 || ew - ns - 1 > 3 || ew - ns - 1 < 1) return null;
  return valid(dms(p.slice(0, ns), p[ns]?.trim()), dms(p.slice(ns + 1, ew), p[ew]?.trim()));
}

const isCoord = (name: string) => name === 'coord';

/** Coordinates written in an infobox: {{coord}} first, then the older latd/latm/lats/latNS fields. */
export function infoboxCoordinates(fields: Map<string, string>): LatLon | null {
  for (const key of ['coordinates', 'coords', 'coord', 'coordinates_wikidata', 'location']) {
    const v = fields.get(key);
    if (!v) continue;
    const t = findTemplate(v, (n) => n === 'coord');
    const c = t && fromCoordTemplate(t);
    if (c) return c;
  }
  for (const v of fields.values()) {
    const t = findTemplate(v, isCoord);
    const c = t && fromCoordTemplate(t);
    if (c) return c;
  }
  const get = (...keys: string[]) => {
    for (const k of keys) {
      const v = fields.get(k);
      if (v !== undefined && render(v) !== '') return render(v);
    }
    return undefined;
  };
  const latd = get('latd', 'lat_d', 'lat_deg', 'lat_degrees');
  const longd = get('longd', 'long_d', 'lon_deg', 'long_deg', 'lon_degrees', 'long_degrees');
  if (latd !== undefined && longd !== undefined) {
    const lat = dms(
      [
        latd,
        get('latm', 'lat_m', 'lat_min', 'lat_minutes') ?? '',
        get('lats', 'lat_s', 'lat_sec', 'lat_seconds') ?? '',
      ],
      get('latns', 'lat_ns', 'lat_dir', 'lat_direction'),
    );
    const lon = dms(
      [
        longd,
        get('longm', 'long_m', 'lon_min', 'long_min', 'lon_minutes') ?? '',
        get('longs', 'long_s', 'lon_sec', 'long_sec', 'lon_seconds') ?? '',
      ],
      get('longew', 'long_ew', 'lon_dir', 'long_dir', 'lon_direction'),
    );
    return valid(lat, lon);
  }
  const lat = get('latitude', 'lat');
  const lon = get('longitude', 'long', 'lon');
  if (lat !== undefined && lon !== undefined) return valid(parseNumber(lat), parseNumber(lon));
  return null;
}
