/**
 * Tour improvement for the travelling-salesman heuristic: 2-opt and Or-opt
 * restricted to each city's nearest neighbours, with "don't look" bits, and an
 * iterated local search that perturbs the best tour with double-bridge kicks.
 *
 * A tour is a cycle over `n` nodes held in an array; distances are a flat
 * symmetric matrix. Open paths are handled by the caller with a dummy node.
 */

import { prng } from './random.js';

/** A flat symmetric distance matrix over n nodes. */
export interface Metric {
  n: number;
  d: Float64Array;
}

const EPS = 1e-9;
/** Candidate neighbours examined per node. */
const NEIGHBOURS = 10;
/** The longest chain of cities Or-opt moves at once. */
const OR_OPT_MAX = 3;

export const dist = (m: Metric, a: number, b: number): number => m.d[a * m.n + b] as number;

export function tourLength(m: Metric, tour: ArrayLike<number>): number {
  let km = 0;
  for (let i = 0; i < tour.length; i++) km += dist(m, tour[i] as number, tour[(i + 1) % tour.length] as number);
  return km;
}

/** Each node's `k` nearest others, nearest first. */
export function neighbourLists(m: Metric, k = Math.min(NEIGHBOURS, m.n - 1)): Int32Array[] {
  const all = [...Array(m.n).keys()];
  return all.map((a) => {
    const others = all.filter((b) => b !== a).sort((x, y) => dist(m, a, x) - dist(m, a, y) || x - y);
    return Int32Array.from(others.slice(0, k));
  });
}

/** A tour with its positions, improved in place. */
class Tour {
  readonly pos: Int32Array;
  constructor(
    readonly m: Metric,
    readonly t: Int32Array,
  ) {
    this.pos = new Int32Array(m.n);
    this.reindex();
  }
  reindex(): void {
    for (let i = 0; i < this.t.length; i++) this.pos[this.t[i] as number] = i;
  }
  at(i: number): number {
    const n = this.t.length;
    return this.t[((i % n) + n) % n] as number;
  }
  succ(a: number): number {
    return this.at((this.pos[a] as number) + 1);
  }
  pred(a: number): number {
    return this.at((this.pos[a] as number) - 1);
  }
  /** Reverses the path from position i forward to position j (cyclic), or its complement, whichever is shorter. */
  reverse(i: number, j: number): void {
    const n = this.t.length;
    let len = ((j - i + n) % n) + 1;
    if (2 * len > n) {
      [i, j] = [j + 1, i - 1];
      len = n - len;
    }
    for (let s = 0; s < len >> 1; s++) {
      const a = (((i + s) % n) + n) % n;
      const b = (((j - s) % n) + n) % n;
      const x = this.t[a] as number;
      const y = this.t[b] as number;
      this.t[a] = y;
      this.t[b] = x;
      this.pos[y] = a;
      this.pos[x] = b;
    }
  }
}

/**
 * 2-opt and Or-opt until no move over the candidate lists shortens the tour.
 * Only nodes in the queue (and the ends of every applied move) are examined.
 */
function improve(tour: Tour, nbr: Int32Array[], start: ArrayLike<number>): void {
  const n = tour.m.n;
  const queued = new Uint8Array(n);
  const ring = new Int32Array(n);
  let head = 0;
  let size = 0;
  const touched: number[] = [];
  const push = (x: number) => {
    if (queued[x]) return;
    queued[x] = 1;
    ring[(head + size) % n] = x;
    size++;
  };
  for (let i = 0; i < start.length; i++) push(start[i] as number);
  while (size > 0) {
    const a = ring[head] as number;
    head = (head + 1) % n;
    size--;
    queued[a] = 0;
    touched.length = 0;
    if (twoOpt(tour, nbr, a, touched) || orOpt(tour, nbr, a, touched)) {
      push(a);
      for (const x of touched) push(x);
    }
  }
}

/** The first improving 2-opt move around node a, applied; the nodes whose edges changed go to `touched`. */
function twoOpt(tour: Tour, nbr: Int32Array[], a: number, touched: number[]): boolean {
  const { m } = tour;
  const near = nbr[a] as Int32Array;
  for (let dir = 0; dir < 2; dir++) {
    const forward = dir === 0;
    const b = forward ? tour.succ(a) : tour.pred(a);
    const dab = dist(m, a, b);
    for (let k = 0; k < near.length; k++) {
      const c = near[k] as number;
      const dac = dist(m, a, c);
      if (dac >= dab - EPS) break;
      const d = forward ? tour.succ(c) : tour.pred(c);
      if (c === b || d === a) continue;
      if (dac + dist(m, b, d) < dab + dist(m, c, d) - EPS) {
        if (forward) tour.reverse(tour.pos[b] as number, tour.pos[c] as number);
        else tour.reverse(tour.pos[a] as number, tour.pos[d] as number);
        touched.push(b, c, d);
        return true;
      }
    }
  }
  return false;
}

