/** The /analyze limit counts code points in place, as `[...text].length` would, and stops past the limit. */
import { describe, expect, it } from 'vitest';
import { MAX_ANALYZE_CHARS } from '../src/http/routes/analyze.js';
import { codePoints } from '../src/nlp/code-points.js';
import { analyze as analyzeRequest } from './analyze-request.js';

const analyze = (text: string) => analyzeRequest({ text });

describe('codePoints', () => {
  it('counts as the string iterator does, lone surrogates included', () => {
    for (const s of [
      '',
      'abc',
      '𝐀𝐁',
      '👩‍👩‍👧 x',
      '\ud800',
      '\udc00',
      '\ud800\ud800\udc00',
      '\ud800\udc00\udc00',
      'a\udc00\ud800b',
    ]) {
      expect(codePoints(s), JSON.stringify(s)).toBe([...s].length);
    }
  });

  it('stops once past stopAfter', () => {
    expect(codePoints('𝐀'.repeat(10), 3)).toBe(4);
    expect(codePoints('abc', 3)).toBe(3);
  });
});

describe('/analyze text limit, in code points', () => {
  it('takes exactly the limit in astral characters and refuses one more', { timeout: 60_000 }, async () => {
    // two UTF-16 units each: a count in code units would refuse the first
    const astral = '𝐀 '.repeat(MAX_ANALYZE_CHARS / 2);
    const ok = await analyze(astral);
    expect(ok.status).toBe(200);
    expect((await ok.json()).stats.characters).toBe(MAX_ANALYZE_CHARS);
    const over = await analyze(`${astral}x`);
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
  });
});
