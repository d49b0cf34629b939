import { COUNTRY_CODES } from './countries.js';

/**
 * Country names in the wiki's own language. Flag templates ({{DEU}}, {{flag|POL}})
 * and single-country infoboxes give a country by code; Node's ICU
 * (Intl.DisplayNames) names it in any language, so no name table per language is
 * kept here. English keeps the names of COUNTRY_CODES (Wikipedia's own spellings).
 */

/** ISO 3166-1 alpha-2 of the codes in COUNTRY_CODES (alpha-3 and IOC); the UK's nations have none. */
const ALPHA2_TEXT =
  'usa:US us:US can:CA mex:MX gbr:GB uk:GB irl:IE fra:FR deu:DE ger:DE ita:IT esp:ES prt:PT por:PT nld:NL ned:NL ' +
  'bel:BE lux:LU che:CH sui:CH aut:AT den:DK dnk:DK nor:NO swe:SE fin:FI isl:IS pol:PL cze:CZ svk:SK hun:HU ' +
  'rou:RO bgr:BG bul:BG grc:GR gre:GR tur:TR rus:RU ukr:UA blr:BY ltu:LT lva:LV lat:LV est:EE hrv:HR cro:HR ' +
  'svn:SI slo:SI srb:RS bih:BA alb:AL mkd:MK mne:ME mlt:MT cyp:CY isr:IL egy:EG mar:MA dza:DZ alg:DZ tun:TN ' +
  'nga:NG ngr:NG gha:GH ken:KE eth:ET zaf:ZA rsa:ZA bra:BR arg:AR chl:CL chi:CL col:CO per:PE ven:VE ecu:EC ' +
  'bol:BO ury:UY uru:UY pry:PY par:PY cub:CU chn:CN prc:CN jpn:JP kor:KR prk:KP ind:IN pak:PK bgd:BD ban:BD ' +
  'idn:ID ina:ID mys:MY mas:MY sgp:SG sin:SG tha:TH vnm:VN vie:VN phl:PH phi:PH aus:AU nzl:NZ irn:IR iri:IR ' +
  'irq:IQ sau:SA ksa:SA are:AE uae:AE qat:QA jor:JO lbn:LB lib:LB syr:SY afg:AF kaz:KZ uzb:UZ geo:GE arm:AM ' +
  'aze:AZ mda:MD twn:TW hkg:HK';

export const ALPHA2: ReadonlyMap<string, string> = new Map(
  ALPHA2_TEXT.split(' ').map((pair) => pair.split(':') as [string, string]),
);

let englishByAlpha2: Map<string, string> | undefined;
const displayNames = new Map<string, Intl.DisplayNames | null>();

function names(lang: string): Intl.DisplayNames | null {
  let dn = displayNames.get(lang);
  if (dn === undefined) {
    try {
      dn = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      dn = null;
    }
    displayNames.set(lang, dn);
  }
  return dn;
}

const baseLang = (lang: string) => (lang.split('-')[0] ?? 'en').toLowerCase();

/** A country's name in a wiki's language, from its ISO alpha-2 code. */
export function countryName(alpha2: string, lang: string): string | null {
  const code = alpha2.toUpperCase();
  const l = baseLang(lang);
  if (l === 'en' || l === 'simple') {
    if (!englishByAlpha2) {
      englishByAlpha2 = new Map();
      for (const [c, a2] of ALPHA2) if (!englishByAlpha2.has(a2)) englishByAlpha2.set(a2, COUNTRY_CODES[c] as string);
    }
    const known = englishByAlpha2.get(code);
    if (known) return known;
  }
  try {
    return names(l)?.of(code) ?? names('en')?.of(code) ?? null;
  } catch {
    return null;
  }
}

/** A country's name in a wiki's language from a flag-template code ("DEU", "GER", "us"); null if unknown. */
export function countryFromCode(code: string, lang: string): string | null {
  const c = code.trim().toLowerCase();
  const english = COUNTRY_CODES[c];
  if (english === undefined) return null;
  const a2 = ALPHA2.get(c);
  if (!a2) return english;
  const l = baseLang(lang);
  return l === 'en' || l === 'simple' ? english : (countryName(a2, l) ?? english);
}

const reverse = new Map<string, Map<string, string>>();

/** The alpha-2 code of a country named in a wiki's language ("Polen" in German → PL), or null. */
export function codeOfName(name: string, lang: string): string | null {
  const l = baseLang(lang);
  let byName = reverse.get(l);
  if (!byName) {
    byName = new Map();
    const dn = names(l);
    if (dn) {
      for (let a = 65; a <= 90; a++) {
        for (let b = 65; b <= 90; b++) {
          const code = String.fromCharCode(a, b);
          let n: string | undefined;
          try {
            n = dn.of(code);
          } catch {
            n = undefined;
          }
          if (n && !byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), code);
        }
      }
    }
    reverse.set(l, byName);
  }
  return byName.get(name.trim().toLowerCase()) ?? null;
}
