/**
 * Limits of the request schemas that routes and their descriptions also state, in a
 * module without zod (see lazy-schema.ts): importing them never loads the schemas.
 */

/** How many names each list route takes. */
export const NAME_LIMITS = { compare: [2, 20], route: [2, 50], hubs: [3, 100] } as const;

/** Longest /analyze text, in characters (Unicode code points); longer is 413. */
export const MAX_ANALYZE_CHARS = 100_000;
