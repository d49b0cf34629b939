import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/http/openapi.js';
import { routes } from '../src/http/routes/index.js';

type Response = { headers?: Record<string, { $ref: string }>; content?: Record<string, { schema: unknown }> };
type Op = { responses: Record<string, Response>; requestBody?: { content: Record<string, { schema: unknown }> } };

const doc = await openApiDocument(routes, '1.2.3');
const paths = doc.paths as Record<string, Record<string, Op>>;
const ok = (path: string, method = 'get') => paths[path]?.[method]?.responses['200']?.content?.['application/json'];
const schemas = doc.components.schemas as Record<string, unknown>;

describe('/openapi.json for client generators', () => {
  it('names the shapes: City, Coordinates, Facts, Problem, and each route answer', () => {
    for (const id of ['City', 'Coordinates', 'Facts', 'Problem', 'Comparison', 'Distance', 'Route', 'Hubs'])
      expect(schemas[id], id).toBeDefined();
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops)) {
        const json = op.responses['200']?.content?.['application/json'] as { schema: { $ref?: string } } | undefined;
        if (json)
          expect(json.schema.$ref, `${method} ${path}: its answer is a named component`).toMatch(
            /^#\/components\/schemas\//,
          );
      }
  });

  it('gives /cities and /compare one City', () => {
    expect(ok('/cities/{name}')).toEqual({ schema: { $ref: '#/components/schemas/City' } });
    expect(JSON.stringify(schemas.Comparison)).toContain('"$ref":"#/components/schemas/City"');
    expect(JSON.stringify(schemas.City)).toContain('"$ref":"#/components/schemas/Facts"');
    // nothing refers to a $defs that is not there
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it("documents /parse's body as a oneOf of {url} and {html, baseUrl?}", () => {
    const body = paths['/parse']?.post?.requestBody?.content['application/json']?.schema as { oneOf: unknown[] };
    expect(body.oneOf).toEqual([{ $ref: '#/components/schemas/ParseUrl' }, { $ref: '#/components/schemas/ParseHtml' }]);
    expect(schemas.ParseUrl).toMatchObject({ required: ['url'], additionalProperties: false });
    expect(schemas.ParseHtml).toMatchObject({ required: ['html'], additionalProperties: false });
  });

  it('declares the headers of every response, Retry-After on 429 and 503', () => {
    const headers = doc.components.headers as Record<string, unknown>;
    for (const [path, ops] of Object.entries(paths))
      for (const [method, op] of Object.entries(ops))
        for (const [status, r] of Object.entries(op.responses)) {
          const where = `${method} ${path} ${status}`;
          const names = Object.keys(r.headers ?? {});
          for (const h of ['x-request-id', 'Cache-Control', 'RateLimit', 'RateLimit-Policy', 'Server-Timing'])
            expect(names, where).toContain(h);
          expect(names.includes('Retry-After'), where).toBe(status === '429' || status === '503');
          for (const h of Object.values(r.headers ?? {}))
            expect(headers[h.$ref.split('/').pop() as string]).toBeDefined();
        }
  });
});
