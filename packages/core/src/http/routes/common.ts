import type { ProblemCode } from '../../errors.js';

/** What the route files share: tags, problem groups, costs and wording (no zod here: loaded at start). */

/** OpenAPI tags, one per group of routes; the first route of each tag in the index sets their order. */
export const TAGS = {
  cities: { name: 'cities', description: 'Facts about cities from Wikipedia' },
  logistics: { name: 'logistics', description: 'Distances, routes and regional hubs between cities' },
  text: { name: 'text', description: 'Text analysis and web page parsing' },
  service: { name: 'service', description: 'Health and this API’s own description' },
} as const;

/** What any route that asks Wikipedia can answer with when Wikipedia fails. */
export const UPSTREAM: ProblemCode[] = ['upstream_error', 'upstream_unavailable', 'upstream_timeout'];

/** The naming rule of the answers about several cities. */
export const NAMING_RULE =
  'Cities are named by their resolved Wikipedia titles; `requested` maps a title to the name as typed where they differ, and `unresolved` keeps the names as typed.';

/** `2–20`: a limit as the summaries state it. */
export const rangeText = ([min, max]: readonly [number, number]) => `${min}–${max}`;

/**
 * Costs against RATE_LIMIT: one single-city lookup is 1 unit; a text is 1 unit per started
 * 10,000 characters (`textCost`); a fetched page is worth a few lookups.
 */
export const COST = { textChars: 10_000, fetchedPage: 5 } as const;
export const textCost = (text: string) => Math.max(1, Math.ceil(text.length / COST.textChars));
