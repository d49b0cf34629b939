/**
 * Where a long text may be cut into chunks for `Intl.Segmenter` without changing
 * its words or sentences (Unicode UAX #29, as ICU implements it).
 *
 * A cut at `at` lies between text[at - 1] and text[at]. The segmenters' rules look
 * back and ahead across only a few kinds of character (full stops, closing
 * punctuation, spaces, digits, mid-word punctuation), and a letter stops every
 * look-ahead of the sentence rules. So, with X the character before a cut and Y the
 * one after it, in order of preference:
 *
 * - `space`: letter, one white-space character, then a letter at `at`. A word
 *   boundary; a sentence boundary exactly when the space is a paragraph separator.
 * - `stop`: 。！？ then a letter: a word and sentence boundary.
 * - `para`: just after a paragraph separator (CR LF kept whole): a word and sentence
 *   boundary whatever surrounds it (UAX #29 SB4, WB3a), so text made of line breaks
 *   is cut exactly too.
 * - `comma`: letter, 、 or ，, letter: a word boundary, no sentence boundary.
 * - `letters`: two letters (text without spaces: Chinese, Japanese, Thai; or one long
 *   run of Latin). Not a sentence boundary; words are decided by segmenting past
 *   the cut (`segment.ts`), and no word rule looks back across a letter.
 * - `alnum`: anything, then a letter or a digit ("A.A.A.", "1.2.3"): the same for
 *   words; for sentences, the last sentence is segmented again with what follows.
 * - `hard`: anywhere else that does not split a character (a surrogate pair, a base
 *   and its combining marks, a ZWJ sequence, CR LF): the same as `alnum`, but a word
 *   running across it may be split. Only text without a letter or a digit in
 *   thousands of characters gets here.
 */

export type CutKind = 'space' | 'stop' | 'para' | 'comma' | 'letters' | 'alnum' | 'hard' | 'end';

export interface Cut {
  at: number;
  kind: CutKind;
  /** Whether the whole-text segmenter has a sentence boundary here; undefined when unknown (`hard`). */
  sentenceBreak?: boolean;
}

const LETTER = /\p{L}/uy;
/** Characters that attach to the one before them (marks, format characters, emoji modifiers). */
const ATTACHED = /[\p{M}\p{Cf}\p{Emoji_Modifier}]/uy;

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Whether the code point starting at text[i] is a letter (and not one that attaches like a mark). */
function letterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  // Halfwidth katakana sound marks are letters that extend the previous character.
  if (c === 0xff9e || c === 0xff9f || isLow(c)) return false;
  LETTER.lastIndex = i;
  return LETTER.test(text);
}

/** Whether the code point ending just before text[i] is a letter. */
function letterBefore(text: string, i: number): boolean {
  if (i < 1) return false;
  if (i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2))) return letterAt(text, i - 2);
  return letterAt(text, i - 1);
}

/** ASCII digits (other scripts' digits only lead to a `hard` cut). */
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** White space that is not a paragraph separator (UAX #29 Sp). */
const isSpace = (c: number) =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0x0b ||
  c === 0x0c ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;
/** Paragraph separators (UAX #29 Sep, CR, LF). */
const isParaSep = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
/**
 * . ! ? (UAX #29 ATerm, STerm; MidNumLet or Other for words), allowed inside a separator run:
 * with no letter or digit on either side, no rule joins or parts them from their
 * neighbours. Between two paragraph separators the sentence rules break nowhere after a
 * terminator that only white space, separators and terminators follow (SB8a, SB9, SB10),
 * and the word rules join a full stop only to letters or digits on both sides (WB6, WB7,
 * WB11, WB12).
 */
const isRunStop = (c: number) => c === 0x2e || c === 0x21 || c === 0x3f;
/** 。！？ */
const isFullStop = (c: number) => c === 0x3002 || c === 0xff01 || c === 0xff1f;
/** 、， */
const isFullComma = (c: number) => c === 0x3001 || c === 0xff0c;

/** The exact kind of a cut at `at` (space, stop or comma), if it is one. */
function exactCut(text: string, at: number): Cut | undefined {
  if (!letterAt(text, at)) return undefined;
  const x = text.charCodeAt(at - 1);
  if (isFullStop(x)) return { at, kind: 'stop', sentenceBreak: true };
  if (!letterBefore(text, at - 1)) return undefined;
  if (isSpace(x)) return { at, kind: 'space', sentenceBreak: false };
  if (isParaSep(x)) return { at, kind: 'space', sentenceBreak: true };
  if (isFullComma(x)) return { at, kind: 'comma', sentenceBreak: false };
  return undefined;
}

/** A `para` cut at `at`, if text[at - 1] is a paragraph separator and the cut keeps characters whole. */
function paraCut(text: string, at: number): Cut | undefined {
  if (!isParaSep(text.charCodeAt(at - 1)) || !whole(text, at)) return undefined;
  return { at, kind: 'para', sentenceBreak: true };
}

/** Paragraph separators in one run of white space past which the run is set aside (`separatorRun`). */
export const RUN_MIN = 32;

/** A run set aside, [start, end). */
export interface Run {
  start: number;
  end: number;
}

/**
 * The finders below yield every 8,192 characters they read (a mask), so a caller can give
 * the event loop a turn inside one long run: a 100,000-character run is read in one
 * call, and before the optimising compiler has seen the loop that took tens of ms.
 */
const SCAN_STEP = 8191;

/**
 * The next run of white space and terminators (`isRunStop`) from `from` on that holds at
 * least RUN_MIN paragraph separators, as [start, end): from just after its first separator
 * to just after its last. Both ends are word and sentence boundaries, and every sentence segment inside
 * ends at a separator, so the run needs no segmenter (on Node 20 each line break costs
 * the segmenter as much as a sentence of prose). Linear: reads each character once.
 * Returns the run (or undefined when there is none) when it is done; yields on the way.
 */
export function* separatorRun(text: string, from: number): Generator<void, Run | undefined> {
  let count = 0;
  let start = -1;
  let end = -1;
  for (let i = from; i < text.length; i++) {
    if ((i & SCAN_STEP) === 0) yield;
    const c = text.charCodeAt(i);
    if (isParaSep(c)) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      if (whole(text, i + 1)) {
        if (count++ === 0) start = i + 1;
        end = i + 1;
        continue;
      }
    }
    if (!isSpace(c) && !isRunStop(c)) {
      if (count >= RUN_MIN) return { start, end };
      count = 0;
    }
  }
  return count >= RUN_MIN ? { start, end } : undefined;
}

