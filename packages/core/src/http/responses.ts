import * as z from 'zod/mini';
import { PLATFORMS } from '../config.js';
import { PROBLEM_CODES } from '../errors.js';

/**
 * The answers of docs/api.md as schemas, one per route (each route in routes.ts
 * names its own as `response`): they document the 200 responses in /openapi.json and
 * let the conformance suite check every answer's shape exactly (strict objects: no
 * field missing, none extra; unknown facts are null). A route's `run` must return what
 * its schema accepts (checked by the compiler). Loaded only by /openapi.json and by
 * tests, never on a request's path.
 */
const str = z.string();
const num = z.number();
const nullable = <T extends z.ZodMiniType>(t: T) => z.nullable(t);
/** A named component of /openapi.json (`#/components/schemas/<id>`), one type in a generated client. */
const named = (id: string) => z.meta({ id });

const LatLon = z.strictObject({ lat: num, lon: num }).check(named('Coordinates'));
const Keyword = z.strictObject({ term: str, score: num }).check(named('Keyword'));
const Sentiment = z
  .strictObject({
    score: num.check(z.describe('Mean VADER compound score of the sentences, in [-1, 1]')),
    label: z
      .enum(['positive', 'neutral', 'negative'])
      .check(z.describe('positive above +0.05, negative below -0.05, else neutral')),
    method: z
      .string()
      .check(
        z.describe(
          'What produced the answer: the vocabulary under VADER\'s rules (e.g. "vader", "pattern-fr"), "+" the wider one used where it found nothing (e.g. "vader+senticon")',
        ),
      ),
  })
  .check(named('Sentiment'));
const SentimentNote = nullable(str).check(
  z.describe('Why sentiment is null: the language has no sentiment vocabulary; null when sentiment was computed'),
);
const ItemError = z.strictObject({ status: num, code: z.enum(PROBLEM_CODES), detail: str }).check(named('ItemProblem'));
const Unresolved = z.array(z.strictObject({ name: str, error: ItemError }));

export const HealthResponse = z
  .strictObject({
    status: z.literal('ok'),
    service: z.literal('cityscope'),
    version: str,
    platform: z.enum(PLATFORMS),
  })
  .check(named('Health'));

/** Where a fact came from; null when it is unknown. */
const Source = nullable(z.enum(['infobox', 'wikidata', 'geodata']));
const FactSources = z
  .strictObject({
    country: Source,
    population: Source,
    areaKm2: Source,
    elevationM: Source,
    timezone: Source,
    coordinates: Source,
  })
  .check(
    z.describe(
      "Where each fact came from: the page's infobox, GeoData (coordinates), or Wikidata where the infobox is silent",
    ),
  );

const Facts = z
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

export const CityResponse = z
  .strictObject({
    title: str,
    requested: str,
    redirectedFrom: nullable(str),
    lang: str,
    url: str,
    description: nullable(str),
    summary: str,
    coordinates: nullable(LatLon),
    facts: Facts,
    factSources: FactSources,
    factNotes: z
      .array(str)
      .check(
        z.describe(
          'Where the infobox and Wikidata disagree by more than 3% (the infobox value is given), or why Wikidata could not be asked',
        ),
      ),
    thumbnail: nullable(z.strictObject({ url: str, width: num, height: num })),
    keywords: z.array(Keyword),
    sentiment: nullable(Sentiment),
    sentimentNote: SentimentNote,
    source: z.strictObject({ pageId: num, revisionId: nullable(num), retrievedAt: str }),
  })
  .check(named('City'));

export const CompareResponse = z
  .strictObject({
    cities: z.array(
      z.union([z.strictObject({ name: str, city: CityResponse }), z.strictObject({ name: str, error: ItemError })]),
    ),
    distancesKm: z.array(z.array(nullable(num))),
  })
  .check(named('Comparison'));

const CitySummary = z
  .strictObject({
    title: str,
    requested: str,
    url: str,
    description: nullable(str),
    country: nullable(str),
    coordinates: nullable(LatLon),
  })
  .check(named('CitySummary'));

