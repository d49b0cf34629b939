import { slicer } from '../util/slice.js';
import { blockText, type Readable } from './block-text.js';
import { CHECK_EVERY, type Element, type HtmlDocument } from './dom.js';
import { countCommas, visibleLength } from './element.js';
import { type CleanOptions, classWeight, leftOut } from './readable-clean.js';

/**
 * The readable part of a page, a port of Mozilla Readability's `_grabArticle`
 * over precomputed sums (each element's text length, link text length and commas
 * are added up when the tree is built), linear in the page:
 *
 * 1. paragraphs (p, pre, td, section, h2–h6, divs with no block child, and the
 *    runs of loose text between a div's blocks) of at least 25 characters score
 *    1 + commas + one per 100 characters (at most 3); the score goes to five
 *    ancestors, less with every level (dividers 1, 2, then level × 3); ancestors start from their tag and class weight; each total is
 *    scaled by 1 − link density; a div around one paragraph is that paragraph;
 * 2. the best candidate moves up to the common ancestor of three near-best ones,
 *    to a parent that scores more, and past parents it is the only child of;
 * 3. its siblings join when they score close to it or are paragraphs of prose;
 * 4. inside, readable-clean.ts leaves out what `_prepArticle` removes (fishy
 *    lists, tables, forms and divs, share blocks, negative headings); the heading
 *    that repeats the title stays (Readability shows it apart; the contract keeps it);
 * 5. an article under 500 characters is tried again without leaving out unlikely
 *    candidates (class or id such as comment, sidebar), then without class weights,
 *    then without cleaning; the first long enough, else the longest, wins.
 *
 * Scripts, navigation, hidden elements and site furniture are never text, nor is the
 * byline (the first short element shaped like one: html-rules.ts `mayBeByline`).
 */

const linkDensity = (el: Element) => (el.textLength === 0 ? 0 : el.linkLength / el.textLength);

/** Readability's initial score of an ancestor, from its tag and (when weighed) its class and id. */
function initialScore(el: Element, weighClasses: boolean): number {
  const byTag = TAG_SCORE.get(el.name) ?? 0;
  return byTag + (weighClasses ? classWeight(el) : 0);
}

const TAG_SCORE = new Map<string, number>([
  ['div', 5],
  ['pre', 3],
  ['td', 3],
  ['blockquote', 3],
  ...['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].map((t): [string, number] => [t, -3]),
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th'].map((t): [string, number] => [t, -5]),
]);

/** How many candidates Readability keeps, and how many near the best make their common ancestor the article. */
const TOP_CANDIDATES = 5;
const MIN_ALTERNATIVES = 3;
/** An article shorter than this is tried again with a rule relaxed (Readability's charThreshold). */
const CHAR_THRESHOLD = 500;

/**
 * Scores the paragraphs: 1 + commas + one per 100 characters (at most 3), given to
 * five ancestors (dividers 1, 2, then level × 3), scaled by 1 − link density. Returns
 * the scored ancestors, best first for the first {@link TOP_CANDIDATES}.
 */
async function scoreParagraphs(doc: HtmlDocument, opts: CleanOptions, tick: Tick): Promise<Element[]> {
  const scored: Element[] = [];
  /** A paragraph's score to its first five ancestors, from `ancestor` on. */
  const give = (from: Element, content: number) => {
    let ancestor: Element | null = from;
    for (let level = 0; level < 5 && ancestor && ancestor.name !== '#root'; level++) {
      if (ancestor.score === undefined) {
        ancestor.score = initialScore(ancestor, opts.weighClasses);
        scored.push(ancestor);
      }
      ancestor.score += content / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      ancestor = ancestor.parent;
    }
  };
  for (const el of doc.scorable) {
    const wait = tick();
    if (wait) await wait;
    if ((opts.stripUnlikely && el.unlikely) || el.furniture || el.textLength < 25) continue;
    const content = 1 + el.commas + 1 + Math.min(Math.floor(el.textLength / 100), 3);
    // a div around a single paragraph is that paragraph to Readability
    const parent = el.parent && wrapsOneParagraph(el.parent) ? el.parent.parent : el.parent;
    if (parent) give(parent, content);
  }
  for (const div of doc.looseDivs) {
    const wait = tick();
    if (wait) await wait;
    if ((opts.stripUnlikely && div.unlikely) || div.furniture) continue;
    for (const run of looseRuns(div)) give(div, 1 + run.commas + 1 + Math.min(Math.floor(run.length / 100), 3));
  }
  const top: Element[] = [];
  for (const el of scored) {
    const s = (el.score as number) * (1 - linkDensity(el));
    el.score = s;
    let at = top.findIndex((t) => s > (t.score as number));
    if (at === -1) at = top.length;
    if (at < TOP_CANDIDATES) {
      top.splice(at, 0, el);
      if (top.length > TOP_CANDIDATES) top.pop();
    }
  }
  return top;
}

/** Blocks that end a run of loose text in a div (Readability wraps each run into a paragraph). */
const RUN_BREAKS = new Set(
  'address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul'.split(
    ' ',
  ),
);

/** The runs of loose text (text and inline elements between blocks) of a div, of at least 25 characters. */
function looseRuns(div: Element): Array<{ length: number; commas: number }> {
  const runs: Array<{ length: number; commas: number }> = [];
  let length = 0;
  let commas = 0;
  const end = () => {
    if (length >= 25) runs.push({ length, commas });
    length = 0;
    commas = 0;
  };
  for (const c of div.children) {
    if (typeof c === 'string') {
      length += visibleLength(c.trim());
      commas += countCommas(c);
    } else if (RUN_BREAKS.has(c.name)) end();
    else if (!c.furniture) {
      length += c.textLength;
      commas += c.commas;
    }
  }
  end();
  return runs;
}

/** A div whose only content is one paragraph, with few links. */
function wrapsOneParagraph(el: Element): boolean {
  if (el.name !== 'div' || el.children.length > 3 || linkDensity(el) >= 0.25) return false;
  let p = 0;
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.trim() !== '') return false;
    } else if (c.name === 'p') p++;
    else return false;
  }
  return p === 1;
}

