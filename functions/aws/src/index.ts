import { createHandler } from '@cityscope/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { fromResponse, toRequest } from './convert.js';

const handle = createHandler({ platform: 'aws' });

/** AWS Lambda behind API Gateway HTTP API (payload format 2.0), every route at the root path. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return fromResponse(await handle(toRequest(event)));
}
