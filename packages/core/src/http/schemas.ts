import * as zod from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { PROBLEM_CODES } from '../errors.js';
import { WIKIPEDIA_LANGUAGES } from '../wikipedia/languages.generated.js';
import { markList } from './query.js';

/**
 * The schema pieces several routes share (a city, its coordinates, facts, keywords,
 * sentiment; the `lang` parameter; a list of names), and the part of zod the route files
 * build their own schemas with. Each route file under http/routes/ imports this module when
 * its schemas are first needed, so a cold start loads no zod. The shared cache checks a
 * stored city against `City` (cities/cached.ts), and the domain's `City` type is inferred
 * from it.
 */

zod.config(en());

/**
 * The zod functions the route files use, as one object. A route imports this module on
 * demand; handing it all of zod (`export * as z`) would keep every zod function in the
 * bundle, and these are the ones the routes need.
 */
export const z = {
  _default: zod._default,
  array: zod.array,
  boolean: zod.boolean,
  describe: zod.describe,
  enum: zod.enum,
  gte: zod.gte,
  int: zod.int,
  literal: zod.literal,
  looseObject: zod.looseObject,
  lte: zod.lte,
  maxLength: zod.maxLength,
  meta: zod.meta,
  minLength: zod.minLength,
  nullable: zod.nullable,
  number: zod.number,
  object: zod.object,
  optional: zod.optional,
  record: zod.record,
  refine: zod.refine,
  strictObject: zod.strictObject,
  string: zod.string,
  union: zod.union,
  xor: zod.xor,
};

/** Documentation of a parameter or field in /openapi.json: what it is, and examples. */
export const doc = (description: string, ...examples: unknown[]) =>
  zod.meta({ description, ...(examples.length ? { examples } : {}) });

/** A named component of /openapi.json (`#/components/schemas/<id>`), one type in a generated client. */
export const named = (id: string) => zod.meta({ id });

// ---- request pieces ----

/** A Wikipedia language code. */
export const Lang = zod
  ._default(
    zod
      .string()
      .check(
        zod.maxLength(35),
        zod.regex(/^[a-z]{2,3}(-[a-z]+)*$/, 'Must be a Wikipedia language code such as "en" or "pt-br"'),
      ),
    'en',
  )
  .check(doc('The Wikipedia to read, by its language code (`en` is en.wikipedia.org)', 'en', 'fr', 'pt-br'));

/**
 * The language of a Wikipedia edition: one of WIKIPEDIA_LANGUAGES (generated from
 * MediaWiki's sitematrix), so an unknown wiki is a 400 before any request is made.
 */
export const WikiLang = zod
  ._default(
    zod.string().check(
      zod.maxLength(35),
      zod.refine(
        (v) => WIKIPEDIA_LANGUAGES.has(v),
        'No Wikipedia has this language code: use one such as "en", "fr" or "zh-yue"',
      ),
    ),
    'en',
  )
  .check(doc('The Wikipedia to read, by its language code (`en` is en.wikipedia.org)', 'en', 'fr', 'zh-yue'));

/** A page title as a person types it: 1–200 characters after trimming. */
export const CityName = zod.string().check(zod.trim(), zod.minLength(1), zod.maxLength(200));

/** An integer query parameter within bounds, with a default. */
export const intParam = (min: number, max: number, fallback: number) =>
  zod._default(zod.coerce.number().check(zod.int(), zod.gte(min), zod.lte(max)), fallback);

/**
 * A list of names in the query (OpenAPI `style: form, explode: false`): one
 * parameter split at its literal commas before percent-decoding (so "%2C" stays
 * inside a name such as "Washington, D.C."), or the parameter repeated once per
 * name, commas included. The splitting is query.ts's `parseQuery`.
 */
export const NameList = (min: number, max: number, ...docs: Array<ReturnType<typeof doc>>) =>
  markList(
    zod.pipe(
      zod.pipe(
        zod.union([zod.string(), zod.array(zod.string())]).check(...docs),
        zod.transform((v: string | string[]) => (Array.isArray(v) ? v : [v])),
      ),
      zod.array(CityName).check(zod.minLength(min), zod.maxLength(max)),
    ),
  );

