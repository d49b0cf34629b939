import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, createGzip, deflateSync, gzipSync } from 'node:zlib';
import { json } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';

// A loopback server that misbehaves in every way the fetch must survive, for every encoding.
const PAGE = `<html lang="en"><head><title>Slow page title here</title></head><body><p>${'Some words of text. '.repeat(300)}</p></body></html>`;
const ENCODINGS = ['identity', 'gzip', 'deflate', 'br'] as const;
type Encoding = (typeof ENCODINGS)[number];
const encode = (enc: Encoding, data: Buffer | string): Buffer =>
  enc === 'gzip'
    ? gzipSync(data)
    : enc === 'deflate'
      ? deflateSync(data)
      : enc === 'br'
        ? brotliCompressSync(data)
        : Buffer.from(data);
const headers = (enc: Encoding) => ({
  'content-type': 'text/html; charset=utf-8',
  ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
});

// compressed once: brotli takes a while over 8 MiB
const BODIES = new Map(ENCODINGS.map((enc) => [enc, encode(enc, PAGE)]));
const BOMBS = new Map(ENCODINGS.map((enc) => [enc, encode(enc, Buffer.alloc(8 * 1024 * 1024, 'a'))]));

let server: Server;
let port = 0;
const sockets = new Set<Socket>();
const closedAt = new Map<string, number>();
const timers = new Set<NodeJS.Timeout>();

function handle(req: IncomingMessage, res: ServerResponse) {
  const [, kind = '', enc = 'identity'] = (req.url ?? '').split('/') as [string, string, Encoding];
  req.socket.on('close', () => closedAt.set(req.url ?? '', performance.now()));
  const body = BODIES.get(enc) ?? Buffer.alloc(0);
  const half = body.subarray(0, Math.floor(body.length / 2));
  switch (kind) {
    case 'ok':
      return res.writeHead(200, headers(enc)).end(body);
    case 'stall-headers':
      return; // never answers
    case 'stall':
      res.writeHead(200, headers(enc));
      res.write(half);
      return; // never ends
    case 'cut':
      res.writeHead(200, { ...headers(enc), 'content-length': String(body.length) });
      res.write(half, () => res.destroy());
      return;
    case 'cut-close':
      // no framing: the connection's end is the body's end, and the compressed stream is incomplete
      res.socket?.write(
        `HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n${enc === 'identity' ? '' : `content-encoding: ${enc}\r\n`}connection: close\r\n\r\n`,
      );
      res.socket?.end(half);
      return;
    case 'reset':
      res.writeHead(200, headers(enc));
      res.write(half, () => res.socket?.resetAndDestroy());
      return;
    case 'corrupt':
      return res.writeHead(200, headers(enc)).end(Buffer.from('this is not compressed data at all'.repeat(10)));
    case 'bomb':
      return res.writeHead(200, headers(enc)).end(BOMBS.get(enc));
    case 'trickle': {
      res.writeHead(200, headers(enc));
      if (enc === 'identity') {
        const t = setInterval(() => res.write('<p>a</p>'), 20);
        timers.add(t);
        res.on('close', () => clearInterval(t));
        return;
      }
      // a compressed stream that never ends, flushed a little at a time
      const z = enc === 'gzip' ? createGzip() : null;
      const chunks = z ? null : encode(enc, PAGE.repeat(20));
      let i = 0;
      const t = setInterval(() => {
        if (z) {
          z.write('<p>a</p>');
          z.flush();
        } else if (chunks && i < chunks.length) {
          res.write(chunks.subarray(i, i + 8));
          i += 8;
        }
      }, 20);
      timers.add(t);
      z?.on('data', (d: Buffer) => res.write(d));
      res.on('close', () => {
        clearInterval(t);
        z?.destroy();
      });
      return;
    }
    default:
      res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  // load the route, the parser and the NLP once, so the timings below are the fetch's
  await post(handler(), `http://127.0.0.1:${port}/ok/identity`);
}, 30_000);
afterAll(async () => {
  for (const t of timers) clearInterval(t);
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const TIMEOUT_MS = 1000;
const handler = () =>
  createHandler({
    env: { LOG_LEVEL: 'silent' },
    pageFetch: { allowLoopback: true, ports: [80, 443, port], timeoutMs: TIMEOUT_MS, maxBytes: 2 * 1024 * 1024 },
  });
const post = (h: ReturnType<typeof createHandler>, url: string, signal?: AbortSignal) =>
  h(
    new Request('http://localhost/parse', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
      ...(signal ? { signal } : {}),
    }),
  );

async function timed(url: string) {
  const start = performance.now();
  const res = await post(handler(), url);
  const body = await json(res);
  return { status: res.status, code: body.code as string | undefined, ms: performance.now() - start, body };
}

describe.each(ENCODINGS)('a page sent with content-encoding %s', (enc) => {
  const url = (kind: string) => `http://127.0.0.1:${port}/${kind}/${enc}`;

  it('is read when the server behaves', async () => {
    const r = await timed(url('ok'));
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(200);
    expect(r.body.title).toBe('Slow page title here');
  });

  it.each(['stall-headers', 'stall', 'trickle'])('%s: 504 by the deadline', async (kind) => {
    const r = await timed(url(kind));
    expect(r.status).toBe(504);
    expect(r.code).toBe('upstream_timeout');
    expect(r.ms).toBeLessThan(TIMEOUT_MS + 2000);
    // the connection to the page is closed too, not left to the server
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedAt.has(`/${kind}/${enc}`)).toBe(true);
  });

  it.each(['cut', 'cut-close', 'reset', 'corrupt'])('%s: 502 at once', async (kind) => {
    if (enc === 'identity' && (kind === 'corrupt' || kind === 'cut-close')) return; // plain bytes cannot be corrupt or incomplete
    const r = await timed(url(kind));
    expect(r.status, JSON.stringify(r.body)).toBe(502);
    expect(r.code).toBe('upstream_error');
    expect(r.ms).toBeLessThan(TIMEOUT_MS);
  });

  it('bomb: over 2 MiB after decompression is refused', async () => {
    const r = await timed(url('bomb'));
    expect(r.status).toBe(502);
    expect(String(r.body.detail)).toMatch(/over 2097152 bytes/);
  });
});

describe('a caller that goes away', () => {
  it('cancels the fetch: the connection to the page closes at once', async () => {
    const controller = new AbortController();
    const path = '/stall/gzip';
    closedAt.delete(path);
    const pending = post(handler(), `http://127.0.0.1:${port}${path}`, controller.signal).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const abortedAt = performance.now();
    controller.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closedAt.get(path)).toBeDefined();
    expect((closedAt.get(path) as number) - abortedAt).toBeLessThan(TIMEOUT_MS / 2);
  });
});

describe('cold start', () => {
  it('parse modules load no network or compression built-ins until a URL is fetched', async () => {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    for (const file of ['parse.ts', 'html.ts', 'dom.ts', 'readable.ts', 'metadata.ts', 'fetch-page.ts']) {
      const source = await readFile(fileURLToPath(new URL(`../src/parse/${file}`, import.meta.url)), 'utf8');
      expect(source, file).not.toMatch(
        /^import (?!type)[^;]*from 'node:(http|https|zlib|dns|dns\/promises|net|stream)/m,
      );
    }
  });
});
