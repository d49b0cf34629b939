import { describe, expect, it } from 'vitest';
import { bagOfWords, CORPUS, corpusPages, mean, score } from '../scripts/readable-score.js';
import { parseHtml } from '../src/parse/html.js';

// /parse's readable text against the article Mozilla Readability extracts from the same real
// pages (../shared/corpus/readability and pages, read in place): the set is scored, bag-of-words
// F1 over lower-cased letter and number runs, a mean and a floor; docs/performance.md has the figures.
const pages = corpusPages();
if (pages.length === 0) console.warn(`parse-readable: ${CORPUS} is absent (a clone without ../shared); skipped`);

describe.skipIf(pages.length === 0)('readable text against Readability on real pages', () => {
  it('scores a mean F1 of at least 0.98 and no page under 0.9', async () => {
    const f1: Array<[string, number]> = [];
    for (const p of pages) {
      const parsed = await parseHtml(p.source, 'http://fakehost/test/page.html');
      f1.push([p.name, score(bagOfWords(parsed.text), p.expected).f1]);
    }
    expect(mean(f1.map(([, f]) => f))).toBeGreaterThanOrEqual(0.98);
    expect(f1.filter(([, f]) => f < 0.9)).toEqual([]);
  }, 120_000);
});

describe('readable text rules', () => {
  const text = async (html: string) => (await parseHtml(html, null)).text;
  const prose = (words: string) =>
    `<p>${words}, which is a sentence long enough to count as a paragraph of prose, with commas, and more.</p>`;

  it('finds the article inside role=main beside teaser <article>s', async () => {
    const page = `<body><div role="main"><div class="story">${prose('Alpha').repeat(6)}</div>
      <aside><article><a href="/t1">Teaser one</a></article><article><a href="/t2">Teaser two</a></article></aside></div></body>`;
    const t = await text(page);
    expect(t).toContain('Alpha');
    expect(t).not.toContain('Teaser');
  });

  it("leaves out the first short byline, as Readability does, and keeps a long author's note", async () => {
    const note = 'About the author: '.concat('a long note on the writer and her work, '.repeat(4));
    const page = `<body><div class="content"><p class="byline">By Jane Doe</p>${prose('Delta').repeat(6)}
      <p class="author-note">${note}</p></div></body>`;
    const t = await text(page);
    expect(t).toContain('Delta');
    expect(t).not.toContain('Jane Doe');
    expect(t).toContain('About the author');
  });

  it('leaves out a comment section and a share list inside the article', async () => {
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/${i}">Related story ${i}</a></li>`).join('');
    const page = `<body><div class="content">${prose('Beta').repeat(6)}<ul class="share-tools">${links}</ul>
      <div class="comments">${prose('Gamma').repeat(2)}</div></div></body>`;
    const t = await text(page);
    expect(t).toContain('Beta');
    expect(t).not.toContain('Related story');
    expect(t).not.toContain('Gamma');
  });

  it('scores loose text between the blocks of a div, as Readability wraps it into paragraphs', async () => {
    const loose = 'Loose words of an old site, written straight into a div, with commas, and then some more.';
    const page = `<body><div id="page">${`${loose}<br><br>`.repeat(8)}<div class="x"><p>A short block.</p></div></div>
      <div><p><a href="/1">Link one</a> <a href="/2">Link two</a> and a few words besides the links</p></div></body>`;
    const t = await text(page);
    expect(t).toContain('Loose words');
    expect(t).not.toContain('Link one');
  });

  it('keeps MathML', async () => {
    const page = `<title>A proof</title><body><div><h1>A proof</h1>${prose('Delta').repeat(6)}
      <p>So <math><mi>x</mi><mo>=</mo><mn>42</mn></math> holds.</p></div></body>`;
    const t = await text(page);
    expect(t).toContain('42');
  });
});
