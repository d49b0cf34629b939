/**
 * Infobox profiles: one declarative entry per infobox type, written from each
 * template's documentation. A profile names its templates, the fields that hold
 * each fact (most authoritative first), their units, and how the infobox says its
 * country. Field names are written as the template documents them; they are
 * compared lower-cased with runs of spaces and underscores as one "_".
 * Adding an infobox is adding a profile.
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
}

const SQ_MI_KM2 = 2.589988110336;
const FT_M = 0.3048;
const ACRE_KM2 = 0.0040468564224;

export const FACTORS = { SQ_MI_KM2, FT_M, ACRE_KM2 } as const;

/**
 * English infoboxes ({{Infobox settlement}} and its relatives), and the fallback
 * every other profile adds to: many wikis copy Infobox settlement's parameter
 * names (Japanese, Chinese and Portuguese among them).
 */
export const GENERIC: Profile = {
  id: 'settlement',
  wikis: ['en', 'ja', 'zh', 'pt', '*'],
  templates: /^(infobox|geobox)\b/,
  country: ['country', 'nation', 'state_country', 'pays', 'land', 'paese', 'país', 'pais'],
  population: [
    [['population_total'], ['population_as_of', 'population_date']],
    [
      ['population', 'population_city'],
      ['population_as_of', 'population_date', 'population_year', 'année_pop'],
    ],
    [['pop'], ['pop_year', 'population_as_of']],
    [['pop_latest'], ['latest_pop_year', 'pop_latest_year', 'pop_latest_date', 'pop_year', 'population_as_of']],
    [['population_census'], ['population_census_year']],
    [
      ['population_est', 'population_estimate'],
      ['pop_est_as_of', 'population_est_as_of', 'population_estimate_year'],
    ],
    [['einwohner'], ['stand']],
    [['abitanti'], ['anno_pop']],
    [
      ['población', 'populacao', 'população'],
      ['año_pob', 'census_year'],
    ],
  ],
  area: [
    [['area_total_km2', 'area_km2', 'area_city_km2', 'fläche', 'superficie'], 1],
    [['area_total_sq_mi', 'area_sq_mi', 'area_city_sq_mi'], SQ_MI_KM2],
    [['area_total_ha', 'area_ha'], 0.01],
    [['area_total_acre', 'area_acre'], ACRE_KM2],
    [['area_land_km2'], 1],
    [['area_land_sq_mi'], SQ_MI_KM2],
  ],
  elevation: [
    [['elevation_m', 'elevation_avg_m', 'höhe', 'altitudine'], 1],
    [['elevation_ft', 'elevation_avg_ft'], FT_M],
  ],
  timezone: ['timezone', 'timezone1', 'time_zone', 'zeitzone', 'fuso_orario'],
  utcOffset: ['utc_offset', 'utc_offset1', 'utc'],
  lat: [
    {
      deg: ['latd', 'lat_d', 'lat_deg', 'lat_degrees'],
      min: ['latm', 'lat_m', 'lat_min', 'lat_minutes'],
      sec: ['lats', 'lat_s', 'lat_sec', 'lat_seconds'],
      hemi: ['latns', 'lat_ns', 'lat_dir', 'lat_direction'],
    },
  ],
  lon: [
    {
      deg: ['longd', 'long_d', 'lon_deg', 'long_deg', 'lon_degrees', 'long_degrees'],
      min: ['longm', 'long_m', 'lon_min', 'long_min', 'lon_minutes'],
      sec: ['longs', 'long_s', 'lon_sec', 'long_sec', 'lon_seconds'],
      hemi: ['longew', 'long_ew', 'lon_dir', 'long_dir', 'lon_direction', 'lon_ew'],
    },
  ],
  latField: ['latitude', 'lat', 'lat_dec', 'latitude_dec'],
  lonField: ['longitude', 'long', 'lon', 'long_dec', 'lon_dec', 'longitude_dec'],
};

