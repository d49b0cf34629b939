import type { LatLon } from '../wikipedia/types.js';
import { greatCircleKm } from './distance.js';

type Vec = [number, number, number];

const rad = (d: number) => (d * Math.PI) / 180;
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

/** A small seeded PRNG (mulberry32), so the same input always gives the same clusters. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the points, the seed of the PRNG. */
function seedOf(points: LatLon[], k: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${k};${points.map((p) => `${p.lat},${p.lon}`).join(';')}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Clustering {
  /** Cluster index of each point. */
  labels: number[];
  centres: LatLon[];
  /** Sum of squared great-circle distances to the centres, km². */
  cost: number;
}

function assign(points: LatLon[], centres: LatLon[]): { labels: number[]; cost: number } {
  let cost = 0;
  const labels = points.map((p) => {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    centres.forEach((c, i) => {
      const d = greatCircleKm(p, c);
      if (d < bestD) [best, bestD] = [i, d];
    });
    cost += bestD * bestD;
    return best;
  });
  return { labels, cost };
}

/** k-means++ seeding: each next centre drawn with probability proportional to its squared distance. */
function seedCentres(points: LatLon[], k: number, random: () => number): LatLon[] {
  const centres = [points[Math.floor(random() * points.length)] as LatLon];
  while (centres.length < k) {
    const d2 = points.map((p) => Math.min(...centres.map((c) => greatCircleKm(p, c))) ** 2);
    const total = d2.reduce((a, b) => a + b, 0);
    if (total === 0) {
      centres.push(points[centres.length % points.length] as LatLon);
      continue;
    }
    let r = random() * total;
    let i = 0;
    while (i < d2.length - 1 && r >= (d2[i] as number)) r -= d2[i++] as number;
    centres.push(points[i] as LatLon);
  }
  return centres;
}

/** Without a requested k, /hubs tries k = 2..min(MAX_AUTO_K, n − 1). */
export const MAX_AUTO_K = 8;
const RESTARTS = 8;
const MAX_ITERATIONS = 100;

/** k-means on the sphere with k-means++ seeding, best of a few seeded restarts; deterministic for the same input. */
export function kMeans(points: LatLon[], k: number): Clustering {
  const random = prng(seedOf(points, k));
  let best: Clustering | null = null;
  for (let run = 0; run < RESTARTS; run++) {
    let centres = seedCentres(points, k, random);
    let { labels, cost } = assign(points, centres);
    for (let it = 0; it < MAX_ITERATIONS; it++) {
      centres = centres.map((c, i) => {
        const members = points.filter((_, j) => labels[j] === i);
        return members.length ? sphericalMean(members) : c;
      });
      const next = assign(points, centres);
      const changed = next.labels.some((l, j) => l !== labels[j]);
      ({ labels, cost } = next);
      if (!changed) break;
    }
    if (!best || cost < best.cost - 1e-9) best = { labels, centres, cost };
  }
  return best as Clustering;
}

/** Mean silhouette over all points (great-circle distances); null when it is undefined (k < 2 or k = n). */
export function silhouette(points: LatLon[], labels: number[]): number | null {
  const k = new Set(labels).size;
  if (k < 2 || k >= points.length) return null;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const byCluster = new Map<number, { sum: number; n: number }>();
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const e = byCluster.get(labels[j] as number) ?? { sum: 0, n: 0 };
      e.sum += greatCircleKm(points[i] as LatLon, points[j] as LatLon);
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
  return total / points.length;
}