/** A JSON array of `min`–`max` names (a body's `cities`). */
export const cityNames = (min: number, max: number) =>
  zod.array(CityName).check(zod.minLength(min), zod.maxLength(max));

// ---- answer pieces ----

const str = zod.string();
const num = zod.number();
const nullable = <T extends zod.ZodMiniType>(t: T) => zod.nullable(t);

export const Coordinates = zod.strictObject({ lat: num, lon: num }).check(named('Coordinates'));
export const Keyword = zod.strictObject({ term: str, score: num }).check(named('Keyword'));
export const Sentiment = zod
  .strictObject({
    score: num.check(zod.describe('Mean VADER compound score of the sentences, in [-1, 1]')),
    label: zod
      .enum(['positive', 'neutral', 'negative'])
      .check(zod.describe('positive above +0.05, negative below -0.05, else neutral')),
    method: zod
      .string()
      .check(
        zod.describe(
          'What produced the answer: the vocabulary under VADER\'s rules (e.g. "vader", "pattern-fr"), "+" the wider one used where it found nothing (e.g. "vader+senticon")',
        ),
      ),
  })
  .check(named('Sentiment'));
export const SentimentNote = nullable(str).check(
  zod.describe('Why sentiment is null: the language has no sentiment vocabulary; null when sentiment was computed'),
);

/** One city's error inside an answer about several. */
export const ItemProblem = zod
  .strictObject({ status: num, code: zod.enum(PROBLEM_CODES), detail: str })
  .check(named('ItemProblem'));
/** The names that did not resolve, as typed, each with its error. */
const Unresolved = zod.array(zod.strictObject({ name: str, error: ItemProblem }));

/** Resolved title → the name as typed, for each city whose typed name differed. */
const RequestedNames = zod
  .record(str, str)
  .check(
    zod.describe(
      'Cities are named by their resolved Wikipedia title everywhere in the answer; this maps each title whose name as typed differed to that name (`unresolved` keeps the names as typed)',
    ),
  );

/** The fields of an answer about several cities that say how their names resolved (routes/common.ts, `NAMING_RULE`). */
export const resolution = { requested: RequestedNames, unresolved: Unresolved };

/** Where a fact came from; null when it is unknown. */
const Source = nullable(zod.enum(['infobox', 'wikidata', 'geodata']));
const FactSources = zod
  .strictObject({
    country: Source,
    population: Source,
    areaKm2: Source,
    elevationM: Source,
    timezone: Source,
    coordinates: Source,
  })
  .check(
    zod.describe(
      "Where each fact came from: the page's infobox, GeoData (coordinates), or Wikidata where the infobox is silent",
    ),
  );

const Facts = zod
  .strictObject({
    country: nullable(str),
    population: nullable(num),
    populationAsOf: nullable(str),
    areaKm2: nullable(num),
    elevationM: nullable(num),
    timezone: nullable(str),
    utcOffset: nullable(str),
  })
  .check(named('Facts'));

/** The /cities answer, and each city of /compare. */
export const City = zod
  .strictObject({
    title: str,
    requested: str,
    redirectedFrom: nullable(str),
    lang: str,
    url: str,
    description: nullable(str),
    summary: str,
    coordinates: nullable(Coordinates),
    facts: Facts,
    factSources: FactSources,
    factNotes: zod
      .array(str)
      .check(
        zod.describe(
          'Where the infobox and Wikidata disagree by more than 3% (the infobox value is given), or why Wikidata could not be asked',
        ),
      ),
    thumbnail: nullable(zod.strictObject({ url: str, width: num, height: num })),
    keywords: zod.array(Keyword),
    sentiment: nullable(Sentiment),
    sentimentNote: SentimentNote,
    source: zod.strictObject({ pageId: num, revisionId: nullable(num), retrievedAt: str }),
  })
  .check(named('City'));

/** A city's short form: each end of /distance. */
export const CitySummary = zod
  .strictObject({
    title: str,
    requested: str,
    url: str,
    description: nullable(str),
    country: nullable(str),
    coordinates: nullable(Coordinates),
  })
  .check(named('CitySummary'));

/** An HTML page: /docs, and the explorer at /. */
export const HtmlPage = zod.string().check(zod.startsWith('<!doctype html>'));
