/**
 * Azure Functions *development host*, not the Azure runtime. Azure Functions Core
 * Tools (`func start`) is the real local host; where it cannot be installed, this
 * serves the same registered handler on port 7071: each Node request becomes the
 * library's own HttpRequest and InvocationContext, and the HttpResponseInit the
 * handler returns is written back through the library's HttpResponse.
 *
 *   tsx functions/azure/src/dev-host.ts [--port 7071] [--host 127.0.0.1] [--bundle dist/index.mjs]
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import azure, { type Cookie, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { originFor, requestUrl } from '@cityscope/core/platform/url';

// @azure/functions is CommonJS whose named exports Node's ESM loader cannot see
const { HttpRequest: AzureRequest, HttpResponse, InvocationContext: AzureContext } = azure;

type Registration = {
  route: string;
  methods: string[];
  handler: (req: HttpRequest, ctx: InvocationContext) => Promise<HttpResponseInit>;
};

function setCookieLine(c: Cookie): string {
  const parts = [`${c.name}=${c.value}`];
  if (c.domain) parts.push(`Domain=${c.domain}`);
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined) parts.push(`Max-Age=${c.maxAge}`);
  if (c.secure) parts.push('Secure');
  if (c.httpOnly) parts.push('HttpOnly');
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join('; ');
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

export async function startDevHost(opts: { port: number; host: string; bundle: string }) {
  const mod = (await import(pathToFileURL(resolve(opts.bundle)).href)) as { registration: Registration };
  const { registration } = mod;
  const server = createServer(async (req, res) => {
    try {
      // like the Azure host, a method the function did not register never reaches it
      if (!registration.methods.includes((req.method ?? 'GET').toUpperCase())) {
        res.writeHead(404).end();
        return;
      }
      const url = requestUrl(req.url, originFor(req.headers.host ?? `${opts.host}:${opts.port}`));
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const bytes = await readBody(req);
      const request = new AzureRequest({
        method: req.method ?? 'GET',
        url: url.href,
        headers,
        query: Object.fromEntries(url.searchParams),
        params: { path: url.pathname.slice(1) },
        ...(bytes ? { body: { bytes } } : {}),
      });
      const context = new AzureContext({ invocationId: randomUUID(), functionName: 'cityscope' });
      const response = new HttpResponse(await registration.handler(request, context));
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => {
        out[k] = v;
      });
      // as the Azure host does, structured cookies become one Set-Cookie header each
      if (response.cookies.length) out['set-cookie'] = response.cookies.map(setCookieLine);
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      // the Azure host answers 500 with an empty body when a function throws
      process.stderr.write(`dev host: function threw: ${String(err)}\n`);
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server.listen(opts.port, opts.host, r));
  return { server, registration };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7071' },
      host: { type: 'string', default: '127.0.0.1' },
      bundle: { type: 'string' },
    },
  });
  const bundle = values.bundle ?? new URL('../dist/index.mjs', import.meta.url).pathname;
  const { server, registration } = await startDevHost({ port: Number(values.port), host: String(values.host), bundle });
  process.stderr.write(
    `Azure Functions development host (not the Azure runtime; use \`func start\` where Core Tools is installed)\n` +
      `  cityscope: [${registration.methods.join(',')}] http://${values.host}:${values.port}/${registration.route}\n`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
