import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../src/geo/distance.js';
import { groupBySilhouette, pairwise, singletonsIsolated } from '../src/geo/hubs.js';
import { prng } from '../src/geo/random.js';
import { shortestTour } from '../src/geo/tsp.js';
import type { LatLon } from '../src/geo/types.js';
import { tourKm } from './tours.js';

const at = (lat: number, lon: number): LatLon => ({ lat, lon });
// Dublin, Cork, Galway, Limerick, Belfast
const IRELAND = [at(53.35, -6.26), at(51.9, -8.47), at(53.27, -9.05), at(52.66, -8.63), at(54.6, -5.93)];
// Berlin, Hamburg, Munich, Cologne, Frankfurt
const GERMANY = [at(52.52, 13.4), at(53.55, 9.99), at(48.14, 11.58), at(50.94, 6.96), at(50.11, 8.68)];
// Germany and the Low Countries, 14 cities
const REGION = [
  ...GERMANY,
  at(51.34, 12.37),
  at(51.05, 13.74),
  at(48.78, 9.18),
  at(49.45, 11.08),
  at(52.37, 9.73),
  at(52.37, 4.9),
  at(50.85, 4.35),
  at(51.92, 4.48),
  at(49.61, 6.13),
];

const sizes = (labels: number[]) => [...new Set(labels)].map((l) => labels.filter((x) => x === l).length);

describe('hubs chosen by silhouette', () => {
  it('keeps two real clusters apart and gives a far island its own hub', () => {
    const reykjavik = at(64.15, -21.94);
    const g = groupBySilhouette([...IRELAND, ...GERMANY, reykjavik]);
    expect(g.k).toBe(3);
    expect(new Set(g.labels.slice(0, 5)).size).toBe(1);
    expect(new Set(g.labels.slice(5, 10)).size).toBe(1);
    expect(sizes(g.labels).sort()).toEqual([1, 5, 5]);
    expect(g.labels[10]).not.toBe(g.labels[0]);
    expect(g.labels[10]).not.toBe(g.labels[5]);
  });

  it('puts a city just outside a cluster into it rather than alone', () => {
    const london = at(51.51, -0.13);
    const g = groupBySilhouette([...IRELAND, ...GERMANY, london]);
    expect(g.k).toBe(2);
    expect(sizes(g.labels)).not.toContain(1);
  });

  it('never leaves one nearby city alone while the others share the rest', () => {
    // silhouette alone picks a hub of one for each of these (k = 5: 3/2/4/5/1)
    for (const outlier of [at(55.68, 12.57), at(48.21, 16.37), at(54.35, 18.65)]) {
      const points = [...REGION, outlier];
      const g = groupBySilhouette(points);
      expect(sizes(g.labels)).not.toContain(1);
      expect(singletonsIsolated(g.labels, pairwise(points))).toBe(true);
    }
  });

  it('is deterministic', () => {
    const points = [...IRELAND, ...GERMANY, at(64.15, -21.94)];
    expect(groupBySilhouette(points)).toEqual(groupBySilhouette(points));
  });
});

function randomPoints(n: number, seed: number): LatLon[] {
  const r = prng(seed);
  return Array.from({ length: n }, () => at(35 + r() * 25, -10 + r() * 40));
}

/** Nearest neighbour then 2-opt: the previous heuristic, as a yardstick. */
function nearestNeighbourTwoOpt(ps: LatLon[], roundTrip: boolean): number {
  const n = ps.length;
  const seen = new Set([0]);
  const order = [0];
  while (order.length < n) {
    const last = ps[order[order.length - 1] as number] as LatLon;
    let next = -1;
    for (let i = 0; i < n; i++)
      if (
        !seen.has(i) &&
        (next === -1 || greatCircleKm(last, ps[i] as LatLon) < greatCircleKm(last, ps[next] as LatLon))
      )
        next = i;
    seen.add(next);
    order.push(next);
  }
  let best = tourKm(ps, order, roundTrip);
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 1; i < n - 1; i++)
      for (let k = i + 1; k < n; k++) {
        const c = [...order.slice(0, i), ...order.slice(i, k + 1).reverse(), ...order.slice(k + 1)];
        const km = tourKm(ps, c, roundTrip);
        if (km < best - 1e-9) {
          order.splice(0, n, ...c);
          best = km;
          improved = true;
        }
      }
  }
  return best;
}

describe('heuristic tours', () => {
  for (const roundTrip of [true, false]) {
    it(`visit every city once from the start, are deterministic and beat nearest neighbour + 2-opt (roundTrip ${roundTrip})`, () => {
      for (const n of [11, 25, 50]) {
        for (let seed = 1; seed <= 3; seed++) {
          const ps = randomPoints(n, seed * 31 + n);
          const start = seed % n;
          const t = shortestTour(ps, start, roundTrip);
          expect(t.algorithm).toBe('heuristic');
          expect(t.order[0]).toBe(start);
          expect([...t.order].sort((a, b) => a - b)).toEqual([...ps.keys()]);
          expect(t.km).toBeCloseTo(tourKm(ps, t.order, roundTrip), 6);
          expect(shortestTour(ps, start, roundTrip).order).toEqual(t.order);
          expect(t.search?.improvements).toEqual(['2-opt', 'or-opt', 'iterated-local-search']);
          if (start === 0) expect(t.km).toBeLessThanOrEqual(nearestNeighbourTwoOpt(ps, roundTrip) + 1e-6);
        }
      }
    });
  }

  it('leaves no Or-opt move of one city that shortens the tour', () => {
    const ps = randomPoints(40, 99);
    const { order, km } = shortestTour(ps, 0, true);
    for (let i = 1; i < order.length; i++) {
      const rest = order.filter((_, j) => j !== i);
      for (let k = 1; k <= rest.length; k++) {
        const moved = [...rest.slice(0, k), order[i] as number, ...rest.slice(k)];
        expect(tourKm(ps, moved, true)).toBeGreaterThanOrEqual(km - 1e-6);
      }
    }
  });
});
