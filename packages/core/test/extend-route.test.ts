import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { openApiDocument } from '../src/http/openapi.js';
import { pathSegments } from '../src/http/request.js';
import { type AnyRoute, defineRoute, findRoute } from '../src/http/route.js';
import { routes } from '../src/http/routes/index.js';

/**
 * docs/architecture.md, "Add a route", kept true: a route declared like the recipe's route
 * file, with its line in the index, is reached by the router and described by /openapi.json
 * with no other change, and the docs check flags it until docs/api.md has its section (the
 * conformance suite's structure test flags it in the same way until a case reaches it).
 */
const scratch = defineRoute({
  method: 'GET',
  path: '/scratch/{word}',
  operationId: 'scratch',
  tag: { name: 'text', description: 'Text analysis and web page parsing' },
  summary: 'A scratch route that echoes a word',
  // as a route file does: its schemas built from http/schemas.ts on first use
  input: async () => {
    const { z, doc } = await import('../src/http/schemas.js');
    return { params: z.object({ word: z.string().check(z.minLength(1), doc('A word', 'hello')) }) };
  },
  response: async () => {
    const { z } = await import('../src/http/schemas.js');
    return z.strictObject({ word: z.string(), length: z.number() });
  },
  cache: 'no-store',
  errors: [],
  cost: 1,
  // the domain module would be imported here on first use
  run: async ({ params }) => {
    expectTypeOf(params.word).toEqualTypeOf<string>();
    return { word: params.word, length: params.word.length };
  },
});
const table = [...routes, scratch];

describe('adding a route', () => {
  it('is picked up by the router', () => {
    const hit = findRoute(table, 'GET', pathSegments('/scratch/hello'));
    expect(hit.route).toBe(scratch);
    expect(hit.params).toEqual({ word: 'hello' });
    expect(findRoute(table, 'POST', pathSegments('/scratch/hello')).allow).toEqual(['GET', 'HEAD']);
  });

  it('is described by /openapi.json, its parameter and its answer', async () => {
    const doc = (await openApiDocument(table, '0.0.0')) as { paths: Record<string, Record<string, unknown>> };
    const op = doc.paths['/scratch/{word}']?.get as { operationId: string; parameters: Array<{ name: string }> };
    expect(op.operationId).toBe('scratch');
    expect(op.parameters.map((p) => p.name)).toContain('word');
    expect(JSON.stringify(op)).toContain('A word');
  });

  it('is served once its file is in the index: every route file of http/routes/ is listed', async () => {
    const folder = new URL('../src/http/routes/', import.meta.url);
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'common.ts');
    for (const file of files) {
      const module = (await import(new URL(file, folder).href)) as Record<string, AnyRoute>;
      const declared = Object.values(module).filter((v) => typeof v === 'object' && v !== null && 'operationId' in v);
      expect(declared.length, `${file} declares a route`).toBeGreaterThan(0);
      for (const r of declared) expect(routes, `${file}: ${r.operationId} is in http/routes/index.ts`).toContain(r);
    }
    expect(files.length).toBeLessThanOrEqual(routes.length);
  });

  it('is flagged by the docs check until docs/api.md has its section', async () => {
    // the check of packages/infra-tests/test/docs.test.ts: a section per operation of /openapi.json
    const api = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    const undocumented = async (table: typeof routes) => {
      const doc = (await openApiDocument(table, '0.0.0')) as { paths: Record<string, Record<string, unknown>> };
      return Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops)
          .map((m) => `${m.toUpperCase()} ${path}`)
          .filter((op) => !api.includes(`### \`${op}\``)),
      );
    };
    const before = new Set(await undocumented(routes));
    expect((await undocumented(table)).filter((op) => !before.has(op))).toEqual(['GET /scratch/{word}']);
  });
});
