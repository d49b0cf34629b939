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
import { slicer } from './slice.js';
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
  /** capitalised as written */
  cap: boolean;
  acronym: boolean;
  sentence: number;
  start: number;
  end: number;
  initial: boolean;
}

interface Forms {
  /** the first form seen and its count; others only when there are others (most candidates have one) */
  first: string;
  n: number;
  others?: Map<string, number>;
}

interface Candidate {
  keys: string[];
  tf: number;
  forms?: Forms;
  initialForms?: Forms;
  score: number;
}

function addForm(forms: Forms | undefined, form: string): Forms {
  if (!forms) return { first: form, n: 1 };
  if (form === forms.first) forms.n++;
  else {
    forms.others ??= new Map();
    forms.others.set(form, (forms.others.get(form) ?? 0) + 1);
  }
  return forms;
}

function mostFrequent(forms: Forms): string {
  let best = forms.first;
  let n = forms.n;
  if (forms.others) for (const [f, k] of forms.others) if (k > n) [best, n] = [f, k];
  return best;
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
async function wordsOf(
  tokens: Tokens,
  stem: (w: string) => string,
  stop: ReadonlySet<string>,
  tick: () => Promise<void> | undefined,
): Promise<{ words: Word[]; texts: string[] }> {
  const words: Word[] = [];
  const texts: string[] = [];
  for (let si = 0; si < tokens.sentences.length; si++) {
    const s = tokens.sentences[si] as Tokens['sentences'][number];
    if ((si & 15) === 15) await tick();
    texts.push(s.text);
    let pos = 0;
    for (let wi = 0; wi < s.words.length; wi++) {
      // one sentence can hold a whole text ("A. " × 33,333 merges into one)
      if ((wi & 255) === 255) await tick();
      const raw = s.words[wi] as string;
      const at = s.text.indexOf(raw, pos);
      const start = at < 0 ? pos : at;
      const gap = at < 0 ? '.' : s.text.slice(pos, start);
      pos = at < 0 ? pos : start + raw.length;
      const lower = raw.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
      const content = isContentWord(lower, stop);
      words.push({
        key: content ? stem(lower) || lower : lower,
        content,
        breakBefore: wi === 0 || /\S/.test(gap),
        cap: isCapitalised(raw),
        acronym: isAcronym(raw),
        sentence: si,
        start,
        end: pos,
        initial: wi === 0,
      });
    }
  }
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
  const tick = slicer();
  const pause = async (i: number) => {
    if ((i & 255) === 255) await tick();
  };
  const { words, texts } = await wordsOf(tokens, (w) => kit.stem(w), stop, tick);
  await tick();

  // Term statistics (content words only), with co-occurrence in a window of two;
  // word and pair counts for the stop words inside candidates.
  const terms = new Map<string, Term>();
  const counts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    await pause(i);
    const w = words[i] as Word;
    counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
    const prev = words[i - 1];
    if (prev && !w.breakBefore) pairs.set(`${prev.key} ${w.key}`, (pairs.get(`${prev.key} ${w.key}`) ?? 0) + 1);
  }
  for (let i = 0; i < words.length; i++) {
    await pause(i);
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
    t.tf++;
    if (w.acronym) t.acronym++;
    else if (!w.cap) t.lower++;
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
  await tick();
  let termsScored = 0;
  for (const t of terms.values()) {
    await pause(termsScored++);
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
    await pause(i);
    const first = words[i] as Word;
    if (!first.content) continue;
    let id = '';
    let upper = false;
    let lower = false;
    for (let n = 1; n <= MAX_WORDS && i + n <= words.length; n++) {
      const last = words[i + n - 1] as Word;
      if (n > 1 && (last.breakBefore || last.sentence !== first.sentence)) break;
      id = n === 1 ? last.key : `${id} ${last.key}`;
      if (last.content && !last.initial) {
        if (last.cap) upper = true;
        else lower = true;
      }
      // "Council runs", "shore of Lake": a name and a common word are not one phrase
      if (upper && lower) break;
      // a phrase that repeats a word ("東京 東京")
      if (n > 1 && (words[i + n - 2] as Word).key === last.key) break;
      if (n > 2 && first.key === last.key) break;
      if (!last.content) continue;
      let c = candidates.get(id);
      if (!c) {
        const keys: string[] = [];
        for (let k = i; k < i + n; k++) keys.push((words[k] as Word).key);
        c = { keys, tf: 0, score: 0 };
        candidates.set(id, c);
      }
      c.tf++;
      const form = texts[first.sentence]?.slice(first.start, last.end) ?? id;
      if (first.initial) c.initialForms = addForm(c.initialForms, form);
      else c.forms = addForm(c.forms, form);
    }
  }
  await tick();
  let scored = 0;
  for (const c of candidates.values()) {
    await pause(scored++);
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

  await tick();
  const ranked = new Ranking([...candidates.values()]);
  const chosen: Candidate[] = [];
  const chosenSets: Set<string>[] = [];
  for (let taken = 0; chosen.length < limit; taken++) {
    await pause(taken);
    const c = ranked.next();
    if (!c) break;
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

/**
 * Candidates best first (lowest score, then first found), as `sort` by score would
 * give them (it is stable), one at a time from a binary heap: building the heap is
 * linear, and only as many are taken as the choice needs, where sorting 100,000
 * candidates of a long Chinese text held the event loop for tens of milliseconds.
 */
class Ranking {
  private readonly heap: number[];
  constructor(private readonly items: Candidate[]) {
    this.heap = items.map((_, i) => i);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }
  /** Whether item a ranks before item b (a score that does not compare ranks as a tie). */
  private before(a: number, b: number): boolean {
    const d = (this.items[a] as Candidate).score - (this.items[b] as Candidate).score;
    return d < 0 || (!(d > 0) && a < b);
  }
  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && this.before(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && this.before(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  }
  next(): Candidate | undefined {
    const heap = this.heap;
    if (!heap.length) return undefined;
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length) {
      heap[0] = last;
      this.down(0);
    }
    return this.items[top];
  }
}

/** The form written most often away from a sentence start; else the sentence-initial one, lower-cased if the word is written so elsewhere. */
function surfaceForm(c: Candidate, terms: Map<string, Term>): string {
  if (c.forms) return mostFrequent(c.forms);
  const form = c.initialForms ? mostFrequent(c.initialForms) : c.keys.join(' ');
  const first = terms.get(c.keys[0] as string);
  if (!first || first.lower === 0 || first.upper > 0 || first.acronym > 0) return form;
  return form.charAt(0).toLowerCase() + form.slice(1);
}
