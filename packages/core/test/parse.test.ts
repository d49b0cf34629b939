import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { json } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';
import { blockedReason } from '../src/parse/ip.js';

describe('addresses that are never fetched', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private (carrier-grade NAT)'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'private (unique local)'],
    ['fd00:ec2::254', 'private (unique local)'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('%s is %s', (address, why) => {
    expect(blockedReason(address)).toBe(why);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(blockedReason(address)).toBeNull();
    },
  );
});

let server: Server;
let port = 0;
const hits: Array<{ url: string; host: string | undefined }> = [];
const PAGE = `<!doctype html><html lang="en-GB"><head><title> A  Test Page </title>
<meta name="description" content="The description">
<meta property="og:title" content="OG title"><meta property="og:image" content="/img/og.png">
<meta property="og:type" content="article"><meta property="og:site_name" content="Example">
<link rel="canonical" href="https://example.org/canonical"></head>
<body><nav><a href="/menu">Menu</a></nav><header>Site header</header>
<main><h1>Main heading</h1><p>A wonderful, happy paragraph about a lovely harbour.</p>
<h2>Second</h2><p>More text here with a <a href="https://other.example/x">link out</a> and <a href="/inside">one in</a>.</p>
<img src="/pic.jpg" alt="A picture"><img src="nolabel.png"><script>var secret = 1;</script></main>
<footer>Footer text</footer></body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', host: req.headers.host });
    const u = req.url ?? '/';
    if (u === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    if (u === '/gzip')
      return res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(PAGE));
    if (u === '/latin1') {
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
        .end(Buffer.from('<title>Caf\xe9</title>', 'latin1'));
    }
    if (u.startsWith('/hop')) {
      const n = Number(u.slice(4) || 0);
      return res.writeHead(302, { location: n >= 5 ? '/page' : `/hop${n + 1}` }).end();
    }
    if (u === '/to-metadata') return res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (u === '/pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF');
    if (u === '/huge')
      return res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.alloc(3 * 1024 * 1024, 'a'));
    if (u === '/bomb')
      return res
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(5 * 1024 * 1024, 'a')));
    if (u === '/slow')
      return setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>late</p>'), 1500);
    if (u === '/missing') return res.writeHead(404, { 'content-type': 'text/html' }).end('no');
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const DNS: Record<string, string[]> = {
  'pages.test': ['127.0.0.1'],
  'private.test': ['10.0.0.7'],
  'mixed.test': ['127.0.0.1', '192.168.0.10'],
};
const testing = () =>
  createHandler({
    env: { LOG_LEVEL: 'silent' },
    pageFetch: {
      allowLoopback: true,
      ports: [80, 443, port],
      timeoutMs: 1000,
      resolve: async (h) => (DNS[h] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    },
  });
const production = createHandler({ env: { LOG_LEVEL: 'silent' } });
const parse = (h: ReturnType<typeof createHandler>, body: unknown) =>
  h(
    new Request('http://localhost/parse', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

async function expectProblem(res: Response, status: number, code: string) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.code).toBe(code);
  return body;
}

describe('POST /parse with url', () => {
  it('extracts metadata, structure and readable text, connecting to the checked address', async () => {
    const res = await parse(testing(), { url: `http://pages.test:${port}/page` });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const p = await json(res);
    expect(p).toMatchObject({
      url: `http://pages.test:${port}/page`,
      title: 'OG title', // Readability's rule: og:title before <title>
      description: 'The description',
      lang: 'en-GB',
      canonical: 'https://example.org/canonical',
      openGraph: {
        title: 'OG title',
        description: null,
        image: `http://pages.test:${port}/img/og.png`,
        type: 'article',
        siteName: 'Example',
      },
      headings: [
        { level: 1, text: 'Main heading' },
        { level: 2, text: 'Second' },
      ],
      images: [
        { src: `http://pages.test:${port}/pic.jpg`, alt: 'A picture' },
        { src: `http://pages.test:${port}/nolabel.png`, alt: null },
      ],
    });
    expect(p.links).toEqual([
      { href: `http://pages.test:${port}/menu`, text: 'Menu', internal: true },
      { href: 'https://other.example/x', text: 'link out', internal: false },
      { href: `http://pages.test:${port}/inside`, text: 'one in', internal: true },
    ]);
    expect(p.text).toContain('A wonderful, happy paragraph');
    expect(p.text).not.toMatch(/Menu|Site header|Footer text|secret/);
    expect(p.wordCount).toBeGreaterThan(10);
    expect(p.analysis.sentiment.label).toBe('positive');
    expect(p.analysis.keywords.length).toBeGreaterThan(0);
    expect(hits.at(-1)?.host).toBe(`pages.test:${port}`);
  });

  it('decompresses gzip and honours the declared charset', async () => {
    expect((await json(await parse(testing(), { url: `http://127.0.0.1:${port}/gzip` }))).title).toBe('OG title');
    expect((await json(await parse(testing(), { url: `http://127.0.0.1:${port}/latin1` }))).title).toBe('Café');
  });

  it('follows at most 3 redirects', async () => {
    expect((await parse(testing(), { url: `http://127.0.0.1:${port}/hop3` })).status).toBe(200);
    const body = await expectProblem(
      await parse(testing(), { url: `http://127.0.0.1:${port}/hop1` }),
      502,
      'upstream_error',
    );
    expect(body.detail).toMatch(/redirected more than 3 times/);
  });

  it('checks every redirect like the first URL', async () => {
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/to-metadata` }), 400, 'blocked_url');
  });

  it('refuses hosts that resolve to private addresses, even among public ones', async () => {
    await expectProblem(await parse(testing(), { url: `http://private.test:${port}/page` }), 400, 'blocked_url');
    await expectProblem(await parse(testing(), { url: `http://mixed.test:${port}/page` }), 400, 'blocked_url');
  });

  it('refuses pages that are not HTML, too large, compressed past the cap, slow or failing', async () => {
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/pdf` }), 502, 'upstream_error');
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/huge` }), 502, 'upstream_error');
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/bomb` }), 502, 'upstream_error');
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/slow` }), 504, 'upstream_timeout');
    await expectProblem(await parse(testing(), { url: `http://127.0.0.1:${port}/missing` }), 502, 'upstream_error');
    // a name the (stand-in) DNS has no address for is the caller's mistake
    await expectProblem(await parse(testing(), { url: 'http://unknown.test/' }), 400, 'host_not_found');
  });

  it.each([
    'http://127.0.0.1/',
    'http://localhost/',
    'http://2130706433/',
    'http://017700000001/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://10.0.0.1/',
    'http://0/',
    'https://example.org:8443/',
    'ftp://example.org/',
    'file:///etc/passwd',
    'gopher://example.org/',
  ])('production refuses %s', async (url) => {
    await expectProblem(await parse(production, { url }), 400, 'blocked_url');
  });
});

