/**
 * The sentence rules of our own that VADER lacks, over vader.ts's prepared words (see
 * docs/nlp.md): an order not to waste warns, "best known" is a fact, a negation that
 * governs no sentiment word and "too" of excess lean negative, and the signs of opinion that the wider
 * vocabulary may require. Each is one pass over the words, or a window of three.
 */
import type { SentimentLanguage } from './languages.js';
import type { Prepared } from './prepared.js';

/** Whether the negation at `j` opens a warning against the verb at `at` ("Don't waste …", "Please do not waste …"). */
export function warns(p: Prepared, lang: SentimentLanguage, j: number, at: number): boolean {
  const signs = lang.warnings;
  if (!signs?.verbs.has(p.lower[at] as string)) return false;
  let k = j;
  const w = p.lower[j] as string;
  if (signs.after.has(w) && p.lower[j - 1] !== undefined && signs.auxiliaries.has(p.lower[j - 1] as string)) k--;
  else if (!signs.negations.has(w)) return false;
  while (k > 0 && signs.openers.has(p.lower[k - 1] as string)) k--;
  return k === 0;
}

const pairWords = new WeakMap<ReadonlySet<string>, Set<string>>();
/** The words of a set of two-word phrases (so that most words need no phrase looked up). */
export function wordsOf(pairs: ReadonlySet<string>): Set<string> {
  let words = pairWords.get(pairs);
  if (!words) {
    words = new Set([...pairs].flatMap((pair) => pair.split(' ')));
    pairWords.set(pairs, words);
  }
  return words;
}

/**
 * Whether the word at `i` is "too" of excess ("too small", "waited too long"), which leans
 * negative like a bare negation when the next word has no valence of its own ("too good to
 * miss" is the word's); not "too" meaning "also" (last in its sentence, or before "and",
 * "I", …: "Great price, too!").
 */
export function excessAt(p: Prepared, lang: SentimentLanguage, i: number): boolean {
  const excess = lang.excess;
  if (!excess || p.lower[i] !== excess.word) return false;
  const next = p.lower[i + 1];
  return next !== undefined && !excess.notBefore.has(next);
}

/**
 * A negation that governs no sentiment word in the three words after it ("it does not
 * work", "not what I wanted") counts `weight` below zero at its place: negation is far
 * more frequent in negative reviews than in positive ones (Potts 2011, "On the
 * negativity of negation"), and rare in factual prose. One pass with a window of three.
 */
export function leanNegative(
  p: Prepared,
  except: ReadonlySet<string>,
  val: (number | undefined)[],
  sentiments: number[],
  weight: number,
): void {
  const n = val.length;
  let nextHit = Number.POSITIVE_INFINITY;
  for (let i = n - 1; i >= 0; i--) {
    if (p.negator[i] && !p.selfNegated[i] && !except.has(p.lower[i] as string) && nextHit > i + 3) {
      sentiments[i] = (sentiments[i] as number) - weight;
    }
    if (val[i] !== undefined) nextHit = i;
  }
}

/** Whether the word at `at` is an opinion by the language's signs: one in the sentence (`person`), or a linking verb before it. */
export function opinionAt(p: Prepared, lang: SentimentLanguage, at: number, person: boolean): boolean {
  const signs = lang.subjectivity;
  if (!signs || person) return true;
  for (let j = at - 1; j >= 0 && j >= at - 3; j--) {
    const w = p.lower[j] as string;
    if (signs.linking.has(w)) return true;
    if (!lang.boosters.has(w) && !p.negator[j]) return false;
  }
  return false;
}
