import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFacts, formatUtcOffset } from '../src/facts/infobox.js';
import { parseNumber } from '../src/facts/numbers.js';
import { render } from '../src/facts/render.js';

describe('numbers', () => {
  it.each([
    ['2,615,060', 2615060],
    ['2,615,060 (1st)', 2615060],
    ['1.9 million', 1900000],
    ['1,9 Millionen', 1900000],
    ['1 234 567', 1234567],
    ['1\u00a0234\u00a0567', 1234567],
    ['1.234.567', 1234567],
    ['1.634', 1.634],
    ['−28', -28],
    ['-5', -5],
    ['2011: 14,736', 14736],
    ['(2020) 1.2 million', 1200000],
    ['about 2.6 million people', 2600000],
    ['630', 630],
    ['n/a', null],
  ])('%s', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});

describe('numbers in wikis that write a decimal comma', () => {
  it.each([
    ['1.234', 1234],
    ['3.878.100', 3878100],
    ['891,12', 891.12],
    ['1 234 567', 1234567],
    ['2.102.650 (2023)', 2102650],
    ['−28,5', -28.5],
  ])('%s', (text, expected) => {
    expect(parseNumber(text, 'comma')).toBe(expected);
  });

  it('reads a German municipality infobox in its own number style', () => {
    const { facts } = extractFacts(
      '{{Infobox Gemeinde in Deutschland|Einwohner = 3.878.100|Stand = 31. Dez. 2023|Fläche = 891,12|Höhe = 34}}',
      'de',
    );
    expect(facts).toMatchObject({
      population: 3878100,
      populationAsOf: '31. Dez. 2023',
      areaKm2: 891.12,
      elevationM: 34,
    });
  });
});

describe('rendering wikitext values', () => {
  it.each([
    ['{{flag|Canada}}', 'Canada'],
    ['{{USA}}', 'United States'],
    ['{{flagicon|FRA}} [[France]]', 'France'],
    ['[[Eastern Time Zone|EST]]', 'EST'],
    ["'''Bold''' and ''italic''", 'Bold and italic'],
    ['{{formatnum:1234567}}', '1234567'],
    ['{{nowrap|1,215}}', '1,215'],
    ['{{ubl|One|Two}}', 'One, Two'],
    ['a&nbsp;b &minus;3', 'a b −3'],
    ['{{convert|16|miles|km}}', '16 miles'],
    ['{{As of|2021}}', '2021'],
    ['{{As of|2021|10|lc=y}}', '2021-10'],
    ['{{Start date|1998|1|1}}', '1998-01-01'],
    ['{{IncreaseNeutral}} 1,234', '1,234'],
  ])('%s', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe('UTC offsets', () => {
  it.each([
    ['-5', '-05:00'],
    ['−3', '-03:00'],
    ['+5:30', '+05:30'],
    ['+5.5', '+05:30'],
    ['UTC+01:00', '+01:00'],
    ['+0', '+00:00'],
    ['nonsense', null],
  ])('%s', (text, expected) => {
    expect(formatUtcOffset(text)).toBe(expected);
  });
});

describe('facts from fixtures written for these tests', () => {
  it('reads an Infobox settlement with references, comments and conversions', () => {
    const { facts, coordinates } = extractFacts(`{{Infobox settlement
| name = Testville
| subdivision_type = [[List of sovereign states|Country]]
| subdivision_name = {{flag|Freedonia}}
| population_total = {{formatnum:1234567}}<ref name="c">{{cite web|url=https://x|title=y}}</ref><!-- census -->
| population_as_of = [[2020 Freedonia census|2020]]
| area_total_sq_mi = 100
| elevation_ft = 1000
| timezone = [[Central European Time|CET]]
| utc_offset = +1
| coordinates = {{coord|12|30|N|45|15|W|display=inline,title}}
}}
'''Testville''' is a town.`);
    expect(facts).toEqual({
      country: 'Freedonia',
      population: 1234567,
      populationAsOf: '2020',
      areaKm2: 258.999,
      elevationM: 304.8,
      timezone: 'CET',
      utcOffset: '+01:00',
    });
    expect(coordinates).toEqual({ lat: 12.5, lon: -45.25 });
  });

  it('reads "1.9 million", a Unicode minus, decimal {{coord}} and a UK place', () => {
    const { facts, coordinates } = extractFacts(`{{Infobox UK place
|country = Wales
|population = 1.9 million
|elevation_m = −2
|coordinates = {{coord|51.48|-3.18|region:GB}}
}}`);
    expect(facts.country).toBe('Wales');
    expect(facts.population).toBe(1900000);
    expect(facts.elevationM).toBe(-2);
    expect(coordinates).toEqual({ lat: 51.48, lon: -3.18 });
  });

  it('reads decimal {{coord}} with hemispheres, and ignores its named and key:value parameters', () => {
    const { coordinates } = extractFacts(
      '{{Infobox settlement|coordinates = {{coord|40.7127|N|74.0059|W|region:US-NY_type:city(8,804,190)|format=dms|display=inline,title}}}}',
    );
    expect(coordinates).toEqual({ lat: 40.7127, lon: -74.0059 });
  });

  it('reads the old latd/latm/lats/latNS fields', () => {
    const { coordinates } = extractFacts(
      '{{Infobox settlement|latd=33|latm=51|lats=54|latNS=S|longd=151|longm=12|longs=36|longEW=E}}',
    );
    expect(coordinates?.lat).toBeCloseTo(-33.865, 3);
    expect(coordinates?.lon).toBeCloseTo(151.21, 3);
  });

  it('reads an Italian comune', () => {
    const { facts } = extractFacts(`{{Infobox Italian comune
| name = Borgo
| population_total = 4,321
| population_as_of = 31 December 2019
| area_total_km2 = 12.5
| elevation_m = 350
}}`);
    expect(facts).toMatchObject({
      population: 4321,
      populationAsOf: '31 December 2019',
      areaKm2: 12.5,
      elevationM: 350,
    });
  });

  it('reads {{flagcountry}} with a code and an Infobox German location in its own units', () => {
    const { facts } = extractFacts(`{{Infobox German location
| name = Musterstadt
| state = Bavaria
| country = {{flagcountry|DEU}}
| area = 891.12
| elevation = 34
| population = 3,878,100
| population_as_of = 2023-12-31
}}`);
    expect(facts).toMatchObject({ country: 'Germany', areaKm2: 891.12, elevationM: 34, population: 3878100 });
  });

  it('knows the country of single-country infoboxes, and gives a time zone as its abbreviation', () => {
    const { facts } = extractFacts(`{{Infobox French commune
|name = Ville
|elevation m = 35
|area km2 = 105.4
|population = 2102650
|population date = 2023
}}`);
    expect(facts).toMatchObject({
      country: 'France',
      elevationM: 35,
      areaKm2: 105.4,
      population: 2102650,
      populationAsOf: '2023',
    });
    const tz = extractFacts(
      '{{Infobox settlement|timezone = [[Central Time Zone|Central (CST)]]|utc_offset = ±00:00}}',
    ).facts;
    expect(tz).toMatchObject({ timezone: 'CST', utcOffset: '+00:00' });
    expect(extractFacts('{{Infobox settlement|timezone = [[CET]] ([[UTC+1]])}}').facts).toMatchObject({
      timezone: 'CET',
      utcOffset: '+01:00',
    });
  });

  it('reads an Infobox Australian place, an Infobox country and census fields', () => {
    expect(
      extractFacts(`{{Infobox Australian place | type = city | name = Harbourtown
| pop = 5,450,496 | pop_year = 2023 | area = 12,368.2 | elevation = 3
| timezone = AEST | utc = +10:00 }}`).facts,
    ).toEqual({
      country: 'Australia',
      population: 5450496,
      populationAsOf: '2023',
      areaKm2: 12368.2,
      elevationM: 3,
      timezone: 'AEST',
      utcOffset: '+10:00',
    });
    expect(
      extractFacts(`{{Infobox country | common_name = Citystate | population_estimate = 6,036,900
| population_estimate_year = 2024 | area_km2 = 735.6 | time_zone = [[Citystate Standard Time|CST]] | utc_offset = +8 }}`)
        .facts,
    ).toEqual({
      country: 'Citystate',
      population: 6036900,
      populationAsOf: '2024',
      areaKm2: 735.6,
      elevationM: null,
      timezone: 'CST',
      utcOffset: '+08:00',
    });
    expect(extractFacts('{{Infobox Russian inhabited locality|pop_2010census=11,503,501}}').facts).toMatchObject({
      population: 11503501,
      populationAsOf: '2010',
    });
  });

  it('reads the infobox about the place when a page has several', () => {
    const { facts } = extractFacts(`{{Infobox Chinese|t=城|p=chéng}}
{{Infobox settlement|name=Bigcity|subdivision_type=Country|subdivision_name=China|population_total=21,893,095}}`);
    expect(facts).toMatchObject({ country: 'China', population: 21893095 });
  });

  it('prefers a total area to a land area, in any unit', () => {
    expect(extractFacts('{{Infobox settlement|area_land_km2 = 10|area_total_sq_mi = 5}}').facts.areaKm2).toBeCloseTo(
      12.95,
      2,
    );
  });

  it('does not guess the unit of a bare area in other infoboxes', () => {
    expect(extractFacts('{{Infobox settlement|area = 891.12|elevation = 34}}').facts).toMatchObject({
      areaKm2: null,
      elevationM: null,
    });
  });

  it('is all null without an infobox, and never throws on broken markup', () => {
    expect(extractFacts("'''Nowhere''' is a place.").facts).toEqual({
      country: null,
      population: null,
      populationAsOf: null,
      areaKm2: null,
      elevationM: null,
      timezone: null,
      utcOffset: null,
    });
    for (const junk of [
      '{{Infobox settlement|population_total={{',
      '{{{{{{',
      '[[[[|]]',
      '{{Infobox x|coord={{coord|N|S|E|W}}}}',
      '',
    ]) {
      expect(() => extractFacts(junk)).not.toThrow();
    }
  });
});

const corpus = fileURLToPath(new URL('../../../../shared/corpus/wikitext/', import.meta.url));
const haveCorpus = existsSync(corpus);

describe.skipIf(!haveCorpus)('facts from the real-world corpus (../shared/corpus/wikitext)', () => {
  const read = (name: string) => readFileSync(`${corpus}${name}`, 'utf8');

  it('Toronto: {{flag}} country, population with a comment, old-style coordinates', () => {
    const { facts, coordinates } = extractFacts(read('Toronto.wikitext'));
    expect(facts).toEqual({
      country: 'Canada',
      population: 2615060,
      populationAsOf: '2011',
      areaKm2: 630,
      elevationM: 76,
      timezone: 'EST',
      utcOffset: '-05:00',
    });
    expect(coordinates?.lat).toBeCloseTo(43.7, 2);
    expect(coordinates?.lon).toBeCloseTo(-79.4, 2);
  });

  it('Dollar Point: {{USA}}, {{coord}}, km² and m preferred over sq mi and ft', () => {
    const { facts, coordinates } = extractFacts(read('Dollar_Point,_California.wikitext'));
    expect(facts).toEqual({
      country: 'United States',
      population: 1215,
      populationAsOf: '2010',
      areaKm2: 4.232,
      elevationM: 1976,
      timezone: 'PST',
      utcOffset: '-08:00',
    });
    expect(coordinates?.lat).toBeCloseTo(39.18861, 4);
    expect(coordinates?.lon).toBeCloseTo(-120.10889, 4);
  });

  it('Bodmin: {{Infobox UK place}} field names', () => {
    const { facts, coordinates } = extractFacts(read('Bodmin.wikitext'));
    expect(facts).toEqual({
      country: 'England',
      population: 14736,
      populationAsOf: '2011',
      areaKm2: null,
      elevationM: null,
      timezone: null,
      utcOffset: null,
    });
    expect(coordinates).toEqual({ lat: 50.466, lon: -4.718 });
  });
});

if (!haveCorpus)
  console.warn(`skipping corpus checks: ${corpus} does not exist (it ships beside the project, not in it)`);
