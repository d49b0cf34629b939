import { EARTH_RADIUS_KM, greatCircleKm, rad } from './distance.js';
import { MAX_AUTO_K } from './limits.js';
import { prng, seedOf } from './random.js';
import type { LatLon } from './types.js';

type Vec = [number, number, number];

const deg = (r: number) => (r * 180) / Math.PI;

function toVec(p: LatLon): Vec {
  const la = rad(p.lat);
  const lo = rad(p.lon);
  return [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
}

function toLatLon(v: Vec): LatLon {
  const [x, y, z] = v;
  return { lat: deg(Math.atan2(z, Math.hypot(x, y))), lon: deg(Math.atan2(y, x)) };
}

/** The spherical mean: the normalized sum of unit vectors (undefined for antipodal sets; then the first point). */
export function sphericalMean(points: LatLon[]): LatLon {
  const sum: Vec = [0, 0, 0];
  for (const p of points) {
    const v = toVec(p);
    sum[0] += v[0];
    sum[1] += v[1];
    sum[2] += v[2];
  }
  const norm = Math.hypot(...sum);
  if (norm < 1e-12) return points[0] as LatLon;
  return toLatLon([sum[0] / norm, sum[1] / norm, sum[2] / norm]);
}

export interface Clustering {
  /** Cluster index of each point. */
  labels: number[];
  centres: LatLon[];
  /** Sum of squared great-circle distances to the centres, km². */
  cost: number;
}

/** Great-circle distances between every pair of points, computed once per request (km, flat n × n). */
export function pairwise(points: LatLon[]): Float64Array {
  const n = points.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const km = greatCircleKm(points[i] as LatLon, points[j] as LatLon);
      d[i * n + j] = km;
      d[j * n + i] = km;
    }
  return d;
}

/** Each point to its nearest centre, by the largest dot product of unit vectors (the shortest great circle). */
function assign(vecs: Vec[], centres: LatLon[]): { labels: number[]; cost: number } {
  const cv = centres.map(toVec);
  let cost = 0;
  const labels = vecs.map((v) => {
    let best = 0;
    let bestDot = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < cv.length; i++) {
      const c = cv[i] as Vec;
      const dot = v[0] * c[0] + v[1] * c[1] + v[2] * c[2];
      if (dot > bestDot) [best, bestDot] = [i, dot];
    }
    const km = EARTH_RADIUS_KM * Math.acos(Math.max(-1, Math.min(1, bestDot)));
    cost += km * km;
    return best;
  });
  return { labels, cost };
}

/** k-means++ seeding: each next centre drawn with probability proportional to its squared distance. */
function seedCentres(d: Float64Array, n: number, k: number, random: () => number): number[] {
  const chosen = [Math.floor(random() * n)];
  const nearest = Array.from({ length: n }, (_, p) => d[p * n + (chosen[0] as number)] as number);
  while (chosen.length < k) {
    const d2 = nearest.map((x) => x * x);
    const total = d2.reduce((a, b) => a + b, 0);
    let next: number;
    if (total === 0) next = chosen.length % n;
    else {
      let r = random() * total;
      next = 0;
      while (next < n - 1 && r >= (d2[next] as number)) r -= d2[next++] as number;
    }
    chosen.push(next);
    for (let p = 0; p < n; p++) nearest[p] = Math.min(nearest[p] as number, d[p * n + next] as number);
  }
  return chosen;
}

export { MAX_AUTO_K };

const RESTARTS = 8;
const MAX_ITERATIONS = 100;

/** k-means on the sphere with k-means++ seeding, best of a few seeded restarts; deterministic for the same input. */
export function kMeans(points: LatLon[], k: number, d: Float64Array = pairwise(points)): Clustering {
  const random = prng(seedOf(points, k));
  const vecs = points.map(toVec);
  let best: Clustering | null = null;
  for (let run = 0; run < RESTARTS; run++) {
    let centres = seedCentres(d, points.length, k, random).map((i) => points[i] as LatLon);
    let { labels, cost } = assign(vecs, centres);
    for (let it = 0; it < MAX_ITERATIONS; it++) {
      centres = centres.map((c, i) => {
        const members = points.filter((_, j) => labels[j] === i);
        return members.length ? sphericalMean(members) : c;
      });
      const next = assign(vecs, centres);
      const changed = next.labels.some((l, j) => l !== labels[j]);
      ({ labels, cost } = next);
      if (!changed) break;
    }
    if (!best || cost < best.cost - 1e-9) best = { labels, centres, cost };
  }
  return best as Clustering;
}

