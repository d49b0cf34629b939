import { Tokenizer } from 'htmlparser2';
import { nextTurn, sliceDue } from '../util/slice.js';
import {
  countCommas,
  type Element,
  type HtmlDocument,
  MAX_BYLINES,
  NO_ATTRS,
  NO_CHILDREN,
  newDocument,
  newElement,
  visibleLength,
} from './element.js';
import {
  A_ONLY,
  BLOCK_CHILD,
  FURNITURE_TAGS,
  HEADING,
  IMPLIED,
  isFurniture,
  isUnlikely,
  mayBeByline,
  P_CLOSERS,
  P_ONLY,
  P_SCOPE,
  SCORED,
  VOID,
} from './html-rules.js';
import { type TreeSink, tokenCallbacks } from './tokens.js';

export type { Element, HtmlDocument } from './element.js';

/**
 * A small HTML tree built in one linear pass over htmlparser2's tokenizer.
 *
 * htmlparser2's own Parser keeps its open-element stack with `unshift`/`shift`
 * and searches it with `indexOf`, so 100,000 unclosed `<b>` cost seconds, and
 * domhandler plus css-select add recursion and repeated subtree walks. Here:
 *
 * - the open-element stack is an array used at its end, with a count per tag
 *   name, so an end tag that matches nothing costs O(1) and every element is
 *   popped at most once;
 * - implied end tags (`<li>` closing an open `<li>`, `<p>` closed by a block)
 *   look at most {@link IMPLIED_SCAN} elements down the stack;
 * - `<a>` and `<h1>`–`<h6>` close an open element of their kind, so links and
 *   headings never nest and their text is collected as the tree is built;
 * - the tree is at most {@link MAX_DEPTH} deep: deeper elements become children
 *   of the element at that depth (as Blink does at 512), so no walk can
 *   overflow and walks need no recursion;
 * - at most {@link MAX_ELEMENTS} elements are built; after that tags are
 *   ignored and their text goes to the innermost open element
 *   (`truncated: true` in the answer);
 * - text length, link text length and commas are summed into each element
 *   when it closes, so choosing the readable part needs no second pass;
 * - the work pauses once the event loop's slice (`nlp/slice.ts`, shared with
 *   the NLP steps) has run out, so other requests get the event loop, and stops
 *   when the caller's signal aborts.
 *
 * The builder's state is a {@link TreeBuilder}: the open-element stack, what is
 * being collected, and the tag and attribute the tokenizer is in the middle of.
 */

export const MAX_DEPTH = 512;
export const MAX_ELEMENTS = 150_000;
/** How far down the stack an implied end tag looks. */
const IMPLIED_SCAN = 32;
/** Longest text kept for one title, heading or link. */
const COLLECT_CAP = 1000;
/** Work between two looks at the clock (the tree builder's, and `slicer({ every })` of the steps after it). */
export const CHECK_EVERY = 1024;

/** The tree as it is built: the open-element stack and the document's lists. */
class TreeBuilder implements TreeSink {
  readonly doc: HtmlDocument = newDocument();
  private readonly stack: Element[] = [this.doc.root];
  /** Open elements by tag name. */
  private readonly open = new Map<string, number>();
  /** Open title, heading and link whose text is being collected (they never nest in their own kind). */
  private readonly collecting: Element[] = [];
  /** Open `<table>` and `<code>` elements (no unlikely candidates inside). */
  private tableOrCode = 0;
  /** Open `<svg>` and `<math>` elements (where `<x/>` closes itself). */
  private foreign = 0;
  /** After the element cap: the raw-text element whose contents are being skipped. */
  private suppressed: string | null = null;
  private titleElement: Element | null = null;

  private top(): Element {
    return this.stack[this.stack.length - 1] as Element;
  }

  private headingOpen(): boolean {
    for (const h of HEADING) if (this.open.has(h)) return true;
    return false;
  }

  /** Pops the innermost element and adds its sums to its parent's. */
  private closeTop(): void {
    const el = this.stack.pop() as Element;
    const n = (this.open.get(el.name) ?? 1) - 1;
    if (n === 0) this.open.delete(el.name);
    else this.open.set(el.name, n);
    if (el.name === 'table' || el.name === 'code') this.tableOrCode--;
    if (el.name === 'svg' || el.name === 'math') this.foreign--;
    if (el.collected !== undefined) this.collecting.splice(this.collecting.lastIndexOf(el), 1);
    if (el.name === 'script' && el.attrs.get('type')?.trim().toLowerCase() === 'application/ld+json') {
      this.doc.jsonLd.push(el.children.filter((c): c is string => typeof c === 'string').join(''));
    }
    if (el.name === 'div' && !el.furniture) (el.hasBlockChild ? this.doc.looseDivs : this.doc.scorable).push(el);
    const parent = el.parent;
    if (parent && !el.furniture) {
      parent.textLength += el.textLength;
      const hashLink = el.name === 'a' && el.attrs.get('href')?.startsWith('#');
      parent.linkLength += el.name === 'a' ? el.textLength * (hashLink ? 0.3 : 1) : el.linkLength;
      parent.commas += el.commas;
    }
  }

  /** Pops elements down to and including the nearest open `names`, looking at most `limit` deep (Infinity: it is open). */
  private closeThrough(names: ReadonlySet<string>, scope: ReadonlySet<string> | null, limit: number): void {
    const stack = this.stack;
    for (let i = stack.length - 1, seen = 0; i > 0 && seen < limit; i--, seen++) {
      const el = stack[i] as Element;
      if (names.has(el.name)) {
        while (stack.length > i) this.closeTop();
        return;
      }
      if (scope?.has(el.name)) return;
    }
  }

