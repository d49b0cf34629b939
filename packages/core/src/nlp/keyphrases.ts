/**
 * Keyphrases of one to three words by YAKE (Campos et al., "YAKE! Keyword extraction
 * from single documents using multiple local features", Information Sciences 509, 2020),
 * over the request's shared tokens. Everything is one pass or a sort: linear in the
 * text apart from sorting the candidates.
 *
 * Each content word (grouped by stem) gets YAKE's score from five local features:
 * casing (capitalised away from a sentence start, or an acronym), position (median
 * sentence), normalised frequency, relatedness to context (how many different words
 * surround it) and spread over sentences; lower is better. A candidate is a run of
 * one to three words inside a sentence, not broken by punctuation, whose first and
 * last words are content words, and whose content words are all capitalised or all
 * not (sentence starts aside); its score is the product of its words' scores over
 * its frequency times one plus their sum (a stop word inside weighs by how often it
 * joins its neighbours). Candidates that share more than half of the shorter one's
 * stems with a better one ("Dublin" / "Dublin City") are dropped. The term
 * shown is the form the text writes most often away from a sentence start
 * ("River Liffey", "harbour"); scores are the best candidate's over each one's, in (0, 1].
 */
import { GENERIC_WORDS } from './generic-words.js';
import { languageKit } from './language.js';
import { isContentWord, type Tokens, tokenize } from './text.js';

export interface Keyword {
  term: string;
  score: number;
}

const MAX_WORDS = 3;
const WINDOW = 2;

interface Term {
  tf: number;
  upper: number;
  lower: number;
  acronym: number;
  sentences: number[];
  left: Set<string>;
  leftN: number;
  right: Set<string>;
  rightN: number;
  score: number;
}

interface Word {
  key: string;
  content: boolean;
  /** punctuation or a sentence start between this word and the one before */
  breakBefore: boolean;
  sentence: number;
  start: number;
  end: number;
  initial: boolean;
}

interface Candidate {
  keys: string[];
  tf: number;
  forms: Map<string, number>;
  initialForms: Map<string, number>;
  score: number;
}

const isAcronym = (w: string) => w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase();
const isCapitalised = (w: string) => {
  const c = w[0] ?? '';
  return c !== c.toLowerCase();
};

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

/** The words of the tokens with their offsets in their sentence and whether punctuation precedes them. */
function wordsOf(
  tokens: Tokens,
  stem: (w: string) => string,
  stop: ReadonlySet<string>,
): { words: Word[]; texts: string[] } {
  const words: Word[] = [];
  const texts: string[] = [];
  tokens.sentences.forEach((s, si) => {
    texts.push(s.text);
    let pos = 0;
    s.words.forEach((raw, wi) => {
      const at = s.text.indexOf(raw, pos);
      const start = at < 0 ? pos : at;
      const gap = at < 0 ? '.' : s.text.slice(pos, start);
      pos = at < 0 ? pos : start + raw.length;
      const lower = raw.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
      const content = isContentWord(lower, stop);
      words.push({
        key: content ? stem(lower) || lower : lower,
        content,
        breakBefore: wi === 0 || /[^\s]/.test(gap),
        sentence: si,
        start,
        end: pos,
        initial: wi === 0,
      });
    });
  });
  return { words, texts };
}

