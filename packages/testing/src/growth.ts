/** What a growth test measures: the input for a size, and the work on it. */
export interface Growth<T> {
  /** Builds the input of size `n` (not timed). */
  prepare: (n: number) => T;
  /** The work whose cost must grow linearly (timed, in CPU time of this process). */
  work: (input: T) => unknown;
  /** The small size; the large one is `4 * n`. */
  n: number;
  /** A try whose ratio is under this ends the measurement early. */
  below: number;
}

const RUNS = 5;
const ATTEMPTS = 3;
/** A smaller CPU time than this is rounded up, so a run too short to time cannot inflate the ratio. */
const FLOOR_MS = 0.5;

async function cpuMs<T>(g: Growth<T>, input: T): Promise<number> {
  const start = process.cpuUsage();
  await g.work(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * How many times longer the work takes at 4n than at n. Each try takes the fastest of five
 * runs at each size, interleaved, and the answer is the best of up to three tries. Linear
 * work gives about 4 and quadratic work about 16. A busy moment on the machine (another
 * test process, a collection of a large heap) can only make a try look worse, so the best
 * try is the truest, and retrying never hides quadratic growth.
 */
export async function growthRatio<T>(g: Growth<T>): Promise<number> {
  const small = g.prepare(g.n);
  const large = g.prepare(4 * g.n);
  await cpuMs(g, small); // warm up
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && best >= g.below; attempt++) {
    let s = Number.POSITIVE_INFINITY;
    let l = Number.POSITIVE_INFINITY;
    for (let i = 0; i < RUNS; i++) {
      s = Math.min(s, await cpuMs(g, small));
      l = Math.min(l, await cpuMs(g, large));
    }
    best = Math.min(best, l / Math.max(FLOOR_MS, s));
  }
  return best;
}
