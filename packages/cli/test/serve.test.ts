import { connect } from 'node:net';
import { createHandler, createLogger } from '@cityscope/core';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../src/serve.js';

/**
 * `cityscope serve` over real sockets on loopback: the fast path's bytes, and what
 * happens to requests that never become a Request (refused by Node's parser, cut off
 * by the client). Each exchange is written and read raw, as a client would.
 */
let fake: FakeWikipedia;
let server: RunningServer;
let port = 0;
const lines: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  fake = await startFakeWikipedia();
  const env = { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'debug' };
  const logger = createLogger('debug', (line) => lines.push(JSON.parse(line)));
  server = await serve({
    port: 0,
    host: '127.0.0.1',
    env,
    logger,
    handler: createHandler({ platform: 'node', env, logger }),
    timeouts: { requestMs: 1500, headersMs: 800, checkEveryMs: 100 },
    graceMs: 100,
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `text`, reads until the server closes the connection (or `ms` pass), parses one answer. */
function exchange(text: string | Buffer, ms = 5000, to = port): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(to, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString('utf8');
      const at = all.indexOf('\r\n\r\n');
      if (at < 0) return reject(new Error(`no answer: ${JSON.stringify(all)}`));
      const [statusLine = '', ...headerLines] = all.slice(0, at).split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of headerLines) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.slice(at + 4) });
    });
  });
}

const waitFor = async (pred: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return pred();
};

describe('the fast path', () => {
  it('answers GET /health in one piece with its Content-Length and the request id', async () => {
    const r = await exchange('GET /health HTTP/1.1\r\nHost: a\r\nX-Request-Id: fast-1\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(200);
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
    expect(r.headers['transfer-encoding']).toBeUndefined();
    expect(r.headers['x-request-id']).toBe('fast-1');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.body)).toMatchObject({ status: 'ok', platform: 'node' });
    expect(await waitFor(() => lines.some((l) => l.msg === 'request' && l.requestId === 'fast-1'))).toBe(true);
  });

  it('answers HEAD without a body and keeps the doubled slash in the path', async () => {
    const head = await exchange('HEAD /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const doubled = await exchange('GET //health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(doubled.status).toBe(404);
    expect(JSON.parse(doubled.body).instance).toBe('//health');
  });

  it('answers a body over the limit with 413 and closes the connection', async () => {
    const r = await exchange(
      'POST /analyze HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"text":',
    );
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('requests that never become a Request', () => {
  it('TRACE gets a 405 problem with Allow, not a destroyed socket', async () => {
    const r = await exchange('TRACE /health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
    expect(JSON.parse(r.body)).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });

  it('a request line Node cannot parse gets a 400 problem', async () => {
    const r = await exchange('GARBAGE\r\n\r\n');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(r.headers.connection).toBe('close');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      status: 400,
      code: 'invalid_request',
      type: expect.stringMatching(/invalid-request$/),
    });
    expect(body.requestId).toBe(r.headers['x-request-id']);
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
  });

  it('headers over Node’s limit get a 431 problem', async () => {
    const r = await exchange(`GET /health HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(r.status).toBe(431);
    expect(JSON.parse(r.body)).toMatchObject({ status: 431, code: 'request_header_fields_too_large' });
  });

  it('headers that never finish get a 408 problem', async () => {
    const r = await exchange('GET /health HTTP/1.1\r\nHost: a\r\n');
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body)).toMatchObject({ status: 408, code: 'request_timeout' });
  });

  it('a client that disconnects mid-upload is logged as aborted, not as a 500', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      'POST /analyze HTTP/1.1\r\nHost: a\r\nX-Request-Id: gone-1\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"text": "half',
    );
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    expect(await waitFor(() => lines.some((l) => l.msg === 'request' && l.requestId === 'gone-1'))).toBe(true);
    const mine = lines.filter((l) => l.requestId === 'gone-1');
    expect(mine.find((l) => l.msg === 'request aborted')).toBeTruthy();
    expect(mine.find((l) => l.msg === 'request')).toMatchObject({ status: 499 });
    expect(mine.some((l) => l.level === 'error')).toBe(false);
  });
});

describe('what Node answers on its own is a problem with a request id', () => {
  const expectProblem = (r: Raw, status: number, code: string) => {
    expect(r.status).toBe(status);
    expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ status, code });
    expect(body.requestId).toBe(r.headers['x-request-id']);
    expect(body.requestId).toBeTruthy();
  };

  it('an HTTP/1.1 request without Host: 400', async () => {
    expectProblem(await exchange('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'invalid_request');
    // HTTP/1.0 needs no Host
    expect((await exchange('GET /health HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it('an Expect other than 100-continue: 417', async () => {
    expectProblem(
      await exchange('POST /analyze HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}'),
      417,
      'expectation_failed',
    );
  });

  it('CONNECT: 405, not a socket closed without a byte', async () => {
    const r = await exchange('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
    expectProblem(r, 405, 'method_not_allowed');
    expect(r.headers.allow).toBeTruthy();
  });
});

describe('timeouts hold near their settings with the default check interval', () => {
  it('headers one byte a second get 408 within a second of headersMs; a trickled body within a second of requestMs', async () => {
    const env = { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent' };
    const slow = await serve({
      port: 0,
      host: '127.0.0.1',
      env,
      timeouts: { headersMs: 2_000, requestMs: 3_000 },
      graceMs: 100,
    });
    const to = Number(new URL(slow.url).port);
    /** Writes `head`, then one byte of `drip` a second; resolves with the status and how long it took. */
    const trickle = (head: string, drip: string) =>
      new Promise<{ status: number; ms: number }>((resolve, reject) => {
        const t0 = performance.now();
        const socket = connect(to, '127.0.0.1', () => socket.write(head));
        let i = 0;
        const timer = setInterval(() => socket.writable && socket.write(drip[i++ % drip.length] as string), 1000);
        let got = '';
        socket.on('data', (c) => {
          got += c.toString();
        });
        socket.on('error', reject);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ status: Number(got.split(' ')[1]), ms: performance.now() - t0 });
        });
      });
    try {
      const [headers, body] = await Promise.all([
        trickle('GET /health HTTP/1.1\r\nHost: a\r\n', 'X-Slow: abcdefghij\r\n'),
        trickle(
          'POST /analyze HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
          ' ',
        ),
      ]);
      expect(headers.status).toBe(408);
      expect(headers.ms).toBeGreaterThanOrEqual(1_900);
      expect(headers.ms).toBeLessThan(3_500);
      expect(body.status).toBe(408);
      expect(body.ms).toBeGreaterThanOrEqual(2_900);
      expect(body.ms).toBeLessThan(4_500);
    } finally {
      await slow.close();
    }
  }, 20_000);
});
