/**
 * Word and sentence segments of a text, as offsets, from the ICU segmenters built
 * into Node, in linear time.
 *
 * `Intl.Segmenter` is quadratic over long strings on Node 20 (100,000 characters of
 * prose take seconds), so a text is segmented in chunks of CHUNK..CHUNK_MAX code
 * units, cut where the cut cannot change the result (see `cuts.ts`). Words and
 * sentences are then the ones the whole-text segmenter gives. Runs of line breaks
 * (and the white space between them) are set aside before any chunk is segmented
 * (`separatorRun`): no word is in them and each of their sentences ends at a break,
 * so they cost what prose costs, where Node 20's segmenter takes seconds.
 */
import { nextCut, type Run, separatorRun, separatorSegments, spaceRun } from './cuts.js';

export interface Span {
  start: number;
  end: number;
}

/** Options for tests and benchmarks; callers leave them alone. */
export interface ChunkOptions {
  /** Preferred chunk length in code units (0: the whole text in one piece, as before chunking). */
  chunk?: number;
}

export const CHUNK = 2048;
/**
 * Right context segmented past a cut that is not known to be a word boundary
 * (long runs of Chinese or Japanese, where words come from a dictionary).
 */
const WORD_OVERLAP = 256;
/** Longest sentence segment carried into the next chunk at a cut whose effect on sentences is unknown. */
const SENTENCE_CARRY_MAX = 8192;

const cache = new Map<string, Intl.Segmenter>();

/** One segmenter per language and granularity, kept for the life of the instance. */
export function segmenter(lang: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  const key = `${granularity}:${lang}`;
  let s = cache.get(key);
  if (!s) {
    let locale = 'en';
    try {
      locale = Intl.Segmenter.supportedLocalesOf([lang])[0] ?? 'en';
    } catch {
      // an odd tag: fall back to the root rules
    }
    s = new Intl.Segmenter(locale, { granularity });
    cache.set(key, s);
  }
  return s;
}

/** Where segments go, in order: a list, or a consumer that takes them as they come. */
export interface SpanSink {
  push(span: Span): unknown;
}

interface Piece extends Span {
  wordLike: boolean;
}

/** Segments of text[from, to), with offsets into the whole text. */
function pieces(seg: Intl.Segmenter, text: string, from: number, to: number): Piece[] {
  const out: Piece[] = [];
  for (const s of seg.segment(text.slice(from, to))) {
    const start = from + s.index;
    out.push({ start, end: start + s.segment.length, wordLike: s.isWordLike === true });
  }
  return out;
}

/**
 * `steps` over each stretch of text between separator runs (`separatorRun`), as its
 * own string with its offset, and `run` over each run; yields after each run.
 */
function* byRuns(
  text: string,
  size: number,
  find: (text: string, from: number) => Generator<void, Run | undefined>,
  steps: (part: string, base: number) => Generator<void, void>,
  run: (start: number, end: number) => Generator<void, void> | undefined,
): Generator<void, void> {
  if (size <= 0) return yield* steps(text, 0);
  let pos = 0;
  for (;;) {
    const r = yield* find(text, pos);
    const hi = r ? r.start : text.length;
    if (hi > pos) yield* steps(pos === 0 && hi === text.length ? text : text.slice(pos, hi), pos);
    if (!r) return;
    const inRun = run(r.start, r.end);
    if (inRun) yield* inRun;
    pos = r.end;
    yield;
  }
}

/**
 * The word-like segments of a text (letters and digits; punctuation and spaces left
 * out), appended to `out`. Yields after each chunk, so a caller can give the event
 * loop a turn (`tokenizeAsync`).
 */
export function* wordSteps(text: string, lang: string, out: SpanSink, opts?: ChunkOptions): Generator<void, void> {
  const seg = segmenter(lang, 'word');
  const size = opts?.chunk ?? CHUNK;
  // A run of white space holds no word.
  yield* byRuns(
    text,
    size,
    spaceRun,
    (text, base) => wordChunks({ seg, size, text, base, out }),
    () => undefined,
  );
}

/** One stretch of a text between separator runs: its segmenter, chunk size, text, offset in the whole and output. */
interface Stretch {
  seg: Intl.Segmenter;
  size: number;
  text: string;
  base: number;
  out: SpanSink;
}

