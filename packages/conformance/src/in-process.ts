import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CaseRequest, Exchange, RuntimeName } from './cases.js';

/**
 * Each runtime in-process, through its platform's own types: the core handler
 * (node), APIGatewayProxyEventV2 events into the Lambda handler (aws), the
 * Functions Framework's testing server (gcp), and the @azure/functions test
 * constructors (azure). Settings must be in process.env before `load` runs.
 */
export interface InProcessRuntime {
  name: RuntimeName;
  send(req: CaseRequest): Promise<Exchange>;
  close(): Promise<void>;
}

const captured = JSON.parse(
  readFileSync(new URL('../fixtures/apigw-v2-event.json', import.meta.url), 'utf8'),
) as APIGatewayProxyEventV2;

/** An API Gateway HTTP API 2.0 event for a request, built from a captured real event. */
export function apiGatewayEvent(req: CaseRequest): APIGatewayProxyEventV2 {
  const url = new URL(`https://abc123def4.execute-api.eu-west-1.amazonaws.com${req.path}`);
  const headers: Record<string, string> = { ...(captured.headers as Record<string, string>) };
  delete headers['content-length'];
  for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  // API Gateway joins a repeated parameter's values with commas
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const body = req.body === undefined ? undefined : req.base64 ? Buffer.from(req.body).toString('base64') : req.body;
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  const { cookies: _c, queryStringParameters: _q, body: _b, pathParameters: _p, ...rest } = captured;
  return {
    ...rest,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(url.pathname === '/' ? {} : { pathParameters: { proxy: decodeURIComponent(url.pathname.slice(1)) } }),
    requestContext: {
      ...captured.requestContext,
      http: { ...captured.requestContext.http, method: req.method, path: decodeURIComponent(url.pathname) },
    },
    isBase64Encoded: Boolean(req.base64 && req.body !== undefined),
    ...(body === undefined ? {} : { body }),
  };
}

async function awsRuntime(): Promise<InProcessRuntime> {
  const { handler } = await import('@cityscope/aws');
  return {
    name: 'aws',
    async send(req) {
      const r = await handler(apiGatewayEvent(req));
      const headers = new Headers(r.headers as Record<string, string>);
      const body = r.body ?? '';
      return {
        status: r.statusCode ?? 200,
        headers,
        body: r.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
      };
    },
    close: async () => {},
  };
}

/** One case request over real HTTP. */
export async function fetchExchange(base: string, req: CaseRequest): Promise<Exchange> {
  const res = await fetch(`${base}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

async function gcpRuntime(): Promise<InProcessRuntime> {
  await import('@cityscope/gcp');
  const { getTestServer } = await import('@google-cloud/functions-framework/testing');
  const server: Server = getTestServer('cityscope');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    name: 'gcp',
    send: (req) => fetchExchange(base, req),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function azureRuntime(): Promise<InProcessRuntime> {
  const { handler } = await import('@cityscope/azure');
  const { default: azure } = await import('@azure/functions');
  return {
    name: 'azure',
    async send(req) {
      const request = new azure.HttpRequest({
        method: req.method,
        url: `http://localhost:7071${req.path}`,
        headers: req.headers ?? {},
        ...(req.body === undefined ? {} : { body: { string: req.body } }),
      });
      const context = new azure.InvocationContext({ functionName: 'cityscope', invocationId: crypto.randomUUID() });
      const response = new azure.HttpResponse(await handler(request, context));
      return {
        status: response.status,
        headers: new Headers(Object.fromEntries(response.headers)),
        body: await response.text(),
      };
    },
    close: async () => {},
  };
}

async function nodeRuntime(): Promise<InProcessRuntime> {
  const { createHandler } = await import('@cityscope/core');
  const handle = createHandler({ platform: 'node' });
  return {
    name: 'node',
    async send(req) {
      const res = await handle(
        new Request(`http://localhost${req.path}`, { method: req.method, headers: req.headers, body: req.body }),
      );
      return { status: res.status, headers: res.headers, body: await res.text() };
    },
    close: async () => {},
  };
}

export async function loadInProcessRuntimes(): Promise<InProcessRuntime[]> {
  return Promise.all([nodeRuntime(), awsRuntime(), gcpRuntime(), azureRuntime()]);
}
