/**
 * Keyphrases of one to three words (four for a name) by YAKE (Campos et al., "YAKE!
 * Keyword extraction from single documents using multiple local features", Information
 * Sciences 509, 2020), over the request's shared tokens, with rules that make them name
 * concepts rather than fragments of clauses. Every step is one pass or a heap: linear.
 *
 * Each content word (grouped by stem) gets YAKE's score from five local features:
 * casing (capitalised away from a sentence start, or an acronym), position (median
 * sentence), normalised frequency, relatedness to context (how many different words
 * surround it) and spread over sentences; lower is better. A candidate is a run of
 * words inside a sentence, not broken by punctuation (a hyphen joins: "Pas-de-Calais"),
 * whose first and last words are content words, and whose content words are all
 * capitalised or all not (sentence starts aside). A run of capitalised words is taken
 * whole ("North Cornwall District" gives no "Cornwall District"); a generic word
 * capitalised inside one belongs to it ("Greater Toronto Area"). In English only "of"
 * and name particles sit inside ("Battle of York", not "Scotland and Wales"), and words
 * shaped like a verb or an adverb start or end no candidate (yake-parts.ts: markVerbs).
 * A candidate's score is the product of its words' scores over its frequency times one
 * plus their sum (a stop word inside weighs by how often it joins its neighbours).
 * Best first, a candidate that shares more than half of the shorter one's stems with a
 * chosen one is dropped ("Liffey" after "River Liffey"), unless it extends a chosen single
 * word ("North Cornwall" after "Cornwall"); a kind of place alone in lower case ("city",
 * "population": generic-words.ts) and the text's own subject (`subject`, /cities passes
 * the page's title) are no keyphrases. The term shown is the form the text writes most
 * often away from a sentence start ("River Liffey", "harbour"); scores are the best
 * candidate's over each one's, in (0, 1].
 */
import { slicer } from '../util/slice.js';
import { GENERIC_WORDS, WEAK_ALONE } from './generic-words.js';
import { languageKit } from './language.js';
import { type Tokens, tokenize } from './text.js';
import {
  addForm,
  type Candidate,
  INSIDE_EN,
  MAX_NAME_WORDS,
  MAX_WORDS,
  median,
  namePartAt,
  Ranking,
  stemSet,
  surfaceForm,
  type Term,
  WINDOW,
  type Word,
  wordsOf,
} from './yake-parts.js';

export interface Keyword {
  term: string;
  score: number;
}

type Tick = () => Promise<void> | undefined;
/** Yields every 256 items when the slice is due. */
const pauser = (tick: Tick) => async (i: number) => {
  if ((i & 255) === 255) await tick();
};

/** Word and adjacent-pair counts, for the stop words inside candidates. */
interface Counts {
  words: Map<string, number>;
  pairs: Map<string, number>;
}

