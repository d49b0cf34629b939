import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { powertoolsSink, xrayTraceId } from '../src/log.js';

/** Log lines as Powertools for AWS Lambda writes them, read back from stdout. */
let fake: FakeWikipedia;
let handler: (e: APIGatewayProxyEventV2, c?: Context) => Promise<{ statusCode?: number; headers?: unknown }>;

beforeAll(async () => {
  fake = await startFakeWikipedia();
  process.env.WIKIPEDIA_BASE_URL = fake.baseUrl;
  process.env.LOG_LEVEL = 'info';
  process.env.WIKIPEDIA_TIMEOUT_MS = '1000';
  ({ handler } = await import('../src/index.js'));
});
afterAll(() => fake.close());

const event = (path: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.execute-api.eu-west-1.amazonaws.com', ...headers },
    requestContext: { http: { method: 'GET', path }, domainName: 'abc.execute-api.eu-west-1.amazonaws.com' },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

const context = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'cityscope',
    memoryLimitInMB: '1024',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cityscope',
  }) as Context;

/** Runs `f` and returns the JSON lines it wrote to stdout. */
async function captured(f: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await f();
    await new Promise((r) => setImmediate(r));
  } finally {
    spy.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

describe('AWS log lines (Powertools Logger conventions)', () => {
  it('reads the X-Ray trace id from the environment, else the header', () => {
    const h = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    expect(xrayTraceId(h, {})).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(xrayTraceId(undefined, { _X_AMZN_TRACE_ID: 'Root=1-aaa-bbb;Sampled=0' })).toBe('1-aaa-bbb');
    expect(xrayTraceId(undefined, {})).toBeUndefined();
  });

  it('writes Powertools field names, with the cold start flag only on the first invocation', async () => {
    const trace = 'Root=1-67891233-abcdef012345678912345678;Sampled=1';
    const first = await captured(() => handler(event('/health', { 'x-amzn-trace-id': trace }), context('req-aaa-1')));
    const second = await captured(() => handler(event('/health'), context('req-aaa-2')));
    const a = first.find((l) => l.message === 'request');
    expect(a).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'cityscope',
      cold_start: true,
      function_name: 'cityscope',
      function_memory_size: 1024,
      function_arn: 'arn:aws:lambda:eu-west-1:123456789012:function:cityscope',
      function_request_id: 'req-aaa-1',
      xray_trace_id: '1-67891233-abcdef012345678912345678',
      status: 200,
      path: '/health',
    });
    expect(new Date(a?.timestamp as string).toISOString()).toBe(a?.timestamp);
    expect(second.find((l) => l.message === 'request')).toMatchObject({
      cold_start: false,
      function_request_id: 'req-aaa-2',
    });
  });

  it("uses Lambda's request id when the caller sent none, the caller's otherwise", async () => {
    const own = await handler(event('/health'), context('3f1c1d5e-0000-4000-8000-000000000001'));
    expect((own.headers as Record<string, string>)['x-request-id']).toBe('3f1c1d5e-0000-4000-8000-000000000001');
    const lines = await captured(() => handler(event('/health', { 'x-request-id': 'mine-1' }), context('req-b')));
    expect(lines.find((l) => l.message === 'request')).toMatchObject({
      requestId: 'mine-1',
      function_request_id: 'req-b',
    });
  });

  it('logs an upstream failure as a warning without a stack', async () => {
    for (let i = 0; i < 3; i++) fake.faults.push({ status: 500, body: 'boom' });
    const lines = await captured(async () => {
      const r = await handler(event('/cities/Nowhere%20Upstream'), context('req-c'));
      expect(r.statusCode).toBe(502);
    });
    fake.faults.length = 0;
    const failed = lines.find((l) => l.message === 'upstream failed');
    expect(failed).toMatchObject({ level: 'WARN', code: 'upstream_error', function_request_id: 'req-c' });
    expect(JSON.stringify(failed)).not.toContain('stack');
    expect(lines.some((l) => l.level === 'ERROR')).toBe(false);
  });

  it('a sink alone writes one JSON line per record', () => {
    const out: string[] = [];
    const sink = powertoolsSink({ coldStart: false }, (l) => out.push(l));
    sink('warn', 'hello', { a: 1 });
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(out[0] as string)).toMatchObject({ level: 'WARN', message: 'hello', cold_start: false, a: 1 });
  });
});
