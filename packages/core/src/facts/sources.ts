import type { LatLon } from '../geo/types.js';
import type { WikidataOutcome } from '../wikipedia/types.js';
import type { Facts } from './infobox.js';

/**
 * One answer from the infobox, GeoData and Wikidata: the infobox's value wherever it
 * has one, Wikidata's where it is silent; each fact says where it came from, and a
 * note records where the two disagree by more than a few percent.
 */
export type FactSource = 'infobox' | 'wikidata' | 'geodata';

export interface FactSources {
  country: FactSource | null;
  population: FactSource | null;
  areaKm2: FactSource | null;
  elevationM: FactSource | null;
  timezone: FactSource | null;
  coordinates: FactSource | null;
}

export interface CombinedFacts {
  facts: Facts;
  coordinates: LatLon | null;
  factSources: FactSources;
  /** Disagreements between the infobox and Wikidata, and Wikidata's failure, in words. */
  factNotes: string[];
}

/** Beyond this relative difference the infobox and Wikidata are said to disagree. */
export const DISAGREEMENT = 0.03;

/** Whether a page's infobox (with GeoData) leaves a fact for Wikidata, and which labels that needs. */
export function missingFacts(facts: Facts, coordinates: LatLon | null) {
  const country = facts.country === null;
  const timezone = facts.timezone === null;
  const any =
    country ||
    timezone ||
    facts.population === null ||
    facts.areaKm2 === null ||
    facts.elevationM === null ||
    coordinates === null;
  return { any, country, timezone };
}

const differs = (a: number, b: number, floor: number) =>
  Math.abs(a - b) > Math.max(floor, DISAGREEMENT * Math.max(Math.abs(a), Math.abs(b)));

export function combineFacts(
  infobox: { facts: Facts; coordinates: LatLon | null },
  geodata: LatLon | null,
  wikidata: WikidataOutcome | undefined,
): CombinedFacts {
  const box = infobox.facts;
  const wd = wikidata && 'facts' in wikidata ? wikidata.facts : null;
  const notes: string[] = [];
  if (wikidata && 'unavailable' in wikidata) {
    notes.push(`Wikidata could not be asked (${wikidata.unavailable}); the facts are the infobox's alone`);
  }
  const src = <T>(mine: T | null, theirs: T | null | undefined): FactSource | null =>
    mine !== null ? 'infobox' : theirs !== null && theirs !== undefined ? 'wikidata' : null;
  const pick = <T>(mine: T | null, theirs: T | null | undefined): T | null => mine ?? theirs ?? null;

  const facts: Facts = {
    country: pick(box.country, wd?.country),
    population: pick(box.population, wd?.population),
    populationAsOf: box.population !== null ? box.populationAsOf : (wd?.populationAsOf ?? null),
    areaKm2: pick(box.areaKm2, wd?.areaKm2),
    elevationM: pick(box.elevationM, wd?.elevationM),
    timezone: pick(box.timezone, wd?.timezone),
    utcOffset: box.timezone !== null || box.utcOffset !== null ? box.utcOffset : (wd?.utcOffset ?? null),
  };
  const coordinates = geodata ?? infobox.coordinates ?? wd?.coordinates ?? null;
  const factSources: FactSources = {
    country: src(box.country, wd?.country),
    population: src(box.population, wd?.population),
    areaKm2: src(box.areaKm2, wd?.areaKm2),
    elevationM: src(box.elevationM, wd?.elevationM),
    timezone: src(box.timezone, wd?.timezone),
    coordinates: geodata ? 'geodata' : infobox.coordinates ? 'infobox' : wd?.coordinates ? 'wikidata' : null,
  };
  if (wd) {
    const dated = (v: number, at: string | null) => (at ? `${v} (${at})` : String(v));
    if (box.population !== null && wd.population !== null && differs(box.population, wd.population, 0)) {
      notes.push(
        `population: the infobox says ${dated(box.population, box.populationAsOf)}, Wikidata ${dated(wd.population, wd.populationAsOf)}; the infobox's is given`,
      );
    }
    if (box.areaKm2 !== null && wd.areaKm2 !== null && differs(box.areaKm2, wd.areaKm2, 0.01)) {
      notes.push(`areaKm2: the infobox says ${box.areaKm2}, Wikidata ${wd.areaKm2}; the infobox's is given`);
    }
    if (box.elevationM !== null && wd.elevationM !== null && differs(box.elevationM, wd.elevationM, 10)) {
      notes.push(`elevationM: the infobox says ${box.elevationM}, Wikidata ${wd.elevationM}; the infobox's is given`);
    }
  }
  return { facts, coordinates, factSources, factNotes: notes };
}
