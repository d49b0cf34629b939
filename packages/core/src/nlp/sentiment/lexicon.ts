/** A sentiment vocabulary: a lower-cased word (or a stem, or an emoji) to its valence on VADER's −4 … +4 scale. */
export type Lexicon = ReadonlyMap<string, number>;

/** Longest prefix shared with the previous entry that the packed form records. */
const MAX_SHARED = 40;
/** The shared-prefix length is one character: "0" for 0, "1" for 1, … "X" for 40. */
const SHARED_BASE = 48;

/**
 * The packed form of a vocabulary: entries sorted, one a line, each written as the
 * length of the prefix it shares with the entry before (one character), the rest of
 * the entry, a tab and the score ("0harbour\t1.2", "6s\t1.2" for "harbours"). Sorted
 * vocabularies share long prefixes, so this is a quarter smaller than plain lines,
 * and the bundle carries every vocabulary.
 */
export function packLexicon(scores: ReadonlyMap<string, number>): string {
  const lines: string[] = [];
  let previous = '';
  for (const [word, score] of [...scores].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let shared = 0;
    while (shared < MAX_SHARED && shared < word.length && word[shared] === previous[shared]) shared++;
    // never between the halves of a surrogate pair
    if (shared > 0 && /[\uD800-\uDBFF]/.test(word[shared - 1] as string)) shared--;
    lines.push(`${String.fromCharCode(SHARED_BASE + shared)}${word.slice(shared)}\t${score}`);
    previous = word;
  }
  return lines.join('\n');
}

/**
 * Reads the packed form in one pass. The vocabularies are strings in the bundle
 * rather than object literals: a string is cheap to scan at start-up, and this
 * runs only when a language's sentiment is first asked for.
 */
export function parseLexicon(packed: string): Map<string, number> {
  const out = new Map<string, number>();
  let previous = '';
  let start = 0;
  while (start < packed.length) {
    let end = packed.indexOf('\n', start);
    if (end < 0) end = packed.length;
    const tab = packed.indexOf('\t', start);
    if (tab > start && tab < end) {
      const shared = packed.charCodeAt(start) - SHARED_BASE;
      const word = previous.slice(0, shared) + packed.slice(start + 1, tab);
      out.set(word, Number(packed.slice(tab + 1, end)));
      previous = word;
    }
    start = end + 1;
  }
  return out;
}

const cache = new Map<string, Promise<Lexicon>>();

/** Loads and parses a vocabulary module once per process. */
export function loadLexicon(name: string, load: () => Promise<{ default: string }>): Promise<Lexicon> {
  let p = cache.get(name);
  if (!p) {
    p = load().then((m) => parseLexicon(m.default));
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}