/** The best `limit` keyphrases of a request's tokens (or of a text, tokenized here). */
export async function keyphrases(input: Tokens | string, lang: string, limit = 10): Promise<Keyword[]> {
  const tokens = typeof input === 'string' ? tokenize(input, lang) : input;
  if (limit <= 0) return [];
  const base = tokens.lang.toLowerCase().split('-')[0] ?? '';
  const kit = await languageKit(base);
  const generic = GENERIC_WORDS[base];
  const stop = generic ? new Set([...kit.stopwords, ...generic]) : kit.stopwords;
  const { words, texts } = wordsOf(tokens, (w) => kit.stem(w), stop);

  // Term statistics (content words only), with co-occurrence in a window of two;
  // word and pair counts for the stop words inside candidates.
  const terms = new Map<string, Term>();
  const counts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
    const prev = words[i - 1];
    if (prev && !w.breakBefore) pairs.set(`${prev.key} ${w.key}`, (pairs.get(`${prev.key} ${w.key}`) ?? 0) + 1);
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (!w.content) continue;
    let t = terms.get(w.key);
    if (!t) {
      t = {
        tf: 0,
        upper: 0,
        lower: 0,
        acronym: 0,
        sentences: [],
        left: new Set(),
        leftN: 0,
        right: new Set(),
        rightN: 0,
        score: 0,
      };
      terms.set(w.key, t);
    }
    const raw = texts[w.sentence]?.slice(w.start, w.end) ?? '';
    t.tf++;
    if (isAcronym(raw)) t.acronym++;
    else if (!isCapitalised(raw)) t.lower++;
    else if (!w.initial) t.upper++;
    if (t.sentences[t.sentences.length - 1] !== w.sentence) t.sentences.push(w.sentence);
    for (let j = i - 1; j >= 0 && j >= i - WINDOW; j--) {
      const o = words[j] as Word;
      if (o.sentence !== w.sentence) break;
      if (!o.content) continue;
      t.left.add(o.key);
      t.leftN++;
      const ot = terms.get(o.key);
      if (ot) {
        ot.right.add(w.key);
        ot.rightN++;
      }
    }
  }
  if (terms.size === 0) return [];

  let sum = 0;
  let maxTf = 0;
  for (const t of terms.values()) {
    sum += t.tf;
    maxTf = Math.max(maxTf, t.tf);
  }
  const mean = sum / terms.size;
  let variance = 0;
  for (const t of terms.values()) variance += (t.tf - mean) ** 2;
  const std = Math.sqrt(variance / terms.size);
  const nSentences = Math.max(1, tokens.sentences.length);
  for (const t of terms.values()) {
    const tCase = Math.max(t.upper, t.acronym) / (1 + Math.log(t.tf));
    const tPos = Math.log(Math.log(3 + median(t.sentences)));
    const tfNorm = t.tf / (mean + std);
    const dl = t.leftN ? t.left.size / t.leftN : 0;
    const dr = t.rightN ? t.right.size / t.rightN : 0;
    const tRel = 1 + (dl + dr) * (t.tf / maxTf);
    const tSentence = t.sentences.length / nSentences;
    t.score = (tRel * tPos) / (tCase + tfNorm / tRel + tSentence / tRel);
  }

  // Candidates: runs of one to three words inside a sentence, no punctuation between.
  const candidates = new Map<string, Candidate>();
  for (let i = 0; i < words.length; i++) {
    const first = words[i] as Word;
    if (!first.content) continue;
    for (let n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
      const last = words[i + n - 1] as Word;
      if (n > 1 && (last.breakBefore || last.sentence !== first.sentence)) break;
      if (!last.content) continue;
      const keys: string[] = [];
      let upper = false;
      let lower = false;
      for (let k = i; k < i + n; k++) {
        const w = words[k] as Word;
        keys.push(w.key);
        if (!w.content || w.initial) continue;
        if (isCapitalised(texts[w.sentence]?.slice(w.start, w.end) ?? '')) upper = true;
        else lower = true;
      }
      // "Council runs", "shore of Lake": a name and a common word are not one phrase
      if (upper && lower) continue;
      if (n > 1 && new Set(keys).size < n) continue;
      const id = keys.join(' ');
      let c = candidates.get(id);
      if (!c) {
        c = { keys, tf: 0, forms: new Map(), initialForms: new Map(), score: 0 };
        candidates.set(id, c);
      }
      c.tf++;
      const form = texts[first.sentence]?.slice(first.start, last.end) ?? id;
      const forms = first.initial ? c.initialForms : c.forms;
      forms.set(form, (forms.get(form) ?? 0) + 1);
    }
  }
  for (const c of candidates.values()) {
    let prod = 1;
    let total = 0;
    for (let k = 0; k < c.keys.length; k++) {
      const key = c.keys[k] as string;
      const t = terms.get(key);
      if (t) {
        prod *= t.score;
        total += t.score;
        continue;
      }
      // a stop word inside: YAKE weighs it by how often it joins its neighbours
      const before = c.keys[k - 1] as string;
      const after = c.keys[k + 1] as string;
      const p1 = (pairs.get(`${before} ${key}`) ?? 0) / (counts.get(before) ?? 1);
      const p2 = (pairs.get(`${key} ${after}`) ?? 0) / (counts.get(key) ?? 1);
      const p = p1 * p2;
      prod *= 1 + (1 - p);
      total -= 1 - p;
    }
    c.score = prod / (c.tf * (1 + total));
  }

  const ranked = [...candidates.values()].sort((a, b) => a.score - b.score);
  const chosen: Candidate[] = [];
  const chosenSets: Set<string>[] = [];
  for (const c of ranked) {
    if (chosen.length >= limit) break;
    const mine = new Set(c.keys.filter((k) => terms.has(k)));
    const duplicate = chosenSets.some((other) => {
      let shared = 0;
      for (const k of mine) if (other.has(k)) shared++;
      return shared * 2 > Math.min(mine.size, other.size);
    });
    if (duplicate) continue;
    chosen.push(c);
    chosenSets.push(mine);
  }
  const best = chosen[0]?.score || 1;
  return chosen.map((c) => ({
    term: surfaceForm(c, terms),
    score: Math.round((best / (c.score || best)) * 100) / 100,
  }));
}

/** The form written most often away from a sentence start; else the sentence-initial one, lower-cased if the word is written so elsewhere. */
function surfaceForm(c: Candidate, terms: Map<string, Term>): string {
  const pick = (forms: Map<string, number>) => {
    let best = '';
    let n = 0;
    for (const [f, k] of forms) if (k > n) [best, n] = [f, k];
    return best;
  };
  if (c.forms.size) return pick(c.forms);
  const form = pick(c.initialForms);
  const first = terms.get(c.keys[0] as string);
  if (!first || first.lower === 0 || first.upper > 0 || first.acronym > 0) return form;
  return form.charAt(0).toLowerCase() + form.slice(1);
}
