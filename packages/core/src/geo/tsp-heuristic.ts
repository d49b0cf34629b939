/**
 * The heuristic tour above the exact limit: three deterministic constructions
 * (nearest neighbour, greedy edge, a Hilbert space-filling curve), each made
 * locally optimal by 2-opt and Or-opt, then an iterated local search
 * (double-bridge kicks) from the best of them, and a final full 2-opt/Or-opt
 * pass. An open path is solved as a cycle with a dummy node tied to the start.
 */

import { dist, iteratedLocalSearch, localOptimum, type Metric, neighbourLists, tourLength } from './local-search.js';
import { seedOf } from './random.js';
import type { LatLon } from './types.js';

export type Construction = 'nearest-neighbour' | 'greedy-edge' | 'space-filling-curve';

export interface SearchReport {
  /** The construction whose tour the search started from. */
  construction: Construction;
  /** The improvements that ran, in order. */
  improvements: string[];
  /** Double-bridge kicks of the iterated local search. */
  kicks: number;
}

/** Kicks per city of the iterated local search (deterministic, no time limit). */
export const KICKS_PER_CITY = 15;

export const IMPROVEMENTS = ['2-opt', 'or-opt', 'iterated-local-search'];

function nearestNeighbour(m: Metric, start: number): number[] {
  const seen = new Uint8Array(m.n);
  const order = [start];
  seen[start] = 1;
  while (order.length < m.n) {
    const last = order[order.length - 1] as number;
    let next = -1;
    for (let i = 0; i < m.n; i++) if (!seen[i] && (next === -1 || dist(m, last, i) < dist(m, last, next))) next = i;
    seen[next] = 1;
    order.push(next);
  }
  return order;
}

/** Greedy matching: the shortest edges first, while no city gets a third edge and no early cycle closes. */
function greedyEdge(m: Metric): number[] {
  const { n } = m;
  const edges: Array<[number, number]> = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) edges.push([a, b]);
  edges.sort((x, y) => dist(m, x[0], x[1]) - dist(m, y[0], y[1]) || x[0] - y[0] || x[1] - y[1]);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x] as number] as number;
    return x;
  };
  const degree = new Uint8Array(n);
  const adj: number[][] = Array.from({ length: n }, () => []);
  let added = 0;
  for (const [a, b] of edges) {
    if (added === n - 1) break;
    if ((degree[a] as number) >= 2 || (degree[b] as number) >= 2 || find(a) === find(b)) continue;
    parent[find(a)] = find(b);
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
    (adj[a] as number[]).push(b);
    (adj[b] as number[]).push(a);
    added++;
  }
  // walk the Hamiltonian path from one end; the closing edge is implied
  let at = degree.findIndex((x) => x < 2);
  const order: number[] = [];
  for (let prev = -1; at !== -1 && order.length < n; ) {
    order.push(at);
    const next = (adj[at] as number[]).find((x) => x !== prev) ?? -1;
    [prev, at] = [at, order.length < n ? next : -1];
  }
  return order;
}

/** Hilbert-curve index of (x, y) in [0, 1)² at 16 bits a side. */
function hilbert(x: number, y: number): number {
  const side = 1 << 16;
  let xi = Math.min(side - 1, Math.floor(x * side));
  let yi = Math.min(side - 1, Math.floor(y * side));
  let d = 0;
  for (let s = side >> 1; s > 0; s >>= 1) {
    const rx = (xi & s) > 0 ? 1 : 0;
    const ry = (yi & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        xi = side - 1 - xi;
        yi = side - 1 - yi;
      }
      [xi, yi] = [yi, xi];
    }
  }
  return d;
}

/** The cities in the order a space-filling curve over their bounding box meets them. */
function spaceFillingCurve(points: LatLon[]): number[] {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [la0, la1, lo0, lo1] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const span = Math.max(la1 - la0, lo1 - lo0, 1e-9);
  const key = points.map((p) => hilbert((p.lon - lo0) / span, (p.lat - la0) / span));
  return [...points.keys()].sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
}

/**
 * The metric the search runs on: the cities' distances, plus for an open path
 * a dummy node at no distance from the start and a large one from every other
 * city, so the best cycle through it is the best path from the start.
 */
function metricFor(d: number[][], start: number, roundTrip: boolean): Metric {
  const cities = d.length;
  const n = roundTrip ? cities : cities + 1;
  const flat = new Float64Array(n * n);
  let longest = 0;
  for (let a = 0; a < cities; a++)
    for (let b = 0; b < cities; b++) {
      const v = (d[a] as number[])[b] as number;
      flat[a * n + b] = v;
      if (v > longest) longest = v;
    }
  if (!roundTrip) {
    const far = (longest + 1) * cities;
    for (let a = 0; a < cities; a++) {
      const v = a === start ? 0 : far;
      flat[a * n + cities] = v;
      flat[cities * n + a] = v;
    }
  }
  return { n, d: flat };
}

/** A city order (a permutation of the cities) as a cycle of the metric: start first, the dummy last. */
function asCycle(order: number[], start: number, m: Metric, cities: number): number[] {
  const i = order.indexOf(start);
  const rotated = [...order.slice(i), ...order.slice(0, i)].filter((x) => x < cities);
  return m.n > cities ? [...rotated, cities] : rotated;
}

/** The cycle read from the start, away from the dummy (or in its stored direction for a round trip). */
function fromStart(cycle: Int32Array, start: number, cities: number): number[] {
  const n = cycle.length;
  const i = cycle.indexOf(start);
  const forward = Array.from({ length: n }, (_, s) => cycle[(i + s) % n] as number);
  if (n === cities) return forward;
  const ordered = forward[1] === cities ? [start, ...forward.slice(2).reverse()] : forward;
  return ordered.filter((x) => x < cities);
}

export function heuristicTour(
  points: LatLon[],
  d: number[][],
  start: number,
  roundTrip: boolean,
): { order: number[]; search: SearchReport } {
  const cities = points.length;
  const m = metricFor(d, start, roundTrip);
  const near = neighbourLists(m);
  const starts: Array<[Construction, number[]]> = [
    ['nearest-neighbour', nearestNeighbour(m, start)],
    ['greedy-edge', greedyEdge(m)],
    ['space-filling-curve', spaceFillingCurve(points)],
  ];
  let best: { construction: Construction; tour: Int32Array; km: number } | null = null;
  for (const [construction, order] of starts) {
    const tour = localOptimum(m, near, asCycle(order, start, m, cities));
    const km = tourLength(m, tour);
    if (!best || km < best.km - 1e-9) best = { construction, tour, km };
  }
  const { construction, tour } = best as NonNullable<typeof best>;
  const kicks = KICKS_PER_CITY * cities;
  const searched = iteratedLocalSearch(m, near, tour, kicks, seedOf(points, `${start};${roundTrip}`));
  const polished = localOptimum(m, neighbourLists(m, m.n - 1), searched);
  return { order: fromStart(polished, start, cities), search: { construction, improvements: IMPROVEMENTS, kicks } };
}
