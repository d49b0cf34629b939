/**
 * The peers `pnpm bench` measures Cityscope against, written to a temporary folder
 * and built in the same run: a bare `node:http` server sending the same bytes as
 * `GET /health`; Hono on @hono/node-server; a minimal Hono Lambda app (hono/aws-lambda)
 * built with the same esbuild options as the function bundles; and an empty function
 * on the Google Cloud Functions Framework. None of this is application code.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** The esbuild options of the function bundles (scripts/build.mjs), for the Hono builds. */
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const HEALTH_HEADERS = `{
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-request-id, retry-after, allow',
}`;

export interface Baselines {
  /** `node bare-http.mjs`: prints "listening on URL" on stderr. */
  bareHttp: string;
  /** `node hono-node.mjs`: the same, through Hono on @hono/node-server. */
  honoNode: string;
  /** A module exporting `handler` (API Gateway v2), like functions/aws/dist/index.mjs. */
  honoLambda: string;
  /** A Functions Framework source folder with a trivial `cityscope` function. */
  gcpEmpty: string;
  /** An empty module. */
  empty: string;
}

export async function writeBaselines(tmp: string, root: string, healthBody: string): Promise<Baselines> {
  const listen = `function () { process.stderr.write('listening on http://127.0.0.1:' + this.address().port + '\\n'); }`;
  const bareHttp = join(tmp, 'bare-http.mjs');
  writeFileSync(
    bareHttp,
    `import { createServer } from 'node:http';
const body = ${JSON.stringify(healthBody)};
const len = Buffer.byteLength(body);
const base = ${HEALTH_HEADERS};
createServer((req, res) => {
  res.writeHead(200, { ...base, 'x-request-id': crypto.randomUUID(), 'content-length': len });
  res.end(body);
}).listen(0, '127.0.0.1', ${listen});
`,
  );
  const honoNodeSrc = `import { Hono } from 'hono';
import { createAdaptorServer } from '@hono/node-server';
const app = new Hono();
const base = ${HEALTH_HEADERS};
app.get('/health', (c) => c.body(${JSON.stringify(healthBody)}, 200, { ...base, 'x-request-id': crypto.randomUUID() }));
createAdaptorServer({ fetch: app.fetch }).listen(0, '127.0.0.1', ${listen});
`;
  const honoLambdaSrc = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok', service: 'cityscope', version: '0', platform: 'aws' }));
export const handler = handle(app);
`;
  const common = {
    bundle: true,
    minify: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'esm' as const,
    banner: { js: BANNER },
    logLevel: 'warning' as const,
  };
  await build({
    ...common,
    stdin: { contents: honoNodeSrc, resolveDir: root, loader: 'js' },
    outfile: join(tmp, 'hono-node.mjs'),
  });
  await build({
    ...common,
    stdin: { contents: honoLambdaSrc, resolveDir: root, loader: 'js' },
    outdir: join(tmp, 'hono-lambda'),
    entryNames: 'index',
    outExtension: { '.js': '.mjs' },
    splitting: true,
  });
  const gcpEmpty = join(tmp, 'gcp-empty');
  mkdirSync(gcpEmpty, { recursive: true });
  writeFileSync(join(gcpEmpty, 'package.json'), '{"type":"module","main":"index.mjs"}\n');
  writeFileSync(
    join(gcpEmpty, 'index.mjs'),
    `import { http } from '@google-cloud/functions-framework';
http('cityscope', (req, res) => res.json({ status: 'ok', service: 'cityscope', version: '0', platform: 'gcp' }));
`,
  );
  // resolve the Framework as functions/gcp/dist does
  symlinkSync(join(root, 'functions/gcp/node_modules'), join(gcpEmpty, 'node_modules'), 'dir');
  const empty = join(tmp, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  return {
    bareHttp,
    honoNode: join(tmp, 'hono-node.mjs'),
    honoLambda: join(tmp, 'hono-lambda/index.mjs'),
    gcpEmpty,
    empty,
  };
}
