import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type FakeWikipedia, type OtlpReceiver, startFakeWikipedia, startOtlpReceiver } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The built Lambda handler (functions/aws/dist, as `pnpm build` makes it), invoked
 * directly in a fresh Node with the captured API Gateway v2 event: its stdout holds a
 * valid CloudWatch Embedded Metric Format line, and its spans reach the collector
 * before the invocation returns.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/index.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/apigw-v2-event.json', import.meta.url));

// a fresh process: import the bundle, invoke it once, print what it returned on stderr
const INVOKE = `
const { readFileSync } = await import('node:fs');
const { handler } = await import(process.argv[1]);
const event = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const context = { awsRequestId: 'req-emf-1', functionName: 'cityscope', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cityscope', getRemainingTimeInMillis: () => 10000 };
const r = await handler(event, context);
process.stderr.write('\\nRESULT ' + JSON.stringify({ statusCode: r.statusCode, headers: r.headers }));
`;

let fake: FakeWikipedia;
let receiver: OtlpReceiver;
beforeAll(async () => {
  if (!existsSync(bundle)) await run(process.execPath, ['scripts/build.mjs', 'aws'], { cwd: root, timeout: 120_000 });
  [fake, receiver] = await Promise.all([startFakeWikipedia(), startOtlpReceiver()]);
}, 150_000);
afterAll(async () => {
  await Promise.all([fake?.close(), receiver?.close()]);
});

async function invoke(env: Record<string, string>) {
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', INVOKE, bundle, fixture], {
    env: { PATH: process.env.PATH, WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIDATA_BASE_URL: fake.wikidataUrl, ...env },
    timeout: 30_000,
  });
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const result = stderr.split('\n').find((l) => l.startsWith('RESULT '));
  return { lines, result: JSON.parse(result?.slice(7) ?? 'null') };
}

/** The EMF specification's rules: every dimension and metric a top-level member of the right type. */
function assertEmf(line: Record<string, unknown>): void {
  const aws = line._aws as { Timestamp: unknown; CloudWatchMetrics: unknown[] };
  expect(Number.isInteger(aws.Timestamp)).toBe(true);
  expect(aws.CloudWatchMetrics).toHaveLength(1);
  const d = aws.CloudWatchMetrics[0] as {
    Namespace: string;
    Dimensions: string[][];
    Metrics: { Name: string; Unit: string }[];
  };
  expect(d.Namespace).toMatch(/^[\w.#:/ -]{1,255}$/);
  for (const set of d.Dimensions) for (const dim of set) expect(typeof line[dim]).toBe('string');
  for (const m of d.Metrics) {
    expect(typeof line[m.Name]).toBe('number');
    expect(['Milliseconds', 'Count']).toContain(m.Unit);
  }
}

describe('the built Lambda handler', () => {
  it('writes an EMF line per request, with route and status dimensions', async () => {
    const { lines, result } = await invoke({ LOG_LEVEL: 'info' });
    expect(result.statusCode).toBe(200);
    expect(result.headers['server-timing']).toMatch(/^total;dur=[\d.]+, upstream;dur=[\d.]+;desc="\d+ requests"/);
    const emf = lines.filter((l) => l._aws);
    expect(emf).toHaveLength(1);
    assertEmf(emf[0]);
    expect(emf[0]).toMatchObject({ route: 'GET /cities/{name}', status: '200' });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Cityscope',
      Dimensions: [['route', 'status']],
    });
    // the access log line names the X-Ray trace the request came with
    const access = lines.find((l) => l.message === 'request');
    expect(access).toMatchObject({
      xray_trace_id: '1-6566c1a2-5f0f1c2b3a4d5e6f7a8b9c0d',
      traceId: '6566c1a25f0f1c2b3a4d5e6f7a8b9c0d',
    });
  }, 40_000);

  it('EMF_METRICS=off writes none; EMF_NAMESPACE names the namespace', async () => {
    const off = await invoke({ EMF_METRICS: 'off' });
    expect(off.lines.some((l) => l._aws)).toBe(false);
    const named = await invoke({ EMF_NAMESPACE: 'Cityscope/Test', LOG_LEVEL: 'silent' });
    expect(named.lines.map((l) => l._aws?.CloudWatchMetrics[0].Namespace)).toEqual(['Cityscope/Test']);
  }, 40_000);

  it('sends its spans to the collector before the invocation returns', async () => {
    await invoke({ LOG_LEVEL: 'silent', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const spans = receiver.spans().filter((s) => s.traceId === '6566c1a25f0f1c2b3a4d5e6f7a8b9c0d');
    const server = spans.find((s) => s.kind === 2);
    expect(server?.name).toBe('GET /cities/{name}');
    const attrs = Object.fromEntries(server.attributes.map((a: { key: string; value: object }) => [a.key, a.value]));
    expect(attrs['faas.invocation_id']).toEqual({ stringValue: 'req-emf-1' });
    expect(attrs['faas.coldstart']).toEqual({ boolValue: true });
    expect(spans.some((s) => s.kind === 3)).toBe(true);
  }, 40_000);
});
