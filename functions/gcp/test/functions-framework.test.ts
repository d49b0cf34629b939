import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let base = '';
beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  await import('../src/index.js');
  server = getTestServer('cityscope');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('GCP adapter on the Functions Framework', () => {
  it('is registered as cityscope and answers every route', async () => {
    const res = await fetch(`${base}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', platform: 'gcp' });
  });

  it('reads the body the Framework already parsed from rawBody', async () => {
    const res = await fetch(`${base}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A lovely day.' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { stats: { words: number } }).stats.words).toBe(3);
  });

  it('answers malformed JSON with the API problem, not the Framework HTML', async () => {
    const res = await fetch(`${base}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'invalid_request', errors: [{ path: 'body' }] });
  });

  it('passes other media types through to the API (415)', async () => {
    const res = await fetch(`${base}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(res.status).toBe(415);
  });
});
