/** Words and sentences of any script, with the ICU segmenters built into Node. */

const wordSegmenters = new Map<string, Intl.Segmenter>();
const sentenceSegmenters = new Map<string, Intl.Segmenter>();

function segmenter(cache: Map<string, Intl.Segmenter>, lang: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  let s = cache.get(lang);
  if (!s) {
    let locale = 'en';
    try {
      locale = Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'en';
    } catch {
      // an odd tag: fall back to the root rules
    }
    s = new Intl.Segmenter(locale, { granularity });
    cache.set(lang, s);
  }
  return s;
}

/** The words of a text (letters and digits; punctuation and spaces dropped). */
export function words(text: string, lang = 'en'): string[] {
  const out: string[] = [];
  for (const seg of segmenter(wordSegmenters, lang, 'word').segment(text)) {
    if (seg.isWordLike) out.push(seg.segment);
  }
  return out;
}

/** The sentences of a text, trimmed, empty ones dropped. */
export function sentences(text: string, lang = 'en'): string[] {
  const out: string[] = [];
  for (const seg of segmenter(sentenceSegmenters, lang, 'sentence').segment(text)) {
    const s = seg.segment.replace(/\s+/g, ' ').trim();
    if (s) out.push(s);
  }
  return out;
}
