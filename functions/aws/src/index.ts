import { createHandler, loadTelemetryConfig, type RequestMeta } from '@cityscope/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { fromResponse, toRequest } from './convert.js';
import { emfLine } from './emf.js';
import { powertoolsSink, xrayTraceId } from './log.js';

const handle = createHandler({ platform: 'aws' });
// EMF_METRICS, EMF_NAMESPACE (createHandler has checked every setting already)
const telemetry = loadTelemetryConfig(process.env);
let coldStart = true;

/** The longest an invocation waits for its telemetry to reach the collector (OTEL_EXPORTER_OTLP_*). */
const FLUSH_DEADLINE_MS = 300;

/**
 * AWS Lambda behind API Gateway HTTP API (payload format 2.0), every route at the root path.
 * Lambda's request id is the request id when the caller sent none, and every log line
 * carries it with the cold-start flag and the X-Ray trace id (Powertools' field names).
 */
export async function handler(
  event: APIGatewayProxyEventV2,
  context?: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  const log = powertoolsSink({
    coldStart,
    ...(context ? { context } : {}),
    traceId: xrayTraceId(event.headers?.['x-amzn-trace-id']),
  });
  const meta: RequestMeta = {
    log,
    attributes: {
      'cloud.platform': 'aws_lambda',
      'faas.trigger': 'http',
      'faas.coldstart': coldStart,
      ...(context
        ? {
            'faas.invocation_id': context.awsRequestId,
            'faas.name': context.functionName,
            'cloud.resource_id': context.invokedFunctionArn,
          }
        : {}),
      ...(process.env.AWS_REGION ? { 'cloud.region': process.env.AWS_REGION } : {}),
    },
    // CloudWatch metrics from the log line itself (EMF_METRICS, on by default)
    ...(telemetry.emf ? { done: (s) => process.stdout.write(`${emfLine(s, telemetry.emfNamespace)}\n`) } : {}),
  };
  if (context?.awsRequestId) meta.requestId = context.awsRequestId;
  // API Gateway's record of the caller's address: the rate limit's client when auth is off
  if (event.requestContext?.http?.sourceIp) meta.clientAddress = event.requestContext.http.sourceIp;
  coldStart = false;
  const response = await handle(toRequest(event), meta);
  // the invocation is frozen once it returns: send the spans now, within a small deadline
  const left = context?.getRemainingTimeInMillis?.() ?? FLUSH_DEADLINE_MS * 2;
  await handle.flush?.(Math.max(0, Math.min(FLUSH_DEADLINE_MS, left - FLUSH_DEADLINE_MS)));
  return fromResponse(response);
}
