import type { LatLon } from './types.js';

/** WGS84 mean radius (IUGG R1), km. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

/** Degrees to radians. */
export const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in km (haversine on a sphere of the WGS84 mean radius), unrounded. */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** The symmetric matrix of distances (0.1 km); null where either point is unknown; 0 on the diagonal. */
export function distanceMatrix(points: Array<LatLon | null>): Array<Array<number | null>> {
  return points.map((a, i) =>
    points.map((b, j) => {
      if (i === j) return 0;
      return a && b ? round1(greatCircleKm(a, b)) : null;
    }),
  );
}
