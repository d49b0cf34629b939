/**
 * Whether a keyphrase names a concept a lead links to: the rule behind the keyphrase
 * figure of docs/nlp.md (scripts/bench-keyphrases.ts, test/nlp-keyphrases.test.ts).
 *
 * Both sides become words: accents folded, lower-cased, "'s" dropped, split at anything
 * that is not a letter or a digit, each word in the singular ("cities" → "city",
 * "churches" → "church", "Mississaugas" → "mississauga"; not "-ss", "-us", "-is").
 * A link gives up to four concepts: its label, its target, the target without a
 * "(…)" qualifier and the target's part before a comma ("Dollar Point, California").
 * A keyphrase **matches** a concept when
 * - their words are the same, or
 * - the shorter's words are a run of the longer's (whole words, in order) that holds
 *   more than half of the longer's content words (words other than the, of, and, in,
 *   a, an, to, for, by, on, at, with, from, list): "Lake Tahoe" matches "Lake Tahoe
 *   Basin" (2 of 3) and "Toronto Stock Exchange" matches "Toronto Stock Exchange
 *   building" (3 of 4), but "Ontario" does not match "Southern Ontario" (1 of 2), nor
 *   "Toronto" "History of Toronto", nor "city" "List of cities in Canada".
 * Sharing a single word is not a match. A looser figure is reported beside it: **contained**,
 * the same without the more-than-half condition (any whole-word run either way, with
 * at least one content word: "Toronto" in "History of Toronto").
 */

const FUNCTION_WORDS = new Set('the of and in a an to for by on at with from list'.split(' '));

function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The words of a phrase as the rule compares them. */
export function conceptWords(phrase: string): string[] {
  return phrase
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(singular);
}

const contentCount = (words: string[]) => words.filter((w) => !FUNCTION_WORDS.has(w)).length;

function runAt(long: string[], short: string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i++) {
    if (short.every((w, k) => long[i + k] === w)) return true;
  }
  return false;
}

/** The rule above, on two phrases' words; `contained` drops the more-than-half condition. */
export function wordsMatch(a: string[], b: string[], contained = false): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === long.length) return short.every((w, k) => long[k] === w);
  if (contentCount(short) === 0 || !runAt(long, short)) return false;
  return contained || contentCount(short) * 2 > contentCount(long);
}

/** A link's concepts (label, target, target without qualifier, target before a comma), as words. */
export function linkConcepts(link: { target: string; label: string }): string[][] {
  const bare = link.target.replace(/\s*\(.*\)\s*$/, '');
  const variants = new Set([link.label, link.target, bare, bare.replace(/,.*$/, '')]);
  return [...variants].map(conceptWords).filter((w) => w.length > 0);
}

/** Whether a keyphrase matches any of the concepts. */
export function namesConcept(phrase: string, concepts: string[][], contained = false): boolean {
  const words = conceptWords(phrase);
  return concepts.some((c) => wordsMatch(words, c, contained));
}

/** For context only: whether the keyphrase shares a content word with any concept. */
export function sharesWord(phrase: string, concepts: string[][]): boolean {
  const words = conceptWords(phrase).filter((w) => !FUNCTION_WORDS.has(w));
  return concepts.some((c) => c.some((w) => words.includes(w)));
}