export const DistanceResponse = z
  .strictObject({
    from: CitySummary,
    to: CitySummary,
    km: num,
    miles: num,
    mode: z.enum(['air', 'road', 'rail']),
    hours: num,
    assumptions: z.strictObject({
      speedKmh: num,
      detourFactor: num,
      note: str,
      earthRadiusKm: num,
      distance: z.literal('great-circle'),
    }),
  })
  .check(named('Distance'));

/** Resolved title → the name as typed, for each city whose typed name differed. */
const RequestedNames = z
  .record(str, str)
  .check(
    z.describe(
      'Cities are named by their resolved Wikipedia title everywhere in the answer; this maps each title whose name as typed differed to that name (`unresolved` keeps the names as typed)',
    ),
  );

export const RouteResponse = z
  .strictObject({
    order: z.array(str),
    legs: z.array(z.strictObject({ from: str, to: str, km: num })),
    totalKm: num,
    algorithm: z.enum(['exact', 'heuristic']),
    search: nullable(
      z.strictObject({
        construction: z
          .enum(['nearest-neighbour', 'greedy-edge', 'space-filling-curve'])
          .check(z.describe('The starting tour (of the three built) that the search improved')),
        improvements: z.array(str).check(z.describe('The improvements that ran, in order')),
        kicks: num.check(z.describe('Double-bridge perturbations of the iterated local search')),
      }),
    ).check(z.describe('How the heuristic found the tour; null when it is exact (10 cities or fewer)')),
    requested: RequestedNames,
    unresolved: Unresolved,
  })
  .check(named('Route'));

export const HubsResponse = z
  .strictObject({
    k: num,
    chosenBy: z.enum(['request', 'silhouette']),
    silhouette: nullable(num),
    hubs: z.array(
      z.strictObject({
        hub: str.check(z.describe('The member city closest to the group’s spherical mean (its resolved title)')),
        centre: LatLon,
        members: z.array(str),
        distancesKm: z
          .array(num)
          .check(z.describe('Each member’s great-circle distance to the hub city, km, in the order of `members`')),
        maxKm: num,
      }),
    ),
    requested: RequestedNames,
    unresolved: Unresolved,
  })
  .check(named('Hubs'));

export const AnalyzeResponse = z
  .strictObject({
    stats: z.strictObject({ characters: num, words: num, sentences: num, readingTimeMinutes: num }),
    keywords: z.array(Keyword),
    sentiment: nullable(Sentiment),
    sentimentNote: SentimentNote,
    summary: z.array(str),
  })
  .check(named('Analysis'));

export const ParseResponse = z
  .strictObject({
    url: nullable(str),
    title: nullable(str),
    description: nullable(str),
    lang: nullable(str),
    canonical: nullable(str),
    openGraph: z.strictObject({
      title: nullable(str),
      description: nullable(str),
      image: nullable(str),
      type: nullable(str),
      siteName: nullable(str),
    }),
    headings: z.array(z.strictObject({ level: num, text: str })),
    links: z.array(z.strictObject({ href: str, text: str, internal: z.boolean() })),
    images: z.array(z.strictObject({ src: str, alt: nullable(str) })),
    text: str,
    wordCount: num,
    analysis: z.strictObject({ keywords: z.array(Keyword), sentiment: nullable(Sentiment) }),
    truncated: z
      .boolean()
      .check(
        z.describe(
          'The document went past a parsing bound and was read in part: elements past the 150,000th are not built (their text still counts), and elements nested deeper than 512 are flattened to that depth',
        ),
      ),
  })
  .check(named('ParsedPage'));

/** The OpenAPI document itself: checked only for its version here. */
export const OpenApiResponse = z.looseObject({ openapi: z.literal('3.1.0') }).check(named('OpenApiDocument'));

/** An HTML page: /docs, and the explorer at /. */
export const DocsResponse = z.string().check(z.startsWith('<!doctype html>'));

/** A script or style sheet of the explorer. */
export const AssetResponse = z.string().check(z.minLength(1));