describe('POST /parse with html', () => {
  it('parses the given document against baseUrl', async () => {
    const p = await json(await parse(production, { html: PAGE, baseUrl: 'https://example.org/dir/' }));
    expect(p.url).toBe('https://example.org/dir/');
    expect(p.images[0].src).toBe('https://example.org/pic.jpg');
    const bare = await json(await parse(production, { html: '<p>No base <a href="/x">x</a></p>' }));
    expect(bare).toMatchObject({ url: null, title: null, description: null, lang: null, links: [], text: 'No base x' });
  });

  it('needs exactly one of url and html', async () => {
    await expectProblem(await parse(production, {}), 400, 'invalid_request');
    await expectProblem(await parse(production, { url: 'https://example.org', html: '<p>' }), 400, 'invalid_request');
    await expectProblem(await parse(production, { url: 'not a url' }), 400, 'invalid_request');
  });
});

const corpus = fileURLToPath(new URL('../../../../shared/corpus/pages/', import.meta.url));
describe.skipIf(!existsSync(corpus))('real pages (../shared/corpus/pages)', () => {
  for (const name of ['medium-1', 'nytimes-1', 'wikipedia']) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(`${corpus}${name}/expected-metadata.json`, 'utf8'));
      const html = readFileSync(`${corpus}${name}/source.html`, 'utf8');
      const p = await json(await parse(production, { html, baseUrl: 'https://example.org/' }));
      // Readability cleans the title (drops the site name); ours is the page's own <title>
      expect(p.title).toContain(expected.title);
      if (expected.lang) expect(p.lang).toBe(expected.lang);
      // Readability's excerpt is the meta description when there is one, else the first paragraph
      if (p.description) expect(p.description).toBe(expected.excerpt);
      else expect(p.text).toContain(expected.excerpt.replace(/\[\d+\]/g, '').slice(0, 60));
      expect(p.wordCount).toBeGreaterThan(300);
    });
  }
});
