/** Word and sentence segments of a text, as offsets, from the ICU segmenters built into Node. */

export interface Span {
  start: number;
  end: number;
}

const cache = new Map<string, Intl.Segmenter>();

/** One segmenter per language and granularity, kept for the life of the instance. */
export function segmenter(lang: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}:${lang}`;
  let s = cache.get(key);
  if (!s) {
    let locale = 'en';
    try {
      locale = Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'en';
    } catch {
      // an odd tag: fall back to the root rules
    }
    s = new Intl.Segmenter(locale, { granularity });
    cache.set(key, s);
  }
  return s;
}

/** The word-like segments of a text (letters and digits; punctuation and spaces left out). */
export function wordSpans(text: string, lang: string): Span[] {
  const out: Span[] = [];
  for (const seg of segmenter(lang, 'word').segment(text)) {
    if (seg.isWordLike) out.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  return out;
}

/** Every sentence segment of a text, untrimmed, covering it end to end. */
export function sentenceSpans(text: string, lang: string): Span[] {
  const out: Span[] = [];
  for (const seg of segmenter(lang, 'sentence').segment(text)) {
    out.push({ start: seg.index, end: seg.index + seg.segment.length });
  }
  return out;
}
