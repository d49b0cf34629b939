import azure, { type HttpHandler, type HttpMethod } from '@azure/functions';
import { createHandler, faasInvocations } from '@cityscope/core';
import { lastForwardedHop } from '@cityscope/core/platform/forwarded';
import { fromResponse, toRequest } from './convert.js';
import { instanceAttributes } from './faas.js';
import { invocationSink } from './log.js';

const handle = createHandler({ platform: 'azure' });
const invocation = faasInvocations(instanceAttributes(process.env));

/**
 * The function's handler, exported on its own so tests and the dev host call exactly what Azure calls.
 * Log lines go through the invocation's context (Application Insights correlates them);
 * the invocation id is the request id when the caller sent none.
 */
export const handler: HttpHandler = async (request, context) => {
  const log = invocationSink(context);
  // Azure's front end sets X-Forwarded-For (the caller's address and port) as its last hop
  const clientAddress = lastForwardedHop(request.headers.get('x-forwarded-for'));
  // a context made without an id (tests, tools) says "unknown": not an id to hand out
  const known = UUID.test(context.invocationId);
  const meta = {
    log,
    attributes: invocation(known ? context.invocationId : undefined),
    ...(known ? { requestId: context.invocationId } : {}),
    ...(clientAddress ? { clientAddress } : {}),
  };
  return fromResponse(await handle(await toRequest(request), meta));
};
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

// every method (CONNECT is for proxies), so the API itself answers 405 with Allow like every runtime
const methods: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/** Every route at the root path: host.json sets extensions.http.routePrefix to "". */
export const registration = { route: '{*path}', methods, authLevel: 'anonymous' as const, handler };

// @azure/functions is CommonJS; Node's ESM loader sees only its default export
azure.app.http('cityscope', registration);
