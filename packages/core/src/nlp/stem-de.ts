/**
 * The Snowball German stemmer (Porter, https://snowballstem.org/algorithms/german/stemmer.html).
 * natural ships one, but its module requires `stopwords-iso` (300 KB of every
 * language's stop words) at load; this one stands alone. Input is a lower-cased word.
 */
const VOWEL = /[aeiouyäöü]/;
const S_ENDING = /[bdfghklmnrt]$/;
const ST_ENDING = /[bdfghklmnt]$/;

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionStart(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!VOWEL.test(w[i] as string) && VOWEL.test(w[i - 1] as string)) return i + 1;
  }
  return w.length;
}

export function germanStem(word: string): string {
  let w = word
    .replace(/ß/g, 'ss')
    .replace(/([aeiouyäöü])u(?=[aeiouyäöü])/g, '$1U')
    .replace(/([aeiouyäöü])y(?=[aeiouyäöü])/g, '$1Y');
  const r1 = Math.max(3, regionStart(w, 0));
  const r2 = regionStart(w, regionStart(w, 0));
  const inR = (suffix: string, r: number) => w.endsWith(suffix) && w.length - suffix.length >= r;

  // Step 1
  let m = /(ern|em|er)$/.exec(w) ?? /(en|es|e)$/.exec(w);
  if (m && w.length - (m[1] as string).length >= r1) {
    w = w.slice(0, -(m[1] as string).length);
    if (m[1] !== 'em' && m[1] !== 'er' && m[1] !== 'ern' && w.endsWith('niss')) w = w.slice(0, -1);
  } else if (!m && inR('s', r1) && S_ENDING.test(w.slice(0, -1))) {
    w = w.slice(0, -1);
  }

  // Step 2
  m = /(est|en|er)$/.exec(w);
  if (m && w.length - (m[1] as string).length >= r1) {
    w = w.slice(0, -(m[1] as string).length);
  } else if (!m && inR('st', r1) && w.length - 2 >= 4 && ST_ENDING.test(w.slice(0, -2))) {
    w = w.slice(0, -2);
  }

  // Step 3: derivational suffixes
  if (/(end|ung)$/.test(w) && inR(w.slice(-3), r2)) {
    w = w.slice(0, -3);
    if (inR('ig', r2) && !w.endsWith('eig')) w = w.slice(0, -2);
  } else if (/(isch)$/.test(w) && inR('isch', r2) && !w.endsWith('eisch')) {
    w = w.slice(0, -4);
  } else if (/(ig|ik)$/.test(w) && inR(w.slice(-2), r2) && !/e(ig|ik)$/.test(w)) {
    w = w.slice(0, -2);
  } else if (/(lich|heit)$/.test(w) && inR(w.slice(-4), r2)) {
    w = w.slice(0, -4);
    if (/(er|en)$/.test(w) && inR(w.slice(-2), r1)) w = w.slice(0, -2);
  } else if (w.endsWith('keit') && inR('keit', r2)) {
    w = w.slice(0, -4);
    if (inR('lich', r2)) w = w.slice(0, -4);
    else if (inR('ig', r2)) w = w.slice(0, -2);
  }

  return w.replace(/U/g, 'u').replace(/Y/g, 'y').replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u');
}
