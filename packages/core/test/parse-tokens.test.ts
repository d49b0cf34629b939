/** /parse segments the page text with the request tokenizer: the head into sentences, all of it into words. */
import { describe, expect, it } from 'vitest';
import { tokenize, words } from '../src/nlp/text.js';
import { ANALYSIS_CHARS, parseGivenHtml } from '../src/parse/parse.js';
import { chinese, prose } from './text-samples.js';

describe('/parse word count and analysis', () => {
  it.each([
    ['paragraphs', `<body>${prose(300_000).replace(/([.!?]) /g, '$1</p><p>')}</body>`, 'en'],
    ['one 1 MB text node', `<p>${'lorem ipsum dolor sit amet, '.repeat(35_000)}</p>`, 'en'],
    ['Chinese', `<html lang="zh"><body><p>${chinese(150_000)}</p></body></html>`, 'zh'],
  ])('%s: wordCount is the words of the whole text', { timeout: 60_000 }, async (_name, html, lang) => {
    const page = await parseGivenHtml(html, null);
    expect(page.text.length).toBeGreaterThan(ANALYSIS_CHARS);
    expect(page.wordCount).toBe(words(page.text, lang).length);
    expect(page.analysis.keywords.length).toBeGreaterThan(0);
  });

  it('analyses the same as /analyze would for a text within the limit', async () => {
    const text = prose(20_000);
    const page = await parseGivenHtml(`<p>${text}</p>`, null);
    expect(page.wordCount).toBe(tokenize(page.text, 'en').wordCount);
  });
});