const isTop = (el: Element | null): el is Element => el !== null && el.name !== 'body' && el.name !== '#root';

/** Readability's moves up from the best candidate: to a common ancestor, a better parent, an only child's parent. */
function refine(tops: Element[], opts: CleanOptions): Element {
  let top = tops[0] as Element;
  const best = top.score as number;
  const alternatives = tops.slice(1).filter((t) => (t.score as number) / best >= 0.75);
  if (alternatives.length >= MIN_ALTERNATIVES) {
    const lines = alternatives.map((t) => {
      const set = new Set<Element>();
      for (let a = t.parent; a; a = a.parent) set.add(a);
      return set;
    });
    for (let p = top.parent; isTop(p); p = p.parent) {
      if (lines.filter((l) => l.has(p)).length >= MIN_ALTERNATIVES) {
        top = p;
        break;
      }
    }
  }
  if (top.score === undefined) top.score = initialScore(top, opts.weighClasses);
  let last = top.score as number;
  const threshold = last / 3;
  for (let p = top.parent; isTop(p); p = p.parent) {
    if (p.score === undefined) continue;
    if (p.score < threshold) break;
    if (p.score > last) {
      top = p;
      break;
    }
    last = p.score;
  }
  const elementChildren = (el: Element) => el.children.filter((c) => typeof c !== 'string').length;
  while (isTop(top.parent) && elementChildren(top.parent) === 1) top = top.parent;
  if (top.score === undefined) top.score = initialScore(top, opts.weighClasses);
  return top;
}

/** The best candidate and its siblings that score close to it, or are plain paragraphs of prose. */
function withSiblings(top: Element, opts: CleanOptions): Element[] {
  const parent = top.parent;
  if (!parent) return [top];
  const topScore = top.score as number;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attrs.get('class') ?? '';
  const roots: Element[] = [];
  for (const sibling of parent.children) {
    if (typeof sibling === 'string' || sibling.furniture || (opts.stripUnlikely && sibling.unlikely)) continue;
    if (sibling === top) {
      roots.push(sibling);
      continue;
    }
    const bonus = topClass !== '' && sibling.attrs.get('class') === topClass ? topScore * 0.2 : 0;
    if (sibling.score !== undefined && sibling.score + bonus >= threshold) roots.push(sibling);
    else if ((sibling.name === 'p' || wrapsOneParagraph(sibling)) && isProse(sibling)) roots.push(sibling);
  }
  return roots;
}

/** Readability's sibling paragraph: long with few links, or short, linkless and with a full stop. */
function isProse(p: Element): boolean {
  const density = linkDensity(p);
  if (p.textLength > 80) return density < 0.25;
  if (p.textLength === 0 || density > 0) return false;
  const own = p.name === 'p' ? p : (p.children.find((c) => typeof c !== 'string') as Element);
  return own.children.some((c) => typeof c === 'string' && /\.( |$)/.test(c));
}

type Tick = () => Promise<void> | undefined;

/** One of Readability's attempts with the given rules. */
async function attempt(doc: HtmlDocument, opts: CleanOptions, tick: Tick): Promise<Readable> {
  for (const list of [doc.scorable, doc.looseDivs]) {
    for (const el of list) {
      const wait = tick();
      if (wait) await wait;
      for (let a: Element | null = el, i = 0; a && i < 6; a = a.parent, i++) a.score = undefined;
    }
  }
  const tops = await scoreParagraphs(doc, opts, tick);
  const first = tops[0];
  const roots = first && isTop(first) ? withSiblings(refine(tops, opts), opts) : [doc.body ?? doc.root];
  return { roots, left: await leftOut(roots, opts, tick), stripUnlikely: opts.stripUnlikely };
}

/** The relaxed rules Readability retries with, in order, while the article is too short. */
const ATTEMPTS: CleanOptions[] = [
  { stripUnlikely: true, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: true },
  { stripUnlikely: false, weighClasses: false, cleanConditionally: false },
];

/**
 * The article's elements and text, after Readability: the first attempt whose text
 * has {@link CHAR_THRESHOLD} characters, else the longest attempt.
 */
export async function readableText(doc: HtmlDocument, signal?: AbortSignal): Promise<string> {
  const tick = slicer({ signal, every: CHECK_EVERY });
  if (doc.root.textLength === 0) return '';
  // Readability's byline ("By Jane Doe", rel="author"): the first one of 1–99 characters is no text
  const byline = doc.bylines.find((el) => el.textLength > 0 && el.textLength < 100);
  if (byline) byline.furniture = true;
  let longest = '';
  for (const opts of ATTEMPTS) {
    const text = await blockText(await attempt(doc, opts, tick), signal);
    if (text.length >= CHAR_THRESHOLD) return text;
    if (text.length > longest.length) longest = text;
  }
  return longest;
}
