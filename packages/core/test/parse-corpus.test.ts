import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/parse/html.js';

// Real saved pages with the title, language and excerpt Mozilla Readability extracts
// (../shared/corpus/pages, from mozilla/readability's test pages). Read in place, never copied.
const PAGES = fileURLToPath(new URL('../../../../shared/corpus/pages', import.meta.url));
const present = existsSync(PAGES);
if (!present)
  console.warn(`parse-corpus: ${PAGES} is absent (a clone without ../shared); the corpus tests are skipped`);

interface Expected {
  title: string | null;
  lang?: string | null;
  excerpt?: string | null;
}
const pages = present
  ? readdirSync(PAGES)
      .filter((d) => existsSync(`${PAGES}/${d}/source.html`))
      .map((name) => ({
        name,
        html: readFileSync(`${PAGES}/${name}/source.html`, 'utf8'),
        expected: JSON.parse(readFileSync(`${PAGES}/${name}/expected-metadata.json`, 'utf8')) as Expected,
      }))
  : [];

describe.skipIf(!present)('real pages against Readability', () => {
  it.each(pages)('$name: title, language and description', async ({ html, expected }) => {
    const p = await parseHtml(html, 'http://fakehost/test/page.html');
    expect(p.title).toBe(expected.title);
    expect(p.lang).toBe(expected.lang ?? null);
    // the contract's description is the meta (or Open Graph) description; Readability's
    // excerpt is that too when the page has one, else the first paragraph
    if (p.description !== null) expect(p.description).toBe(expected.excerpt);
    expect(p.truncated).toBe(false);
  });

  it.each(pages)('$name: the text is the article, not the navigation', async ({ html }) => {
    const p = await parseHtml(html, 'http://fakehost/test/page.html');
    expect(p.text.length).toBeGreaterThan(3000);
    for (const furniture of ['Jump to navigation', 'Navigation menu', 'Hidden categories', 'Privacy policy', 'Sign in'])
      expect(p.text).not.toContain(furniture);
  });
});
