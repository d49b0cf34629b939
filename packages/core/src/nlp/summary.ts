/**
 * Extractive summaries: whole sentences of the text, in their original order,
 * never a fragment. The tokenizer keeps abbreviations inside their sentence; what
 * is left to refuse are list items, captions and headings, which ICU also calls
 * sentences: a summary sentence ends with a full stop, question or exclamation
 * mark (a closing quote or bracket may follow), starts like a sentence (not with a
 * bullet or a lower-case letter), is not one quotation from end to end (a title in a
 * reference list) and has at least four words.
 */

import { slicer } from '../util/slice.js';
import { languageKit } from './language.js';
import { isContentWord, type Sentence, type Tokens } from './text.js';

const MIN_WORDS = 4;
const ENDS_SENTENCE = /[.!?。！？…؟।](?:["'”’»)\]]*)$/u;
const STARTS_LIST_ITEM = /^(?:[-–—•*·▪●◦]|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s)/u;
const STARTS_LOWER = /^\p{Ll}/u;
/** A sentence that is all one quotation: a title in a reference list ("“The New Zealanders”."). */
const ALL_QUOTED = /^["“„«'‘][^"“”„«»]*["”»'’][.!?]?$/u;

/** Whether a sentence reads as a whole sentence rather than a list item, caption or heading. */
export function isWholeSentence(s: Sentence): boolean {
  return (
    s.words.length >= MIN_WORDS &&
    ENDS_SENTENCE.test(s.text) &&
    !STARTS_LIST_ITEM.test(s.text) &&
    !STARTS_LOWER.test(s.text) &&
    !ALL_QUOTED.test(s.text)
  );
}

/** The first `n` whole sentences (a Wikipedia introduction's lead). */
export function leadSentences(tokens: Tokens, n: number): string[] {
  const out: string[] = [];
  for (const s of tokens.sentences) {
    if (out.length >= n) break;
    if (isWholeSentence(s)) out.push(s.text);
  }
  return out;
}

/** Sentences handled between two looks at the clock. */
const CHECK_EVERY = 16;

interface Ranked {
  i: number;
  score: number;
}

/** Whether sentence a (score, index) ranks before b: higher score first, then earlier. */
const before = (aScore: number, ai: number, bScore: number, bi: number) =>
  bScore - aScore < 0 || (!(bScore - aScore > 0) && ai < bi);

/**
 * The most representative whole sentences: each scores the sum of its content
 * words' frequencies (by stem) in the whole text, over the square root of its
 * content-word count (so long sentences do not win by length alone). The best `n`
 * are returned in their original order. Yields to the event loop as it goes
 * (`slice.ts`), and keeps only the best `n` rather than sorting every sentence.
 */
export async function summarize(tokens: Tokens, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const tick = slicer();
  const pause = async (i: number) => {
    if (i % CHECK_EVERY === CHECK_EVERY - 1) {
      const turn = tick();
      if (turn) await turn;
    }
  };
  const whole: Sentence[] = [];
  for (let i = 0; i < tokens.sentences.length; i++) {
    await pause(i);
    const s = tokens.sentences[i] as Sentence;
    if (isWholeSentence(s)) whole.push(s);
  }
  if (whole.length <= n) return whole.map((s) => s.text);
  const kit = await languageKit(tokens.lang);
  const perSentence: string[][] = [];
  const freq = new Map<string, number>();
  for (let i = 0; i < whole.length; i++) {
    await pause(i);
    const stems: string[] = [];
    for (const word of (whole[i] as Sentence).words) {
      const w = word.toLowerCase();
      if (!isContentWord(w, kit.stopwords)) continue;
      const stem = kit.stem(w) || w;
      stems.push(stem);
      freq.set(stem, (freq.get(stem) ?? 0) + 1);
    }
    perSentence.push(stems);
  }
  // the best n by (score descending, position ascending), kept in rank order
  const best: Ranked[] = [];
  for (let i = 0; i < perSentence.length; i++) {
    await pause(i);
    const stems = perSentence[i] as string[];
    let sum = 0;
    for (const s of stems) sum += freq.get(s) ?? 0;
    const score = stems.length ? sum / Math.sqrt(stems.length) : 0;
    const last = best[best.length - 1];
    if (best.length >= n && last && !before(score, i, last.score, last.i)) continue;
    let at = best.length;
    for (let prev = best[at - 1]; prev && before(score, i, prev.score, prev.i); prev = best[at - 1]) at--;
    best.splice(at, 0, { i, score });
    if (best.length > n) best.pop();
  }
  return best
    .map((s) => s.i)
    .sort((a, b) => a - b)
    .map((i) => (whole[i] as Sentence).text);
}
