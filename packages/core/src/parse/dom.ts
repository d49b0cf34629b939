import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { nextTurn, sliceDue } from '../nlp/slice.js';
import {
  A_ONLY,
  BLOCK_CHILD,
  FURNITURE_TAGS,
  HEADING,
  IMPLIED,
  isFurniture,
  MAYBE_CANDIDATE,
  P_CLOSERS,
  P_ONLY,
  P_SCOPE,
  SCORED,
  UNLIKELY,
  VOID,
} from './html-rules.js';

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
 */

export const MAX_DEPTH = 512;
export const MAX_ELEMENTS = 150_000;
/** How far down the stack an implied end tag looks. */
const IMPLIED_SCAN = 32;
/** Longest text kept for one title, heading or link. */
const COLLECT_CAP = 1000;
/** Work between two looks at the clock. */
const CHECK_EVERY = 1024;

export interface Element {
  name: string;
  attrs: Map<string, string>;
  parent: Element | null;
  children: Array<Element | string>;
  depth: number;
  /** Not readable text (scripts, navigation, hidden…), itself or through an ancestor. */
  furniture: boolean;
  /** Readability's "unlikely candidate" (class or id like comment, sidebar…), itself or through an ancestor. */
  unlikely: boolean;
  /** Characters of readable text below, link text below, and commas below (furniture left out). */
  textLength: number;
  linkLength: number;
  commas: number;
  /** Has a block child (so a `<div>` is not paragraph-like). */
  hasBlockChild: boolean;
  /** Text of a title, heading or link (capped), when the element is one. */
  collected: string | undefined;
  /** Readability content score, when scored. */
  score: number | undefined;
}

export interface HtmlDocument {
  root: Element;
  /** The first `<title>`'s text. */
  title: string | null;
  htmlAttrs: Map<string, string> | null;
  metas: Array<Map<string, string>>;
  /** `<link>`, `<base>`, `<a>`, `<img>`, headings and main/article candidates, in document order. */
  linkTags: Element[];
  base: string | null;
  anchors: Element[];
  images: Element[];
  headings: Element[];
  candidates: Element[];
  /** Elements Readability scores: p, pre, td, section, h2–h6 and paragraph-like divs. */
  scorable: Element[];
  /** Contents of `<script type="application/ld+json">`. */
  jsonLd: string[];
  body: Element | null;
  elementCount: number;
  truncated: boolean;
}

/**
 * Shared by every element without attributes or children until it gets one: a
 * page of 100,000 empty elements then makes 100,000 objects, not 300,000, and the
 * collector's pauses shrink with them. Never written to.
 */
const NO_ATTRS: Map<string, string> = new Map();
const NO_CHILDREN: Array<Element | string> = [];

function newElement(name: string, attrs: Map<string, string>, parent: Element | null, depth: number): Element {
  return {
    name,
    attrs,
    parent,
    children: NO_CHILDREN,
    depth,
    furniture: false,
    unlikely: false,
    textLength: 0,
    linkLength: 0,
    commas: 0,
    hasBlockChild: false,
    collected: undefined,
    score: undefined,
  };
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = s.indexOf(','); i !== -1; i = s.indexOf(',', i + 1)) n++;
  return n;
}

