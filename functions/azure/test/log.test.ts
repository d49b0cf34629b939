import azure from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { invocationSink } from '../src/log.js';

/** Log lines go through the InvocationContext, so the host can correlate them with the invocation. */
describe('Azure log lines', () => {
  it('each severity goes to the matching context method as one JSON message', () => {
    const calls: Array<[string, unknown[]]> = [];
    const ctx = {
      debug: (...a: unknown[]) => calls.push(['debug', a]),
      info: (...a: unknown[]) => calls.push(['info', a]),
      warn: (...a: unknown[]) => calls.push(['warn', a]),
      error: (...a: unknown[]) => calls.push(['error', a]),
    };
    const sink = invocationSink(ctx);
    sink('info', 'request', { requestId: 'r', status: 200 });
    sink('warn', 'upstream failed', { code: 'upstream_timeout' });
    expect(calls.map(([m]) => m)).toEqual(['info', 'warn']);
    expect(JSON.parse(calls[0]?.[1][0] as string)).toEqual({ msg: 'request', requestId: 'r', status: 200 });
  });

  it('the handler logs through its invocation context, with the invocation id as request id', async () => {
    process.env.LOG_LEVEL = 'info';
    const { handler } = await import('../src/index.js');
    const logged: Array<{ level: string; args: unknown[] }> = [];
    const invocationId = 'c0ffee00-1111-4222-8333-444455556666';
    const context = new azure.InvocationContext({
      invocationId,
      functionName: 'cityscope',
      logHandler: (level, ...args) => logged.push({ level, args }),
    });
    const res = await handler(new azure.HttpRequest({ method: 'GET', url: 'http://localhost:7071/health' }), context);
    expect((res.headers as Record<string, string>)['x-request-id']).toBe(invocationId);
    const line = logged.find((l) => JSON.parse(l.args[0] as string).msg === 'request');
    expect(line?.level).toBe('information');
    expect(JSON.parse(line?.args[0] as string)).toMatchObject({
      requestId: invocationId,
      status: 200,
      path: '/health',
    });
  });
});
