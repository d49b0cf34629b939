import { collapseWhitespace } from '../util/whitespace.js';

/**
 * Just enough of a wikitext reader for infoboxes: comments and references are
 * dropped, templates are split into parameters with nesting respected, and values
 * are rendered to plain text with the templates that matter for facts understood.
 */

export interface Template {
  /** Lower-cased, underscores as spaces, trimmed. */
  name: string;
  /** Positional parameters, in order (trimmed). */
  positional: string[];
  /** Named parameters (keys lower-cased, trimmed; values trimmed). */
  named: Map<string, string>;
  /** Start and end offsets of `{{…}}` in the source. */
  start: number;
  end: number;
}

/** Removes HTML comments, <ref> elements and other markup that never holds a fact. */
export function stripNoise(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<ref\b[^>]*\/>/gi, '')
    .replace(/<ref\b[^>]*>[\s\S]*?<\/ref\s*>/gi, '')
    .replace(/<(nowiki|math|score|syntaxhighlight|gallery|timeline)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
}

/** Offset just past the `}}` that closes the template opening at `start`, or -1. */
export function templateEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    const two = text.slice(i, i + 2);
    if (two === '{{') {
      depth++;
      i++;
    } else if (two === '}}') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits at top-level `sep`, skipping nested {{…}}, [[…]] and {|…|}. */
function splitTop(body: string, sep: string): string[] {
  const parts: string[] = [];
  let braces = 0;
  let brackets = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const two = body.slice(i, i + 2);
    if (two === '{{') {
      braces++;
      i++;
    } else if (two === '}}' && braces > 0) {
      braces--;
      i++;
    } else if (two === '[[') {
      brackets++;
      i++;
    } else if (two === ']]' && brackets > 0) {
      brackets--;
      i++;
    } else if (body[i] === sep && braces === 0 && brackets === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

export function parseTemplate(text: string, start: number, end: number): Template {
  const inner = text.slice(start + 2, end - 2);
  const [head = '', ...rest] = splitTop(inner, '|');
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const part of rest) {
    const eq = splitTop(part, '=');
    if (eq.length > 1 && /^[^{}[\]]+$/.test(eq[0] as string)) {
      named.set((eq[0] as string).trim().toLowerCase(), eq.slice(1).join('=').trim());
    } else {
      positional.push(part.trim());
    }
  }
  const name = collapseWhitespace(head.replace(/_/g, ' ')).toLowerCase();
  return { name, positional, named, start, end };
}

/** Every top-level template in the text, in order. */
export function* templates(text: string): Generator<Template> {
  let at = text.indexOf('{{');
  while (at !== -1) {
    const end = templateEnd(text, at);
    if (end === -1) return;
    yield parseTemplate(text, at, end);
    at = text.indexOf('{{', end);
  }
}

/** The first template whose name passes the test, searching nested ones too. */
export function findTemplate(text: string, test: (name: string) => boolean): Template | null {
  for (const t of templates(text)) {
    if (test(t.name)) return t;
    const inner = findTemplate(text.slice(t.start + 2, t.end - 2), test);
    if (inner) return { ...inner, start: inner.start + t.start + 2, end: inner.end + t.start + 2 };
  }
  return null;
}
