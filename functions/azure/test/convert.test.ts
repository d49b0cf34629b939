import azure from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { fromResponse, toRequest } from '../src/convert.js';
import { handler, registration } from '../src/index.js';

describe('Azure adapter', () => {
  it('registers one catch-all, anonymous function for every method the API answers', () => {
    expect(registration).toMatchObject({ route: '{*path}', authLevel: 'anonymous' });
    expect(registration.methods).toEqual(expect.arrayContaining(['GET', 'POST', 'HEAD', 'OPTIONS', 'DELETE']));
  });

  it('converts an HttpRequest with its body and headers', async () => {
    const req = new azure.HttpRequest({
      method: 'POST',
      url: 'http://localhost:7071/analyze?lang=en',
      headers: { 'content-type': 'application/json', 'x-request-id': 'az-1' },
      body: { string: '{"text":"Zürich"}' },
    });
    const web = await toRequest(req);
    expect(web.method).toBe('POST');
    expect(new URL(web.url).pathname).toBe('/analyze');
    expect(web.headers.get('x-request-id')).toBe('az-1');
    expect(await web.text()).toBe('{"text":"Zürich"}');
  });

  it('converts a Response to an HttpResponseInit', async () => {
    const init = await fromResponse(
      new Response('{"a":1}', { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const res = new azure.HttpResponse(init);
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"a":1}');
  });

  it('keeps every Set-Cookie, as structured cookies the worker sends one by one', async () => {
    const headers = new Headers({ 'content-type': 'text/plain' });
    headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
    headers.append('set-cookie', 'b=x=y; Domain=example.org; Max-Age=60; Secure; SameSite=Lax');
    const init = await fromResponse(new Response('ok', { headers }));
    expect(init.cookies).toEqual([
      { name: 'a', value: '1', path: '/', httpOnly: true },
      { name: 'b', value: 'x=y', domain: 'example.org', maxAge: 60, secure: true, sameSite: 'Lax' },
    ]);
    const res = new azure.HttpResponse(init);
    expect(res.cookies).toHaveLength(2);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('serves the API through the exported handler', async () => {
    const res = new azure.HttpResponse(
      await handler(
        new azure.HttpRequest({ method: 'GET', url: 'http://localhost:7071/health' }),
        new azure.InvocationContext({}),
      ),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toMatchObject({ status: 'ok', platform: 'azure' });
  });
});
