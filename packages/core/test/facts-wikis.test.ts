import { describe, expect, it } from 'vitest';
import { axisValue } from '../src/facts/coordinates.js';
import { extractFacts, zoneName } from '../src/facts/infobox.js';
import { parseNumber } from '../src/facts/numbers.js';
import { PROFILES } from '../src/facts/profiles.js';

/**
 * One test per infobox profile, on infobox wikitext written for these tests from
 * each template's documentation (parameter names, number style, coordinate forms,
 * country rule), with invented places and rounded figures.
 */

describe('German: {{Infobox Gemeinde in Deutschland}} and {{Infobox Ort in …}}', () => {
  it('reads Einwohner/Stand/Fläche/Höhe, slash coordinates, and the country from the template', () => {
    const { facts, coordinates } = extractFacts(
      `{{Infobox Gemeinde in Deutschland
|Art               = Stadt
|Wappen            = Wappen Musterstadt.svg
|Breitengrad       = 51/12/N
|Längengrad        = 13/24/30/E
|Lageplan          = Musterstadt in XY.svg
|Bundesland        = Sachsen
|Landkreis         = Musterkreis
|Höhe              = 113
|Fläche            = 297,36
|Einwohner         = 620.689
|Stand             = 31. Dezember 2023
|PLZ               = 01067–01328
}}
'''Musterstadt''' ist eine Stadt.`,
      'de',
    );
    expect(facts).toEqual({
      country: 'Deutschland',
      population: 620689,
      populationAsOf: '31. Dezember 2023',
      areaKm2: 297.36,
      elevationM: 113,
      timezone: null,
      utcOffset: null,
    });
    expect(coordinates).toEqual({ lat: 51.2, lon: 13.408333 });
  });

  it('reads decimal Breitengrad/Längengrad, "Mio." and the country named by an {{Infobox Ort in …}}', () => {
    const { facts, coordinates } = extractFacts(
      `{{Infobox Ort in Polen
|Ort           = Warschau
|Breitengrad   = 52.23
|Längengrad    = 21.011111
|Höhe          = 78–116
|Fläche        = 517,24
|Einwohner     = 1,86 Mio.
|Stand         = 2021
}}`,
      'de',
    );
    expect(facts).toMatchObject({ country: 'Polen', population: 1860000, areaKm2: 517.24, elevationM: 78 });
    expect(coordinates).toEqual({ lat: 52.23, lon: 21.011111 });
  });
});

describe('French: {{Infobox Commune de France}}', () => {
  it('reads population/année_pop/superficie with non-breaking spaces and decimal commas', () => {
    const { facts, coordinates } = extractFacts(
      `{{Infobox Commune de France
| nom                    = Villebelle
| région                 = [[Occitanie (région administrative)|Occitanie]]
| département            = [[Hérault (département)|Hérault]]
| maire                  = Jean Dupont
| population             = 302&nbsp;454
| année_pop              = 2021
| latitude               = 43.611944
| longitude              = 3.877222
| alt mini               = 7
| alt maxi               = 121
| superficie             = 56,88
}}`,
      'fr',
    );
    expect(facts).toMatchObject({
      country: 'France',
      population: 302454,
      populationAsOf: '2021',
      areaKm2: 56.88,
    });
    expect(coordinates).toEqual({ lat: 43.611944, lon: 3.877222 });
  });

  it('reads {{Infobox Ville}} with a country template and a fuseau horaire', () => {
    const { facts } = extractFacts(
      `{{Infobox Ville
| nom = Québecville
| pays = {{Canada}}
| population = 1 762 949
| année_pop = 2021
| superficie = 431,5
| altitude = 233
| fuseau horaire = [[Heure normale de l'Est|HNE]] ([[UTC−5]])
}}`,
      'fr',
    );
    expect(facts).toMatchObject({
      country: 'Canada',
      population: 1762949,
      areaKm2: 431.5,
      elevationM: 233,
      timezone: 'HNE',
      utcOffset: '-05:00',
    });
  });
});

describe('Spanish: {{Ficha de entidad subnacional}}', () => {
  it('reads país with {{bandera}}, población/población_año, superficie and horario', () => {
    const { facts, coordinates } = extractFacts(
      `{{Ficha de entidad subnacional
|nombre             = Villaverde
|unidad             = [[Municipio de España|Municipio]]
|país               = {{bandera|España}} [[España]]
|tipo_superior_1    = [[Comunidades autónomas de España|Comunidad autónoma]]
|superior_1         = {{bandera|Aragón}} [[Aragón]]
|coor               = {{coord|41|39|N|0|53|O|display=inline,title}}
|altitud            = 199
|superficie         = 973,78
|población          = 682.513
|población_año      = 2023
|horario            = [[Hora central europea|CET]] ([[UTC+01:00|UTC+1]])
}}`,
      'es',
    );
    expect(facts).toEqual({
      country: 'España',
      population: 682513,
      populationAsOf: '2023',
      areaKm2: 973.78,
      elevationM: 199,
      timezone: 'CET',
      utcOffset: '+01:00',
    });
    expect(coordinates).toEqual({ lat: 41.65, lon: -0.883333 });
  });
});

