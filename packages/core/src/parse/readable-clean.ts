import { collapseWhitespace } from '../util/whitespace.js';
import type { Element } from './element.js';

/**
 * What Readability's `_prepArticle` takes out of the chosen article, decided in two
 * linear passes over it (sums bottom-up, then a walk down that knows its ancestors):
 *
 * - `_cleanConditionally` on form, fieldset, table, ul and div: a negative class
 *   weight, or (under 10 commas) more images than paragraphs, list items outside a
 *   list, inputs, a short linked fragment, link density over 0.2 (0.5 with a
 *   positive class), embeds that are not videos, or no text in text-like elements;
 *   data tables, code, figures and what is inside them are kept;
 * - small "share" blocks (class or id `share`, `sharedaddy`; under 500 characters);
 * - `<h1>`/`<h2>` with a negative class weight.
 */

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
const SHARE = /(\b|_)(share|sharedaddy)(\b|_)/i;
const VIDEO =
  /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq|bilibili|live\.bilibili)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;
const AD_WORDS = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;
/** Readability's "textish" tags: span, li, td and the children that make a div more than a paragraph. */
const TEXTISH = new Set(['span', 'li', 'td', 'blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);
const CLEANED = new Set(['form', 'fieldset', 'table', 'ul', 'div']);
const EMBEDS = new Set(['object', 'embed', 'iframe']);
const SHARE_LIMIT = 500;

/** Readability's class weight: ±25 for the class and for the id. */
export function classWeight(el: Element): number {
  let w = 0;
  for (const v of [el.attrs.get('class'), el.attrs.get('id')]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

interface Sums {
  p: number;
  img: number;
  li: number;
  input: number;
  embeds: number;
  videos: number;
  tr: number;
  cells: number;
  tables: number;
  headers: boolean;
  /** Text inside text-like elements, inside headings, inside lists. */
  textish: number;
  heading: number;
  list: number;
}

const zero = (): Sums => ({
  p: 0,
  img: 0,
  li: 0,
  input: 0,
  embeds: 0,
  videos: 0,
  tr: 0,
  cells: 0,
  tables: 0,
  headers: false,
  textish: 0,
  heading: 0,
  list: 0,
});

const isVideo = (el: Element) => {
  for (const v of el.attrs.values()) if (VIDEO.test(v)) return true;
  return false;
};

/** Adds a child's sums (and the child itself) to its parent's. */
function addChild(into: Sums, child: Element, s: Sums): void {
  into.p += s.p + (child.name === 'p' ? 1 : 0);
  into.img += s.img + (child.name === 'img' ? 1 : 0);
  into.li += s.li + (child.name === 'li' ? 1 : 0);
  into.input += s.input + (child.name === 'input' ? 1 : 0);
  const embed = EMBEDS.has(child.name);
  into.embeds += s.embeds + (embed ? 1 : 0);
  into.videos += s.videos + (embed && isVideo(child) ? 1 : 0);
  into.tr += s.tr + (child.name === 'tr' ? 1 : 0);
  into.cells += s.cells + (child.name === 'td' || child.name === 'th' ? 1 : 0);
  into.tables += s.tables + (child.name === 'table' ? 1 : 0);
  into.headers ||= s.headers || child.name === 'th' || child.name === 'thead' || child.name === 'caption';
  const text = child.furniture ? 0 : child.textLength;
  into.textish += TEXTISH.has(child.name) ? text : s.textish;
  into.heading += /^h[1-6]$/.test(child.name) ? text : s.heading;
  into.list += child.name === 'ul' || child.name === 'ol' ? text : s.list;
}

type Tick = () => Promise<void> | undefined;

/**
 * The sums of every element of the article worth cleaning, bottom-up without
 * recursion: a frame per open element with element children, so a leaf costs no object.
 */
async function sumsBelow(roots: Element[], skip: (el: Element) => boolean, tick: Tick): Promise<Map<Element, Sums>> {
  const sums = new Map<Element, Sums>();
  const empty = zero();
  for (const root of roots) {
    const frames: Array<{ el: Element; sums: Sums; next: number }> = [{ el: root, sums: zero(), next: 0 }];
    while (frames.length > 0) {
      const wait = tick();
      if (wait) await wait;
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      const { el } = frame;
      if (frame.next === 0 && el.name === 'div')
        for (const c of el.children) if (typeof c === 'string') frame.sums.textish += c.trim().length;
      const child = el.children[frame.next++];
      if (child === undefined) {
        frames.pop();
        const parent = frames[frames.length - 1];
        if (parent) addChild(parent.sums, el, frame.sums);
        if (CLEANED.has(el.name)) sums.set(el, frame.sums);
        continue;
      }
      if (typeof child === 'string' || skip(child)) continue;
      if (child.children.length === 0) addChild(frame.sums, child, empty);
      else frames.push({ el: child, sums: zero(), next: 0 });
    }
  }
  return sums;
}

function isDataTable(el: Element, s: Sums): boolean {
  const role = el.attrs.get('role');
  if (role === 'presentation' || el.attrs.get('datatable') === '0') return false;
  if (el.attrs.has('summary') || s.headers) return true;
  if (s.tables > 0) return false;
  const cols = s.tr === 0 ? s.cells : s.cells / s.tr;
  return s.tr >= 10 || cols > 4 || s.tr * cols > 10;
}

/** Readability's `_cleanConditionally` verdict on one element. */
function fishy(el: Element, s: Sums, weighClasses: boolean, text: string | null): boolean {
  const weight = weighClasses ? classWeight(el) : 0;
  if (weight < 0) return true;
  if (el.commas >= 10) return false;
  if (s.videos > 0) return false;
  if (text !== null && (AD_WORDS.test(text) || LOADING_WORDS.test(text))) return true;
  const length = el.textLength;
  const isList = el.name === 'ul' || (length > 0 && s.list / length > 0.9);
  const linkDensity = length === 0 ? 0 : el.linkLength / length;
  const headingDensity = length === 0 ? 0 : s.heading / length;
  const li = s.li - 100;
  const remove =
    (s.img > 1 && s.p / s.img < 0.5) ||
    (!isList && li > s.p) ||
    s.input > Math.floor(s.p / 3) ||
    (!isList && headingDensity < 0.9 && length < 25 && (s.img === 0 || s.img > 2) && linkDensity > 0) ||
    (!isList && weight < 25 && linkDensity > 0.2) ||
    (weight >= 25 && linkDensity > 0.5) ||
    (s.embeds === 1 && length < 75) ||
    s.embeds > 1 ||
    (s.img === 0 && s.textish === 0);
  // a list of images (one per item) stays
  if (remove && isList && s.img > 0 && s.img === s.li) return false;
  return remove;
}

/** Elements looked at for a short text, at most. */
const SHORT_WALK = 64;

/** Short text of an element (for the ad and loading words), or null when long or deep. */
function shortText(el: Element): string | null {
  if (el.textLength > 40) return null;
  const parts: string[] = [];
  const todo: Array<Element | string> = [el];
  for (let seen = 0; todo.length > 0; seen++) {
    if (seen > SHORT_WALK) return null;
    const n = todo.pop() as Element | string;
    if (typeof n === 'string') parts.push(n);
    else if (!n.furniture)
      for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i] as Element | string);
  }
  return collapseWhitespace(parts.join(''));
}

export interface CleanOptions {
  /** Leave out unlikely candidates (class or id like comment, sidebar). */
  stripUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}

/**
 * The elements of the article that are not its text (beyond furniture). Linear in the
 * article's size: one pass of sums, one walk down with the kept ancestors' kinds.
 */
export async function leftOut(roots: Element[], opts: CleanOptions, tick: Tick): Promise<Set<Element>> {
  const out = new Set<Element>();
  const isRoot = new Set(roots);
  const skip = (el: Element) => el.furniture || (opts.stripUnlikely && el.unlikely && !isRoot.has(el));
  const sums = opts.cleanConditionally ? await sumsBelow(roots, skip, tick) : new Map<Element, Sums>();
  // a walk down: an element, and whether it is inside a data table, code or a figure
  const todo: Element[] = [...roots];
  const inKept: boolean[] = roots.map(() => false);
  while (todo.length > 0) {
    const wait = tick();
    if (wait) await wait;
    const el = todo.pop() as Element;
    const kept = inKept.pop() as boolean;
    const root = isRoot.has(el);
    if (!root && skip(el)) continue;
    const s = sums.get(el);
    let keep = kept || el.name === 'code' || el.name === 'figure' || el.name === 'pre';
    if (el.name === 'table' && s && isDataTable(el, s)) keep = true;
    if (!root) {
      const matchString = `${el.attrs.get('class') ?? ''} ${el.attrs.get('id') ?? ''}`;
      if (SHARE.test(matchString) && el.textLength < SHARE_LIMIT) {
        out.add(el);
        continue;
      }
      if ((el.name === 'h1' || el.name === 'h2') && opts.weighClasses && classWeight(el) < 0) {
        out.add(el);
        continue;
      }
      // a div without block children is a paragraph to Readability, not cleaned as a div
      const paragraph = el.name === 'div' && !el.hasBlockChild;
      if (s && !keep && !paragraph && opts.cleanConditionally && fishy(el, s, opts.weighClasses, shortText(el))) {
        out.add(el);
        continue;
      }
    }
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      todo.push(c);
      inKept.push(keep);
    }
  }
  return out;
}
