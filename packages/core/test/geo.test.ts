import { describe, expect, it } from 'vitest';
import { distanceMatrix, greatCircleKm } from '../src/geo/distance.js';
import { kMeans, silhouette, sphericalMean } from '../src/geo/hubs.js';
import { travelHours } from '../src/geo/travel.js';
import { shortestTour } from '../src/geo/tsp.js';
import type { LatLon } from '../src/geo/types.js';
import { tourKm } from './tours.js';

const TORONTO = { lat: 43.6532, lon: -79.3832 };
const MONTREAL = { lat: 45.5019, lon: -73.5674 };

/** A seeded stream of points, so failures reproduce. */
function points(n: number, seed: number): LatLon[] {
  let s = seed;
  const r = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return Array.from({ length: n }, () => ({ lat: 30 + r() * 30, lon: -120 + r() * 60 }));
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function bruteForce(ps: LatLon[], start: number, roundTrip: boolean): number {
  const rest = [...ps.keys()].filter((i) => i !== start);
  return Math.min(...permutations(rest).map((p) => tourKm(ps, [start, ...p], roundTrip)));
}

describe('great-circle distance', () => {
  it('uses the WGS84 mean radius', () => {
    expect(greatCircleKm(TORONTO, MONTREAL)).toBeCloseTo(504.4, 0);
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 6);
    expect(greatCircleKm(TORONTO, TORONTO)).toBe(0);
  });

  it('builds a symmetric matrix with null for unknown points', () => {
    const m = distanceMatrix([TORONTO, MONTREAL, null]);
    expect(m[0]?.[1]).toBe(m[1]?.[0]);
    expect(m[0]?.[2]).toBeNull();
    expect(m[2]?.[2]).toBe(0);
  });

  it('derives travel time from documented speeds and detours', () => {
    expect(travelHours(500, 'road')).toBe(7.8);
    expect(travelHours(500, 'rail')).toBe(6);
    expect(travelHours(750, 'air')).toBe(1);
  });
});

describe('shortest tour', () => {
  for (const roundTrip of [false, true]) {
    it(`is exact up to 8 points (roundTrip ${roundTrip}), checked by brute force`, () => {
      for (let seed = 1; seed <= 6; seed++) {
        const ps = points(7, seed);
        const tour = shortestTour(ps, 2, roundTrip);
        expect(tour.algorithm).toBe('exact');
        expect(tour.order[0]).toBe(2);
        expect([...tour.order].sort()).toEqual([...ps.keys()]);
        expect(tour.km).toBeCloseTo(bruteForce(ps, 2, roundTrip), 6);
      }
    });
  }

  it('uses the heuristic above 10 points and stays near the optimum', () => {
    const ps = points(10, 42);
    const exact = shortestTour(ps, 0, true);
    expect(exact.algorithm).toBe('exact');
    const many = points(30, 7);
    const h = shortestTour(many, 0, true);
    expect(h.algorithm).toBe('heuristic');
    expect([...h.order].sort((a, b) => a - b)).toEqual([...many.keys()]);
    expect(h.km).toBeCloseTo(tourKm(many, h.order, true), 6);
    // 2-opt leaves no crossing a single reversal could remove
    for (let i = 1; i < many.length - 1; i++) {
      for (let k = i + 1; k < many.length; k++) {
        const o = h.order;
        const c = [...o.slice(0, i), ...o.slice(i, k + 1).reverse(), ...o.slice(k + 1)];
        expect(tourKm(many, c, true)).toBeGreaterThanOrEqual(h.km - 1e-6);
      }
    }
  });

  it('handles two points and a fixed start', () => {
    expect(shortestTour([TORONTO, MONTREAL], 1, false).order).toEqual([1, 0]);
  });
});

describe('hubs', () => {
  const east = [TORONTO, MONTREAL, { lat: 45.4215, lon: -75.6972 }, { lat: 43.2557, lon: -79.8711 }];
  const uk = [
    { lat: 51.5072, lon: -0.1276 },
    { lat: 53.4808, lon: -2.2426 },
    { lat: 52.4862, lon: -1.8904 },
  ];

  it('finds the obvious groups, deterministically', () => {
    const ps = [...east, ...uk];
    const a = kMeans(ps, 2);
    const b = kMeans(ps, 2);
    expect(a.labels).toEqual(b.labels);
    expect(new Set(a.labels.slice(0, 4)).size).toBe(1);
    expect(new Set(a.labels.slice(4)).size).toBe(1);
    expect(a.labels[0]).not.toBe(a.labels[4]);
    expect(silhouette(ps, a.labels)).toBeGreaterThan(0.9);
  });

  it('takes the spherical mean across the antimeridian', () => {
    const m = sphericalMean([
      { lat: 0, lon: 179 },
      { lat: 0, lon: -179 },
    ]);
    expect(Math.abs(m.lon)).toBeCloseTo(180, 6);
  });

  it('has no silhouette for one cluster', () => {
    expect(silhouette(east, [0, 0, 0, 0])).toBeNull();
  });
});
