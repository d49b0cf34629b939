import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/http/handle.js';

// A client generated from /openapi.json must type the API's real answers to the documented
// example requests, with one City type shared by /cities and /compare, and /parse's body a union.
type Json = Record<string, unknown>;
type Param = { name: string; in: string; example?: unknown };
type Op = {
  operationId: string;
  parameters?: Array<Param | { $ref: string }>;
  requestBody?: { content: { 'application/json': { example: unknown } } };
  responses: Record<string, { content?: Record<string, unknown> }>;
};

const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '../bin/tsc');
let fake: FakeWikipedia;
let handle: ReturnType<typeof createHandler>;
let dir: string;
beforeAll(async () => {
  fake = await startFakeWikipedia();
  handle = createHandler({
    env: {
      WIKIPEDIA_BASE_URL: fake.baseUrl,
      WIKIDATA_BASE_URL: 'off',
      LOG_LEVEL: 'silent',
      WIKIMEDIA_CONTACT: 'a@b.org',
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cityscope-client-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The example request of an operation, from the document's own parameter and body examples. */
function exampleRequest(doc: Json, path: string, method: string, op: Op): Request {
  const shared = (doc.components as { parameters?: Record<string, Param> }).parameters ?? {};
  const params = (op.parameters ?? []).map((p) =>
    '$ref' in p ? (shared[p.$ref.split('/').pop() as string] as Param) : p,
  );
  let url = path;
  const query = new URLSearchParams();
  for (const p of params) {
    if (p.example === undefined) continue;
    const value = Array.isArray(p.example) ? p.example.join(',') : String(p.example);
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    else query.set(p.name, value);
  }
  const body = op.requestBody?.content['application/json'].example;
  return new Request(`http://cityscope.local${url}${query.size ? `?${query}` : ''}`, {
    method: method.toUpperCase(),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
}

/** One typed constant per documented example: its request body and the answer it got. */
async function examples(doc: Json): Promise<string[]> {
  const lines: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>))
    for (const [method, op] of Object.entries(ops)) {
      if (!op.responses['200']?.content?.['application/json']) continue;
      const at = `paths['${path}']['${method}']`;
      const body = op.requestBody?.content['application/json'].example;
      if (body !== undefined)
        lines.push(
          `export const ${op.operationId}Body: NonNullable<${at}['requestBody']>['content']['application/json'] = ${JSON.stringify(body)};`,
        );
      const res = await handle(exampleRequest(doc, path, method, op));
      const type = res.status === 200 ? `${at}['responses'][200]['content']['application/json']` : 'Problem';
      lines.push(`export const ${op.operationId}Answer: ${type} = ${await res.text()};`);
    }
  return lines;
}

const CLIENT = `import type { components, paths } from './api.js';
type Schemas = components['schemas'];
type Problem = Schemas['Problem'];
type ParseBody = NonNullable<paths['/parse']['post']['requestBody']>['content']['application/json'];

/** A small client: one typed function per call it makes. */
export async function city(base: string, name: string): Promise<Schemas['City'] | Problem> {
  return (await fetch(\`\${base}/cities/\${encodeURIComponent(name)}\`)).json();
}
export async function compare(base: string, names: string[]): Promise<Schemas['Comparison'] | Problem> {
  return (await fetch(\`\${base}/compare?cities=\${names.map(encodeURIComponent).join(',')}\`)).json();
}
export async function parse(base: string, body: ParseBody): Promise<Schemas['ParsedPage'] | Problem> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return (await fetch(\`\${base}/parse\`, init)).json();
}

// /compare's cities are the City of /cities: one type, not two
export const firstCity = (c: Schemas['Comparison']): Schemas['City'] | undefined => {
  const first = c.cities[0];
  return first && 'city' in first ? first.city : undefined;
};
export const fetched: ParseBody = { url: 'https://example.org/' };
export const given: ParseBody = { html: '<title>Hi</title>', baseUrl: 'https://example.org/' };
// (a body with both is refused by the API; TypeScript's unions cannot say so)
// @ts-expect-error a body is url or html, not neither
export const neither: ParseBody = {};
`;

describe('a client generated from /openapi.json with openapi-typescript', () => {
  it('type-checks against the answers to the documented examples', async () => {
    const doc = (await (await handle(new Request('http://cityscope.local/openapi.json'))).json()) as Json;
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc as never)));
    writeFileSync(join(dir, 'client.ts'), CLIENT);
    writeFileSync(
      join(dir, 'examples.ts'),
      `import type { components, paths } from './api.js';\ntype Problem = components['schemas']['Problem'];\n${(await examples(doc)).join('\n')}\n`,
    );
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--skipLibCheck'];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args, 'client.ts', 'examples.ts'], {
      cwd: dir,
    }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(result, 'tsc found errors').toBe('');
  }, 120_000);
});
