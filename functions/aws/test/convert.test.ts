import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fromResponse, toRequest } from '../src/convert.js';

const event = (over: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: 'ANY /{proxy+}',
  rawPath: '/compare',
  rawQueryString: 'cities=Toronto&cities=Washington%2C%20D.C.&lang=en',
  headers: { host: 'api.example.com', 'content-type': 'application/json' },
  requestContext: {
    accountId: '1',
    apiId: 'a',
    domainName: 'api.example.com',
    domainPrefix: 'api',
    http: { method: 'GET', path: '/compare', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'test' },
    requestId: 'r',
    routeKey: 'ANY /{proxy+}',
    stage: '$default',
    time: '27/Nov/2026:10:00:00 +0000',
    timeEpoch: 0,
  },
  isBase64Encoded: false,
  ...over,
});

describe('incoming: API Gateway v2 event to Request', () => {
  it('keeps repeated query parameters from rawQueryString', () => {
    const req = toRequest(event({ queryStringParameters: { cities: 'Toronto,Washington, D.C.', lang: 'en' } }));
    const url = new URL(req.url);
    expect(url.searchParams.getAll('cities')).toEqual(['Toronto', 'Washington, D.C.']);
    expect(url.host).toBe('api.example.com');
    expect(req.method).toBe('GET');
  });

  it('joins cookies into one Cookie header', () => {
    const req = toRequest(event({ cookies: ['a=1', 'b=2'] }));
    expect(req.headers.get('cookie')).toBe('a=1; b=2');
  });

  it('decodes a base64 body', async () => {
    const body = JSON.stringify({ text: 'São Paulo ✓' });
    const req = toRequest(
      event({
        rawPath: '/analyze',
        rawQueryString: '',
        requestContext: { ...event({}).requestContext, http: { ...event({}).requestContext.http, method: 'POST' } },
        body: Buffer.from(body).toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(await req.text()).toBe(body);
  });

  it('keeps a Unicode path encoded as sent', () => {
    expect(new URL(toRequest(event({ rawPath: '/cities/S%C3%A3o%20Paulo', rawQueryString: '' })).url).pathname).toBe(
      '/cities/S%C3%A3o%20Paulo',
    );
  });
});

describe('outgoing: Response to the structured result', () => {
  it('sends JSON as text and Set-Cookie as cookies', async () => {
    const headers = new Headers({ 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': 'r1' });
    headers.append('set-cookie', 'a=1; Path=/');
    headers.append('set-cookie', 'b=2; Path=/');
    const out = await fromResponse(new Response('{"ok":true}', { status: 404, headers }));
    expect(out).toEqual({
      statusCode: 404,
      headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': 'r1' },
      cookies: ['a=1; Path=/', 'b=2; Path=/'],
      body: '{"ok":true}',
      isBase64Encoded: false,
    });
  });

  it('sends binary bodies base64-encoded', async () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const out = await fromResponse(new Response(bytes, { headers: { 'content-type': 'image/png' } }));
    expect(out.isBase64Encoded).toBe(true);
    expect(Buffer.from(out.body as string, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('sends a compressed body base64-encoded whatever its media type', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync('{"a":1}');
    const out = await fromResponse(
      new Response(gz, { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }),
    );
    expect(out.isBase64Encoded).toBe(true);
    expect(Buffer.from(out.body as string, 'base64')).toEqual(gz);
    const plain = await fromResponse(
      new Response('{"a":1}', { headers: { 'content-type': 'application/json', 'content-encoding': 'identity' } }),
    );
    expect(plain).toMatchObject({ isBase64Encoded: false, body: '{"a":1}' });
  });

  it('sends an empty body for 204', async () => {
    const out = await fromResponse(new Response(null, { status: 204 }));
    expect(out).toMatchObject({ statusCode: 204, body: '' });
  });
});

describe('incoming: events no client should be able to break', () => {
  it('survives a bad Host, headers a Web Request refuses, and a missing requestContext.http', async () => {
    const bad = event({ headers: { host: 'a b', 'x-ok': 'yes', 'x-bad': 'a\u0000b', 'x-snow': '\u2603' } });
    const req = toRequest(bad);
    expect(new URL(req.url).host).toBe('localhost');
    expect(req.headers.get('x-ok')).toBe('yes');
    expect(req.headers.get('x-bad')).toBeNull();
    const noHttp = { ...event({}), requestContext: {} } as unknown as APIGatewayProxyEventV2;
    expect(toRequest(noHttp).method).toBe('GET');
  });

  it('keeps one Cookie header when payload 2.0 also sent cookies', () => {
    const req = toRequest(event({ headers: { host: 'api.example.com', cookie: 'stale=1' }, cookies: ['a=1'] }));
    expect(req.headers.get('cookie')).toBe('a=1');
  });
});
