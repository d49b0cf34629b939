import { languageKit } from './language.js';
import { isContentWord, words } from './text.js';

export interface Keyword {
  term: string;
  score: number;
}

/**
 * Keywords of one text. Words are lower-cased, stop words and numbers dropped,
 * and grouped by stem; a group's weight is its count times a length factor
 * (short words say less), and the score is that weight over the best group's,
 * so the top keyword scores 1. The term shown is the group's most frequent form.
 * Ties go to the word seen first.
 */
export async function keywords(text: string, lang: string, limit = 10): Promise<Keyword[]> {
  if (limit <= 0) return [];
  const kit = await languageKit(lang);
  const groups = new Map<string, { count: number; first: number; forms: Map<string, number> }>();
  let index = 0;
  for (const raw of words(text, lang)) {
    const w = raw.toLowerCase().replace(/[’']s$/, '');
    index++;
    if (!isContentWord(w, kit.stopwords)) continue;
    const stem = kit.stem(w) || w;
    let g = groups.get(stem);
    if (!g) {
      g = { count: 0, first: index, forms: new Map() };
      groups.set(stem, g);
    }
    g.count++;
    g.forms.set(w, (g.forms.get(w) ?? 0) + 1);
  }
  const weighted = [...groups.values()].map((g) => {
    let term = '';
    let best = 0;
    for (const [form, n] of g.forms) if (n > best) [term, best] = [form, n];
    return { term, weight: g.count * Math.min(1, 0.5 + term.length / 12), first: g.first };
  });
  weighted.sort((a, b) => b.weight - a.weight || a.first - b.first);
  const top = weighted[0]?.weight ?? 1;
  return weighted.slice(0, limit).map((k) => ({ term: k.term, score: Math.round((k.weight / top) * 100) / 100 }));
}
