import azure from '@azure/functions';
import { type OtlpReceiver, startOtlpReceiver } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instanceAttributes } from '../src/faas.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

describe('Azure spans carry what the platform knows', () => {
  it('reads the app, instance and region from the environment Azure sets', () => {
    expect(
      instanceAttributes({ WEBSITE_SITE_NAME: 'func-x', WEBSITE_INSTANCE_ID: 'abc', REGION_NAME: 'West Europe' }),
    ).toEqual({
      'cloud.platform': 'azure_functions',
      'faas.trigger': 'http',
      'faas.name': 'func-x',
      'faas.instance': 'abc',
      'cloud.region': 'West Europe',
    });
    expect(instanceAttributes({})).toEqual({ 'cloud.platform': 'azure_functions', 'faas.trigger': 'http' });
  });

  it('the handler exports server spans with faas.*: cold only the first time, with the invocation id', async () => {
    Object.assign(process.env, {
      LOG_LEVEL: 'silent',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      WEBSITE_SITE_NAME: 'func-cityscope',
      WEBSITE_INSTANCE_ID: 'instance-1',
      REGION_NAME: 'West Europe',
    });
    const { handler } = await import('../src/index.js');
    const ids = ['c0ffee00-1111-4222-8333-444455556666', 'c0ffee00-1111-4222-8333-444455556667'];
    for (const invocationId of ids) {
      const context = new azure.InvocationContext({ invocationId, functionName: 'cityscope' });
      await handler(new azure.HttpRequest({ method: 'GET', url: 'http://localhost:7071/health' }), context);
    }
    const attrs = () => receiver.serverSpanAttributes();
    await receiver.until(() => attrs().length === 2, 10_000);
    const [first, second] = attrs().sort(
      (a, b) => ids.indexOf(a['faas.invocation_id']) - ids.indexOf(b['faas.invocation_id']),
    );
    expect(first).toMatchObject({
      'cloud.platform': 'azure_functions',
      'cloud.region': 'West Europe',
      'faas.name': 'func-cityscope',
      'faas.instance': 'instance-1',
      'faas.invocation_id': ids[0],
      'faas.coldstart': true,
    });
    expect(second).toMatchObject({ 'faas.invocation_id': ids[1], 'faas.coldstart': false });
  }, 20_000);
});
