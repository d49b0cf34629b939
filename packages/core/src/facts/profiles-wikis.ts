import type { Profile } from './profile-types.js';

/**
 * The profiles of each wiki's settlement infoboxes, written from each template's
 * documentation. Field names are compared lower-cased, runs of spaces and
 * underscores as one "_"; a profile's lists come before the generic ones
 * (GENERIC in profiles.ts), which every profile falls back to. English
 * single-country infoboxes are here too: they do not name their country.
 */
export const PROFILES: readonly Profile[] = [
  // English single-country infoboxes, which therefore do not name their country
  { id: 'en-french-commune', wikis: ['en'], templates: /^infobox french commune/, countryCode: 'FR' },
  { id: 'en-italian-comune', wikis: ['en'], templates: /^infobox italian comune/, countryCode: 'IT' },
  {
    id: 'en-german-location',
    wikis: ['en'],
    templates: /^infobox german (location|place|state|district)/,
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
    // the template computes the density from Fläche: "36.48", "141.22" on real pages
    pointNumbers: ['fläche', 'flaeche'],
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
    // the density is computed from superficie
    pointNumbers: ['superficie', 'superficie_km2'],
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
        ['población', 'poblacion', 'población_total', 'habitantes'],
        ['población_año', 'poblacion_año', 'año_pob', 'población_fecha', 'población_notas_año'],
      ],
    ],
    // older local boxes ({{Ficha de localidad de Colombia}}) say área and elevación
    area: [[['superficie', 'superficie_total', 'área_total', 'área'], 1]],
    elevation: [[['altitud', 'altitud_media', 'elevación', 'elevación_media'], 1]],
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
    countryInName: /^info\/(?:município|municipio|cidade|freguesia|localidade) (?:do |de |da |dos |das )(.+)$/,
    country: ['país', 'pais'],
    population: [
      [
        ['população_total', 'população', 'populacao', 'pop'],
        ['população_em', 'data_pop', 'populacao_data', 'população_data', 'censo'],
      ],
    ],
    area: [[['área_total_km2', 'área', 'area', 'área_total'], 1]],
    elevation: [[['elevação_m', 'altitude', 'elevação'], 1]],
    // {{Info/Município do Brasil}} computes the density from área ("1521.110")
    pointNumbers: ['área', 'area', 'área_total_km2', 'área_total'],
    timezone: ['fuso_horário', 'fuso_horario', 'fuso'],
    lat: [{ deg: ['latg', 'lat_g'], min: ['latm'], sec: ['lats'], hemi: ['latp', 'lat_p'] }],
    // "lonG" reads as "long" once lower-cased
    lon: [{ deg: ['lonG', 'lon_g'], min: ['lonM'], sec: ['lonS'], hemi: ['lonP', 'longp'] }],
  },
  // Russian: {{Населённый пункт}}, {{Город}}
  {
    id: 'ru-np',
    wikis: ['ru'],
    templates: /^(населённый пункт|населенный пункт|нп|нп[-+]\S+|город|село|посёлок|деревня)(?:$|\s)/,
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
    templates: /^(miasto|miejscowość|wieś|osiedle|gmina|stolica|dzielnica) infobox$/,
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
  // Latvian: settlement infokastes ({{Pilsētas infokaste}} and others) in Latvian words; their
  // latd/longd come from the generic profile
  {
    id: 'lv-infokaste',
    wikis: ['lv'],
    templates: /infokaste/,
    country: ['valsts'],
    population: [
      [
        ['iedzīvotāji', 'iedzīvotāju_skaits', 'iedzivotaji'],
        ['iedzīvotāji_gads', 'iedzīvotāju_gads', 'gads', 'dati_par_gadu'],
      ],
    ],
    area: [[['platība', 'platiba', 'kopējā_platība'], 1]],
    elevation: [[['augstums', 'augstums_virs_jūras'], 1]],
    timezone: ['laika_josla'],
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
