import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

/** A Wikipedia language code. */
export const Lang = z._default(
  z
    .string()
    .check(
      z.maxLength(35),
      z.regex(/^[a-z]{2,3}(-[a-z]+)*$/, 'Must be a Wikipedia language code such as "en" or "pt-br"'),
    ),
  'en',
);

/** A page title as a person types it: 1–200 characters after trimming. */
export const CityName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** An integer query parameter within bounds, with a default. */
export const intParam = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

export const CityParams = z.object({ name: CityName });
export const CityQuery = z.object({ lang: Lang, sentences: intParam(1, 10, 3) });

/**
 * 2–20 names: one `cities` parameter split at commas, or the parameter repeated
 * once per name (for names that contain a comma, such as "Washington, D.C.").
 */
export const NameList = (min: number, max: number) =>
  z.pipe(
    z.pipe(
      z.union([z.string(), z.array(z.string())]),
      z.transform((v: string | string[]) => (Array.isArray(v) ? v : v.split(','))),
    ),
    z.array(CityName).check(z.minLength(min), z.maxLength(max)),
  );

/** How many names each list route takes. */
export const NAME_LIMITS = { compare: [2, 20], route: [2, 50], hubs: [3, 100] } as const;

export const CompareQuery = z.object({ cities: NameList(...NAME_LIMITS.compare), lang: Lang });

export const DistanceQuery = z.object({
  from: CityName,
  to: CityName,
  mode: z._default(z.enum(['air', 'road', 'rail']), 'air'),
  lang: Lang,
});

/** Longest /analyze text, in characters (Unicode code points); longer is 413. */
export const MAX_ANALYZE_CHARS = 100_000;

export const AnalyzeBody = z.object({
  text: z.string().check(z.refine((t) => t.trim().length > 0, 'Must contain some text')),
  lang: Lang,
  keywords: z._default(z.number().check(z.int(), z.gte(0), z.lte(50)), 10),
  sentences: z._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 3),
});

const names = (min: number, max: number) => z.array(CityName).check(z.minLength(min), z.maxLength(max));

export const RouteBody = z.object({
  cities: names(...NAME_LIMITS.route),
  start: z.optional(CityName),
  roundTrip: z._default(z.boolean(), false),
  lang: Lang,
});

export const HubsBody = z.object({
  cities: names(...NAME_LIMITS.hubs),
  k: z.optional(z.number().check(z.int(), z.gte(1), z.lte(20))),
  lang: Lang,
});

/** An absolute URL; which schemes, ports and addresses may be fetched is decided later (blocked_url). */
const absoluteUrl = z.string().check(
  z.maxLength(2048),
  z.refine((s) => URL.canParse(s), 'Must be an absolute URL'),
);

/** Either `url`, or `html` with an optional `baseUrl`. */
export const ParseBody = z
  .object({ url: z.optional(absoluteUrl), html: z.optional(z.string()), baseUrl: z.optional(absoluteUrl) })
  .check(
    z.refine((b) => (b.url === undefined) !== (b.html === undefined), {
      message: 'Give exactly one of "url" and "html"',
      path: ['url'],
    }),
    z.refine((b) => b.baseUrl === undefined || b.html !== undefined, {
      message: '"baseUrl" goes with "html"',
      path: ['baseUrl'],
    }),
  );
