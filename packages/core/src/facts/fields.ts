import { normalizeKey } from './profiles.js';
import { render } from './render.js';

/** An infobox's fields: normalized names to raw wikitext values. */
export type Fields = Map<string, string>;

/** The first of the fields with a value, rendered to text. */
export function first(fields: Fields, keys: readonly string[]): { key: string; text: string } | null {
  for (const k of keys) {
    const key = normalizeKey(k);
    const raw = fields.get(key);
    if (raw === undefined) continue;
    const text = render(raw);
    if (text !== '') return { key, text };
  }
  return null;
}

/** Keeps the first line, without trailing notes in brackets. */
export function clean(text: string): string | null {
  const line = (text.split('\n')[0] ?? '')
    .replace(/\s*[([（［].*$/, '')
    .replace(/[,;:、，]\s*$/, '')
    .trim();
  return line === '' ? null : line.slice(0, 120);
}
