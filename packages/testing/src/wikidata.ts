/**
 * Wikidata's `wbgetentities` in the documented Wikibase JSON format
 * (https://doc.wikimedia.org/Wikibase/master/php/docs_topics_json.html): entities
 * keyed by id, `labels` by language, `claims` by property, each statement with a
 * `mainsnak` (quantity, time, globe-coordinate or item values), `qualifiers` and
 * a `rank`. Sample items, written for Cityscope's tests; not Wikidata's data.
 */
type Json = Record<string, unknown>;

export interface WikidataEntity {
  type: 'item';
  id: string;
  labels?: Record<string, { language: string; value: string }>;
  claims?: Record<string, Json[]>;
}

const ENTITY = 'http://www.wikidata.org/entity/';
let statementNo = 0;

function statement(property: string, datavalue: Json, datatype: string, extra: Json = {}): Json {
  statementNo++;
  return {
    mainsnak: { snaktype: 'value', property, datavalue, datatype },
    type: 'statement',
    id: `SAMPLE$${statementNo}`,
    rank: 'normal',
    ...extra,
  };
}

const time = (iso: string, precision: number) => ({
  snaktype: 'value',
  property: 'P585',
  datavalue: {
    value: {
      time: `+${iso}T00:00:00Z`,
      timezone: 0,
      before: 0,
      after: 0,
      precision,
      calendarmodel: `${ENTITY}Q1985727`,
    },
    type: 'time',
  },
  datatype: 'time',
});

/** A statement pointing at another item (P17 country, P421 time zone). */
export const itemClaim = (property: string, id: string, extra: Json = {}) =>
  statement(
    property,
    { value: { 'entity-type': 'item', 'numeric-id': Number(id.slice(1)), id }, type: 'wikibase-entityid' },
    'wikibase-item',
    extra,
  );

/** A quantity (P1082 population unit "1", P2046 area, P2044 elevation by unit item). */
export const quantityClaim = (property: string, amount: number, unit: string | null, extra: Json = {}) =>
  statement(
    property,
    {
      value: { amount: `${amount >= 0 ? '+' : ''}${amount}`, unit: unit ? `${ENTITY}${unit}` : '1' },
      type: 'quantity',
    },
    'quantity',
    extra,
  );

/** A population with its P585 point in time (precision 9 = year, 11 = day) and a rank. */
export const populationClaim = (amount: number, at: string, rank: 'preferred' | 'normal' | 'deprecated' = 'normal') =>
  quantityClaim('P1082', amount, null, {
    rank,
    qualifiers: { P585: [time(at.length === 4 ? `${at}-00-00` : at, at.length === 4 ? 9 : 11)] },
  });

export const coordinateClaim = (lat: number, lon: number) =>
  statement(
    'P625',
    {
      value: { latitude: lat, longitude: lon, altitude: null, precision: 0.0001, globe: `${ENTITY}Q2` },
      type: 'globecoordinate',
    },
    'globe-coordinate',
  );

const labels = (byLang: Record<string, string>) =>
  Object.fromEntries(Object.entries(byLang).map(([language, value]) => [language, { language, value }]));

const item = (id: string, names: Record<string, string>, claims: Json[] = []): WikidataEntity => {
  const byProperty: Record<string, Json[]> = {};
  for (const c of claims) {
    const p = (c.mainsnak as { property: string }).property;
    const list = byProperty[p] ?? [];
    list.push(c);
    byProperty[p] = list;
  }
  return { type: 'item', id, labels: labels(names), claims: byProperty };
};

/** Sample items: places with some facts, the countries and time zones they point to. */
export const SAMPLE_WIKIDATA: Record<string, WikidataEntity> = Object.fromEntries(
  [
    // a German town whose infobox leaves population, area and time zone to Wikidata
    item('Q90001', { de: 'Musterstadt', en: 'Musterstadt' }, [
      itemClaim('P17', 'Q183'),
      populationClaim(48_200, '2021', 'normal'),
      populationClaim(49_876, '2023-12-31', 'normal'),
      populationClaim(45_000, '2011', 'deprecated'),
      quantityClaim('P2046', 5_630, 'Q35852'),
      quantityClaim('P2044', 1_171, 'Q3710'),
      coordinateClaim(50.1, 8.7),
      itemClaim('P421', 'Q6655'),
    ]),
    // a town whose preferred population is not the latest, in a country ICU names only through its label here
    item('Q90002', { en: 'Riverbend' }, [
      itemClaim('P17', 'Q90100'),
      itemClaim('P17', 'Q183', { qualifiers: { P582: [time('1990-10-03', 11)] } }),
      populationClaim(120_000, '2020', 'preferred'),
      populationClaim(125_000, '2024', 'normal'),
      quantityClaim('P2046', 12.5, 'Q232291'),
      quantityClaim('P2044', 210, 'Q11573'),
    ]),
    // a city whose infobox population differs from Wikidata's by more than a few percent
    item('Q90003', { en: 'Bigport' }, [
      itemClaim('P17', 'Q30'),
      populationClaim(700_000, '2023', 'preferred'),
      quantityClaim('P2046', 300, 'Q712226'),
      quantityClaim('P2044', 5, 'Q11573'),
      itemClaim('P421', 'Q90200'),
    ]),
    item('Q183', { de: 'Deutschland', en: 'Germany', fr: 'Allemagne' }),
    item('Q30', { en: 'United States of America' }),
    item('Q90100', { en: 'Freedonia', de: 'Freedonien' }),
    item('Q6655', { en: 'UTC+01:00', de: 'UTC+01:00' }),
    item('Q90200', { en: 'Eastern Time Zone', de: 'Östliche Zeitzone' }),
  ].map((e) => [e.id, e]),
);

/** The answer of `action=wbgetentities` for these parameters: [status, body]. */
export function wbgetentities(entities: Record<string, WikidataEntity>, params: URLSearchParams): [number, Json] {
  if (params.get('action') !== 'wbgetentities') {
    return [200, { error: { code: 'badvalue', info: 'Unrecognized value for parameter "action".' } }];
  }
  const ids = (params.get('ids') ?? '').split('|').filter(Boolean);
  if (ids.length === 0) return [200, { error: { code: 'param-missing', info: 'Either provide the ids or titles.' } }];
  if (ids.length > 50) {
    return [
      200,
      { error: { code: 'toomanyvalues', info: 'Too many values supplied for parameter "ids". The limit is 50.' } },
    ];
  }
  const props = new Set(
    (params.get('props') ?? 'info|sitelinks|aliases|labels|descriptions|claims|datatype').split('|'),
  );
  const languages = params.get('languages')?.split('|');
  const out: Json = {};
  for (const id of ids) {
    const e = entities[id];
    if (!e) {
      out[id] = { id, missing: '' };
      continue;
    }
    const answer: Json = { type: e.type, id: e.id };
    if (props.has('labels')) {
      answer.labels = Object.fromEntries(
        Object.entries(e.labels ?? {}).filter(([l]) => !languages || languages.includes(l)),
      );
    }
    if (props.has('claims')) answer.claims = e.claims ?? {};
    out[id] = answer;
  }
  return [200, { entities: out, success: 1 }];
}
