/**
 * The pieces YAKE's steps (keyphrases.ts) share: the words of the request's tokens
 * with their positions, the per-term and per-candidate records, a heap that ranks
 * candidates, and the form a keyphrase is shown in.
 */
import type { Tokens } from './text.js';
import { isContentWord } from './text.js';

/** Most words in a keyphrase; a name of capitalised words may have one more ("Global Financial Centres Index"). */
export const MAX_WORDS = 3;
export const MAX_NAME_WORDS = 4;
/** The only stop words an English keyphrase holds inside: "of" and the particles of names ("Battle of York", "Pas-de-Calais"). */
export const INSIDE_EN: ReadonlySet<string> = new Set(
  'of de la le du des von van der den del di da do dos das upon on y e al el'.split(' '),
);
export const WINDOW = 2;

export interface Term {
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

export interface Word {
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
  /** Shaped like a finite verb after its subject ("the city sits on"): no end of a concept's name. */
  verbLike: boolean;
  /** A lower-case English "-ed" word: may start a phrase ("unincorporated community"), never end one ("newspaper published"). */
  participle: boolean;
}

interface Forms {
  /** the first form seen and its count; others only when there are others (most candidates have one) */
  first: string;
  n: number;
  others?: Map<string, number>;
}

export interface Candidate {
  keys: string[];
  tf: number;
  forms?: Forms;
  initialForms?: Forms;
  score: number;
}

export function addForm(forms: Forms | undefined, form: string): Forms {
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

export function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

/** English words that follow a verb and seldom a noun phrase's last word: articles, prepositions of place and motion. */
const AFTER_VERB = new Set(
  'the a an its their his her on into onto at from by to across along through over'.split(' '),
);
/** Pronouns that are a verb's subject ("It lies on"). */
const SUBJECTS = new Set('it he she this that which who'.split(' '));
/** After a lower-case "-ed" word these make it a verb or participle ("produced during", "located in", "elected as"). */
const AFTER_PARTICIPLE = new Set([
  ...AFTER_VERB,
  ...'in during as with for until under between within near after before since'.split(' '),
]);
/** An adverb's shape ("initially", "mostly", "densely"), not "-ily", "-bly", "-ply", "-oly", "-aly", "-fly" nouns. */
const adverbLike = (w: string) => w.length >= 6 && w.endsWith('ly') && !/(?:[ibp]ly|oly|aly|fly)$/.test(w);
/** A regular past participle's shape, not "-eed" ("speed") nor "-shed" ("watershed"). */
const participleLike = (w: string) => w.length >= 5 && w.endsWith('ed') && !/(?:eed|shed)$/.test(w);

/**
 * Marks lower-case English words shaped like a verb or an adverb, which start or end no
 * keyphrase (and an "-ed" word, which ends none): an adverb ("initially sold"); an "-ed" word before a preposition, an article
 * or the sentence's or clause's end ("porcelains produced during", "newspaper published.");
 * an "-ing" word before an article or a preposition of place ("spanning the fields"); an
 * "-s" word between a content word or a pronoun and those ("city sits on", "it lies on").
 */
function markVerbs(words: Word[], from: number, lowers: string[]): void {
  for (let i = from; i < words.length; i++) {
    const w = words[i] as Word;
    if (!w.content || w.cap) continue;
    const lower = lowers[i - from] as string;
    const next = words[i + 1];
    const end = !next || next.sentence !== w.sentence || next.breakBefore;
    const after = end ? '' : (lowers[i + 1 - from] as string);
    if (adverbLike(lower)) w.verbLike = true;
    else if (participleLike(lower)) {
      w.participle = true;
      w.verbLike = end || AFTER_PARTICIPLE.has(after);
    } else if (lower.endsWith('ing') && lower.length >= 6) w.verbLike = AFTER_VERB.has(after);
    else if (lower.endsWith('s') && !/(?:ss|us|is)$/.test(lower) && i > from && !w.breakBefore) {
      const prev = words[i - 1] as Word;
      w.verbLike = (prev.content || SUBJECTS.has(prev.key)) && AFTER_VERB.has(after);
    }
  }
}

/** The words of the tokens with their offsets in their sentence and whether punctuation precedes them. */
export async function wordsOf(
  tokens: Tokens,
  stem: (w: string) => string,
  stop: ReadonlySet<string>,
  tick: () => Promise<void> | undefined,
  nameWords: ReadonlySet<string> = new Set(),
): Promise<{ words: Word[]; texts: string[] }> {
  const english = tokens.lang.toLowerCase().startsWith('en');
  const words: Word[] = [];
  const texts: string[] = [];
  for (let si = 0; si < tokens.sentences.length; si++) {
    const s = tokens.sentences[si] as Tokens['sentences'][number];
    if ((si & 15) === 15) await tick();
    texts.push(s.text);
    const from = words.length;
    const lowers: string[] = [];
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
      // a generic word capitalised inside a name is part of it ("Greater Toronto Area", "New York")
      const content =
        isContentWord(lower, stop) ||
        (nameWords.has(lower) && wi > 0 && isCapitalised(raw) && isCapitalised(s.words[wi + 1] ?? ''));
      lowers.push(lower);
      words.push({
        key: content ? stem(lower) || lower : lower,
        content,
        breakBefore: wi === 0 || (/\S/.test(gap) && !/^[-‐]$/.test(gap)),
        cap: isCapitalised(raw),
        acronym: isAcronym(raw),
        sentence: si,
        start,
        end: pos,
        initial: wi === 0,
        verbLike: false,
        participle: false,
      });
    }
    if (english) markVerbs(words, from, lowers);
  }
  return { words, texts };
}

/**
 * Candidates best first (lowest score, then first found), as `sort` by score would
 * give them (it is stable), one at a time from a binary heap: building the heap is
 * linear, and only as many are taken as the choice needs, where sorting 100,000
 * candidates of a long Chinese text held the event loop for tens of milliseconds.
 */
export class Ranking {
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
export function surfaceForm(c: Candidate, terms: Map<string, Term>): string {
  if (c.forms) return mostFrequent(c.forms);
  const form = c.initialForms ? mostFrequent(c.initialForms) : c.keys.join(' ');
  const first = terms.get(c.keys[0] as string);
  if (!first || first.lower === 0 || first.upper > 0 || first.acronym > 0) return form;
  return form.charAt(0).toLowerCase() + form.slice(1);
}

/** Whether the words at `at` and `at + 1` are joined (no punctuation between) and the one at `at + side` is a capitalised content word. */
export function namePartAt(words: Word[], at: number, side: 0 | 1): boolean {
  const w = words[at + side];
  const right = words[at + 1];
  return !!w && !!right && w.content && w.cap && !right.breakBefore && w.sentence === right.sentence;
}

/** The stems of a short text's content words (a page's title, a word list). */
export function stemSet(text: string, stop: ReadonlySet<string>, stem: (w: string) => string): Set<string> {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}']+/u);
  return new Set(words.filter((w) => isContentWord(w, stop)).map((w) => stem(w) || w));
}
