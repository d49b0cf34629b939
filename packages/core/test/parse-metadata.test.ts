import { describe, expect, it } from 'vitest';
import { parseHtml } from '../src/parse/html.js';
import { cleanTitle } from '../src/parse/metadata.js';

describe("the <title> cut the way Readability's _getArticleTitle cuts it", () => {
  it.each([
    ['An Article About The Harbour Works | The Daily Bugle', 'An Article About The Harbour Works'],
    ['A long story about the harbour - Example News', 'A long story about the harbour'],
    ['Lorem ipsum dolor sit amet – My website', 'Lorem ipsum dolor sit amet'],
    ['Lorem ipsum dolor sit amet — My website', 'Lorem ipsum dolor sit amet'],
    ['Lorem ipsum dolor sit amet :: My website', 'Lorem ipsum dolor sit amet'],
    // the cut would leave under three words: the first part goes instead
    ['News | Harbour works begin on the north quay', 'Harbour works begin on the north quay'],
    // four words or fewer left, and more than the site name gone: the original stays
    ['Short | Site', 'Short | Site'],
    ['Mozilla - Wikipedia', 'Mozilla - Wikipedia'],
    // after a colon, unless a heading is the whole title
    ['Example Site: The long title of the article', 'The long title of the article'],
    ['This is a long title with a colon: Hello there', 'This is a long title with a colon: Hello there'],
    ['  Plain   title without any separator at all ', 'Plain title without any separator at all'],
  ])('%s → %s', (raw, expected) => {
    expect(cleanTitle(raw, [], [])).toBe(expected);
  });

  it('keeps a colon title that a heading repeats, and takes a lone h1 for a very short title', () => {
    expect(cleanTitle('Review: the new harbour bridge opens', ['Review: the new harbour bridge opens'], [])).toBe(
      'Review: the new harbour bridge opens',
    );
    expect(cleanTitle('Home', [], ['The harbour bridge opens to traffic'])).toBe('The harbour bridge opens to traffic');
  });
});

const page = (head: string, body = '<p>Some text of the article.</p>') =>
  parseHtml(`<html><head>${head}</head><body>${body}</body></html>`, 'https://example.org/a');

describe('title and description from metadata', () => {
  it('prefers JSON-LD, then dc:title, then og:title, then the <title>', async () => {
    const ld = (o: object) => `<script type="application/ld+json">${JSON.stringify(o)}</script>`;
    const title = '<title>Harbour works begin on the north quay | Example News</title>';
    expect((await page(title)).title).toBe('Harbour works begin on the north quay');
    expect((await page(`${title}<meta property="og:title" content="OG headline">`)).title).toBe('OG headline');
    expect(
      (await page(`${title}<meta property="og:title" content="OG"><meta name="dc.title" content="DC headline">`)).title,
    ).toBe('DC headline');
    const article = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'LD headline' };
    expect((await page(`${title}<meta property="og:title" content="OG">${ld(article)}`)).title).toBe('LD headline');
    // name and headline differ: the one close to the <title> wins (a site's name in "name")
    const both = { ...article, name: 'Example News', headline: 'Harbour works begin on the north quay' };
    expect((await page(`${title}${ld(both)}`)).title).toBe('Harbour works begin on the north quay');
    // not schema.org, or not an article: ignored
    expect((await page(`${title}${ld({ ...article, '@context': 'https://example.org' })}`)).title).toBe(
      'Harbour works begin on the north quay',
    );
    expect((await page(`${title}${ld({ '@context': 'https://schema.org', '@type': 'Organization' })}`)).title).toBe(
      'Harbour works begin on the north quay',
    );
    // a broken JSON-LD block is skipped, not an error
    expect((await page(`${title}<script type="application/ld+json">{not json</script>`)).title).toBe(
      'Harbour works begin on the north quay',
    );
  });

  it('unescapes values that pages escape twice', async () => {
    expect((await page('<meta property="og:title" content="Fish &amp;amp; Chips &amp;#8211; a guide">')).title).toBe(
      'Fish & Chips – a guide',
    );
  });

  it('describes by the meta description, else Open Graph, else the other meta descriptions', async () => {
    expect(
      (await page('<meta name="description" content="Meta"><meta property="og:description" content="OG">')).description,
    ).toBe('Meta');
    expect((await page('<meta property="og:description" content="OG">')).description).toBe('OG');
    expect((await page('<meta name="dc.description" content="Dublin Core">')).description).toBe('Dublin Core');
    expect((await page('<meta name="twitter:description" content="Card">')).description).toBe('Card');
    expect((await page('<title>x</title>')).description).toBeNull();
  });
});
