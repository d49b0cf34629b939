import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebResponse, toWebRequest } from '../src/platform/node.js';
import { plainParts, plainResponse } from '../src/platform/plain-response.js';

/**
 * The lazy Request over an IncomingMessage and the plain Response: each must behave
 * as the Web object it stands for, whatever a caller touches first.
 */
let server: Server;
let base = '';
let onRequest: (req: IncomingMessage, res: ServerResponse) => void = () => {};
beforeAll(async () => {
  server = createServer((req, res) => onRequest(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Sends one request; `inspect` sees the lazy Request, and its answer is written back. */
async function through(
  init: RequestInit & { path?: string },
  inspect: (request: Request) => Promise<Response>,
): Promise<globalThis.Response> {
  onRequest = (req, res) => {
    inspect(toWebRequest(req))
      .then((r) => sendWebResponse(res, r))
      .catch((e) => {
        res.writeHead(599).end(String(e));
      });
  };
  return fetch(`${base}${init.path ?? '/'}`, init);
}

describe('toWebRequest', () => {
  it('reads like a Request, its headers like Web Headers', async () => {
    const res = await through({ path: '//a/b?x=1', headers: { 'X-Request-Id': 'abc', 'x-two': 'b' } }, async (r) => {
      expect(Object.prototype.toString.call(r)).toBe('[object Request]');
      expect(Object.prototype.toString.call(r.headers)).toBe('[object Headers]');
      expect(r.method).toBe('GET');
      expect(new URL(r.url).pathname).toBe('//a/b');
      expect(r.headers.get('x-request-id')).toBe('abc');
      expect(r.headers.get('X-REQUEST-ID')).toBe('abc');
      expect(r.headers.has('x-two')).toBe(true);
      expect(r.headers.get('nope')).toBeNull();
      const names: string[] = [];
      r.headers.forEach((_v, k) => {
        names.push(k);
      });
      expect(names).toContain('x-two');
      expect(new Headers(r.headers).get('x-two')).toBe('b');
      expect(r.body).toBeNull();
      return plainResponse('ok', 200, { 'content-type': 'text/plain' });
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('content-length')).toBe('2');
  });

  it('reads a body as a stream or through the Web methods', async () => {
    const res = await through(
      { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } },
      async (r) => {
        expect(await r.json()).toEqual({ a: 1 });
        expect(r.bodyUsed).toBe(true);
        return plainResponse(null, 204, {});
      },
    );
    expect(res.status).toBe(204);
    const streamed = await through({ method: 'PUT', body: 'xyz' }, async (r) => {
      const chunks: Uint8Array[] = [];
      for await (const c of r.body as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
      return plainResponse(Buffer.concat(chunks).toString(), 200, {});
    });
    expect(await streamed.text()).toBe('xyz');
  });

  it('keeps the method as sent (TRACE, which a Web Request refuses, is tested over a raw socket in cli)', async () => {
    const res = await through({ method: 'PATCH' }, async (r) => plainResponse(r.method, 200, {}));
    expect(await res.text()).toBe('PATCH');
  });
});

describe('plainResponse', () => {
  it('reads like a Response, plain until touched', async () => {
    const r = plainResponse('{"x":1}', 201, { 'content-type': 'application/json', 'x-a': '1' });
    expect(Object.prototype.toString.call(r)).toBe('[object Response]');
    expect(r.status).toBe(201);
    expect(r.ok).toBe(true);
    expect(plainParts(r)).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-a': '1' },
      body: '{"x":1}',
    });
    expect(r.headers.get('x-a')).toBe('1');
    expect(plainParts(r)).toBeUndefined();
    expect(await r.json()).toEqual({ x: 1 });
    expect(plainResponse(null, 404, {}).ok).toBe(false);
  });

  it('sendWebResponse streams a Response that is not plain', async () => {
    const res = await through({}, async () => new Response('streamed', { status: 202, headers: { 'x-b': '2' } }));
    expect(res.status).toBe(202);
    expect(res.headers.get('x-b')).toBe('2');
    expect(await res.text()).toBe('streamed');
  });
});

describe('a cold process', () => {
  it("answers GET /health through the Lambda adapter without loading Node's fetch implementation", async () => {
    const { execFileSync } = await import('node:child_process');
    const code = `
      const { handler } = await import(${JSON.stringify(new URL('../../../functions/aws/src/index.ts', import.meta.url).href)});
      const r = await handler({ version: '2.0', rawPath: '/health', rawQueryString: '', headers: { host: 'x' },
        requestContext: { http: { method: 'GET', path: '/health' }, domainName: 'x' }, isBase64Encoded: false });
      process.stdout.write(JSON.stringify({ status: r.statusCode,
        undici: process.moduleLoadList.some((m) => m.includes('undici')) }));`;
    const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
    const out = execFileSync(tsx, ['--input-type=module', '-e', code], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    expect(JSON.parse(String(out).trim().split('\n').pop() as string)).toEqual({ status: 200, undici: false });
  });
});