describe('Italian: {{Divisione amministrativa}}', () => {
  it('reads Stato as a code, Abitanti, Superficie, Altitudine and the gradi/minuti fields', () => {
    const { facts, coordinates } = extractFacts(
      `{{Divisione amministrativa
|Nome = Borgonuovo
|Stato = ITA
|Grado amministrativo = 3
|Divisione amm grado 1 = Piemonte
|Latitudine gradi = 45
|Latitudine minuti = 04
|Latitudine secondi = 12
|Latitudine NS = N
|Longitudine gradi = 7
|Longitudine minuti = 40
|Longitudine secondi = 48
|Longitudine EW = E
|Altitudine = 239
|Superficie = 130,01
|Abitanti = 841 600
|Aggiornamento abitanti = 31-12-2023
|Fuso orario = UTC+1
}}`,
      'it',
    );
    expect(facts).toEqual({
      country: 'Italia',
      population: 841600,
      populationAsOf: '31-12-2023',
      areaKm2: 130.01,
      elevationM: 239,
      timezone: 'UTC+1',
      utcOffset: '+01:00',
    });
    expect(coordinates?.lat).toBeCloseTo(45.07, 6);
    expect(coordinates?.lon).toBeCloseTo(7.68, 6);
  });
});

describe('Portuguese: {{Info/Município do Brasil}} and {{Info/Assentamento}}', () => {
  it('reads latP/latG/lonP/lonG (O is oeste) and the country from the template', () => {
    const { facts, coordinates } = extractFacts(
      `{{Info/Município do Brasil
|nome = Serrana
|latP = S |latG = 23 |latM = 33 |latS = 00
|lonP = O |lonG = 46 |lonM = 38 |lonS = 00
|estado = [[São Paulo (estado)|São Paulo]]
|área = 1521,11
|população = 11 451 999
|data_pop = [[Censo demográfico do Brasil de 2022|IBGE/2022]]
|altitude = 760
|fuso = [[Hora de Brasília|UTC−3]]
}}`,
      'pt',
    );
    expect(facts).toMatchObject({
      country: 'Brasil',
      population: 11451999,
      populationAsOf: 'IBGE/2022',
      areaKm2: 1521.11,
      elevationM: 760,
      utcOffset: '-03:00',
    });
    expect(coordinates).toEqual({ lat: -23.55, lon: -46.633333 });
  });

  it('reads {{Info/Assentamento}} with latd/longd and a {{PRT}} country', () => {
    const { facts, coordinates } = extractFacts(
      `{{Info/Assentamento
|nome = Vila Nova
|subdivisão_tipo = País
|subdivisão_nome = {{PRT}}
|latd= 38 |latm= 43 |lats= 0 |latNS=N |longd= 9 |longm= 9 |longs= 0 |longEW=W
|área_total_km2 = 100,05
|elevação_m = 2
|população_total = 545 796
|população_em = 2021
}}`,
      'pt',
    );
    expect(facts).toMatchObject({
      country: 'Portugal',
      population: 545796,
      populationAsOf: '2021',
      areaKm2: 100.05,
      elevationM: 2,
    });
    expect(coordinates).toEqual({ lat: 38.716667, lon: -9.15 });
  });
});

describe('Russian: {{Населённый пункт}}', () => {
  it('reads Страна, Население with a trend template and thin spaces, lat_deg fields and Часовой пояс', () => {
    const { facts, coordinates } = extractFacts(
      `{{Населённый пункт
|статус = Город
|русское название = Новоград
|lat_dir = N |lat_deg = 55 |lat_min = 45 |lat_sec = 21
|lon_dir = E |lon_deg = 37 |lon_min = 37 |lon_sec = 04
|Страна = Россия
|Площадь = 2561,5
|Высота центра НП = 156
|Население = {{рост}} 13&thinsp;104&thinsp;177
|Год переписи = 2021
|Часовой пояс = +3
}}`,
      'ru',
    );
    expect(facts).toEqual({
      country: 'Россия',
      population: 13104177,
      populationAsOf: '2021',
      areaKm2: 2561.5,
      elevationM: 156,
      timezone: 'UTC+3',
      utcOffset: '+03:00',
    });
    expect(coordinates?.lat).toBeCloseTo(55.755833, 5);
    expect(coordinates?.lon).toBeCloseTo(37.617778, 5);
  });

  it('reads "млн"', () => {
    expect(parseNumber('12,6 млн', 'comma')).toBe(12600000);
  });
});

