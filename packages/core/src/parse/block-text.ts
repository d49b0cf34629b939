import { nextTurn, sliceDue, slicer } from '../util/slice.js';
import { CHECK_EVERY, type Element } from './dom.js';

/** The text of the article readable.ts chose: a line per block, white space collapsed. */

export interface Readable {
  /** The elements whose text is the article, in document order. */
  roots: Element[];
  /** Elements inside them that are not its text. */
  left: Set<Element>;
  /** Whether unlikely candidates are left out of the text. */
  stripUnlikely: boolean;
}

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
  const tick = slicer({ signal, every: CHECK_EVERY });
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
        if (node !== root && (node.furniture || readable.left.has(node))) continue;
        if (node !== root && readable.stripUnlikely && node.unlikely && !root.unlikely) continue;
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
