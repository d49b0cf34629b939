import { extractFacts } from './infobox.js';

const READ = new WeakMap<object, { wikitext: string; lang: string; read: ReturnType<typeof extractFacts> }>();

/**
 * `extractFacts` of a page's wikitext, read once per page object and language: the
 * Wikidata check (which facts are missing) and the answer (which facts to give) both
 * need it for the same page in one request. The result is shared: never mutate it.
 */
export function pageInfobox(page: { wikitext: string }, lang: string): ReturnType<typeof extractFacts> {
  const hit = READ.get(page);
  if (hit && hit.lang === lang && hit.wikitext === page.wikitext) return hit.read;
  const read = extractFacts(page.wikitext, lang);
  READ.set(page, { wikitext: page.wikitext, lang, read });
  return read;
}
