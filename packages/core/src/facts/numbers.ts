/**
 * Numbers as infoboxes write them: "2,615,060", "1.9 million", "1 234 567",
 * "1.234.567" (in languages that group with dots), "−28" (Unicode minus).
 */

const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  millions: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  // a few other languages' words, for the non-English wikis
  millionen: 1e6,
  millones: 1e6,
  millón: 1e6,
  milioni: 1e6,
  milione: 1e6,
  milhões: 1e6,
  milhão: 1e6,
  mio: 1e6,
  'mio.': 1e6,
  mln: 1e6,
  miljoen: 1e6,
  miljoenen: 1e6,
  milliard: 1e9,
  milliarden: 1e9,
  млн: 1e6,
  миллиона: 1e6,
  миллионов: 1e6,
  миллион: 1e6,
  тыс: 1e3,
  tys: 1e3,
  tysięcy: 1e3,
  mil: 1e3,
  mille: 1e3,
  tausend: 1e3,
};

/** East Asian counting units, which can run into the next word ("367万人"). */
const CJK_SCALES: Record<string, number> = { 千: 1e3, 万: 1e4, 萬: 1e4, 億: 1e8, 亿: 1e8 };

/** A number: not inside a word of an alphabetic script (CJK text runs into numbers: "約367万人"). */
const NUMBER =
  /(?<![\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}])([-−–]?)(\d{1,3}(?:[ \u00a0\u2009\u202f'’]\d{3})+(?![\d.])(?:,\d+)?|\d[\d,.]*\d|\d)(\s*[\p{L}]+\.?)?/gu;

interface Found {
  value: number;
  grouped: boolean;
  scaled: boolean;
}

/** Reads one numeric token (digits and separators) into a number. */
/** How a wiki writes numbers: "1,234.5" (English) or "1.234,5" (most other languages). */
export type NumberStyle = 'point' | 'comma';

/** Languages whose Wikipedia writes a decimal point; the others write a decimal comma. */
const DECIMAL_POINT = new Set([
  'en',
  'simple',
  'zh',
  'ja',
  'ko',
  'th',
  'he',
  'hi',
  'ta',
  'ur',
  'ms',
  'tl',
  'ga',
  'cy',
  'sco',
]);

export const numberStyle = (lang: string): NumberStyle =>
  DECIMAL_POINT.has(lang.split('-')[0] ?? 'en') ? 'point' : 'comma';

function readToken(digits: string, style: NumberStyle): { value: number; grouped: boolean } | null {
  const d = digits.replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/(\d)['’](?=\d{3})/g, '$1 ');
  if (style === 'comma') {
    // 1.234.567, 1 234 567, 1.234, 1.234,5, 4,2
    if (/^\d{1,3}(?:[ .]\d{3})+(?:,\d+)?$/.test(d)) {
      return { value: Number(d.replace(/[ .]/g, '').replace(',', '.')), grouped: true };
    }
    if (/^\d+,\d+$/.test(d)) return { value: Number(d.replace(',', '.')), grouped: false };
  }
  // 1,234,567 or 1 234 567 (with an optional .5)
  if (/^\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?$/.test(d)) return { value: Number(d.replace(/[ ,]/g, '')), grouped: true };
  // 1 234,5 (French)
  if (/^\d{1,3}(?: \d{3})+,\d+$/.test(d))
    return { value: Number(d.replace(/ /g, '').replace(',', '.')), grouped: true };
  // 1.234.567 or 1.234,5 (German, Italian, …); a lone "1.634" stays a decimal
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(d) || /^\d{1,3}(?:\.\d{3})+,\d+$/.test(d)) {
    return { value: Number(d.replace(/\./g, '').replace(',', '.')), grouped: true };
  }
  const first = /^\d+(?:[.,]\d+)?/.exec(d);
  if (!first) return null;
  return { value: Number(first[0].replace(',', '.')), grouped: false };
}

function tokens(text: string, style: NumberStyle, scaled: boolean): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const word = (m[3] ?? '').trim().toLowerCase();
    const scale = scaled ? (SCALES[word] ?? SCALES[word.replace(/\.$/, '')] ?? CJK_SCALES[word.charAt(0)]) : undefined;
    const read = readToken(m[2] as string, style);
    if (!read || !Number.isFinite(read.value)) continue;
    const sign = m[1] ? -1 : 1;
    out.push({ value: sign * read.value * (scale ?? 1), grouped: read.grouped, scaled: scale !== undefined });
  }
  return out;
}

/**
 * The number a value states. A leading year ("2011: 14,736", "(2020) 1.2 million")
 * gives way to a later grouped or scaled figure.
 */
export function parseNumber(text: string, style: NumberStyle = 'point', scaled = true): number | null {
  const found = tokens(text.replace(/\[\d+\]/g, ''), style, scaled);
  const [head] = found;
  if (!head) return null;
  const isYear =
    !head.grouped && !head.scaled && Number.isInteger(head.value) && head.value >= 1000 && head.value <= 2100;
  if (isYear) {
    const better = found.slice(1).find((f) => f.grouped || f.scaled);
    if (better) return better.value;
  }
  return head.value;
}

/** A year stated in text ("[[2010 United States Census|2010]]" renders to "2010"). */
export function parseYear(text: string): string | null {
  const years = [...new Set(text.match(/\b(1[5-9]\d\d|20\d\d)\b/g) ?? [])];
  return years.length === 1 ? (years[0] as string) : null;
}