describe('Polish: {{Miasto infobox}}', () => {
  it('reads państwo as a flag code, liczba ludności/rok, powierzchnia and stopniN/stopniE', () => {
    const { facts, coordinates } = extractFacts(
      `{{Miasto infobox
 |nazwa               = Nowogród
 |państwo             = {{POL}}
 |województwo         = [[województwo mazowieckie|mazowieckie]]
 |powierzchnia        = 517,24
 |wysokość            = 78–116
 |liczba ludności     = 1 861 975
 |rok                 = 2023
 |strefa czasowa      = [[Czas środkowoeuropejski|CET]]
 |stopniN = 52 |minutN = 13 |sekundN = 56
 |stopniE = 21 |minutE = 00 |sekundE = 30
}}`,
      'pl',
    );
    expect(facts).toEqual({
      country: 'Polska',
      population: 1861975,
      populationAsOf: '2023',
      areaKm2: 517.24,
      elevationM: 78,
      timezone: 'CET',
      utcOffset: null,
    });
    expect(coordinates?.lat).toBeCloseTo(52.232222, 5);
    expect(coordinates?.lon).toBeCloseTo(21.008333, 5);
  });
});

describe('Dutch: {{Infobox plaats in Nederland}}', () => {
  it('reads inwoners with dots, oppervlakte, hoogte and the country from the template', () => {
    const { facts, coordinates } = extractFacts(
      `{{Infobox plaats in Nederland
| plaatsnaam = Nieuwedam
| gemeente = Nieuwedam
| provincie = Noord-Holland
| inwoners = 921.402
| peildatum = 1 januari 2024
| oppervlakte = 219,32
| hoogte = -2
| lat = 52.373056
| long = 4.892222
}}`,
      'nl',
    );
    expect(facts).toMatchObject({
      country: 'Nederland',
      population: 921402,
      populationAsOf: '1 januari 2024',
      areaKm2: 219.32,
      elevationM: -2,
    });
    expect(coordinates).toEqual({ lat: 52.373056, lon: 4.892222 });
  });
});

describe('Japanese: {{日本の市}} and {{Infobox settlement}} on ja', () => {
  it('reads 総人口/人口の時点/面積 and the 緯度度 fields; the country is Japan', () => {
    const { facts, coordinates } = extractFacts(
      `{{日本の市
|画像 = Example.jpg
|自治体名 = 新見本市
|都道府県 = 北海道
|コード = 01100-0
|面積 = 1121.26
|総人口 = 1,955,599
|人口の時点 = 2024年4月1日
|緯度度 = 43 |緯度分 = 3 |緯度秒 = 43.4
|経度度 = 141 |経度分 = 21 |経度秒 = 15.3
}}`,
      'ja',
    );
    expect(facts).toMatchObject({
      country: '日本',
      population: 1955599,
      populationAsOf: '2024年4月1日',
      areaKm2: 1121.26,
    });
    expect(coordinates?.lat).toBeCloseTo(43.062056, 5);
    expect(coordinates?.lon).toBeCloseTo(141.35425, 5);
  });

  it('reads a {{DEU}} country in Japanese and "約367万人"', () => {
    const { facts } = extractFacts(
      `{{Infobox settlement
|name = ノイシュタット
|subdivision_type = 国
|subdivision_name = {{DEU}}
|population_total = 約367万人
|population_as_of = 2023年
}}`,
      'ja',
    );
    expect(facts).toMatchObject({ country: 'ドイツ', population: 3670000, populationAsOf: '2023年' });
  });
});

describe('Chinese: {{Infobox settlement}} on zh', () => {
  it('reads a {{CHN}} country, "2189.31万" and {{Coord}}', () => {
    const { facts, coordinates } = extractFacts(
      `{{Infobox settlement
|name = 新城
|subdivision_type = 国家
|subdivision_name = {{CHN}}
|area_total_km2 = 16410.54
|population_total = 2189.31万
|population_as_of = 2023年
|timezone = [[北京时间]]
|utc_offset = +8
|coordinates = {{Coord|39|54|N|116|23|E|display=inline,title}}
}}`,
      'zh',
    );
    expect(facts).toMatchObject({
      country: '中国',
      population: 21893100,
      areaKm2: 16410.54,
      timezone: '北京时间',
      utcOffset: '+08:00',
    });
    expect(coordinates).toEqual({ lat: 39.9, lon: 116.383333 });
  });
});

