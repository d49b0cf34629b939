import { nextTurn, sliceDue } from '../nlp/slice.js';
import { type Element, type HtmlDocument, slicer } from './dom.js';

/**
 * The readable part of a page, after Mozilla Readability's approach in a
 * single pass over precomputed sums (each element's text length, link text
 * length and commas are added up when the tree is built):
 *
 * 1. a page that marks its content (`<main>`, `<article>`, `role=main`) gets
 *    the longest such element;
 * 2. otherwise paragraphs (p, pre, td, section, h2–h6, and divs with no block
 *    child) of at least 25 characters score 1 + commas + one per 100
 *    characters (at most 3); the score goes to their ancestors, less with
 *    every level (Readability's dividers: 1, 2, then level × 3), ancestors
 *    start from their tag and class weight, the total is scaled by
 *    1 − link density, and the best one wins, with the siblings that score
 *    close to it;
 * 3. scripts, navigation, hidden elements and site furniture are never text,
 *    and neither are Readability's "unlikely candidates" (class or id such as
 *    comment, sidebar, related, footer) inside the chosen element.
 */

const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'dl',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'tr',
  'td',
  'th',
  'caption',
  'table',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'figure',
  'figcaption',
  'hr',
  'address',
  'details',
  'summary',
]);

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;

function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attrs.get('class'), el.attrs.get('id')]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

function initialScore(el: Element): number {
  let s = 0;
  switch (el.name) {
    case 'div':
      s = 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      s = 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      s = -3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      s = -5;
      break;
  }
  return s + classWeight(el);
}

const linkDensity = (el: Element) => (el.textLength === 0 ? 0 : el.linkLength / el.textLength);

export interface Readable {
  /** The elements whose text is the article, in document order. */
  roots: Element[];
  /** Whether unlikely candidates are left out of the text (the scored case). */
  scored: boolean;
}

/** Picks the article's elements. */
export async function readableRoots(doc: HtmlDocument, signal?: AbortSignal): Promise<Readable> {
  const tick = slicer(signal);
  const marked = doc.candidates.filter((c) => !c.furniture);
  if (marked.length > 0) {
    let best = marked[0] as Element;
    for (const c of marked) if (c.textLength > best.textLength) best = c;
    if (best.textLength > 0) return { roots: [best], scored: false };
  }
  const scored: Element[] = [];
  for (const el of doc.scorable) {
    const wait = tick();
    if (wait) await wait;
    if (el.unlikely || el.furniture || el.textLength < 25) continue;
    const content = 1 + el.commas + 1 + Math.min(Math.floor(el.textLength / 100), 3);
    let ancestor = el.parent;
    for (let level = 0; level < 5 && ancestor && ancestor.name !== '#root'; level++) {
      if (ancestor.score === undefined) {
        ancestor.score = initialScore(ancestor);
        scored.push(ancestor);
      }
      ancestor.score += content / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      ancestor = ancestor.parent;
    }
  }
  let top: Element | null = null;
  let topScore = Number.NEGATIVE_INFINITY;
  for (const el of scored) {
    const s = (el.score as number) * (1 - linkDensity(el));
    el.score = s;
    if (s > topScore || (s === topScore && top !== null && el.depth < top.depth)) {
      top = el;
      topScore = s;
    }
  }
  if (!top) return { roots: [doc.body ?? doc.root], scored: false };
  const parent = top.parent;
  if (!parent) return { roots: [top], scored: true };
  // siblings whose score is close to the winner's, and plain paragraphs next to it
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attrs.get('class') ?? '';
  const roots: Element[] = [];
  for (const sibling of parent.children) {
    if (typeof sibling === 'string' || sibling.furniture || sibling.unlikely) continue;
    if (sibling === top) {
      roots.push(sibling);
      continue;
    }
    const bonus = topClass !== '' && sibling.attrs.get('class') === topClass ? topScore * 0.2 : 0;
    const density = linkDensity(sibling);
    if (
      (sibling.score !== undefined && sibling.score + bonus >= threshold) ||
      (sibling.name === 'p' && sibling.textLength > 80 && density < 0.25)
    )
      roots.push(sibling);
  }
  return { roots, scored: true };
}

/** Code units of a long string collapsed in one go, between two looks at the clock. */
const COLLAPSE_PIECE = 32_768;

/**
 * `s.replace(/\s+/g, ' ')`, a piece at a time with the event loop served between
 * pieces (a 1 MB text node took 20 ms a pass). A run of spaces across a cut is kept once.
 */
async function collapseSpaces(s: string, signal?: AbortSignal): Promise<string> {
  if (s.length <= COLLAPSE_PIECE) return s.replace(/\s+/g, ' ');
  const parts: string[] = [];
  for (let at = 0; at < s.length; at += COLLAPSE_PIECE) {
    if (sliceDue()) {
      await nextTurn();
      signal?.throwIfAborted();
    }
    let part = s.slice(at, at + COLLAPSE_PIECE).replace(/\s+/g, ' ');
    if (part.startsWith(' ') && parts[parts.length - 1]?.endsWith(' ')) part = part.slice(1);
    parts.push(part);
  }
  return parts.join('');
}

/** Text of the chosen elements with a line break between blocks; no recursion, so any depth is safe. */
export async function blockText(readable: Readable, signal?: AbortSignal): Promise<string> {
  const tick = slicer(signal);
  const out: string[] = [];
  for (const root of readable.roots) {
    out.push('\n');
    // a stack of nodes still to visit; `null` marks the end of a block
    const todo: Array<Element | string | null> = [root];
    while (todo.length > 0) {
      const wait = tick();
      if (wait) await wait;
      const node = todo.pop();
      if (node === null) out.push('\n');
      else if (typeof node === 'string') out.push(await collapseSpaces(node, signal));
      else if (node !== undefined) {
        if (node !== root && (node.furniture || (node.unlikely && !root.unlikely))) continue;
        const block = BLOCKS.has(node.name);
        if (block) {
          out.push('\n');
          todo.push(null);
        }
        for (let i = node.children.length - 1; i >= 0; i--) todo.push(node.children[i] as Element | string);
      }
    }
  }
  const lines = out.join('').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const wait = tick();
    if (wait) await wait;
    const l = (await collapseSpaces(line, signal)).trim();
    if (l) kept.push(l);
  }
  return kept.join('\n');
}
