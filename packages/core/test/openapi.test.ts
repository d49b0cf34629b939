import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../src/errors.js';
import { DOCS_PAGE, DOCS_SCRIPT, DOCS_SOURCES, SWAGGER_UI } from '../src/http/docs-page.js';
import { openApiDocument, openApiPath } from '../src/http/openapi.js';
import { routes } from '../src/http/routes/index.js';

type Doc = Awaited<ReturnType<typeof openApiDocument>>;
type Operation = {
  operationId: string;
  tags: string[];
  parameters: Array<{ name: string; description?: string; example?: unknown }>;
  requestBody?: { content: { 'application/json': { schema: Schema; example: unknown } } };
  responses: Record<string, unknown>;
};
type Schema = { properties?: Record<string, Schema>; description?: string };

const doc: Doc = await openApiDocument(routes, '1.2.3');
const operations = Object.values(doc.paths).flatMap((p) => Object.values(p) as Operation[]);

/** What a `$ref` to a component points at (anything else as it is). */
function deref<T>(node: T | { $ref: string }): T {
  const path = (node as { $ref?: string }).$ref;
  if (!path) return node as T;
  const [, , kind, name] = path.split('/') as [string, string, string, string];
  return (doc.components as unknown as Record<string, Record<string, T>>)[kind]?.[name] as T;
}

describe('/openapi.json is derived from the route table', () => {
  it('has one operation per route, at its path, with its tag', () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(routes.map((r) => r.operationId).sort());
    for (const r of routes) {
      const op = doc.paths[openApiPath(r)]?.[r.method.toLowerCase()] as Operation | undefined;
      expect(op?.operationId, r.path).toBe(r.operationId);
      expect(doc.tags.map((t) => t.name)).toContain(op?.tags[0]);
    }
  });

  it('documents every problem a route can answer with, at its status from PROBLEMS', () => {
    for (const r of routes) {
      const op = doc.paths[openApiPath(r)]?.[r.method.toLowerCase()] as Operation;
      for (const code of r.errors)
        expect(Object.keys(op.responses), `${r.path} ${code}`).toContain(String(PROBLEMS[code].status));
    }
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(Object.keys(PROBLEMS));
  });

  it('describes every parameter and every body property, with examples', () => {
    for (const op of operations) {
      for (const p of op.parameters.map(deref)) {
        expect(p.description, `${op.operationId} parameter ${p.name}`).toBeTruthy();
        expect(p.example, `${op.operationId} parameter ${p.name} example`).toBeDefined();
      }
      const body = op.requestBody?.content['application/json'];
      if (!body) continue;
      const choices = ((body.schema as { oneOf?: Schema[] }).oneOf ?? [body.schema]).map(deref);
      for (const choice of choices)
        for (const [name, s] of Object.entries(choice.properties ?? {}))
          expect(s.description, `${op.operationId} body ${name}`).toBeTruthy();
      expect(Object.keys(body.example as object).length, `${op.operationId} body example`).toBeGreaterThan(0);
    }
  });

  it('declares its licence, servers, and credentials on every operation but the open ones', () => {
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    expect(doc.servers.length).toBeGreaterThan(0);
    const schemes = (doc.components as { securitySchemes: Record<string, Record<string, string>> }).securitySchemes;
    expect(schemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.apiKeyAuth).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    for (const route of routes) {
      const op = (doc.paths as Record<string, Record<string, { security?: unknown[]; responses: object }>>)[
        openApiPath(route)
      ]?.[route.method.toLowerCase()];
      // each operation says its own: an open one an empty list, a protected one either scheme
      expect(op?.security, route.operationId).toEqual(route.open ? [] : [{ bearerAuth: [] }, { apiKeyAuth: [] }]);
      expect(Object.keys(op?.responses ?? {}).includes('401'), route.operationId).toBe(!route.open);
    }
  });
});

const require = createRequire(import.meta.url);
const redocly = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

describe("Redocly's recommended rules", () => {
  it('find no error and no warning (run offline, telemetry off)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cityscope-openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        [redocly, 'lint', '--extends=recommended', '--format=stylish', file],
        {
          cwd: dir,
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
            NO_COLOR: '1',
          },
        },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}\n${stderr}` }),
      );
    });
    expect(out, out).toMatch(/Your API description is valid/);
    // each problem is a `line:column  error|warning  rule` line
    expect(out).not.toMatch(/^\s*\d+:\d+\s+(error|warning)\s/m);
    expect(code, out).toBe(0);
  }, 90_000);
});

describe('GET /docs', () => {
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));

  it('pins the viewer version of the dev dependency, with the integrity of its files', () => {
    expect(JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')).version).toBe(SWAGGER_UI.version);
    expect(SWAGGER_UI.cdn).toContain(`@${SWAGGER_UI.version}/`);
    for (const [file, integrity] of Object.entries(SWAGGER_UI.files)) {
      const sha = createHash('sha384')
        .update(readFileSync(join(dist, file)))
        .digest('base64');
      expect(integrity, file).toBe(`sha384-${sha}`);
      expect(DOCS_PAGE).toContain(`${SWAGGER_UI.cdn}${file}" integrity="${integrity}" crossorigin="anonymous"`);
    }
  });

  it('allows its one inline script by the hash of what the page holds', () => {
    const inline = [...DOCS_PAGE.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(inline).toEqual([DOCS_SCRIPT]);
    const sha = createHash('sha256').update(DOCS_SCRIPT).digest('base64');
    expect(DOCS_SOURCES.script).toContain(`'sha256-${sha}'`);
  });

  it('is a small page: the viewer stays out of the bundle', () => {
    expect(DOCS_PAGE.length).toBeLessThan(2000);
    expect(fileURLToPath(import.meta.url)).toBeTruthy();
  });
});
