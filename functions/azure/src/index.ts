import azure, { type HttpHandler, type HttpMethod } from '@azure/functions';
import { createHandler } from '@cityscope/core';
import { fromResponse, toRequest } from './convert.js';

const handle = createHandler({ platform: 'azure' });

/** The function's handler, exported on its own so tests and the dev host call exactly what Azure calls. */
export const handler: HttpHandler = async (request) => fromResponse(await handle(await toRequest(request)));

// every method (CONNECT is for proxies), so the API itself answers 405 with Allow like every runtime
const methods: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/** Every route at the root path: host.json sets extensions.http.routePrefix to "". */
export const registration = { route: '{*path}', methods, authLevel: 'anonymous' as const, handler };

// @azure/functions is CommonJS; Node's ESM loader sees only its default export
azure.app.http('cityscope', registration);
