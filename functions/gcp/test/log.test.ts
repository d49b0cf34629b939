import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cloudLoggingSink, discoverProjectId, setProjectId, traceOf } from '../src/log.js';

/**
 * Cloud Logging's fields, and the project id from the metadata server. Importing
 * the adapter here, before the Framework's test server, also checks that body-parser
 * is not loaded at import and is still patched when the Framework loads it.
 */
describe('trace headers', () => {
  it('reads W3C traceparent', () => {
    expect(traceOf({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
  });

  it("reads X-Cloud-Trace-Context, its decimal span as Cloud Logging's 16 hex digits", () => {
    expect(traceOf({ 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=0' })).toEqual({
      traceId: '105445aa7843bc8bf206b12000100000',
      spanId: '0000000000000001',
      sampled: false,
    });
    expect(traceOf({ 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000' })).toEqual({
      traceId: '105445aa7843bc8bf206b12000100000',
    });
  });

  it('ignores malformed or absent headers', () => {
    expect(traceOf({ traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' })).toBeUndefined();
    expect(traceOf({ traceparent: 'nonsense', 'x-cloud-trace-context': 'xyz' })).toBeUndefined();
    expect(traceOf({})).toBeUndefined();
  });
});

describe('Cloud Logging lines', () => {
  const line = (trace: ReturnType<typeof traceOf>, sev: 'info' | 'warn' | 'error' | 'debug') => {
    const out: string[] = [];
    cloudLoggingSink(trace, (l) => out.push(l))(sev, 'request', { requestId: 'r1', status: 200 });
    return JSON.parse(out[0] as string) as Record<string, unknown>;
  };
  const trace = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', sampled: true };

  it('writes severity and message, and the trace under the project', () => {
    setProjectId('my-project');
    expect(line(trace, 'warn')).toMatchObject({
      severity: 'WARNING',
      message: 'request',
      'logging.googleapis.com/trace': 'projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': true,
      requestId: 'r1',
    });
    expect(line(undefined, 'error').severity).toBe('ERROR');
    expect(line(undefined, 'info').severity).toBe('INFO');
    expect(line(undefined, 'debug').severity).toBe('DEBUG');
  });

  it('writes the raw trace id as traceId while the project is unknown', () => {
    setProjectId(undefined);
    const l = line(trace, 'info');
    expect(l.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(l['logging.googleapis.com/trace']).toBeUndefined();
  });
});

describe('the project id from the metadata server', () => {
  let metadata: Server;
  let host = '';
  const asked: Array<Record<string, string | string[] | undefined>> = [];
  beforeAll(async () => {
    metadata = createServer((req, res) => {
      asked.push(req.headers);
      if (req.url === '/computeMetadata/v1/project/project-id' && req.headers['metadata-flavor'] === 'Google') {
        res.end('meta-project');
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => metadata.listen(0, '127.0.0.1', r));
    host = `127.0.0.1:${(metadata.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => metadata.close(() => r())));

  it('asks once, with Metadata-Flavor, only on Google Cloud', async () => {
    setProjectId(undefined);
    expect(await discoverProjectId({})).toBeUndefined();
    expect(asked).toHaveLength(0);
    expect(await discoverProjectId({ GCE_METADATA_HOST: host })).toBe('meta-project');
    expect(await discoverProjectId({ GCE_METADATA_HOST: host })).toBe('meta-project');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.['user-agent']).toMatch(/cityscope/);
  });

  it('gives up quietly when there is no metadata server', async () => {
    setProjectId(undefined);
    expect(await discoverProjectId({ GCE_METADATA_HOST: '127.0.0.1:1' })).toBeUndefined();
  });
});

describe('through the Functions Framework', () => {
  let server: Server;
  let base = '';
  let bodyParserAtImport = true;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    await import('../src/index.js');
    const { createRequire } = await import('node:module');
    const fromFramework = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
    bodyParserAtImport = Boolean(fromFramework.cache[fromFramework.resolve('body-parser')]);
    const { getTestServer } = await import('@google-cloud/functions-framework/testing');
    server = getTestServer('cityscope');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('does not load body-parser at import, and still answers malformed JSON with problem+json', async () => {
    expect(bodyParserAtImport).toBe(false);
    const res = await fetch(`${base}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it("writes each request's line with severity and its trace", async () => {
    setProjectId('proj-1');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      lines.push(String(c));
      return true;
    });
    try {
      await (
        await fetch(`${base}/health`, {
          headers: { 'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/7;o=1', 'x-request-id': 'gcp-1' },
        })
      ).text();
    } finally {
      spy.mockRestore();
    }
    const entry = lines
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((l) => l.requestId === 'gcp-1');
    expect(entry).toMatchObject({
      severity: 'INFO',
      message: 'request',
      status: 200,
      'logging.googleapis.com/trace': 'projects/proj-1/traces/105445aa7843bc8bf206b12000100000',
      'logging.googleapis.com/trace_sampled': true,
    });
    // the access line names the request's own span (a child of the caller's span 7), as core exports it
    expect(entry['logging.googleapis.com/spanId']).toMatch(/^[\da-f]{16}$/);
    expect(entry['logging.googleapis.com/spanId']).toBe(entry.spanId);
    expect(entry['logging.googleapis.com/spanId']).not.toBe('0000000000000007');
  });
});
