import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OtlpReceiver, startOtlpReceiver } from '@cityscope/testing';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceAttributes } from '../src/faas.js';

let receiver: OtlpReceiver;
let server: Server;
let base = '';
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  Object.assign(process.env, {
    LOG_LEVEL: 'silent',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '50',
    K_SERVICE: 'cityscope',
    K_REVISION: 'cityscope-00002-abc',
    FUNCTION_TARGET: 'cityscope',
  });
  await import('../src/index.js');
  server = getTestServer('cityscope');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await receiver.close();
});

describe('Google Cloud spans carry what the platform knows', () => {
  it('reads the service, revision and region from the environment Google sets', () => {
    expect(
      instanceAttributes({
        K_SERVICE: 'svc',
        K_REVISION: 'svc-1',
        FUNCTION_TARGET: 'cityscope',
        FUNCTION_REGION: 'europe-west1',
      }),
    ).toEqual({
      'cloud.platform': 'gcp_cloud_functions',
      'faas.trigger': 'http',
      'faas.name': 'svc',
      'faas.version': 'svc-1',
      'cloud.region': 'europe-west1',
    });
    expect(instanceAttributes({ FUNCTION_TARGET: 'cityscope' })['faas.name']).toBe('cityscope');
  });

  it('server spans have faas.*: cold only the first time, with the execution id', async () => {
    for (const id of ['exec-1', 'exec-2']) await fetch(`${base}/health`, { headers: { 'function-execution-id': id } });
    const attrs = () => receiver.serverSpanAttributes();
    await receiver.until(() => attrs().length === 2, 10_000);
    const byId = new Map(attrs().map((a) => [a['faas.invocation_id'], a]));
    expect(byId.get('exec-1')).toMatchObject({
      'cloud.platform': 'gcp_cloud_functions',
      'faas.name': 'cityscope',
      'faas.version': 'cityscope-00002-abc',
      'faas.coldstart': true,
    });
    expect(byId.get('exec-2')).toMatchObject({ 'faas.coldstart': false });
  }, 20_000);
});
