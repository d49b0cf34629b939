import * as z from 'zod/mini';
import { PROTECTED_PROBLEMS, SECURITY, SECURITY_SCHEMES } from '../access/openapi.js';
import { PROBLEM_CODES, PROBLEMS, type ProblemCode } from '../errors.js';
import { finishDocument } from './openapi-components.js';
import { problemType } from './problem.js';
import { listParams } from './query.js';
import type { AnyRoute, InputSchemas } from './route.js';

/** Every route can answer these. */
const ALWAYS: ProblemCode[] = ['invalid_request', 'not_found', 'method_not_allowed', 'internal'];
/** And every route with a body these. */
const WITH_BODY: ProblemCode[] = ['payload_too_large', 'unsupported_media_type'];

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;

/** A schema as JSON Schema; schemas named with `meta({ id })` stay `$defs` here, components in the end (openapi-components.ts). */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  return rest;
}

/** A list parameter's JSON schema (string or array of strings on input) as the array it is. */
function listItems(schema: JsonSchema): JsonSchema {
  const variants = (schema as { anyOf?: JsonSchema[] }).anyOf ?? [];
  return variants.find((v) => (v as { type?: string }).type === 'array') ?? schema;
}

/** Path or query parameters; each one's description and first example are lifted onto the parameter. */
function parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const s = jsonSchema(schema);
  const lists = listParams(schema);
  return Object.entries(s.properties ?? {}).map(([name, p]) => {
    const { description, examples, ...rest } = p as { description?: string; examples?: unknown[] };
    const list = lists.has(name);
    return {
      name,
      in: where,
      required: where === 'path' || (s.required ?? []).includes(name),
      ...(description ? { description } : {}),
      ...(examples?.length ? { example: list ? String(examples[0]).split(',') : examples[0] } : {}),
      // a list: comma-separated items, split before percent-decoding (query.ts)
      ...(list ? { style: 'form', explode: false } : {}),
      schema: list ? listItems(rest) : rest,
    };
  });
}

/** A request body's example, from its properties' first examples. */
function bodyExample(schema: JsonSchema): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  // a oneOf (/parse): the first choice's example
  let first = ((schema as { oneOf?: JsonSchema[] }).oneOf?.[0] ?? schema) as JsonSchema;
  const named = typeof first.$ref === 'string' ? first.$ref.replace('#/$defs/', '') : undefined;
  if (named) first = ((schema.$defs as Record<string, JsonSchema> | undefined)?.[named] ?? first) as JsonSchema;
  for (const [name, p] of Object.entries(first.properties ?? {})) {
    const first = (p as { examples?: unknown[] }).examples?.[0];
    if (first !== undefined) example[name] = first;
  }
  return example;
}

async function operation(route: AnyRoute, input: InputSchemas) {
  const own = [...ALWAYS, ...route.errors, ...(input.body ? WITH_BODY : []), ...(route.open ? [] : PROTECTED_PROBLEMS)];
  const codes = [...new Set(own)];
  const produces = route.produces ?? 'application/json';
  const ok =
    produces === 'application/json'
      ? { schema: jsonSchema(await route.response(), 'output') }
      : { schema: { type: 'string' } };
  // the other media types a request's Accept can choose (an SVG map: text, so a string)
  const others = Object.keys(route.renders ?? {}).map((type) => [type, { schema: { type: 'string' } }]);
  const responses: Record<string, unknown> = {
    200: { description: 'OK', content: { [produces]: ok, ...Object.fromEntries(others) } },
  };
  for (const code of codes) {
    const status = String(PROBLEMS[code].status);
    const existing = responses[status] as { description: string } | undefined;
    responses[status] = {
      description: existing ? `${existing.description}, ${code}` : code,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    operationId: route.operationId,
    // each operation says its own: open routes need no credentials, whatever the deployment sets
    security: route.open ? [] : SECURITY,
    tags: [route.tag.name],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters: [...parameters(input.params, 'path'), ...parameters(input.query, 'query')],
    ...(input.body ? { requestBody: requestBody(jsonSchema(input.bodyDocumented ?? input.body, 'input')) } : {}),
    responses,
  };
}

function requestBody(schema: JsonSchema) {
  return {
    required: true,
    description: 'A JSON object (`application/json`, at most 1 MiB)',
    content: { 'application/json': { schema, example: bodyExample(schema) } },
  };
}

/** The OpenAPI path of a route: `{name+}` (the rest of the path) is a plain `{name}` there. */
export const openApiPath = (route: AnyRoute): string => route.path.replace(/\{(\w+)\+\}/g, '{$1}');

/** The OpenAPI 3.1 document of the given routes, generated from the schemas that validate requests and answers. */
export async function openApiDocument(routes: readonly AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const inputs = await Promise.all(routes.map(async (route) => (await route.input?.()) ?? {}));
  for (const [i, route] of routes.entries()) {
    const path = openApiPath(route);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = await operation(route, inputs[i] ?? {});
  }
  return finishDocument({
    openapi: '3.1.0' as const,
    info: {
      title: 'Cityscope',
      version,
      description: 'City facts, logistics and text insight from Wikipedia. Errors are RFC 9457 problem details.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The deployment that serves this document' }],
    // credentials on every operation but the open ones (docs/api.md, "Access")
    security: SECURITY,
    tags: [...new Map(routes.map((r) => [r.tag.name, r.tag])).values()],
    paths,
    components: {
      securitySchemes: SECURITY_SCHEMES,
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId'],
          properties: {
            type: { type: 'string', format: 'uri', examples: [problemType('not_found')] },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string', enum: PROBLEM_CODES },
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
  });
}
