/** Texts for the tokenizer tests and the text-route benchmark, written for this project. */

export const SAMPLES: Record<string, string> = {
  en: 'St. Louis is a city in Missouri. John F. Kennedy visited it c. 1960 with Mr. Smith. It grew.\nA new paragraph, with "quotes." And (parens.) 3.14 apples; e.g. this one.   Ends? Yes! ok. The U.S. Navy sailed in 1812. It docked at 5 p.m. and left.',
  zh: '北京是中华人民共和国的首都，也是全国的政治中心、文化中心。北京位于华北平原北部，背靠燕山。2020年人口约2189万人！你去过北京吗？我想去看看故宫和长城。',
  ja: '東京は日本の首都です。人口は約1400万人で、世界有数の大都市です。「東京タワー」は有名な観光地です！富士山も見えますか？ひらがなとカタカナと漢字を使います。ｶﾞｲﾄﾞﾌﾞｯｸもあります。',
  th: 'กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย มีประชากรประมาณสิบล้านคน เป็นศูนย์กลางทางเศรษฐกิจ',
  ru: 'Москва — столица России. Население около 13 млн человек. Это крупнейший город страны! Т. е. очень большой.',
  ar: 'القاهرة هي عاصمة مصر. وهي أكبر مدينة في العالم العربي. يبلغ عدد سكانها حوالي عشرين مليون نسمة.',
  hi: 'दिल्ली भारत की राजधानी है। यह एक बहुत बड़ा शहर है। यहाँ कई ऐतिहासिक स्मारक हैं।',
  ko: '서울은 대한민국의 수도이다. 인구는 약 천만 명이다. 한강이 도시를 가로지른다!',
  mix: "Tokyo (東京) 👩‍👩‍👧 🇫🇷🇩🇪 café naïve e\u0301 São Paulo. U.S.A. is big. end.Next 1,234.56 12:30 a\r\nb\u2028c x\u00a0y 𠀀𠀁 𝐀. B. don’t it's",
};

/** A small deterministic PRNG (LCG), so every run builds the same texts. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 0x1_0000_0000;
  };
}

/** About `n` code units of text: mostly `lang`'s sample, mixed with the others, joined by `glue`. */
export function mixedText(lang: string, glue: string, n: number, seed = 1): string {
  const r = random(seed);
  const keys = Object.keys(SAMPLES);
  const parts: string[] = [];
  let length = 0;
  while (length < n) {
    const k = r() < 0.6 ? lang : (keys[Math.floor(r() * keys.length)] as string);
    const s = SAMPLES[k] as string;
    parts.push(s, glue);
    length += s.length + glue.length;
  }
  return parts.join('');
}

const NOUNS =
  'harbour city river market bridge museum station cathedral square district festival railway university council island park tower canal garden theatre'.split(
    ' ',
  );
const VERBS = 'crosses borders hosts attracts connects overlooks welcomes serves surrounds celebrates'.split(' ');
const ADJECTIVES = 'old busy quiet lovely famous ancient modern crowded beautiful grey wide narrow'.split(' ');

/** English prose of exactly `n` characters: varied sentences, paragraphs, abbreviations. */
export function prose(n: number, seed = 7): string {
  const r = random(seed);
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)] as string;
  const parts: string[] = [];
  let length = 0;
  while (length < n) {
    const s =
      r() < 0.1
        ? `In ${1800 + Math.floor(r() * 200)} Dr. ${pick(NOUNS)} saw St. ${pick(NOUNS)}, a ${pick(ADJECTIVES)} ${pick(NOUNS)}.`
        : `The ${pick(ADJECTIVES)} ${pick(NOUNS)} ${pick(VERBS)} the ${pick(ADJECTIVES)} ${pick(NOUNS)} near the ${pick(NOUNS)}${r() < 0.3 ? ', and it is not bad' : ''}.`;
    const sep = r() < 0.08 ? '\n\n' : ' ';
    parts.push(s, sep);
    length += s.length + sep.length;
  }
  return parts.join('').slice(0, n);
}

/** Chinese of exactly `n` characters, no spaces. */
export function chinese(n: number): string {
  return mixedText('zh', '', 2 * n + 100, 3)
    .replace(/[^\p{Script=Han}，。！？、0-9]/gu, '')
    .padEnd(n, '。')
    .slice(0, n);
}
