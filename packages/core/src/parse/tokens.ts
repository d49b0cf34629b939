/**
 * htmlparser2's tokenizer callbacks for dom.ts: they assemble tag names and
 * attributes (lower-cased names, first attribute of a name wins) and hand start
 * tags, end tags and text to a {@link TreeSink}. `tick` is called as work is done.
 */
import type { QuoteType, TokenizerCallbacks } from 'htmlparser2';
import { NO_ATTRS } from './element.js';

export interface TreeSink {
  openElement(name: string, attrs: Map<string, string>, selfClosing: boolean): void;
  closeElement(name: string): void;
  addText(text: string): void;
}

/** The tokenizer's callbacks: they assemble tags and attributes and hand them to the builder. */
export function tokenCallbacks(html: string, builder: TreeSink, tick: () => void): TokenizerCallbacks {
  let tagName = '';
  let attrs = NO_ATTRS;
  let attrName = '';
  let attrValue = '';
  return {
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
      builder.openElement(tagName, attrs, false);
    },
    onselfclosingtag() {
      builder.openElement(tagName, attrs, true);
    },
    onclosetag(start, end) {
      builder.closeElement(html.slice(start, end).toLowerCase());
      tick();
    },
    ontext(start, end) {
      builder.addText(html.slice(start, end));
      tick();
    },
    ontextentity(cp) {
      builder.addText(String.fromCodePoint(cp));
      tick();
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
}
