import { describe, expect, it } from 'vitest';
import { extractFacts } from '../src/facts/infobox.js';

/**
 * Forms seen on real settlement pages (scripts/bench-facts.ts reads the pages
 * themselves, kept outside the repository): each case is a few infobox lines
 * written for this test, with invented places and figures, in the form the
 * real pages use.
 */

describe('numbers a template computes with: a bare decimal point is a decimal point', () => {
  it('German Fläche "36.480" is 36.48 km², while Einwohner "1.234" and Höhe "1.012" group thousands', () => {
    const { facts } = extractFacts(
      `{{Infobox Gemeinde in Deutschland
|Breitengrad = 54/21/14/N
|Längengrad  = 08/49/34/E
|Höhe        = 1.012
|Fläche      = 36.480
|Einwohner   = 1.234
}}`,
      'de',
    );
    expect(facts).toMatchObject({ country: 'Deutschland', areaKm2: 36.48, elevationM: 1012, population: 1234 });
  });

  it('Portuguese {{Info/Município do Brasil}} área "248.198" is 248.198 km², população "11.451.999" is grouped', () => {
    const { facts } = extractFacts(
      `{{Info/Município do Brasil
|nome = Vila Serena
|latP = S |latG = 23 |latM = 10 |latS = 05
|lonP = O |lonG = 46 |lonM = 52 |lonS = 40
|área = 248.198
|população = 11.451.999
|data_pop = IBGE/2022
}}`,
      'pt',
    );
    expect(facts).toMatchObject({ country: 'Brasil', areaKm2: 248.198, population: 11451999 });
  });

  it('Spanish keeps its own style: altitud "2.150" is 2150 m, superficie "1.234,5" is 1234.5 km²', () => {
    const box = (fields: string) =>
      extractFacts(`{{Ficha de entidad subnacional|país = Colombia|${fields}}}`, 'es').facts;
    expect(box('altitud = 2.150 msnm')).toMatchObject({ elevationM: 2150 });
    expect(box('superficie = 1.234,5')).toMatchObject({ areaKm2: 1234.5 });
    expect(box('superficie = 604,3 km²')).toMatchObject({ areaKm2: 604.3 });
  });

  it('French superficie "41.180" is 41.18 km²', () => {
    const { facts } = extractFacts(
      `{{Infobox Commune de France
| nom = Villeneuve-sur-Test
| latitude = 45.764043
| longitude = 4.835659
| superficie = 41.180
| population = 522 250
| année_pop = 2021
}}`,
      'fr',
    );
    expect(facts).toMatchObject({ country: 'France', areaKm2: 41.18, population: 522250, populationAsOf: '2021' });
  });

  it('{{Infobox settlement}} fields on a comma wiki: area_total_km2 "141.060" is 141.06, elevation_m "1.234" is 1234', () => {
    expect(
      extractFacts('{{Infobox settlement|area_total_km2 = 141.060|elevation_m = 1.234}}', 'de').facts,
    ).toMatchObject({ areaKm2: 141.06, elevationM: 1234 });
  });
});

describe('the older {{Infobox Ort in Deutschland}}', () => {
  it('reads lat_deg/lat_min/lat_sec with decimal seconds, a plain Einwohner and an ISO Stand', () => {
    const { facts, coordinates } = extractFacts(
      `{{Begriffsklärungshinweis}}
{{Infobox Ort in Deutschland
|Art       = Stadt
|lat_deg   = 50 |lat_min = 30 |lat_sec = 18.36
|lon_deg   =  7 |lon_min = 15 |lon_sec = 3.6
|Bundesland = Nordrhein-Westfalen
|Höhe      = 61
|Fläche    = 120.5
|Einwohner = 250000
|Stand     = 2007-06-30
}}
Die Stadt '''Musterbach''' liegt am Rhein.`,
      'de',
    );
    expect(facts).toMatchObject({
      country: 'Deutschland',
      population: 250000,
      populationAsOf: '2007-06-30',
      areaKm2: 120.5,
      elevationM: 61,
    });
    expect(coordinates?.lat).toBeCloseTo(50.5051, 4);
    expect(coordinates?.lon).toBeCloseTo(7.251, 4);
  });
});