/** `wordSteps` over one stretch of text, its spans moved by `base`. */
function* wordChunks({ seg, size, text, base, out }: Stretch): Generator<void, void> {
  /** A word cut at a hard cut inside it: the next chunk's first segment continues it. */
  let open: Piece | undefined;
  let from = 0;
  const emit = (p: Piece) => {
    if (open) {
      p = { start: open.start, end: p.end, wordLike: open.wordLike || p.wordLike };
      open = undefined;
    }
    if (p.wordLike) out.push({ start: base + p.start, end: base + p.end });
  };
  while (from < text.length) {
    const cut = nextCut(text, from, size);
    if (cut.kind !== 'letters' && cut.kind !== 'alnum' && cut.kind !== 'hard') {
      // A word boundary for certain, with no look-ahead across it.
      for (const p of pieces(seg, text, from, cut.at)) emit(p);
      from = cut.at;
    } else {
      // Inside a run of letters (or worse): segment past the cut, keep the segments
      // up to the last boundary at or before it, and start the next chunk there.
      const to = Math.min(text.length, cut.at + WORD_OVERLAP);
      const list = pieces(seg, text, from, to);
      let keep = list.length;
      while (keep > 0 && (list[keep - 1] as Piece).end > cut.at) keep--;
      // Rather end beside a space or punctuation, where a dictionary's choices do not
      // depend on what came before, than between two letters.
      for (let k = keep; k > 0 && (list[k - 1] as Piece).end > cut.at - size / 2; k--) {
        if (!(list[k - 1] as Piece).wordLike || (list[k] as Piece | undefined)?.wordLike === false) {
          keep = k;
          break;
        }
      }
      // A word across the cut that ends well before the window does: keep it whole.
      if (keep === 0 && ((list[0] as Piece).end <= to - WORD_OVERLAP / 2 || to === text.length)) keep = 1;
      for (let i = 0; i < keep; i++) emit(list[i] as Piece);
      if (keep > 0) {
        from = (list[keep - 1] as Piece).end;
      } else {
        // One segment runs across the whole window ("a" × 100,000): cut it here, join it up later.
        const first = list[0] as Piece;
        open = {
          start: open?.start ?? first.start,
          end: cut.at,
          wordLike: (open?.wordLike ?? false) || first.wordLike,
        };
        from = cut.at;
      }
    }
    yield;
  }
  if (open) out.push({ start: base + open.start, end: base + open.end });
}

/** Every sentence segment of a text, untrimmed, covering it end to end, appended to `out`; yields after each chunk. */
export function* sentenceSteps(text: string, lang: string, out: SpanSink, opts?: ChunkOptions): Generator<void, void> {
  const seg = segmenter(lang, 'sentence');
  const size = opts?.chunk ?? CHUNK;
  const run = (start: number, end: number) => separatorSegments(text, start, end, out);
  yield* byRuns(text, size, separatorRun, (text, base) => sentenceChunks({ seg, size, text, base, out }), run);
}

/** `sentenceSteps` over one stretch of text, its spans moved by `base`. */
function* sentenceChunks({ seg, size, text, base, out }: Stretch): Generator<void, void> {
  const put = (s: Span) => out.push({ start: base + s.start, end: base + s.end });
  /** The sentence running across the last cut (no sentence break there). */
  let open: Span | undefined;
  /** Where segmenting starts: the last cut, or the start of the sentence carried over it. */
  let from = 0;
  let last = 0;
  while (last < text.length) {
    const cut = nextCut(text, last, size);
    last = cut.at;
    const list: Span[] = [];
    for (const s of seg.segment(text.slice(from, cut.at))) {
      const start = from + s.index;
      list.push({ start: open?.start ?? start, end: start + s.segment.length });
      open = undefined;
    }
    if (cut.kind === 'end' || cut.sentenceBreak === true) {
      for (const s of list) put(s);
      from = cut.at;
    } else if (cut.sentenceBreak === false) {
      open = list.pop();
      for (const s of list) put(s);
      from = cut.at;
    } else {
      // Unknown: segment the last sentence again with what follows it, from a break
      // that what follows cannot move: one with a letter after it in this chunk (the
      // rules' look-ahead past a full stop ends at the first letter).
      let k = list.length - 1;
      let letter = hasLetter(text, (list[k] as Span).start, cut.at);
      while (!letter && k > 0 && cut.at - (list[k - 1] as Span).start <= SENTENCE_CARRY_MAX) {
        k--;
        letter = hasLetter(text, (list[k] as Span).start, (list[k] as Span).end);
      }
      for (let i = 0; i < k; i++) put(list[i] as Span);
      const start = (list[k] as Span).start;
      if (cut.at - start > SENTENCE_CARRY_MAX) {
        // One sentence longer than that: no break is left to find in it.
        open = { start, end: cut.at };
        from = cut.at;
      } else {
        from = start;
      }
    }
    yield;
  }
  if (open) put(open);
}

const LETTER = /\p{L}/u;
/** Whether text[from, to) holds a letter. */
function hasLetter(text: string, from: number, to: number): boolean {
  return LETTER.test(text.slice(from, to));
}

/** Runs steps to the end, synchronously. */
export function drain(steps: Generator<void, void>): void {
  for (const _ of steps) {
    // nothing between chunks
  }
}

/** The word-like segments of a text (letters and digits; punctuation and spaces left out). */
export function wordSpans(text: string, lang: string, opts?: ChunkOptions): Span[] {
  const out: Span[] = [];
  drain(wordSteps(text, lang, out, opts));
  return out;
}

/** Every sentence segment of a text, untrimmed, covering it end to end. */
export function sentenceSpans(text: string, lang: string, opts?: ChunkOptions): Span[] {
  const out: Span[] = [];
  drain(sentenceSteps(text, lang, out, opts));
  return out;
}
