/** The small HTML tree dom.ts builds: its element and document shapes. */

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
  /**
   * Characters of readable text below (a run of white space counts as one), link text
   * below (a link to `#…` counts 0.3, as in Readability), and commas below (furniture left out).
   */
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
  /** `<link>` elements, in document order. */
  linkTags: Element[];
  base: string | null;
  anchors: Element[];
  images: Element[];
  headings: Element[];
  /** `<main>`, `<article>` and `role=main` elements. */
  candidates: Element[];
  /** Elements Readability scores: p, pre, td, section, h2–h6 and paragraph-like divs. */
  scorable: Element[];
  /** Elements shaped like a byline (html-rules.ts `mayBeByline`), in document order, at most {@link MAX_BYLINES}. */
  bylines: Element[];
  /** Divs with block children, whose loose text Readability wraps into paragraphs. */
  looseDivs: Element[];
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
export const NO_ATTRS: Map<string, string> = new Map();
export const NO_CHILDREN: Array<Element | string> = [];

export function newElement(name: string, attrs: Map<string, string>, parent: Element | null, depth: number): Element {
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

/** How many byline-shaped elements a document keeps: Readability takes the first valid one. */
export const MAX_BYLINES = 16;

export function newDocument(): HtmlDocument {
  return {
    root: newElement('#root', new Map(), null, 0),
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
    bylines: [],
    looseDivs: [],
    jsonLd: [],
    body: null,
    elementCount: 0,
    truncated: false,
  };
}

/** Readability's comma characters (Latin, Arabic, small and full-width forms, CJK's 、). */
const COMMAS = /[,\u060C\uFE50\uFE10\uFE11\u2E41\u2E34\u2E32\uFF0C\u3001]/g;

export function countCommas(s: string): number {
  COMMAS.lastIndex = 0;
  let n = 0;
  while (COMMAS.exec(s) !== null) n++;
  return n;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

/** Length of a text with each run of white space counted once (as Readability's inner text). */
export function visibleLength(s: string): number {
  let n = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const sp = isSpace(s.charCodeAt(i));
    if (!sp || !space) n++;
    space = sp;
  }
  return n;
}
