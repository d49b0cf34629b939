import type { LatLon } from '../geo/types.js';

/** One Wikipedia article as Cityscope needs it, whichever formatversion carried it. */
export interface WikiPage {
  title: string;
  pageId: number;
  revisionId: number | null;
  url: string;
  description: string | null;
  /** Plain-text introduction. */
  extract: string;
  /** Wikitext of section 0 (infobox and lead). */
  wikitext: string;
  /** GeoData primary coordinates. */
  coordinates: LatLon | null;
  thumbnail: { url: string; width: number; height: number } | null;
  disambiguation: boolean;
  /** The page's Wikidata item ("Q64"), from pageprops.wikibase_item. */
  wikibaseItem?: string | null;
  /** What Wikidata said where the infobox is silent (set by the step after a lookup, facts/wikidata-step.ts); absent when it was not asked. */
  wikidata?: WikidataOutcome;
}

/** The facts Wikidata holds for a page's item (null: no item, or nothing there), or why it could not be asked. */
export type WikidataOutcome = { facts: WikidataFacts | null } | { unavailable: string };

export type Lookup =
  | { kind: 'page'; page: WikiPage; redirectedFrom: string | null; retrievedAt: string }
  | { kind: 'missing'; title: string }
  | { kind: 'ambiguous'; title: string; candidates: string[] };

/**
 * Wikidata's answer for the facts a settlement's infobox may leave out, read from
 * `wbgetentities` (the Wikibase JSON format): P17 country, P1082 population with
 * its P585 point in time, P2046 area, P2044 elevation, P625 coordinates, P421 time zone.
 */
export interface WikidataFacts {
  item: string;
  country: string | null;
  population: number | null;
  populationAsOf: string | null;
  areaKm2: number | null;
  elevationM: number | null;
  coordinates: LatLon | null;
  timezone: string | null;
  utcOffset: string | null;
}
