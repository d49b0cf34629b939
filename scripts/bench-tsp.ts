/**
 * `pnpm bench:tsp`: /route's heuristic against the best known tour, on random and
 * clustered point sets of 20, 30, 40 and 50 cities (round trips and open paths).
 * "Best known" is computed here: brute force up to 10 points (a sanity check of the
 * exact solver), and above that the best of many randomly restarted local searches
 * with ten times the kicks. Prints progress to stderr and a table to stdout.
 */
import { greatCircleKm } from '../packages/core/src/geo/distance.js';
import {
  iteratedLocalSearch,
  localOptimum,
  neighbourLists,
  tourLength,
} from '../packages/core/src/geo/local-search.js';
import { prng } from '../packages/core/src/geo/random.js';
import { shortestTour } from '../packages/core/src/geo/tsp.js';
import type { LatLon } from '../packages/core/src/geo/types.js';

const SETS = Number(process.env.SETS ?? 5);
const RESTARTS = Number(process.env.RESTARTS ?? 20);
const KICKS_BEST = Number(process.env.KICKS_BEST ?? 400);

function randomSet(n: number, seed: number): LatLon[] {
  const r = prng(seed);
  return Array.from({ length: n }, () => ({ lat: 35 + r() * 25, lon: -10 + r() * 40 }));
}

function clusteredSet(n: number, seed: number): LatLon[] {
  const r = prng(seed);
  const centres = Array.from({ length: 4 }, () => ({ lat: 35 + r() * 25, lon: -10 + r() * 40 }));
  return Array.from({ length: n }, (_, i) => {
    const c = centres[i % centres.length] as LatLon;
    return { lat: c.lat + (r() - 0.5) * 2, lon: c.lon + (r() - 0.5) * 3 };
  });
}

/** The best of RESTARTS random starts, each locally optimised then searched with 10× the product's kicks. */
function bestKnown(points: LatLon[], start: number, roundTrip: boolean): number {
  const n = points.length + (roundTrip ? 0 : 1);
  const d = new Float64Array(n * n);
  let longest = 0;
  for (let a = 0; a < points.length; a++)
    for (let b = 0; b < points.length; b++) {
      const v = greatCircleKm(points[a] as LatLon, points[b] as LatLon);
      d[a * n + b] = v;
      longest = Math.max(longest, v);
    }
  if (!roundTrip)
    for (let a = 0; a < points.length; a++) {
      const v = a === start ? 0 : (longest + 1) * points.length;
      d[a * n + points.length] = v;
      d[points.length * n + a] = v;
    }
  const m = { n, d };
  const near = neighbourLists(m);
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < RESTARTS; s++) {
    const r = prng(1000 + s);
    const order = [...Array(n).keys()].sort(() => r() - 0.5);
    const i = order.indexOf(roundTrip ? start : points.length);
    const rotated = [...order.slice(i + 1), ...order.slice(0, i + 1)];
    const tour = iteratedLocalSearch(m, near, localOptimum(m, near, rotated), KICKS_BEST * n, 77 + s);
    const km = tourLength(m, tour) - (roundTrip ? 0 : (longest + 1) * points.length);
    best = Math.min(best, km);
  }
  return best;
}

/** The previous heuristic (nearest neighbour, then 2-opt to a local optimum), as the paired baseline. */
function previousHeuristic(points: LatLon[], start: number, roundTrip: boolean): number {
  const n = points.length;
  const d = points.map((a) => points.map((b) => greatCircleKm(a, b)));
  const len = (o: number[]) => {
    let km = 0;
    for (let i = 1; i < o.length; i++) km += (d[o[i - 1] as number] as number[])[o[i] as number] as number;
    return roundTrip ? km + ((d[o[o.length - 1] as number] as number[])[o[0] as number] as number) : km;
  };
  const seen = new Set([start]);
  const order = [start];
  while (order.length < n) {
    const last = d[order[order.length - 1] as number] as number[];
    let next = -1;
    for (let i = 0; i < n; i++)
      if (!seen.has(i) && (next === -1 || (last[i] as number) < (last[next] as number))) next = i;
    seen.add(next);
    order.push(next);
  }
  let best = len(order);
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 1; i < n - 1; i++)
      for (let k = i + 1; k < n; k++) {
        const c = [...order.slice(0, i), ...order.slice(i, k + 1).reverse(), ...order.slice(k + 1)];
        const km = len(c);
        if (km < best - 1e-9) {
          order.splice(0, n, ...c);
          best = km;
          improved = true;
        }
      }
  }
  return best;
}

const rows: string[] = [];
for (const kind of ['random', 'clustered'] as const) {
  for (const n of [20, 30, 40, 50]) {
    for (const roundTrip of [true, false]) {
      let worst = 0;
      let sum = 0;
      let previousSum = 0;
      const times: number[] = [];
      for (let s = 1; s <= SETS; s++) {
        const points = kind === 'random' ? randomSet(n, s * 7919 + n) : clusteredSet(n, s * 104729 + n);
        const t0 = performance.now();
        const tour = shortestTour(points, 0, roundTrip);
        times.push(performance.now() - t0);
        const previous = previousHeuristic(points, 0, roundTrip);
        const best = Math.min(bestKnown(points, 0, roundTrip), tour.km, previous);
        const gap = (tour.km / best - 1) * 100;
        previousSum += (previous / best - 1) * 100;
        worst = Math.max(worst, gap);
        sum += gap;
        process.stderr.write(
          `  ${kind} n=${n} ${roundTrip ? 'round trip' : 'open path'} set ${s}: +${gap.toFixed(2)}%\n`,
        );
      }
      times.sort((a, b) => a - b);
      rows.push(
        `| ${kind} | ${n} | ${roundTrip ? 'round trip' : 'open path'} | ${(sum / SETS).toFixed(2)}% | ${(previousSum / SETS).toFixed(2)}% | ${worst.toFixed(2)}% | ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms (max ${times[times.length - 1]?.toFixed(1)}) |`,
      );
    }
  }
}
process.stdout.write(
  `\n| points | n | kind | mean gap | previous heuristic's mean gap | worst gap | time (median, max) |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