/** Profiles of other wikis' settlement infoboxes (and English single-country ones). */
export const PROFILES: readonly Profile[] = [
  // English single-country infoboxes, which therefore do not name their country
  { id: 'en-french-commune', wikis: ['en'], templates: /^infobox french commune/, countryCode: 'FR' },
  { id: 'en-italian-comune', wikis: ['en'], templates: /^infobox italian comune/, countryCode: 'IT' },
  {
    id: 'en-german-location',
    wikis: ['en'],
    templates: /^infobox german (location|state|district)/,
    countryCode: 'DE',
    area: [[['area'], 1]],
    elevation: [[['elevation'], 1]],
  },
  {
    id: 'en-swiss-town',
    wikis: ['en'],
    templates: /^infobox swiss town/,
    countryCode: 'CH',
    area: [[['area'], 1]],
    elevation: [[['elevation'], 1]],
  },
  {
    id: 'en-austrian',
    wikis: ['en'],
    templates: /^infobox austrian/,
    countryCode: 'AT',
    area: [[['area'], 1]],
    elevation: [[['elevation'], 1]],
  },
  {
    id: 'en-australian-place',
    wikis: ['en'],
    templates: /^infobox australian place/,
    countryCode: 'AU',
    area: [[['area'], 1]],
    elevation: [[['elevation'], 1]],
  },

  // German: {{Infobox Gemeinde in Deutschland}}, {{Infobox Ort in …}}, {{Infobox Gemeinde in Österreich}}
  {
    id: 'de-gemeinde',
    wikis: ['de'],
    templates: /^infobox (gemeinde|ort|stadt|kreisfreie stadt|verwaltungseinheit|ortsteil|bezirk)\b/,
    countryInName:
      /^infobox (?:gemeinde|ort|stadt|kreisfreie stadt|verwaltungseinheit|ortsteil|bezirk) in (?:der |den |dem )?(.+)$/,
    country: ['staat', 'land'],
    population: [
      [
        ['einwohner', 'einwohnerzahl'],
        ['stand', 'stand_einwohner', 'einwohner_stand'],
      ],
    ],
    area: [[['fläche', 'flaeche'], 1]],
    elevation: [[['höhe', 'hoehe', 'höhe_m'], 1]],
    timezone: ['zeitzone'],
    latField: ['breitengrad', 'lat'],
    lonField: ['längengrad', 'laengengrad', 'long', 'lon'],
  },
  // French: {{Infobox Commune de France}}, {{Infobox Ville}}, {{Infobox Localité}}
  {
    id: 'fr-commune',
    wikis: ['fr'],
    templates: /^infobox (commune|ville|localité|localite|municipalité|subdivision administrative)(?:$|\s)/,
    countryInName: /^infobox commune (?:de |d'|d’|du |des )(.+)$/,
    country: ['pays'],
    population: [
      [
        ['population', 'population_municipale'],
        ['année_pop', 'annee_pop', 'année_population', 'date_population'],
      ],
    ],
    area: [[['superficie', 'superficie_km2'], 1]],
    elevation: [[['altitude', 'altitude_moyenne', 'alt_moy'], 1]],
    timezone: ['fuseau_horaire'],
    latField: ['latitude'],
    lonField: ['longitude'],
  },
  // Spanish: {{Ficha de entidad subnacional}}, {{Ficha de localidad de España}}
  {
    id: 'es-entidad',
    wikis: ['es'],
    templates: /^ficha de (entidad subnacional|localidad|ciudad|municipio)\b/,
    countryInName: /^ficha de (?:localidad|municipio|ciudad) de (.+)$/,
    country: ['país', 'pais'],
    population: [
      [
        ['población', 'poblacion', 'población_total'],
        ['población_año', 'poblacion_año', 'año_pob', 'población_fecha', 'población_notas_año'],
      ],
    ],
    area: [[['superficie', 'superficie_total'], 1]],
    elevation: [[['altitud', 'altitud_media'], 1]],
    timezone: ['horario', 'huso_horario'],
    latField: ['latitud'],
    lonField: ['longitud'],
  },
  // Italian: {{Divisione amministrativa}}
  {
    id: 'it-divisione',
    wikis: ['it'],
    templates: /^divisione amministrativa$/,
    country: ['stato'],
    population: [[['abitanti'], ['aggiornamento_abitanti', 'anno_pop']]],
    area: [[['superficie'], 1]],
    elevation: [[['altitudine'], 1]],
    timezone: ['fuso_orario'],
    lat: [
      {
        deg: ['latitudine_gradi'],
        min: ['latitudine_minuti'],
        sec: ['latitudine_secondi'],
        hemi: ['latitudine_ns'],
      },
    ],
    lon: [
      {
        deg: ['longitudine_gradi'],
        min: ['longitudine_minuti'],
        sec: ['longitudine_secondi'],
        hemi: ['longitudine_ew'],
      },
    ],
    latField: ['latitudine_decimale'],
    lonField: ['longitudine_decimale'],
  },
  // Portuguese: {{Info/Município do Brasil}}, {{Info/Assentamento}}, {{Info/Cidade}}
  {
    id: 'pt-municipio',
    wikis: ['pt'],
    templates: /^info\/(município|municipio|assentamento|cidade|localidade|freguesia)(?:$|\s|\/)/,
    countryInName: /^info\/(?:município|municipio|cidade|freguesia) (?:do |de |da |dos |das )(.+)$/,
    country: ['país', 'pais', 'subdivisão_nome'],
    population: [
      [
        ['população_total', 'população', 'populacao', 'pop'],
        ['população_em', 'data_pop', 'populacao_data', 'população_data', 'censo'],
      ],
    ],
    area: [[['área_total_km2', 'área', 'area', 'área_total'], 1]],
    elevation: [[['elevação_m', 'altitude', 'elevação'], 1]],
    timezone: ['fuso_horário', 'fuso_horario', 'fuso'],
    lat: [{ deg: ['latg', 'lat_g'], min: ['latm'], sec: ['lats'], hemi: ['latp', 'lat_p'] }],
    // "lonG" reads as "long" once lower-cased
    lon: [{ deg: ['lonG', 'lon_g'], min: ['lonM'], sec: ['lonS'], hemi: ['lonP', 'longp'] }],
  },
  // Russian: {{Населённый пункт}}, {{Город}}
  {
    id: 'ru-np',
    wikis: ['ru'],
    templates: /^(населённый пункт|населенный пункт|город|село|посёлок|деревня)(?:$|\s)/,
    country: ['страна'],
    population: [[['население'], ['год_переписи', 'год_оценки_населения', 'год_оценки', 'год_населения']]],
    area: [[['площадь'], 1]],
    elevation: [[['высота_центра_нп', 'высота_центра', 'высота'], 1]],
    timezone: ['часовой_пояс'],
  },
  // Polish: {{Miasto infobox}}, {{Wieś infobox}}
  {
    id: 'pl-miasto',
    wikis: ['pl'],
    templates: /^(miasto|wieś|osiedle|gmina|stolica) infobox$/,
    country: ['państwo', 'panstwo'],
    population: [
      [
        ['liczba_ludności', 'liczba_ludnosci', 'ludność'],
        ['rok', 'rok_ludności'],
      ],
    ],
    area: [[['powierzchnia'], 1]],
    elevation: [[['wysokość', 'wysokosc'], 1]],
    timezone: ['strefa_czasowa'],
    lat: [
      { deg: ['stopnin'], min: ['minutn'], sec: ['sekundn'], implied: 'N' },
      { deg: ['stopnis'], min: ['minuts'], sec: ['sekunds'], implied: 'S' },
    ],
    lon: [
      { deg: ['stopnie'], min: ['minute'], sec: ['sekunde'], implied: 'E' },
      { deg: ['stopniw'], min: ['minutw'], sec: ['sekundw'], implied: 'W' },
    ],
  },
  // Dutch: {{Infobox plaats in Nederland}}, {{Infobox gemeente in Nederland}}, {{Infobox stad}}
  {
    id: 'nl-plaats',
    wikis: ['nl'],
    templates: /^infobox (plaats|gemeente|stad|dorp|woonplaats)\b/,
    countryInName: /^infobox (?:plaats|gemeente|stad|dorp|woonplaats) in (.+)$/,
    country: ['land'],
    population: [
      [
        ['inwoners', 'inwonertal', 'bevolking'],
        ['peildatum', 'inwoners_peildatum', 'inwonersdatum', 'jaar'],
      ],
    ],
    area: [[['oppervlakte', 'oppervlakte_totaal'], 1]],
    elevation: [[['hoogte'], 1]],
    timezone: ['tijdzone'],
    latField: ['lat', 'breedtegraad'],
    lonField: ['lon', 'long', 'lengtegraad'],
  },
  // Japanese: {{日本の市}}, {{日本の町村}}, {{日本の特別区}}; {{世界の市}}
  {
    id: 'ja-shi',
    wikis: ['ja'],
    templates: /^日本の(市|町村|特別区|都道府県)/,
    countryCode: 'JP',
    population: [
      [
        ['総人口', '人口'],
        ['人口の時点', '総人口の時点', '人口時点'],
      ],
    ],
    area: [[['面積'], 1]],
    lat: [{ deg: ['緯度度'], min: ['緯度分'], sec: ['緯度秒'], implied: 'N' }],
    lon: [{ deg: ['経度度'], min: ['経度分'], sec: ['経度秒'], implied: 'E' }],
  },
  {
    id: 'ja-world',
    wikis: ['ja'],
    templates: /^(世界の市|世界の市町村|基礎情報 世界の市)/,
    country: ['国', '国名'],
    population: [
      [
        ['人口値', '人口', '総人口'],
        ['人口統計年', '人口の時点'],
      ],
    ],
    area: [[['面積値', '面積'], 1]],
    elevation: [[['標高'], 1]],
    timezone: ['等時帯', 'タイムゾーン'],
    utcOffset: ['協定世界時との時差'],
    lat: [{ deg: ['緯度度'], min: ['緯度分'], sec: ['緯度秒'], hemi: ['n(北緯及び南緯)'] }],
    lon: [{ deg: ['経度度'], min: ['経度分'], sec: ['経度秒'], hemi: ['e(東経及び西経)'] }],
  },
  // Chinese: {{Infobox settlement}} with its English names (GENERIC), and 中国 city boxes
  {
    id: 'zh-city',
    wikis: ['zh'],
    templates:
      /^(infobox (china|chinese) (city|county|prefecture)|中国(地级|县级)?行政区|中华人民共和国(地级|县级)行政区)/,
    countryCode: 'CN',
    population: [
      [
        ['人口', '总人口', 'population'],
        ['人口年份', '人口时间', 'population_as_of'],
      ],
    ],
    area: [[['面积', 'area', 'area_km2'], 1]],
    elevation: [[['海拔', 'elevation'], 1]],
  },
];

const norm = (key: string) => key.toLowerCase().replace(/[\s_]+/g, '_');

/** The profile for a template name (lower-cased), or null. */
export function profileOf(name: string): Profile | null {
  return PROFILES.find((p) => p.templates.test(name)) ?? null;
}

/** A profile's lists with the generic ones after them (a profile adds to, never replaces, the fallback). */
export function withGeneric<T>(own: readonly T[] | undefined, generic: readonly T[] | undefined): T[] {
  return [...(own ?? []), ...(generic ?? [])];
}

let knownKeys: Set<string> | undefined;

/** Every field name any profile reads: a template with several of them is an infobox about a place. */
export function isPlaceField(key: string): boolean {
  if (!knownKeys) {
    knownKeys = new Set();
    const add = (keys: readonly string[] | undefined) => {
      for (const k of keys ?? []) knownKeys?.add(norm(k));
    };
    for (const p of [GENERIC, ...PROFILES]) {
      add(p.country);
      for (const [v, d] of p.population ?? []) add([...v, ...d]);
      for (const [k] of p.area ?? []) add(k);
      for (const [k] of p.elevation ?? []) add(k);
      add(p.timezone);
      add(p.utcOffset);
      for (const a of [...(p.lat ?? []), ...(p.lon ?? [])])
        add([...a.deg, ...(a.min ?? []), ...(a.sec ?? []), ...(a.hemi ?? [])]);
      add(p.latField);
      add(p.lonField);
    }
    for (const k of ['coordinates', 'coords', 'coord', 'subdivision_name', 'subdivision_type']) knownKeys.add(k);
  }
  return knownKeys.has(key) || /^(pop|population)_?\d{4}_?census$/.test(key);
}

export { norm as normalizeKey };
