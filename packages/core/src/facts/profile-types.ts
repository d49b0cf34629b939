/**
 * The shape of an infobox profile (see profiles.ts for the generic one and
 * profiles-wikis.ts for each wiki's): one declarative entry per infobox type.
 */

/** Fields holding a value in one unit, and the factor to km² or metres. */
export type Unit = readonly [fields: readonly string[], factor: number];
/** Fields holding a population, and the fields that date it. */
export type Population = readonly [values: readonly string[], dates: readonly string[]];

/** One axis (latitude or longitude) written in degree, minute and second fields. */
export interface DmsFields {
  deg: readonly string[];
  min?: readonly string[];
  sec?: readonly string[];
  /** Fields holding the hemisphere letter (N, S, E, W, and the wiki's own: O, 北, 東…). */
  hemi?: readonly string[];
  /** The hemisphere these fields imply by their names ("stopniS" in Polish). */
  implied?: 'N' | 'S' | 'E' | 'W';
}

export interface Profile {
  /** A name for tests and documentation. */
  id: string;
  /** The wikis that write it (documentation). */
  wikis: readonly string[];
  /** Template names, lower-cased with spaces (underscores read as spaces). */
  templates: RegExp;
  /** Fields naming the country. Values may be text, links, flag templates or codes ("ITA"). */
  country?: readonly string[];
  /** The one country the infobox is made for (ISO 3166-1 alpha-2). */
  countryCode?: string;
  /** A template name that names its country ("Infobox Ort in Polen"): group 1, in the wiki's language. */
  countryInName?: RegExp;
  population?: readonly Population[];
  area?: readonly Unit[];
  elevation?: readonly Unit[];
  timezone?: readonly string[];
  utcOffset?: readonly string[];
  /** Coordinates in degree/minute/second fields. */
  lat?: readonly DmsFields[];
  lon?: readonly DmsFields[];
  /** Single fields holding a latitude or a longitude (decimal, "51/12/N", "51°12′N"). */
  latField?: readonly string[];
  lonField?: readonly string[];
  /**
   * Area fields the template computes with ({{#expr}}: density, unit conversion), so a
   * bare "36.480" in them has a decimal point even on a wiki that groups thousands with
   * dots. Values with a comma, a space or a unit keep the wiki's style; elevations
   * ("Höhe = 1.234"), where decimals are rare, keep it too.
   */
  pointNumbers?: readonly string[];
}
