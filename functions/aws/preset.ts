import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Preset, WireRequest } from '@cityscope/core/preset';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * AWS Lambda behind API Gateway HTTP API (payload 2.0). The bundle is zipped for
 * `serverless deploy`; serverless-offline runs that same zip locally.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const preset: Preset = {
  platform: 'aws',
  build: {
    entry: here('./src/index.ts'),
    outfile: here('./dist/index.mjs'),
    external: [],
    async extras({ outdir }) {
      const { zipSync } = await import('fflate');
      // the entry and its chunks (code splitting), not the source maps
      const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
      const zip = zipSync(
        Object.fromEntries(files.sort().map((f) => [f.split(sep).join('/'), readFileSync(join(outdir, f))])),
        { level: 9, mtime: new Date('2020-01-01') },
      );
      writeFileSync(join(outdir, 'cityscope-aws.zip'), zip);
    },
  },
  emulator: {
    label: 'AWS Lambda       (serverless-offline)',
    defaultPort: 3000,
    // serverless-offline's Lambda invoke endpoint, on the command's --lambdaPort
    otherPorts: (port) => [port + 2],
    command: ({ root, port, env }) => ({
      command: join(root, 'infra/aws/node_modules/.bin/serverless'),
      args: ['offline', 'start', '--httpPort', String(port), '--lambdaPort', String(port + 2)],
      cwd: join(root, 'infra/aws'),
      env: {
        ...env,
        // make the emulator pass CORS through to the function as API Gateway does (see the file)
        NODE_OPTIONS:
          `${env.NODE_OPTIONS ?? ''} --require ${join(root, 'infra/aws/offline-cors-passthrough.cjs')}`.trim(),
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        // serverless.yml requires it to deploy; locally an unset contact falls back with one warning
        WIKIMEDIA_CONTACT: env.WIKIMEDIA_CONTACT ?? '',
      },
    }),
  },
  async inProcess() {
    const { handler } = await import('./src/index.js');
    return {
      name: 'aws',
      async send(req) {
        const r = await handler(apiGatewayEvent(req));
        const body = r.body ?? '';
        return {
          status: r.statusCode ?? 200,
          headers: new Headers(r.headers as Record<string, string>),
          body: r.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
        };
      },
      close: async () => {},
    };
  },
};
export default preset;

let captured: APIGatewayProxyEventV2 | undefined;

/** An API Gateway HTTP API 2.0 event for a request, built from a captured real event. */
export function apiGatewayEvent(req: WireRequest): APIGatewayProxyEventV2 {
  captured ??= JSON.parse(readFileSync(here('./fixtures/apigw-v2-event.json'), 'utf8')) as APIGatewayProxyEventV2;
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
      http: {
        ...captured.requestContext.http,
        method: req.method,
        path: decodeURIComponent(url.pathname),
        ...(req.client ? { sourceIp: req.client } : {}),
      },
    },
    isBase64Encoded: Boolean(req.base64 && req.body !== undefined),
    ...(body === undefined ? {} : { body }),
  };
}