/** YAKE's features, step 1: per content word (by stem) casing, sentences and context; word and pair counts. */
async function features(words: Word[], tick: Tick): Promise<{ terms: Map<string, Term>; counts: Counts }> {
  const pause = pauser(tick);
  const terms = new Map<string, Term>();
  const counts: Counts = { words: new Map(), pairs: new Map() };
  for (let i = 0; i < words.length; i++) {
    await pause(i);
    const w = words[i] as Word;
    counts.words.set(w.key, (counts.words.get(w.key) ?? 0) + 1);
    const prev = words[i - 1];
    const pair = prev && !w.breakBefore ? `${prev.key} ${w.key}` : null;
    if (pair) counts.pairs.set(pair, (counts.pairs.get(pair) ?? 0) + 1);
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
    // co-occurrence with the content words up to WINDOW before it, in its sentence
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
  return { terms, counts };
}

/** YAKE's scores, step 2: each term's from casing, position, frequency, relatedness and spread (lower is better). */
async function scoreTerms(terms: Map<string, Term>, nSentences: number, tick: Tick): Promise<void> {
  const pause = pauser(tick);
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
  await tick();
  let n = 0;
  for (const t of terms.values()) {
    await pause(n++);
    const tCase = Math.max(t.upper, t.acronym) / (1 + Math.log(t.tf));
    const tPos = Math.log(Math.log(3 + median(t.sentences)));
    const tfNorm = t.tf / (mean + std);
    const dl = t.leftN ? t.left.size / t.leftN : 0;
    const dr = t.rightN ? t.right.size / t.rightN : 0;
    const tRel = 1 + (dl + dr) * (t.tf / maxTf);
    const tSentence = t.sentences.length / nSentences;
    t.score = (tRel * tPos) / (tCase + tfNorm / tRel + tSentence / tRel);
  }
}

/** YAKE's candidates, step 3: runs of one to three words inside a sentence, no punctuation between. */
async function candidatesOf(
  words: Word[],
  texts: string[],
  inside: ReadonlySet<string> | null,
  tick: Tick,
): Promise<Map<string, Candidate>> {
  const pause = pauser(tick);
  const candidates = new Map<string, Candidate>();
  for (let i = 0; i < words.length; i++) {
    await pause(i);
    const first = words[i] as Word;
    if (!first.content || first.verbLike) continue;
    let id = '';
    let upper = false;
    let lower = false;
    for (let n = 1; n <= MAX_NAME_WORDS && i + n <= words.length; n++) {
      const last = words[i + n - 1] as Word;
      if (n > 1 && (last.breakBefore || last.sentence !== first.sentence)) break;
      id = n === 1 ? last.key : `${id} ${last.key}`;
      if (last.content && !last.initial) {
        if (last.cap) upper = true;
        else lower = true;
      }
      // "Council runs", "shore of Lake": a name and a common word are not one phrase
      if (upper && lower) break;
      if (n > MAX_WORDS && (lower || !first.cap)) break;
      // a phrase that repeats a word ("東京 東京")
      if (n > 1 && (words[i + n - 2] as Word).key === last.key) break;
      if (n > 2 && first.key === last.key) break;
      if (!last.content && inside && n > 1 && !inside.has(last.key)) break;
      if (!last.content || last.verbLike || last.participle) continue;
      // a name is taken whole: no "Cornwall District" out of "North Cornwall District"
      if (!lower && first.cap && (namePartAt(words, i - 1, 0) || namePartAt(words, i + n - 1, 1))) continue;
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
  return candidates;
}

/** YAKE's candidate scores, step 4: product of the words' scores over frequency × (1 + their sum). */
async function scoreCandidates(
  candidates: Map<string, Candidate>,
  terms: Map<string, Term>,
  counts: Counts,
  tick: Tick,
): Promise<void> {
  const pause = pauser(tick);
  let n = 0;
  for (const c of candidates.values()) {
    await pause(n++);
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
      const p1 = (counts.pairs.get(`${before} ${key}`) ?? 0) / (counts.words.get(before) ?? 1);
      const p2 = (counts.pairs.get(`${key} ${after}`) ?? 0) / (counts.words.get(key) ?? 1);
      const p = p1 * p2;
      prod *= 1 + (1 - p);
      total -= 1 - p;
    }
    c.score = prod / (c.tf * (1 + total));
  }
}

/** YAKE's de-duplication, step 5: best first, dropping one that shares over half its stems with a chosen one. */
async function dedupe(
  candidates: Map<string, Candidate>,
  terms: Map<string, Term>,
  limit: number,
  tick: Tick,
  seen: { subject: Set<string> | null; alone: ReadonlySet<string> },
): Promise<Candidate[]> {
  const pause = pauser(tick);
  const ranked = new Ranking([...candidates.values()]);
  const chosen: Candidate[] = [];
  const chosenSets: Set<string>[] = seen.subject?.size ? [seen.subject] : [];
  for (let taken = 0; chosen.length < limit; taken++) {
    await pause(taken);
    const c = ranked.next();
    if (!c) break;
    // "city", "population": a kind of place is a keyphrase only inside a longer one, or as a name
    if (c.keys.length === 1 && seen.alone.has(c.keys[0] as string) && !/^\p{Lu}/u.test(surfaceForm(c, terms))) continue;
    const mine = new Set(c.keys.filter((k) => terms.has(k)));
    const duplicate = chosenSets.some((other) => {
      let shared = 0;
      for (const k of mine) if (other.has(k)) shared++;
      // a phrase that extends a chosen word is another concept ("North Cornwall" after "Cornwall")
      if (other.size === 1 && shared === 1 && mine.size > 1) return false;
      return shared * 2 > Math.min(mine.size, other.size);
    });
    if (duplicate) continue;
    chosen.push(c);
    chosenSets.push(mine);
  }
  return chosen;
}

/** The best `limit` keyphrases of a request's tokens (or of a text, tokenized here), leaving out `subject` (the text's own name). */
export async function keyphrases(
  input: Tokens | string,
  lang: string,
  limit = 10,
  subject?: string,
): Promise<Keyword[]> {
  const tokens = typeof input === 'string' ? tokenize(input, lang) : input;
  if (limit <= 0) return [];
  const base = tokens.lang.toLowerCase().split('-')[0] ?? '';
  const kit = await languageKit(base);
  const generic = GENERIC_WORDS[base];
  const stop = generic ? new Set([...kit.stopwords, ...generic]) : kit.stopwords;
  const tick = slicer();
  const names = generic ? new Set(generic) : undefined;
  const { words, texts } = await wordsOf(tokens, (w) => kit.stem(w), stop, tick, names);
  await tick();
  const { terms, counts } = await features(words, tick);
  if (terms.size === 0) return [];
  await scoreTerms(terms, Math.max(1, tokens.sentences.length), tick);
  const candidates = await candidatesOf(words, texts, base === 'en' ? INSIDE_EN : null, tick);
  await tick();
  await scoreCandidates(candidates, terms, counts, tick);
  await tick();
  const keysOf = (text: string) => stemSet(text, stop, (w) => kit.stem(w));
  const alone = keysOf(WEAK_ALONE[base]?.join(' ') ?? '');
  // "Dollar Point, California", "Mercury (planet)": the name before a comma or a qualifier
  const subj = subject ? keysOf(subject.replace(/\s*\(.*$|,.*$/, '')) : null;
  const chosen = await dedupe(candidates, terms, limit, tick, { subject: subj, alone });
  const best = chosen[0]?.score || 1;
  return chosen.map((c) => ({
    term: surfaceForm(c, terms),
    score: Math.round((best / (c.score || best)) * 100) / 100,
  }));
}