  /** The end tags a start tag implies. */
  private closeImplied(name: string): void {
    if (P_CLOSERS.has(name) && this.open.has('p')) this.closeThrough(P_ONLY, P_SCOPE, IMPLIED_SCAN);
    const implied = IMPLIED.get(name);
    if (implied) this.closeThrough(implied.closes, implied.scope, IMPLIED_SCAN);
    if (name === 'a' && this.open.has('a')) this.closeThrough(A_ONLY, null, Number.POSITIVE_INFINITY);
    if (HEADING.has(name) && this.headingOpen()) this.closeThrough(HEADING, null, Number.POSITIVE_INFINITY);
  }

  /** Files an element in the document's lists. */
  private register(el: Element): void {
    const { doc } = this;
    const { name, attrs } = el;
    switch (name) {
      case 'html':
        doc.htmlAttrs ??= attrs;
        break;
      case 'body':
        doc.body ??= el;
        break;
      case 'meta':
        doc.metas.push(attrs);
        break;
      case 'link':
        doc.linkTags.push(el);
        break;
      case 'base':
        if (doc.base === null && attrs.has('href')) doc.base = attrs.get('href') ?? null;
        break;
      case 'img':
        doc.images.push(el);
        break;
      case 'a':
        if (attrs.has('href')) doc.anchors.push(el);
        break;
      case 'main':
      case 'article':
        doc.candidates.push(el);
        break;
    }
    if (name !== 'main' && name !== 'article' && attrs.get('role')?.trim().toLowerCase() === 'main')
      doc.candidates.push(el);
    if (HEADING.has(name)) doc.headings.push(el);
    if (SCORED.has(name) && !el.furniture) doc.scorable.push(el);
    // Readability meets a byline before it drops an unlikely element, and none inside one
    if (attrs !== NO_ATTRS && doc.bylines.length < MAX_BYLINES && !el.furniture && !el.parent?.unlikely) {
      if (mayBeByline(attrs)) doc.bylines.push(el);
    }
  }

  openElement(name: string, attributes: Map<string, string>, selfClosing: boolean): void {
    const { doc } = this;
    if (doc.elementCount >= MAX_ELEMENTS) {
      doc.truncated = true;
      if (this.suppressed === null && FURNITURE_TAGS.has(name) && !VOID.has(name) && !selfClosing)
        this.suppressed = name;
      return;
    }
    doc.elementCount++;
    this.closeImplied(name);
    // the element it is inside (whose furniture and unlikely flags it inherits), and where the
    // tree puts it: beside that element once the tree is MAX_DEPTH deep
    const context = this.top();
    let parent = context;
    if (parent.depth >= MAX_DEPTH) {
      parent = parent.parent as Element;
      doc.truncated = true;
    }
    const el = newElement(name, attributes, parent, parent.depth + 1);
    el.furniture = context.furniture || isFurniture(name, attributes);
    el.unlikely = context.unlikely || isUnlikely(name, attributes, this.tableOrCode > 0);
    if (parent.children === NO_CHILDREN) parent.children = [el];
    else parent.children.push(el);
    if (BLOCK_CHILD.has(name)) parent.hasBlockChild = true;
    this.register(el);
    if (VOID.has(name) || (selfClosing && this.foreign > 0)) return;

    this.stack.push(el);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
    if (name === 'table' || name === 'code') this.tableOrCode++;
    if (name === 'svg' || name === 'math') this.foreign++;
    if (name === 'title' && this.titleElement === null) this.titleElement = el;
    if (el === this.titleElement || name === 'a' || HEADING.has(name)) {
      el.collected = '';
      this.collecting.push(el);
    }
  }

  closeElement(name: string): void {
    if (name === 'title' && this.titleElement !== null && this.doc.title === null)
      this.doc.title = this.titleElement.collected ?? '';
    if (this.doc.elementCount >= MAX_ELEMENTS && this.doc.truncated) {
      if (this.suppressed === name) this.suppressed = null;
      return;
    }
    if (VOID.has(name)) {
      if (name === 'br') this.openElement('br', NO_ATTRS, false);
      return;
    }
    if (!this.open.has(name)) return;
    while (this.stack.length > 1) {
      const el = this.top();
      this.closeTop();
      if (el.name === name) break;
    }
  }

  addText(text: string): void {
    if (text === '' || this.suppressed !== null) return;
    const el = this.top();
    const last = el.children.length - 1;
    if (typeof el.children[last] === 'string') el.children[last] += text;
    else if (el.children === NO_CHILDREN) el.children = [text];
    else el.children.push(text);
    for (const c of this.collecting) {
      if ((c.collected as string).length < COLLECT_CAP) c.collected += text.slice(0, COLLECT_CAP);
    }
    if (!el.furniture) {
      el.textLength += visibleLength(text);
      el.commas += countCommas(text);
    }
  }

  /** Closes what is still open; the document is complete. */
  finish(): HtmlDocument {
    while (this.stack.length > 1) this.closeTop();
    if (this.doc.title === null && this.titleElement !== null) this.doc.title = this.titleElement.collected ?? '';
    return this.doc;
  }
}

/** Builds the tree of an HTML document; see the module comment for the bounds. */
export async function buildDocument(html: string, signal?: AbortSignal): Promise<HtmlDocument> {
  const builder = new TreeBuilder();
  let work = 0;
  let paused = false;
  const tick = () => {
    if (++work % CHECK_EVERY === 0 && sliceDue()) {
      paused = true;
      tokenizer.pause();
    }
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, tokenCallbacks(html, builder, tick));
  tokenizer.write(html);
  while (paused) {
    paused = false;
    await nextTurn();
    signal?.throwIfAborted();
    tokenizer.resume();
  }
  tokenizer.end();
  return builder.finish();
}