describe('rules every profile shares', () => {
  it('reads latd/longd under any infobox template, even one no profile knows', () => {
    const { coordinates } = extractFacts(
      '{{Pilsētas infokaste|nosaukums=Rīga|iedzīvotāji=605 273|latd=56|latm=56|latNS=N|longd=24|longm=6|longEW=E}}',
      'lv',
    );
    expect(coordinates).toEqual({ lat: 56.933333, lon: 24.1 });
  });

  it('reads pop_latest', () => {
    expect(extractFacts('{{Infobox settlement|pop_latest = 45,678|latest_pop_year = 2022}}').facts).toMatchObject({
      population: 45678,
      populationAsOf: '2022',
    });
  });

  it('reads {{Flagicon}} with nothing else, and {{flag|POL}}, in the wiki language', () => {
    expect(extractFacts('{{Infobox settlement|country = {{Flagicon|DEU}}}}', 'fr').facts.country).toBe('Allemagne');
    expect(extractFacts('{{Infobox settlement|country = {{flag|POL}}}}', 'en').facts.country).toBe('Poland');
    expect(extractFacts('{{Infobox settlement|country = {{flagicon|FRA}} [[France]]}}').facts.country).toBe('France');
  });

  it.each([
    ['Central (CST)', 'CST'],
    ['[[Central European Time]] (CET)', 'CET'],
    ['CET (UTC+1)', 'CET'],
    ['EST', 'EST'],
    ['+3', 'UTC+3'],
    ['UTC+1', 'UTC+1'],
  ])('time zone %s → %s', (text, expected) => {
    expect(zoneName(text)).toBe(expected);
  });

  it.each([
    ['51/12/N', 51.2],
    ['51/12/30/N', 51.208333],
    ['51/12/S', -51.2],
    ['13/24/O', 13.4],
    ['51°12′N', 51.2],
    ['52,5', 52.5],
    ['−33.86', -33.86],
  ])('coordinate %s', (text, expected) => {
    expect(axisValue(text, 'de')).toBeCloseTo(expected, 5);
  });

  it('numbers with thin spaces, apostrophes and East Asian units', () => {
    expect(parseNumber('1\u2009234\u2009567', 'comma')).toBe(1234567);
    expect(parseNumber("1'234'567")).toBe(1234567);
    expect(parseNumber('2189.31万')).toBe(21893100);
    expect(parseNumber('1,2 Mio.', 'comma')).toBe(1200000);
  });

  it('every profile reads at least one fact field and matches its own templates only', () => {
    for (const p of PROFILES) {
      expect(p.templates.test('infobox settlement'), p.id).toBe(false);
    }
  });
});

describe("a wiki's own field names under a template no profile names", () => {
  it('reads a Russian {{НП-Россия}} and an unknown Russian variant by the wiki’s field names', () => {
    const text = (name: string) => `{{${name}
|Статус = город
|Страна = Россия
|Население = 1&nbsp;025&nbsp;000
|Год переписи = 2021
|Площадь = 330
}}`;
    for (const name of ['НП-Россия', 'Город-миллионник']) {
      expect(extractFacts(text(name), 'ru').facts, name).toMatchObject({
        country: 'Россия',
        population: 1025000,
        populationAsOf: '2021',
        areaKm2: 330,
      });
    }
  });

  it('does not give a Japanese infobox of unknown name the country of {{日本の市}}', () => {
    expect(extractFacts('{{Infobox 都市|国=[[フランス]]|人口=2,102,650}}', 'ja').facts).toMatchObject({
      country: 'フランス',
      population: 2102650,
    });
  });
});

describe('units written after a measure', () => {
  it('"34 m" is 34 metres, "891,12 km²" is km², whatever the wiki', () => {
    expect(extractFacts('{{Infobox settlement|elevation_m = 76 m|area_total_km2 = 630 km2}}').facts).toMatchObject({
      elevationM: 76,
      areaKm2: 630,
    });
    expect(
      extractFacts('{{Infobox Gemeinde in Deutschland|Höhe = 34 m ü. NHN|Fläche = 891,12 km²}}', 'de').facts,
    ).toMatchObject({
      elevationM: 34,
      areaKm2: 891.12,
    });
    expect(extractFacts('{{Miasto infobox|wysokość = 100 m n.p.m.}}', 'pl').facts.elevationM).toBe(100);
  });
});

describe('Portuguese {{Info/Assentamento}} subdivisions', () => {
  it('takes subdivisão_nome for the country only where subdivisão_tipo says País', () => {
    const text = `{{Info/Assentamento
|subdivisão_tipo = [[Unidades federativas do Brasil|Estado]]
|subdivisão_nome = [[São Paulo (estado)|São Paulo]]
|subdivisão_tipo1 = País
|subdivisão_nome1 = {{BRA}}
}}`;
    expect(extractFacts(text, 'pt').facts.country).toBe('Brasil');
  });
});