/**
 * For words: the next run of at least RUN_MIN white-space characters (spaces, tabs, line
 * breaks) and terminators (`isRunStop`) from `from` on, as [start, end). No word is in it,
 * a word boundary is at both ends (UAX #29 breaks before any white space and after it
 * unless a mark follows, which `whole` checks; a terminator joins only letters or digits
 * on both sides), so the word segmenter can skip it: on Node 20 it costs as much per tab
 * as per word of prose.
 */
export function* spaceRun(text: string, from: number): Generator<void, Run | undefined> {
  let start = -1;
  for (let i = from; i <= text.length; i++) {
    if ((i & SCAN_STEP) === 0) yield;
    const c = text.charCodeAt(i);
    if (i < text.length && (isSpace(c) || isParaSep(c) || isRunStop(c))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start >= RUN_MIN) {
      let end = i;
      while (end > start && !whole(text, end)) end--;
      if (end - start >= RUN_MIN) return { start, end };
    }
    start = -1;
  }
  return undefined;
}

/**
 * The sentence segments of a separator run [start, end), appended to `out`: each ends just
 * after a paragraph separator (CR LF as one). Yields after every `step` segments.
 */
export function* separatorSegments(
  text: string,
  start: number,
  end: number,
  out: { push(span: { start: number; end: number }): unknown },
  step = 4096,
): Generator<void, void> {
  let from = start;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isParaSep(c)) continue;
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    out.push({ start: from, end: i + 1 });
    from = i + 1;
    if (++n % step === 0) yield;
  }
}

/** Whether a cut at `at` keeps every character (and CR LF, and ZWJ sequences) whole. */
function whole(text: string, at: number): boolean {
  const y = text.charCodeAt(at);
  const x = text.charCodeAt(at - 1);
  if (isLow(y) || isHigh(x) || x === 0x200d || (x === 0x0d && y === 0x0a)) return false;
  // nothing in ASCII attaches (no mark, format character or emoji modifier): no regex needed
  if (y < 0x80 || Number.isNaN(y)) return true;
  ATTACHED.lastIndex = at;
  return !ATTACHED.test(text);
}

/**
 * The next cut of a text after `start`, `size` to 2 × `size` code units on (or the
 * text's end): the first exact cut in that window, else the first cut between two
 * letters, else the first that keeps characters whole. Reads the window once, so
 * cutting a whole text is linear in its length.
 */
export function nextCut(text: string, start: number, size: number): Cut {
  if (size <= 0 || text.length - start <= 2 * size) return { at: text.length, kind: 'end' };
  const hi = start + 2 * size;
  let letters = -1;
  let alnum = -1;
  let hard = -1;
  for (let at = start + size; at < hi; at++) {
    const cut = exactCut(text, at) ?? paraCut(text, at);
    if (cut) return cut;
    if (letters >= 0 || !whole(text, at)) continue;
    if (letterAt(text, at)) {
      if (letterBefore(text, at)) letters = at;
      else if (alnum < 0) alnum = at;
    } else if (alnum < 0 && isDigit(text.charCodeAt(at))) alnum = at;
    else if (hard < 0) hard = at;
  }
  if (letters >= 0) return { at: letters, kind: 'letters', sentenceBreak: false };
  if (alnum >= 0) return { at: alnum, kind: 'alnum' };
  return { at: hard >= 0 ? hard : isLow(text.charCodeAt(hi)) ? hi + 1 : hi, kind: 'hard' };
}