/** Moves the chain of 1–3 cities starting at a (forward) between two neighbours, if that shortens the tour. */
function orOpt(tour: Tour, nbr: Int32Array[], a: number, touched: number[]): boolean {
  const { m } = tour;
  const n = m.n;
  for (let len = 1; len <= Math.min(OR_OPT_MAX, n - 3); len++) {
    const i = tour.pos[a] as number;
    const s1 = a;
    const s2 = tour.at(i + len - 1);
    const p = tour.at(i - 1);
    const nx = tour.at(i + len);
    const gain = dist(m, p, s1) + dist(m, s2, nx) - dist(m, p, nx);
    if (gain <= EPS) continue;
    for (let side = 0; side < 2; side++) {
      const end = side === 0 ? s1 : s2;
      const other = side === 0 ? s2 : s1;
      const near = nbr[end] as Int32Array;
      for (let k = 0; k < near.length; k++) {
        const c = near[k] as number;
        if (dist(m, end, c) >= gain - EPS) break;
        if (((tour.pos[c] as number) - i + n) % n < len) continue;
        for (let way = 0; way < 2; way++) {
          const e = way === 0 ? tour.succ(c) : tour.pred(c);
          if (((tour.pos[e] as number) - i + n) % n < len) continue;
          // the chain goes between c and e, with `end` next to c
          if (dist(m, c, end) + dist(m, other, e) - dist(m, c, e) < gain - EPS) {
            moveChain(tour, i, len, c, e, end);
            touched.push(s1, s2, p, nx, c, e);
            return true;
          }
        }
      }
    }
  }
  return false;
}

/** Takes the chain at positions i..i+len−1 out and puts it between adjacent c and e, `end` beside c. */
function moveChain(tour: Tour, i: number, len: number, c: number, e: number, end: number): void {
  const n = tour.t.length;
  const chain: number[] = [];
  for (let s = 0; s < len; s++) chain.push(tour.at(i + s));
  const rest: number[] = [];
  for (let s = len; s < n; s++) rest.push(tour.at(i + s));
  const out: number[] = [];
  for (let k = 0; k < rest.length; k++) {
    const x = rest[k] as number;
    const y = rest[(k + 1) % rest.length] as number;
    out.push(x);
    if ((x === c && y === e) || (x === e && y === c)) {
      // walking x → y, the chain's `end` must sit beside c
      const endFirst = x === c;
      out.push(...((chain[0] === end) === endFirst ? chain : chain.reverse()));
    }
  }
  tour.t.set(out);
  tour.reindex();
}

/** A locally optimal version of `start` (2-opt + Or-opt over every node). */
export function localOptimum(m: Metric, nbr: Int32Array[], start: ArrayLike<number>): Int32Array {
  const tour = new Tour(m, Int32Array.from(start));
  improve(tour, nbr, [...tour.t]);
  return tour.t;
}

/**
 * Iterated local search: `kicks` double-bridge perturbations of the current
 * tour, each followed by local search; a result no longer than the current
 * tour replaces it. Deterministic for the same seed. The wrap-around edge
 * (last position to first) is never cut by a kick.
 */
export function iteratedLocalSearch(
  m: Metric,
  nbr: Int32Array[],
  start: Int32Array,
  kicks: number,
  seed: number,
): Int32Array {
  const n = m.n;
  const random = prng(seed);
  const best = Int32Array.from(start);
  let bestKm = tourLength(m, best);
  if (n < 8) return best;
  const tour = new Tour(m, Int32Array.from(best));
  const ends: number[] = [];
  for (let k = 0; k < kicks; k++) {
    // three distinct cut positions 1 ≤ p1 < p2 < p3 ≤ n−1: A | B | C | D → A C B D
    let p1 = 1 + Math.floor(random() * (n - 1));
    let p2 = 1 + Math.floor(random() * (n - 2));
    if (p2 >= p1) p2++;
    let p3 = 1 + Math.floor(random() * (n - 3));
    if (p3 >= Math.min(p1, p2)) p3++;
    if (p3 >= Math.max(p1, p2)) p3++;
    [p1, p2, p3] = [p1, p2, p3].sort((x, y) => x - y) as [number, number, number];
    const t = tour.t;
    t.set(best.subarray(0, p1), 0);
    t.set(best.subarray(p2, p3), p1);
    t.set(best.subarray(p1, p2), p1 + p3 - p2);
    t.set(best.subarray(p3), p3);
    tour.reindex();
    ends.length = 0;
    ends.push(best[p1 - 1] as number, best[p1] as number, best[p2 - 1] as number);
    ends.push(best[p2] as number, best[p3 - 1] as number, best[p3 % n] as number);
    improve(tour, nbr, ends);
    const km = tourLength(m, t);
    if (km <= bestKm + EPS) {
      best.set(t);
      bestKm = km;
    }
  }
  return best;
}