/** Builds the tree of an HTML document; see the module comment for the bounds. */
export async function buildDocument(html: string, signal?: AbortSignal): Promise<HtmlDocument> {
  const root = newElement('#root', new Map(), null, 0);
  const doc: HtmlDocument = {
    root,
    title: null,
    htmlAttrs: null,
    metas: [],
    linkTags: [],
    base: null,
    anchors: [],
    images: [],
    headings: [],
    candidates: [],
    scorable: [],
    jsonLd: [],
    body: null,
    elementCount: 0,
    truncated: false,
  };
  const stack: Element[] = [root];
  const open = new Map<string, number>();
  /** Open title, heading and link whose text is being collected (they never nest in their own kind). */
  const collecting: Element[] = [];
  let tableOrCode = 0;
  let foreign = 0;
  /** After the element cap: the raw-text element whose contents are being skipped. */
  let suppressed: string | null = null;
  let titleElement: Element | null = null;

  let tagName = '';
  let attrs = NO_ATTRS;
  let attrName = '';
  let attrValue = '';
  let work = 0;
  let paused = false;
  let tokenizer: Tokenizer;

  const tick = () => {
    if (++work % CHECK_EVERY === 0 && sliceDue()) {
      paused = true;
      tokenizer.pause();
    }
  };
  const top = () => stack[stack.length - 1] as Element;
  const headingOpen = () => {
    for (const h of HEADING) if (open.has(h)) return true;
    return false;
  };

  function closeTop(): void {
    const el = stack.pop() as Element;
    const n = (open.get(el.name) ?? 1) - 1;
    if (n === 0) open.delete(el.name);
    else open.set(el.name, n);
    if (el.name === 'table' || el.name === 'code') tableOrCode--;
    if (el.name === 'svg' || el.name === 'math') foreign--;
    if (el.collected !== undefined) collecting.splice(collecting.lastIndexOf(el), 1);
    if (el.name === 'script' && el.attrs.get('type')?.trim().toLowerCase() === 'application/ld+json') {
      doc.jsonLd.push(el.children.filter((c): c is string => typeof c === 'string').join(''));
    }
    if (!el.hasBlockChild && el.name === 'div' && !el.furniture) doc.scorable.push(el);
    const parent = el.parent;
    if (parent && !el.furniture) {
      parent.textLength += el.textLength;
      parent.linkLength += el.name === 'a' ? el.textLength : el.linkLength;
      parent.commas += el.commas;
    }
  }

  /** Pops elements down to and including the nearest open `names`, looking at most `limit` deep (Infinity: it is open). */
  function closeThrough(names: ReadonlySet<string>, scope: ReadonlySet<string> | null, limit: number): void {
    for (let i = stack.length - 1, seen = 0; i > 0 && seen < limit; i--, seen++) {
      const el = stack[i] as Element;
      if (names.has(el.name)) {
        while (stack.length > i) closeTop();
        return;
      }
      if (scope?.has(el.name)) return;
    }
  }

  function openElement(name: string, attributes: Map<string, string>, selfClosing: boolean): void {
    if (doc.elementCount >= MAX_ELEMENTS) {
      doc.truncated = true;
      if (suppressed === null && FURNITURE_TAGS.has(name) && !VOID.has(name) && !selfClosing) suppressed = name;
      return;
    }
    doc.elementCount++;
    if (P_CLOSERS.has(name) && open.has('p')) closeThrough(P_ONLY, P_SCOPE, IMPLIED_SCAN);
    const implied = IMPLIED.get(name);
    if (implied) closeThrough(implied.closes, implied.scope, IMPLIED_SCAN);
    if (name === 'a' && open.has('a')) closeThrough(A_ONLY, null, Number.POSITIVE_INFINITY);
    if (HEADING.has(name) && headingOpen()) closeThrough(HEADING, null, Number.POSITIVE_INFINITY);

    // the element it is inside (whose furniture and unlikely flags it inherits), and where the
    // tree puts it: beside that element once the tree is MAX_DEPTH deep
    const context = top();
    let parent = context;
    if (parent.depth >= MAX_DEPTH) {
      parent = parent.parent as Element;
      doc.truncated = true;
    }
    const el = newElement(name, attributes, parent, parent.depth + 1);
    el.furniture = context.furniture || isFurniture(name, attributes);
    const matchString = `${attributes.get('class') ?? ''} ${attributes.get('id') ?? ''}`;
    el.unlikely =
      context.unlikely ||
      (name !== 'body' &&
        name !== 'a' &&
        tableOrCode === 0 &&
        matchString.length > 1 &&
        UNLIKELY.test(matchString) &&
        !MAYBE_CANDIDATE.test(matchString));
    if (parent.children === NO_CHILDREN) parent.children = [el];
    else parent.children.push(el);
    if (BLOCK_CHILD.has(name)) parent.hasBlockChild = true;

    switch (name) {
      case 'html':
        doc.htmlAttrs ??= attributes;
        break;
      case 'body':
        doc.body ??= el;
        break;
      case 'meta':
        doc.metas.push(attributes);
        break;
      case 'link':
        doc.linkTags.push(el);
        break;
      case 'base':
        if (doc.base === null && attributes.has('href')) doc.base = attributes.get('href') ?? null;
        break;
      case 'img':
        doc.images.push(el);
        break;
      case 'a':
        if (attributes.has('href')) doc.anchors.push(el);
        break;
      case 'main':
      case 'article':
        doc.candidates.push(el);
        break;
    }
    if (name !== 'main' && name !== 'article' && attributes.get('role')?.trim().toLowerCase() === 'main')
      doc.candidates.push(el);
    if (HEADING.has(name)) doc.headings.push(el);
    if (SCORED.has(name) && !el.furniture) doc.scorable.push(el);
    if (VOID.has(name) || (selfClosing && foreign > 0)) return;

    stack.push(el);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (name === 'table' || name === 'code') tableOrCode++;
    if (name === 'svg' || name === 'math') foreign++;
    if (name === 'title' && titleElement === null) titleElement = el;
    if (el === titleElement || name === 'a' || HEADING.has(name)) {
      el.collected = '';
      collecting.push(el);
    }
  }

  function closeElement(name: string): void {
    if (doc.elementCount >= MAX_ELEMENTS && doc.truncated) {
      if (suppressed === name) suppressed = null;
      return;
    }
    if (VOID.has(name)) {
      if (name === 'br') openElement('br', NO_ATTRS, false);
      return;
    }
    if (!open.has(name)) return;
    while (stack.length > 1) {
      const el = top();
      closeTop();
      if (el.name === name) break;
    }
  }

  function addText(text: string): void {
    if (text === '' || suppressed !== null) return;
    const el = top();
    const last = el.children.length - 1;
    if (typeof el.children[last] === 'string') el.children[last] += text;
    else if (el.children === NO_CHILDREN) el.children = [text];
    else el.children.push(text);
    for (const c of collecting) {
      if ((c.collected as string).length < COLLECT_CAP) c.collected += text.slice(0, COLLECT_CAP);
    }
    if (!el.furniture) {
      el.textLength += text.length;
      el.commas += countCommas(text);
    }
  }

  const cbs: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = html.slice(start, end).toLowerCase();
      attrs = NO_ATTRS;
      tick();
    },
    onattribname(start, end) {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata(start, end) {
      attrValue += html.slice(start, end);
    },
    onattribentity(cp) {
      attrValue += String.fromCodePoint(cp);
      tick();
    },
    onattribend(_quote: QuoteType) {
      if (attrs === NO_ATTRS) attrs = new Map();
      if (!attrs.has(attrName)) attrs.set(attrName, attrValue);
      attrValue = '';
    },
    onopentagend() {
      openElement(tagName, attrs, false);
    },
    onselfclosingtag() {
      openElement(tagName, attrs, true);
    },
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (name === 'title' && titleElement !== null && doc.title === null) doc.title = titleElement.collected ?? '';
      closeElement(name);
      tick();
    },
    ontext(start, end) {
      addText(html.slice(start, end));
      tick();
    },
    ontextentity(cp) {
      addText(String.fromCodePoint(cp));
      tick();
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
  tokenizer = new Tokenizer({ decodeEntities: true }, cbs);
  tokenizer.write(html);
  while (paused) {
    paused = false;
    await nextTurn();
    signal?.throwIfAborted();
    tokenizer.resume();
  }
  tokenizer.end();
  while (stack.length > 1) closeTop();
  if (doc.title === null && titleElement !== null) doc.title = (titleElement as Element).collected ?? '';
  return doc;
}

/** Yields to the event loop when the shared slice (`nlp/slice.ts`) has run out (await its result in a loop). */
export function slicer(signal?: AbortSignal): () => Promise<void> | undefined {
  let n = 0;
  return () => {
    if (++n % CHECK_EVERY !== 0 || !sliceDue()) return undefined;
    return nextTurn().then(() => signal?.throwIfAborted());
  };
}
