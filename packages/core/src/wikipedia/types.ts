export interface LatLon {
  lat: number;
  lon: number;
}

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
}

export type Lookup =
  | { kind: 'page'; page: WikiPage; redirectedFrom: string | null; retrievedAt: string }
  | { kind: 'missing'; title: string }
  | { kind: 'ambiguous'; title: string; candidates: string[] };