/** Mean silhouette over all points (great-circle distances); null when it is undefined (k < 2 or k = n). */
export function silhouette(points: LatLon[], labels: number[], d: Float64Array = pairwise(points)): number | null {
  const k = new Set(labels).size;
  const n = points.length;
  if (k < 2 || k >= n) return null;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const byCluster = new Map<number, { sum: number; n: number }>();
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const e = byCluster.get(labels[j] as number) ?? { sum: 0, n: 0 };
      e.sum += d[i * n + j] as number;
      e.n++;
      byCluster.set(labels[j] as number, e);
    }
    const own = byCluster.get(labels[i] as number);
    if (!own || own.n === 0) continue; // a singleton scores 0
    const a = own.sum / own.n;
    let b = Number.POSITIVE_INFINITY;
    for (const [c, e] of byCluster) if (c !== labels[i]) b = Math.min(b, e.sum / e.n);
    const s = Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
    total += s;
  }
  return total / n;
}

/** A one-city hub stands only this many times farther from its nearest city than the median city does. */
export const ISOLATION_FACTOR = 3;

/**
 * Whether a grouping's one-city hubs are real: each such city must be farther
 * from every other city than the widest other hub is across, and more than
 * ISOLATION_FACTOR times the median nearest-neighbour distance (an island far
 * from the rest), not just a city k-means left over.
 */
export function singletonsIsolated(labels: number[], d: Float64Array): boolean {
  const n = labels.length;
  const size = new Map<number, number>();
  for (const l of labels) size.set(l, (size.get(l) ?? 0) + 1);
  if (![...size.values()].includes(1)) return true;
  let widest = 0;
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const km = d[i * n + j] as number;
      if (km < (nearest[i] as number)) nearest[i] = km;
      if (labels[i] === labels[j] && km > widest) widest = km;
    }
  const median = [...nearest].sort((a, b) => a - b)[n >> 1] as number;
  for (let i = 0; i < n; i++) {
    if (size.get(labels[i] as number) !== 1) continue;
    const gap = nearest[i] as number;
    if (gap <= widest || gap <= ISOLATION_FACTOR * median) return false;
  }
  return true;
}

export interface Grouping {
  k: number;
  labels: number[];
  /** Mean silhouette; null where it is undefined. */
  score: number | null;
}

/** k groups, as asked. */
export function groupInto(points: LatLon[], k: number, d: Float64Array = pairwise(points)): Grouping {
  const { labels } = kMeans(points, k, d);
  return { k, labels, score: silhouette(points, labels, d) };
}

/**
 * k chosen by the best mean silhouette over k = 2..min(MAX_AUTO_K, n − 1),
 * among groupings whose one-city hubs are isolated (see singletonsIsolated);
 * when every grouping has a hub of one unisolated city, the best k = 2.
 */
export function groupBySilhouette(points: LatLon[], d: Float64Array = pairwise(points)): Grouping {
  const n = points.length;
  if (n <= 2) return { k: 1, labels: points.map(() => 0), score: null };
  let best: Grouping | null = null;
  let fallback: Grouping | null = null;
  for (let k = 2; k <= Math.min(MAX_AUTO_K, n - 1); k++) {
    const { labels } = kMeans(points, k, d);
    const score = silhouette(points, labels, d);
    fallback ??= { k, labels, score };
    if (!singletonsIsolated(labels, d)) continue;
    if (!best || (score ?? Number.NEGATIVE_INFINITY) > (best.score ?? Number.NEGATIVE_INFINITY) + 1e-12)
      best = { k, labels, score };
  }
  return (best ?? fallback) as Grouping;
}
