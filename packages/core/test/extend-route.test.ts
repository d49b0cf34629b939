import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openApiDocument } from '../src/http/openapi.js';
import { pathSegments } from '../src/http/request.js';
import { defineRoute, findRoute } from '../src/http/route.js';
import { routes } from '../src/http/routes.js';

/**
 * docs/architecture.md, "Add a route", kept true: a route declared like the recipe's step 1
 * is reached by the router and described by /openapi.json with no other change, and the docs
 * check flags it until docs/api.md has its section (the conformance suite's structure test
 * flags it in the same way until a case reaches it).
 */
const Word = z.object({
  word: z.string().check(z.minLength(1), z.meta({ description: 'A word', examples: ['hello'] })),
});
const Echo = z.strictObject({ word: z.string(), length: z.number() });

const scratch = defineRoute({
  method: 'GET',
  path: '/scratch/{word}',
  operationId: 'scratch',
  tag: { name: 'text', description: 'Text analysis and web page parsing' },
  summary: 'A scratch route that echoes a word',
  params: Word,
  response: async () => Echo,
  cache: 'no-store',
  errors: [],
  cost: 1,
  // the domain module would be imported here on first use
  run: async ({ params }) => ({ word: params.word, length: params.word.length }),
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
