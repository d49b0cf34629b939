/**
 * The limits of /route and /hubs that the route table's descriptions also state, in a
 * module of their own: importing them at start-up does not load the solvers.
 */

/** Up to this many points the order is exact (Held–Karp); above, a multi-start local search. */
export const EXACT_LIMIT = 10;

/** Without a requested k, /hubs tries k = 2..min(MAX_AUTO_K, n − 1). */
export const MAX_AUTO_K = 8;
