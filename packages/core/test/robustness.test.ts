import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFacts } from '../src/facts/infobox.js';
import { createHandler, type Handler } from '../src/index.js';

/** A seeded generator, so a failure names the input that caused it. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, pick };
}

const NASTY = [
  '',
  ' ',
  '%',
  '%00',
  '%ZZ',
  '..',
  '/',
  '//',
  '?',
  '#',
  '&',
  '=',
  ',',
  '|',
  '{{',
  '}}',
  '[[',
  ']]',
  '<script>',
  '\u0000',
  '\uFFFF',
  '😀',
  'é',
  'a'.repeat(300),
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  '"',
  "'",
  '\\',
  '\r\n',
];
const PATHS = [
  '/health',
  '/cities/',
  '/compare',
  '/distance',
  '/route',
  '/hubs',
  '/analyze',
  '/parse',
  '/openapi.json',
  '/',
  '/nope',
];
const KEYS = ['lang', 'sentences', 'cities', 'from', 'to', 'mode', 'k', 'x'];
const BODIES = [
  () => '{',
  () => '[]',
  () => 'null',
  () => '"text"',
  () => '{"text": 5}',
  () => '{"cities": "Toronto"}',
  () => '{"cities": [1, 2, 3]}',
  () => '{"cities": ["Toronto", "Montreal", "Ottawa"], "k": 99}',
  () => '{"cities": ["Toronto", "Toronto"], "start": "Toronto"}',
  () => '{"url": "javascript:alert(1)"}',
  () => '{"html": 5}',
  () => '{"html": "<<<>>>", "baseUrl": "::"}',
  () => '{"text": "\\u0000\\uffff", "lang": "zz", "keywords": 0}',
  () => JSON.stringify({ text: '. '.repeat(1000), sentences: 20 }),
  () => '{"__proto__": {"polluted": true}, "text": "x"}',
];

let fake: FakeWikipedia;
let handle: Handler;
beforeAll(async () => {
  fake = await startFakeWikipedia();
  handle = createHandler({
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent', WIKIPEDIA_TIMEOUT_MS: '2000' },
  });
});
afterAll(() => fake.close());

describe('bad input never crashes the API', () => {
  it('answers 600 random requests with a 2xx or a 4xx problem, never a 5xx', async () => {
    const r = random(20261127);
    for (let i = 0; i < 600; i++) {
      const path =
        r.pick(PATHS) + (r.next() < 0.5 ? encodeURIComponent(r.pick(NASTY)) : r.pick(NASTY).replace(/[#?]/g, ''));
      const query = Array.from(
        { length: Math.floor(r.next() * 4) },
        () => `${r.pick(KEYS)}=${encodeURIComponent(r.pick(NASTY))}`,
      ).join('&');
      const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
      const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
      let url: string;
      try {
        url = new URL(`http://localhost${path}${query ? `?${query}` : ''}`).href;
      } catch {
        continue;
      }
      const res = await handle(
        new Request(url, {
          method,
          headers: {
            'content-type': r.pick(['application/json', 'text/plain', 'application/json; charset=utf-8', '']) || 'x/y',
          },
          ...(withBody ? { body: r.pick(BODIES)() } : {}),
        }),
      );
      const text = await res.text();
      expect(res.status, `${method} ${url} -> ${text.slice(0, 200)}`).toBeLessThan(500);
      if (res.status >= 400 && method !== 'HEAD') {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(text).status).toBe(res.status);
      }
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  }, 30_000); // a correctness check, not a timing: 600 requests take ~1 s alone, several on a loaded CI machine

  it('reads mangled wikitext without throwing', () => {
    const r = random(7);
    const pieces = [
      '{{',
      '}}',
      '[[',
      ']]',
      '|',
      '=',
      '<!--',
      '-->',
      '<ref>',
      '</ref>',
      '{{coord|',
      '{{convert|',
      'population_total',
      '1,234',
      '−',
      'N',
      'W',
      '{{flag|',
      '\n',
      ' ',
    ];
    for (let i = 0; i < 2000; i++) {
      const text = `{{Infobox settlement|${Array.from({ length: 30 }, () => r.pick(pieces)).join('')}`;
      expect(() => extractFacts(text), text).not.toThrow();
    }
  });
});
