import { greatCircleKm } from './distance.js';
import { EXACT_LIMIT } from './limits.js';
import { heuristicTour, type SearchReport } from './tsp-heuristic.js';
import type { LatLon } from './types.js';

export interface Tour {
  /** Indices into the points, starting with the start point. */
  order: number[];
  /** Sum of the legs, km (the return leg included for a round trip). */
  km: number;
  algorithm: 'exact' | 'heuristic';
  /** How the heuristic found the tour; null when it is exact. */
  search: SearchReport | null;
}

export { EXACT_LIMIT };

function matrix(points: LatLon[]): number[][] {
  return points.map((a) => points.map((b) => greatCircleKm(a, b)));
}

function length(order: number[], d: number[][], roundTrip: boolean): number {
  let km = 0;
  for (let i = 1; i < order.length; i++) km += (d[order[i - 1] as number] as number[])[order[i] as number] as number;
  if (roundTrip && order.length > 1)
    km += (d[order[order.length - 1] as number] as number[])[order[0] as number] as number;
  return km;
}

/** Held–Karp dynamic programming: the shortest path from `start` through every point (and back, for a round trip). */
function exact(d: number[][], start: number, roundTrip: boolean): number[] {
  const n = d.length;
  const others = [...Array(n).keys()].filter((i) => i !== start);
  const m = others.length;
  const full = (1 << m) - 1;
  // cost[mask][j]: shortest path from start visiting `mask`, ending at others[j]
  const cost = Array.from({ length: 1 << m }, () => new Float64Array(m).fill(Number.POSITIVE_INFINITY));
  const prev = Array.from({ length: 1 << m }, () => new Int8Array(m).fill(-1));
  const dist = (a: number, b: number) => (d[a] as number[])[b] as number;
  for (let j = 0; j < m; j++) (cost[1 << j] as Float64Array)[j] = dist(start, others[j] as number);
  for (let mask = 1; mask <= full; mask++) {
    const row = cost[mask] as Float64Array;
    for (let j = 0; j < m; j++) {
      if (!(mask & (1 << j)) || row[j] === Number.POSITIVE_INFINITY) continue;
      for (let k = 0; k < m; k++) {
        if (mask & (1 << k)) continue;
        const next = mask | (1 << k);
        const c = (row[j] as number) + dist(others[j] as number, others[k] as number);
        if (c < ((cost[next] as Float64Array)[k] as number)) {
          (cost[next] as Float64Array)[k] = c;
          (prev[next] as Int8Array)[k] = j;
        }
      }
    }
  }
  let best = -1;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    const c = ((cost[full] as Float64Array)[j] as number) + (roundTrip ? dist(others[j] as number, start) : 0);
    if (c < bestCost) [best, bestCost] = [j, c];
  }
  const path: number[] = [];
  for (let mask = full, j = best; j !== -1; ) {
    path.push(others[j] as number);
    const p = (prev[mask] as Int8Array)[j] as number;
    mask &= ~(1 << j);
    j = p;
  }
  return [start, ...path.reverse()];
}

/** The shortest visiting order it can find, from `start`; deterministic for the same input. */
export function shortestTour(points: LatLon[], start: number, roundTrip: boolean): Tour {
  const d = matrix(points);
  if (points.length <= 2) {
    const order = [start, ...[...points.keys()].filter((i) => i !== start)];
    return { order, km: length(order, d, roundTrip), algorithm: 'exact', search: null };
  }
  if (points.length <= EXACT_LIMIT) {
    const order = exact(d, start, roundTrip);
    return { order, km: length(order, d, roundTrip), algorithm: 'exact', search: null };
  }
  const { order, search } = heuristicTour(points, d, start, roundTrip);
  return { order, km: length(order, d, roundTrip), algorithm: 'heuristic', search };
}
