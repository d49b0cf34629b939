import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { WIKIPEDIA_LANGUAGES } from '../wikipedia/languages.generated.js';
import { MAX_ANALYZE_CHARS, NAME_LIMITS } from './limits.js';
import { markList } from './query.js';

export { MAX_ANALYZE_CHARS, NAME_LIMITS };

z.config(en());

/** Documentation of a parameter or field in /openapi.json: what it is, and examples. */
const doc = (description: string, ...examples: unknown[]) =>
  z.meta({ description, ...(examples.length ? { examples } : {}) });

/** A Wikipedia language code. */
export const Lang = z
  ._default(
    z
      .string()
      .check(
        z.maxLength(35),
        z.regex(/^[a-z]{2,3}(-[a-z]+)*$/, 'Must be a Wikipedia language code such as "en" or "pt-br"'),
      ),
    'en',
  )
  .check(doc('The Wikipedia to read, by its language code (`en` is en.wikipedia.org)', 'en', 'fr', 'pt-br'));

/**
 * The language of a Wikipedia edition: one of WIKIPEDIA_LANGUAGES (generated from
 * MediaWiki's sitematrix), so an unknown wiki is a 400 before any request is made.
 */
export const WikiLang = z
  ._default(
    z.string().check(
      z.maxLength(35),
      z.refine(
        (v) => WIKIPEDIA_LANGUAGES.has(v),
        'No Wikipedia has this language code: use one such as "en", "fr" or "zh-yue"',
      ),
    ),
    'en',
  )
  .check(doc('The Wikipedia to read, by its language code (`en` is en.wikipedia.org)', 'en', 'fr', 'zh-yue'));

/** A page title as a person types it: 1–200 characters after trimming. */
export const CityName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** An integer query parameter within bounds, with a default. */
export const intParam = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

export const CityParams = z.object({
  name: CityName.check(
    doc('The city as a person types it: a Wikipedia page title, any case, redirects followed', 'Toronto', 'São Paulo'),
  ),
});
export const CityQuery = z.object({
  lang: WikiLang,
  sentences: intParam(1, 10, 3).check(doc('How many sentences of the introduction `summary` holds', 3)),
});

/**
 * A list of names in the query (OpenAPI `style: form, explode: false`): one
 * parameter split at its literal commas before percent-decoding (so "%2C" stays
 * inside a name such as "Washington, D.C."), or the parameter repeated once per
 * name, commas included. The splitting is query.ts's `parseQuery`.
 */
export const NameList = (min: number, max: number, ...docs: Array<ReturnType<typeof doc>>) =>
  markList(
    z.pipe(
      z.pipe(
        z.union([z.string(), z.array(z.string())]).check(...docs),
        z.transform((v: string | string[]) => (Array.isArray(v) ? v : [v])),
      ),
      z.array(CityName).check(z.minLength(min), z.maxLength(max)),
    ),
  );

export const CompareQuery = z.object({
  cities: NameList(
    ...NAME_LIMITS.compare,
    doc(
      `${NAME_LIMITS.compare.join('–')} city names, separated by literal commas; a comma inside a name is sent encoded (\`Washington%2C%20D.C.\`), or the parameter is repeated once per name (each value one name, commas included)`,
      'Toronto,Montreal,Ottawa',
    ),
  ),
  lang: WikiLang,
});

export const DistanceQuery = z.object({
  from: CityName.check(doc('The city to measure from', 'Toronto')),
  to: CityName.check(doc('The city to measure to', 'Montreal')),
  mode: z
    ._default(z.enum(['air', 'road', 'rail']), 'air')
    .check(doc('How one travels: sets the detour factor and average speed of `hours`', 'road')),
  lang: WikiLang,
});

export const AnalyzeBody = z.object({
  text: z.string().check(
    z.refine((t) => t.trim().length > 0, 'Must contain some text'),
    doc(
      `The text, 1–${MAX_ANALYZE_CHARS} characters (Unicode code points)`,
      'Dublin is a lovely city with a busy harbour.',
    ),
  ),
  lang: Lang,
  keywords: z
    ._default(z.number().check(z.int(), z.gte(0), z.lte(50)), 10)
    .check(doc('How many keywords to return', 10)),
  sentences: z
    ._default(z.number().check(z.int(), z.gte(1), z.lte(20)), 3)
    .check(doc('How many sentences the summary holds, in their original order', 3)),
});

const names = (min: number, max: number) => z.array(CityName).check(z.minLength(min), z.maxLength(max));

export const RouteBody = z.object({
  cities: names(...NAME_LIMITS.route).check(
    doc(`The ${NAME_LIMITS.route.join('–')} cities to visit`, ['Toronto', 'Montreal', 'Ottawa', 'Quebec City']),
  ),
  start: z.optional(CityName.check(doc('Where the route starts: one of `cities` (default: the first)', 'Toronto'))),
  roundTrip: z._default(z.boolean(), false).check(doc('Whether the route returns to its start', true)),
  lang: WikiLang,
});

export const HubsBody = z.object({
  cities: names(...NAME_LIMITS.hubs).check(
    doc(`The ${NAME_LIMITS.hubs.join('–')} cities to group`, ['Toronto', 'Montreal', 'Ottawa', 'London', 'Manchester']),
  ),
  k: z.optional(
    z
      .number()
      .check(
        z.int(),
        z.gte(1),
        z.lte(20),
        doc('How many hubs; without it, the k with the best mean silhouette is chosen', 2),
      ),
  ),
  lang: WikiLang,
});

/** An absolute URL; which schemes, ports and addresses may be fetched is decided later (blocked_url). */
const absoluteUrl = z.string().check(
  z.maxLength(2048),
  z.refine((s) => URL.canParse(s), 'Must be an absolute URL'),
);

/** The fields of /parse's body, shared by the schema that validates it and the one that documents it. */
const parseFields = {
  url: absoluteUrl.check(doc('The page to fetch and parse (give this or `html`)', 'https://example.org/')),
  html: z.string().check(doc('An HTML document to parse instead of fetching one', '<html><title>Hi</title></html>')),
  baseUrl: absoluteUrl.check(
    doc('With `html`: the URL its relative links are resolved against', 'https://example.org/'),
  ),
};

/** Either `url`, or `html` with an optional `baseUrl`. */
export const ParseBody = z
  .object({
    url: z.optional(parseFields.url),
    html: z.optional(parseFields.html),
    baseUrl: z.optional(parseFields.baseUrl),
  })
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

/**
 * ParseBody as /openapi.json shows it: `oneOf` {url} | {html, baseUrl?}, which generators turn
 * into a union. ParseBody keeps validating (its answers to a wrong body are the API's).
 */
export const ParseBodyDocumented = z.xor([
  z.strictObject({ url: parseFields.url }).check(z.meta({ id: 'ParseUrl' })),
  z
    .strictObject({ html: parseFields.html, baseUrl: z.optional(parseFields.baseUrl) })
    .check(z.meta({ id: 'ParseHtml' })),
]);

/** How /openapi.json documents a request schema, where that differs from the schema itself. */
export const DOCUMENTED_AS = new Map<unknown, z.ZodMiniType>([[ParseBody, ParseBodyDocumented]]);
