import { type GeoProjection, geoNaturalEarth1Raw } from 'd3-geo';
import type { GeoBox } from './world.js';

const RAD = Math.PI / 180;
/** Degrees kept around the view, so a cut edge lies well outside the picture. */
const MARGIN = 2;
/** Longest step along a cut edge: a great-circle arc this short follows its parallel within 0.001°. */
const STEP = 0.5;

/** A lon/lat rectangle in the turned frame (longitude λ' = λ − λ0): west, south, east, north. */
export type Window = [number, number, number, number];

/**
 * The lon/lat rectangle whose picture covers the whole frame, with a margin, or null when the
 * frame shows the turned antimeridian or a pole (then nothing is cut). Natural Earth turned by
 * λ0: y depends on φ alone and rises with it, x = tx + k·λ'·A(φ) with A falling as |φ| grows, so
 * the frame's rows give the latitudes and its corners at the highest |φ| the longitudes.
 */
export function viewWindow(projection: GeoProjection, width: number, height: number): Window | null {
  const k = projection.scale();
  const [tx, ty] = projection.translate();
  const pole = geoNaturalEarth1Raw(0, Math.PI / 2)[1];
  const top = (ty - 0) / k;
  const bottom = (ty - height) / k;
  if (top >= pole || bottom <= -pole) return null;
  const lat = (y: number) => (geoNaturalEarth1Raw.invert?.(0, y)?.[1] ?? Number.NaN) / RAD;
  const north = lat(top);
  const south = lat(bottom);
  const widest = geoNaturalEarth1Raw(1, Math.max(Math.abs(north), Math.abs(south)) * RAD)[0];
  const left = (0 - tx) / (k * widest) / RAD;
  const right = (width - tx) / (k * widest) / RAD;
  if (!(left > -180 && right < 180)) return null;
  const west = left - MARGIN;
  const east = right + MARGIN;
  if (west < -180 || east > 180) return null;
  return [west, Math.max(-90, south - MARGIN), east, Math.min(90, north + MARGIN)];
}

/** Whether a part can be cut: its box reaches no pole (so none of its rings winds round one). */
export const cuttable = ([[, s], [, n]]: GeoBox) => s > -89.9 && n < 89.9;

type Point = number[];

/** One Sutherland–Hodgman pass: the ring's part where `inside` holds, cut where it stops. */
function pass(ring: Point[], inside: (p: Point) => boolean, cut: (a: Point, b: Point) => Point): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[(i + ring.length - 1) % ring.length] as Point;
    const b = ring[i] as Point;
    if (inside(b)) {
      if (!inside(a)) out.push(cut(a, b));
      out.push(b);
    } else if (inside(a)) out.push(cut(a, b));
  }
  return out;
}

const atLon = (lon: number) => (a: Point, b: Point) => {
  const t = (lon - (a[0] as number)) / ((b[0] as number) - (a[0] as number));
  return [lon, (a[1] as number) + t * ((b[1] as number) - (a[1] as number))];
};
const atLat = (lat: number) => (a: Point, b: Point) => {
  const t = (lat - (a[1] as number)) / ((b[1] as number) - (a[1] as number));
  return [(a[0] as number) + t * ((b[0] as number) - (a[0] as number)), lat];
};

/** Points every STEP along a stretch of the window's edge, so its arcs follow the edge. */
function densify(ring: Point[], [W, S, E, N]: Window): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    out.push(a);
    const alongLon = (a[0] === W && b[0] === W) || (a[0] === E && b[0] === E);
    const alongLat = (a[1] === S && b[1] === S) || (a[1] === N && b[1] === N);
    if (!alongLon && !alongLat) continue;
    const d = Math.abs(alongLat ? (b[0] as number) - (a[0] as number) : (b[1] as number) - (a[1] as number));
    const n = Math.ceil(d / STEP);
    for (let j = 1; j < n; j++) {
      const t = j / n;
      out.push([
        (a[0] as number) + t * ((b[0] as number) - (a[0] as number)),
        (a[1] as number) + t * ((b[1] as number) - (a[1] as number)),
      ]);
    }
  }
  return out;
}

const turn = (d: number) => (d > 180 ? d - 360 : d <= -180 ? d + 360 : d);

/**
 * The ring in the turned frame, its longitudes unwrapped along it (no jump where it crosses
 * the turned antimeridian), without its closing point; undefined when it winds round a pole.
 */
function unwrapped(ring: Point[], lambda0: number): Point[] | undefined {
  const out: Point[] = [];
  let lon = turn(((ring[0] as Point)[0] as number) - lambda0);
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i] as Point;
    if (i > 0) lon += turn((p[0] as number) - ((ring[i - 1] as Point)[0] as number));
    out.push([lon, p[1] as number]);
  }
  const last = ring[ring.length - 1] as Point;
  const end = lon + turn((last[0] as number) - ((ring[ring.length - 2] as Point)[0] as number));
  return Math.abs(end - ((out[0] as Point)[0] as number)) > 1e-6 ? undefined : out;
}

/** A closed ring cut to the window (closed again, back in true longitudes), null when nothing is left, undefined when it cannot be cut. */
function clipRing(ring: Point[], win: Window, lambda0: number): Point[] | null | undefined {
  const [W, S, E, N] = win;
  let r = unwrapped(ring, lambda0);
  if (!r) return undefined;
  // the turn of the whole ring that meets the window: none, or more than one (seen at both edges)
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of r) {
    lo = Math.min(lo, p[0] as number);
    hi = Math.max(hi, p[0] as number);
  }
  const turns = [-720, -360, 0, 360, 720].filter((t) => lo + t <= E && hi + t >= W);
  if (turns.length === 0) return null;
  if (turns.length > 1) return undefined;
  const by = turns[0] as number;
  if (by !== 0) r = r.map((p) => [(p[0] as number) + by, p[1] as number]);
  if (r.every((p) => (p[0] as number) >= W && (p[0] as number) <= E && (p[1] as number) >= S && (p[1] as number) <= N))
    return ring;
  r = pass(r, (p) => (p[0] as number) >= W, atLon(W));
  r = pass(r, (p) => (p[0] as number) <= E, atLon(E));
  r = pass(r, (p) => (p[1] as number) >= S, atLat(S));
  r = pass(r, (p) => (p[1] as number) <= N, atLat(N));
  if (r.length < 3) return null;
  r = densify(r, win).map((p) => [(p[0] as number) + lambda0, p[1] as number]);
  r.push(r[0] as Point);
  return r;
}

/**
 * A polygon cut to the window in lon/lat: what lies outside the frame is dropped before it is
 * projected (a close view of Europe need not project Asia's coasts). Cut edges lie outside the
 * frame, by the margin, and are then cut away again by the frame's own clip, so the picture is
 * the same. Null when nothing is left.
 */
export function clipPolygon(polygon: GeoJSON.Polygon, win: Window, lambda0: number): GeoJSON.Polygon | null {
  const rings: Point[][] = [];
  for (const [i, ring] of polygon.coordinates.entries()) {
    const cut = clipRing(ring, win, lambda0);
    if (cut === undefined) return polygon;
    if (cut) rings.push(cut);
    else if (i === 0) return null;
  }
  return { type: 'Polygon', coordinates: rings };
}
