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
/** A timing fills at least this much CPU time, so calls of a fraction of a millisecond are measured as well as long ones. */
const MIN_MS = 40;

/** CPU time of this process per call of `work`, over as many calls as fill at least {@link MIN_MS}. */
export async function cpuPerCall(work: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  let calls = 0;
  let used = 0;
  do {
    await work();
    calls++;
    const d = process.cpuUsage(start);
    used = (d.user + d.system) / 1000;
  } while (used < MIN_MS);
  return used / calls;
}

/**
 * How many times longer the work takes at 4n than at n. Each try takes the fastest of five
 * timings at each size, interleaved, and the answer is the best of up to three tries. Linear
 * work gives about 4 and quadratic work about 16. A busy moment on the machine (another
 * test process, a collection of a large heap) can only make a try look worse, so the best
 * try is the truest, and retrying never hides quadratic growth.
 */
export async function growthRatio<T>(g: Growth<T>): Promise<number> {
  const small = g.prepare(g.n);
  const large = g.prepare(4 * g.n);
  // warm up both sizes (JIT, lazy imports, segmenter data, paths only a large input takes)
  await g.work(small);
  await g.work(large);
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && best >= g.below; attempt++) {
    let s = Number.POSITIVE_INFINITY;
    let l = Number.POSITIVE_INFINITY;
    for (let i = 0; i < RUNS; i++) {
      s = Math.min(s, await cpuPerCall(() => g.work(small)));
      l = Math.min(l, await cpuPerCall(() => g.work(large)));
    }
    best = Math.min(best, l / s);
  }
  return best;
}
