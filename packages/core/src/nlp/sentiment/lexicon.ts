/** A sentiment vocabulary: a lower-cased word (or a stem, or an emoji) to its valence on VADER's −4 … +4 scale. */
export type Lexicon = ReadonlyMap<string, number>;

/**
 * Reads the packed form written by scripts/lexicons.ts (`word<TAB>score` lines) in
 * one pass. The vocabularies are strings in the bundle rather than object literals:
 * a string costs next to nothing to parse at start-up, and this runs only when a
 * language's sentiment is first asked for.
 */
export function parseLexicon(packed: string): Map<string, number> {
  const out = new Map<string, number>();
  let start = 0;
  while (start < packed.length) {
    let end = packed.indexOf('\n', start);
    if (end < 0) end = packed.length;
    const tab = packed.indexOf('\t', start);
    if (tab > start && tab < end) out.set(packed.slice(start, tab), Number(packed.slice(tab + 1, end)));
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
