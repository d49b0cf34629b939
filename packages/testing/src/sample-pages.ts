/**
 * Sample articles for the fake Wikipedia: written for Cityscope, in the shapes
 * real articles use (Infobox settlement with {{flag}}, {{coord}}, old latd/longd
 * fields, {{convert}}, sq mi, ft, references and comments), with rounded real facts.
 * This is sample data, not Wikipedia's.
 */
export interface SamplePage {
  title: string;
  pageid: number;
  revid: number;
  description?: string;
  extract: string;
  wikitext: string;
  /** GeoData primary coordinates; absent to exercise the infobox fallback. */
  coordinates?: { lat: number; lon: number };
  thumbnail?: { source: string; width: number; height: number };
  disambiguation?: boolean;
  links?: string[];
  /** The page's Wikidata item (pageprops.wikibase_item). */
  wikibaseItem?: string;
}

export interface SampleWiki {
  pages: SamplePage[];
  /** redirect title → target title */
  redirects: Record<string, string>;
}

const thumb = (file: string) => ({
  source: `https://upload.wikimedia.org/wikipedia/commons/thumb/x/xx/${file}/320px-${file}`,
  width: 320,
  height: 213,
});

/** Small pages: a name, a country and coordinates, for routes and hubs. */
const small = (
  title: string,
  pageid: number,
  country: string,
  lat: number,
  lon: number,
  population: number,
): SamplePage => ({
  title,
  pageid,
  revid: 1300000000 + pageid,
  description: `City in ${country}`,
  coordinates: { lat, lon },
  extract: `${title} is a city in ${country}.`,
  wikitext: `{{Infobox settlement\n|name = ${title}\n|country = ${country}\n|population_total = ${population}\n}}`,
});

