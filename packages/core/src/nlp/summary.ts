/**
 * Extractive summaries: whole sentences of the text, in their original order,
 * never a fragment. The tokenizer keeps abbreviations inside their sentence; what
 * is left to refuse are list items, captions and headings, which ICU also calls
 * sentences: a summary sentence ends with a full stop, question or exclamation
 * mark (a closing quote or bracket may follow), starts like a sentence (not with a
 * bullet or a lower-case letter), is not one quotation from end to end (a title in a
 * reference list) and has at least four words.
 */
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

/**
 * The most representative whole sentences: each scores the sum of its content
 * words' frequencies (by stem) in the whole text, over the square root of its
 * content-word count (so long sentences do not win by length alone). The best `n`
 * are returned in their original order.
 */
export async function summarize(tokens: Tokens, n: number): Promise<string[]> {
  if (n <= 0) return [];
  const whole = tokens.sentences.filter(isWholeSentence);
  if (whole.length <= n) return whole.map((s) => s.text);
  const kit = await languageKit(tokens.lang);
  const perSentence = whole.map((s) =>
    s.words
      .map((w) => w.toLowerCase())
      .filter((w) => isContentWord(w, kit.stopwords))
      .map((w) => kit.stem(w) || w),
  );
  const freq = new Map<string, number>();
  for (const stems of perSentence) for (const s of stems) freq.set(s, (freq.get(s) ?? 0) + 1);
  const scored = perSentence.map((stems, i) => ({
    i,
    score: stems.length ? stems.reduce((sum, s) => sum + (freq.get(s) ?? 0), 0) / Math.sqrt(stems.length) : 0,
  }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored
    .slice(0, n)
    .map((s) => s.i)
    .sort((a, b) => a - b)
    .map((i) => (whole[i] as Sentence).text);
}
