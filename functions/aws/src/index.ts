import { createHandler } from '@cityscope/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { fromResponse, toRequest } from './convert.js';
import { powertoolsSink, xrayTraceId } from './log.js';

const handle = createHandler({ platform: 'aws' });
let coldStart = true;

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
  coldStart = false;
  const meta = context?.awsRequestId ? { requestId: context.awsRequestId, log } : { log };
  return fromResponse(await handle(toRequest(event), meta));
}
