import { expect } from 'vitest';
import { type Case, JSON_BODY } from '../types.js';

const big = `{"text":"${'a'.repeat(1024 * 1024)}"}`;
const analyzeText =
  'Dublin is a lovely city with a great harbour. The harbour is busy all year. People love the pubs and the music. Traffic can be terrible. The city has a long history.';

/** POST /analyze and /parse, with the body limits. */
export const TEXT_CASES: Case[] = [
  // POST /analyze
  {
    name: 'analyze',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: analyzeText, sentences: 2 }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    check: (b) => {
      expect(b.stats).toEqual({
        characters: [...analyzeText].length,
        words: 32,
        sentences: 5,
        readingTimeMinutes: 0.1,
      });
      expect(b.summary).toHaveLength(2);
      for (const s of b.summary) expect(analyzeText).toContain(s);
      expect(b.sentiment.label).toBe('positive');
      expect(b.keywords.map((k: { term: string }) => k.term)).toContain('harbour');
    },
  },
  {
    name: 'analyze: base64-encoded body (API Gateway)',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: 'Pure joy.' }),
      base64: true,
    },
    only: ['aws'],
    inProcessOnly: true,
    status: 200,
    type: 'json',
    json: { stats: { words: 2, sentences: 1 }, sentiment: { label: 'positive' } },
  },
  {
    name: 'analyze: body over 1 MiB',
    request: { method: 'POST', path: '/analyze', headers: JSON_BODY, body: big },
    status: 413,
    type: 'problem',
    code: 'payload_too_large',
  },
  {
    name: 'analyze: text over 100,000 characters',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: 'word '.repeat(20_001) }),
    },
    status: 413,
    type: 'problem',
    code: 'payload_too_large',
  },
  {
    name: 'analyze: not JSON',
    request: { method: 'POST', path: '/analyze', headers: { 'content-type': 'text/plain' }, body: 'hello' },
    status: 415,
    type: 'problem',
    code: 'unsupported_media_type',
  },
  {
    name: 'analyze: invalid fields',
    request: {
      method: 'POST',
      path: '/analyze',
      headers: JSON_BODY,
      body: JSON.stringify({ text: ' ', keywords: 'many' }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors.map((e: { path: string }) => e.path).sort()).toEqual(['keywords', 'text']),
  },
  // POST /parse
  {
    name: 'parse: given html',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({
        html: '<html lang="en"><head><title>Harbour news</title><meta property="og:description" content="Boats"></head><body><nav>Menu</nav><h1>Harbour</h1><p>A lovely day at the <a href="/harbour">harbour</a>.</p><img src="boat.jpg" alt="Boat"></body></html>',
        baseUrl: 'https://example.org/news/',
      }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    json: {
      url: 'https://example.org/news/',
      title: 'Harbour news',
      description: 'Boats',
      lang: 'en',
      headings: [{ level: 1, text: 'Harbour' }],
      links: [{ href: 'https://example.org/harbour', text: 'harbour', internal: true }],
      images: [{ src: 'https://example.org/news/boat.jpg', alt: 'Boat' }],
      text: 'Harbour\nA lovely day at the harbour.',
      wordCount: 7,
      analysis: { sentiment: { label: 'positive' } },
    },
  },
  {
    name: 'parse: the cloud metadata address is blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://169.254.169.254/latest/meta-data/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  {
    name: 'parse: a decimal spelling of loopback is blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://2130706433/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  {
    name: 'parse: other ports are blocked',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'http://example.org:8080/' }),
    },
    status: 400,
    type: 'problem',
    code: 'blocked_url',
  },
  ...(
    [
      ['LOCALHOST. (upper case, trailing dot)', 'http://LOCALHOST./'],
      ['a name under .localhost', 'http://app.localhost/'],
      ['a name under .internal', 'http://metadata.google.internal/computeMetadata/v1/'],
      ['a name under .home.arpa', 'http://router.home.arpa/'],
      ['a one-label name', 'http://metadata/'],
      ['an address in ::/8', 'http://[1::]/'],
    ] as const
  ).map(([what, url]) => ({
    name: `parse: special-use names and reserved addresses are blocked before DNS: ${what}`,
    request: { method: 'POST' as const, path: '/parse', headers: JSON_BODY, body: JSON.stringify({ url }) },
    status: 400,
    type: 'problem' as const,
    code: 'blocked_url',
  })),
  {
    // the suite's servers look names up in a stand-in DNS that answers NXDOMAIN (@cityscope/testing)
    name: 'parse: a name that does not exist (NXDOMAIN) is host_not_found',
    request: {
      method: 'POST',
      path: '/parse',
      headers: JSON_BODY,
      body: JSON.stringify({ url: 'https://no-such-name.example.com/page' }),
    },
    status: 400,
    type: 'problem',
    code: 'host_not_found',
  },
  {
    name: 'parse: invalid JSON',
    request: { method: 'POST', path: '/parse', headers: JSON_BODY, body: '{"url": ' },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
];