describe("the German Wikipedia's Swiss box and older Spanish boxes", () => {
  it('{{Infobox Ort in der Schweiz}}: upper-case EINWOHNER/STAND_EINWOHNER/FLÄCHE, "8\'500", the country from the name', () => {
    const { facts } = extractFacts(
      `{{Infobox Ort in der Schweiz
| EINWOHNER       = 8'500
| STAND_EINWOHNER = 31. Dezember 2018
| FLÄCHE          = 7.79
}}`,
      'de',
    );
    expect(facts).toMatchObject({
      country: 'Schweiz',
      population: 8500,
      populationAsOf: '31. Dezember 2018',
      areaKm2: 7.79,
    });
  });

  it('a population left to a central template is no population', () => {
    const { facts } = extractFacts(
      `{{Infobox Ort in der Schweiz
| EINWOHNER = <!-- wird durch eine zentralisierte Vorlage eingebunden-->
| FLÄCHE    = 7.79
}}`,
      'de',
    );
    expect(facts).toMatchObject({ country: 'Schweiz', population: null, areaKm2: 7.79 });
  });

  it('{{Ficha de localidad de Colombia}}-style área, elevación and habitantes', () => {
    const { facts } = extractFacts(
      '{{Ficha de localidad de Colombia|habitantes = 48 760 hab.|área = 5.588 km²|elevación = 2.150 msnm}}',
      'es',
    );
    expect(facts).toMatchObject({ country: 'Colombia', population: 48760, areaKm2: 5588, elevationM: 2150 });
  });
});

describe('template names and flags seen on real pages', () => {
  it('Polish {{Miejscowość infobox}} (places abroad) with stopniW and a {{r}} after the figure', () => {
    const { facts, coordinates } = extractFacts(
      `{{Miejscowość infobox
 |nazwa           = Villarejo
 |państwo         = ESP
 |powierzchnia    = 12,34{{r|ine}}
 |rok             = 2011
 |liczba ludności = 1 234{{r|ine}}
 |stopniN = 40 |minutN = 24 |sekundN = 0
 |stopniW = 3 |minutW = 42 |sekundW = 0
}}`,
      'pl',
    );
    expect(facts).toMatchObject({ country: 'Hiszpania', population: 1234, populationAsOf: '2011', areaKm2: 12.34 });
    expect(coordinates).toEqual({ lat: 40.4, lon: -3.7 });
  });

  it('French {{drapeau|…}} alone names the country; with a link after it the link is the name', () => {
    expect(extractFacts('{{Infobox Ville|pays = {{drapeau|Allemagne}}}}', 'fr').facts.country).toBe('Allemagne');
    expect(extractFacts('{{Infobox Ville|pays = {{drapeau|Allemagne}} [[Allemagne]]}}', 'fr').facts.country).toBe(
      'Allemagne',
    );
    expect(extractFacts('{{Infobox Ville|pays = {{drapeau2|Italie}}}}', 'fr').facts.country).toBe('Italie');
  });

  it('English {{Infobox German place}} is in Germany', () => {
    expect(extractFacts('{{Infobox German place|Name = Musterdorf|Höhe = 464|Fläche = 39.04}}').facts).toMatchObject({
      country: 'Germany',
      elevationM: 464,
      areaKm2: 39.04,
    });
  });

  it('Latvian infokastes in Latvian words: valsts, iedzīvotāji, platība', () => {
    const { facts, coordinates } = extractFacts(
      `{{Pilsētas infokaste
|nosaukums   = Jaunpils
|valsts      = {{LVA}}
|iedzīvotāji = 12 345
|gads        = 2023
|platība     = 21,5
|latd = 56 |latm = 39 |latNS = N
|longd = 23 |longm = 1 |longEW = E
}}`,
      'lv',
    );
    expect(facts).toMatchObject({ country: 'Latvija', population: 12345, populationAsOf: '2023', areaKm2: 21.5 });
    expect(coordinates).toEqual({ lat: 56.65, lon: 23.016667 });
  });
});
