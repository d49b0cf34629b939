import * as z from 'zod/mini';
import type { ProblemCode } from '../errors.js';
import { PROBLEM_BASE } from './problem.js';
import { RESPONSES } from './responses.js';
import type { AnyRoute } from './route.js';
import { routes } from './routes.js';

const STATUS: Record<ProblemCode, number> = {
  invalid_request: 400,
  blocked_url: 400,
  not_found: 404,
  method_not_allowed: 405,
  ambiguous: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  internal: 500,
};
/** Every route can answer these. */
const ALWAYS: ProblemCode[] = ['invalid_request', 'not_found', 'method_not_allowed', 'internal'];

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = jsonSchema(schema);
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
  }));
}

function operation(route: AnyRoute) {
  const codes = [
    ...new Set([
      ...ALWAYS,
      ...route.errors,
      ...(route.body ? (['payload_too_large', 'unsupported_media_type'] as const) : []),
    ]),
  ];
  const response = RESPONSES[route.operationId];
  const responses: Record<string, unknown> = {
    200: {
      description: 'OK',
      content: { 'application/json': { schema: response ? jsonSchema(response, 'output') : { type: 'object' } } },
    },
  };
  for (const code of codes) {
    const status = String(STATUS[code]);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, generated from the schemas that validate requests. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cityscope',
      version,
      description: 'City facts, logistics and text insight from Wikipedia. Errors are RFC 9457 problem details.',
    },
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId'],
          properties: {
            type: { type: 'string', format: 'uri', examples: [`${PROBLEM_BASE}not-found`] },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: Object.keys(STATUS) },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
            candidates: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  };
}
