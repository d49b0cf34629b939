import type { LatLon } from './types.js';

/** A small seeded PRNG (mulberry32), so the same input always gives the same answer. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a tag and the points: the seed of a PRNG for that input. */
export function seedOf(points: LatLon[], tag: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of `${tag};${points.map((p) => `${p.lat},${p.lon}`).join(';')}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