export const EN: SampleWiki = {
  redirects: {
    NYC: 'New York City',
    Hamilton: 'Hamilton, Ontario',
    TO: 'Toronto',
    'City of Toronto': 'Toronto',
    'Dublin, Ireland': 'Dublin',
    Sao_Paulo: 'São Paulo',
    'Sao Paulo': 'São Paulo',
  },
  pages: [
    {
      title: 'Toronto',
      pageid: 64646,
      revid: 1200000001,
      description: 'Capital city of Ontario, Canada',
      coordinates: { lat: 43.7417, lon: -79.3733 },
      thumbnail: thumb('Toronto_skyline.jpg'),
      extract:
        'Toronto is the capital city of the Canadian province of Ontario. It is the most populous city in Canada and a major centre of business, finance, arts and culture. The city sits on the north-western shore of Lake Ontario. Toronto is one of the most diverse and multicultural cities in the world. Its harbour and islands are a popular destination in summer.',
      wikitext: `{{Short description|Capital city of Ontario, Canada}}
{{Infobox settlement
|name = Toronto
|official_name = City of Toronto
|subdivision_type = Country
|subdivision_name = {{flag|Canada}}
|subdivision_type1 = Province
|subdivision_name1 = {{flag|Ontario}}
|area_total_km2 = 630.20
|elevation_m = 76
|population_as_of = [[2021 Canadian census|2021]]
|population_total = 2,794,356<!-- do not change until the next census --> ([[List of the 100 largest municipalities in Canada by population|1st]])
|timezone = [[Eastern Time Zone|EST]]
|utc_offset = −05:00
|latd=43 |latm=44 |lats=30 |latNS=N
|longd=79 |longm=22 |longs=24 |longEW=W
}}
'''Toronto''' is the capital city of [[Ontario]].<ref>{{cite web|url=https://example.org|title=A source}}</ref>`,
    },
    {
      title: 'Montreal',
      pageid: 7954681,
      revid: 1200000002,
      description: 'Largest city in Quebec, Canada',
      coordinates: { lat: 45.5089, lon: -73.5617 },
      extract:
        'Montreal is the largest city in the province of Quebec and the second most populous city in Canada. It stands on an island at the confluence of the Saint Lawrence and Ottawa rivers. The city is known for its festivals, its food and its historic old town.',
      wikitext: `{{Infobox settlement
|name = Montreal
|subdivision_type = Country
|subdivision_name = {{CAN}}
|area_total_km2 = 431.50
|elevation_m = 233
|population_total = {{formatnum:1762949}}
|population_as_of = 2021
|timezone = [[Eastern Time Zone|EST]]
|utc_offset = -5
|coordinates = {{coord|45|30|32|N|73|33|42|W|region:CA-QC|display=inline,title}}
}}`,
    },
    {
      title: 'Ottawa',
      pageid: 22219,
      revid: 1200000003,
      description: 'Capital city of Canada',
      extract:
        'Ottawa is the capital city of Canada. It is located in the southern portion of the province of Ontario, at the confluence of the Ottawa River and the Rideau River. Parliament Hill is its best known landmark.',
      wikitext: `{{Infobox settlement
|name = Ottawa
|subdivision_type = [[List of sovereign states|Country]]
|subdivision_name = Canada
|area_total_sq_mi = 1077.7
|elevation_ft = 230
|population_total = 1.02 million
|population_as_of = 2021
|timezone = EST
|utc_offset = UTC−5
|coordinates = {{coord|45.424722|-75.695|type:city|display=inline,title}}
}}`,
    },
    {
      title: 'Dublin',
      pageid: 8504,
      revid: 1200000004,
      description: 'Capital and largest city of Ireland',
      coordinates: { lat: 53.35, lon: -6.26 },
      thumbnail: thumb('Dublin_quays.jpg'),
      extract:
        'Dublin (, ) is the capital and largest city of Ireland. It lies on Dublin Bay at the mouth of the River Liffey. The city is a historical and contemporary centre for education, the arts, administration and industry. Dublin has a lively music scene and welcoming pubs.',
      wikitext: `{{Infobox settlement
|name = Dublin
|country = [[Republic of Ireland|Ireland]]
|area_total_km2 = 117.8
|elevation_m = 20
|population_total = 592,713
|population_as_of = 2022
|timezone1 = [[Greenwich Mean Time|GMT]]
|utc_offset1 = +0
}}`,
    },
    {
      title: 'São Paulo',
      pageid: 390875,
      revid: 1200000005,
      description: 'Most populous city in Brazil',
      coordinates: { lat: -23.55, lon: -46.633333 },
      extract:
        'São Paulo is the most populous city in Brazil and the capital of the state of São Paulo. It is the largest urban economy in Latin America and a leading financial centre. The city is home to many museums, theatres and parks.',
      wikitext: `{{Infobox settlement
|name = São Paulo
|subdivision_type = Country
|subdivision_name = {{BRA}}
|area_total_km2 = 1,521.11
|elevation_m = 760
|population_total = 11,451,999
|population_as_of = 2022
|timezone = [[Time in Brazil|BRT]]
|utc_offset = −3
}}`,
    },
    {
      title: 'Washington, D.C.',
      pageid: 108956,
      revid: 1200000006,
      description: 'Capital city of the United States',
      coordinates: { lat: 38.904722, lon: -77.016389 },
      extract:
        'Washington, D.C. is the capital city and federal district of the United States. It is located on the east bank of the Potomac River. The city is home to many national monuments and museums.',
      wikitext: `{{Infobox settlement
|name = Washington, D.C.
|subdivision_type = Country
|subdivision_name = {{USA}}
|area_total_sq_mi = 68.35
|elevation_ft = 410
|population_total = 689,545
|population_as_of = [[2020 United States census|2020]]
|timezone = [[Eastern Time Zone|EST]]
|utc_offset = −05:00
}}`,
    },
    {
      title: 'Dollar Point',
      pageid: 4243,
      revid: 1200000007,
      description: 'Census-designated place in California',
      extract:
        'Dollar Point is a census-designated place in Placer County, California, on the northwest shore of Lake Tahoe. Its population was counted at the census.',
      wikitext: `{{Infobox settlement
|official_name = Dollar Point, California
|subdivision_type = [[List of countries|Country]]
|subdivision_name = {{USA}}
| area_total_sq_mi = 1.634
| area_total_km2 = 4.232
|elevation_ft = 6483
|elevation_m = 1976
|population_as_of = [[2010 United States Census|2010]]
|population_total = 1215
|timezone = [[Pacific Time Zone|PST]]
|utc_offset = -8
|coordinates = {{coord|39|11|19|N|120|6|32|W|region:US_type:city|display=inline,title}}
}}`,
    },
    {
      title: 'Springfield',
      pageid: 28848,
      revid: 1200000008,
      disambiguation: true,
      extract: 'Springfield is the name of many places.',
      wikitext:
        "'''Springfield''' may refer to:\n* [[Springfield, Illinois]]\n* [[Springfield, Massachusetts]]\n{{disambiguation}}",
      links: [
        'Springfield, Illinois',
        'Springfield, Massachusetts',
        'Springfield, Missouri',
        'Springfield (disambiguation)',
      ],
    },
    {
      title: 'Springfield, Illinois',
      pageid: 28849,
      revid: 1200000009,
      description: 'Capital city of Illinois, United States',
      coordinates: { lat: 39.798333, lon: -89.654444 },
      extract: 'Springfield is the capital city of the U.S. state of Illinois.',
      wikitext: `{{Infobox settlement
|name = Springfield
|subdivision_type = Country
|subdivision_name = United States
|population_total = 114,394
|population_as_of = 2020
}}`,
    },
    {
      title: 'Atlantis',
      pageid: 9999,
      revid: 1200000010,
      extract: 'Atlantis is a fictional island with no known location.',
      wikitext: "'''Atlantis''' is a fictional island.",
    },
    small('Hamilton, Ontario', 5001, 'Canada', 43.2567, -79.8692, 569353),
    small('Quebec City', 5002, 'Canada', 46.8139, -71.2081, 549459),
    small('New York City', 5003, 'United States', 40.7128, -74.006, 8804190),
    small('Boston', 5004, 'United States', 42.3601, -71.0589, 675647),
    small('London', 5005, 'United Kingdom', 51.5072, -0.1276, 8866180),
    small('Manchester', 5006, 'United Kingdom', 53.4808, -2.2426, 552000),
    small('Rio de Janeiro', 5007, 'Brazil', -22.9068, -43.1729, 6211423),
  ],
};

export const FR: SampleWiki = {
  redirects: { Montreal: 'Montréal' },
  pages: [
    {
      title: 'Paris',
      pageid: 681159,
      revid: 2200000001,
      description: 'capitale de la France',
      coordinates: { lat: 48.856578, lon: 2.351828 },
      extract:
        'Paris est la capitale de la France. Elle se situe au cœur d’un vaste bassin sédimentaire aux sols fertiles. La ville est traversée par la Seine.',
      wikitext: `{{Infobox Commune de France
|nom = Paris
|pays = France
|population = 2 102 650
|année_pop = 2021
|superficie = 105.40
}}`,
    },
    {
      title: 'Montréal',
      pageid: 3214,
      revid: 2200000002,
      description: 'ville du Québec, Canada',
      coordinates: { lat: 45.508889, lon: -73.561667 },
      extract: 'Montréal est la principale ville du Québec. Elle est située sur une île du fleuve Saint-Laurent.',
      wikitext: `{{Infobox Ville
|nom = Montréal
|pays = {{Canada}}
|population = 1 762 949
}}`,
    },
  ],
};

export const SAMPLE_WIKIS: Record<string, SampleWiki> = { en: EN, fr: FR };
