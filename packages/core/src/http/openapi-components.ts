import { isObj, type Json } from '../util/json.js';

/**
 * The finishing pass of /openapi.json that makes it friendly to client generators: one named
 * component per shape (zod's `meta({ id })` schemas, hoisted from each schema's `$defs`), shared
 * parameters as components, and the headers of every response declared.
 */

export interface OpenApiParts {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** Moves every `$defs` entry into components.schemas and points each `$ref` there. */
function hoistDefs(node: unknown, schemas: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => hoistDefs(n, schemas));
  if (!isObj(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$defs' && isObj(value)) {
      for (const [id, def] of Object.entries(value)) {
        const hoisted = hoistDefs(def, schemas);
        const seen = schemas[id];
        if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(hoisted)) {
          throw new Error(`/openapi.json: two different schemas are named ${id}`);
        }
        schemas[id] = hoisted;
      }
    } else if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace(/^#\/\$defs\//, '#/components/schemas/');
    } else {
      out[key] = hoistDefs(value, schemas);
    }
  }
  return out;
}

type Operation = { parameters?: Json[]; responses?: Record<string, Json> };
const operations = (parts: OpenApiParts): Operation[] =>
  Object.values(parts.paths).flatMap((p) => Object.values(p) as Operation[]);

/** A parameter every operation that has it defines the same way becomes `#/components/parameters/<name>`. */
function shareParameters(parts: OpenApiParts): Record<string, unknown> {
  const uses = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  for (const op of operations(parts))
    for (const p of op.parameters ?? []) {
      const name = String(p.name);
      uses.set(name, (uses.get(name) ?? new Set()).add(JSON.stringify(p)));
      count.set(name, (count.get(name) ?? 0) + 1);
    }
  const shared: Record<string, unknown> = {};
  for (const [name, defs] of uses) {
    if (defs.size === 1 && (count.get(name) ?? 0) > 1) shared[name] = JSON.parse([...defs][0] as string);
  }
  for (const op of operations(parts)) {
    if (!op.parameters) continue;
    op.parameters = op.parameters.map((p) =>
      shared[String(p.name)] ? { $ref: `#/components/parameters/${String(p.name)}` } : p,
    );
  }
  return shared;
}

const header = (description: string, schema: Json, example?: unknown): Json => ({
  description,
  schema,
  ...(example === undefined ? {} : { example }),
});

/** The response headers of docs/api.md, each declared once. */
export const HEADERS: Record<string, Json> = {
  RequestId: header(
    "The request's id: the caller's `x-request-id` when it sent a valid one, else a new UUID; also in every log line and problem",
    { type: 'string' },
    '0b9c6a8e-3f1d-4f5e-9a49-2f7c1f8e7d10',
  ),
  CacheControl: header(
    '`public, max-age=3600` on the answers of public GET routes (/health and problems: `no-store`)',
    { type: 'string' },
    'public, max-age=3600',
  ),
  RetryAfter: header('Seconds to wait before trying again', { type: 'integer', minimum: 0 }, 30),
  RateLimit: header(
    "The client's remaining quota and when it resets (IETF RateLimit header fields), when the deployment limits rates",
    { type: 'string' },
    '"default";r=59;t=60',
  ),
  RateLimitPolicy: header(
    'The quota policy (IETF RateLimit header fields), when the deployment limits rates',
    { type: 'string' },
    '"default";q=60;w=60',
  ),
  ServerTiming: header(
    'Where the time went (W3C Server Timing): the whole request and its upstream calls',
    { type: 'string' },
    'upstream;dur=120.4, total;dur=131.0',
  ),
  Allow: header('The methods the path answers', { type: 'string' }, 'GET, OPTIONS'),
};

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** The headers one response declares: every one carries the first five; 429 and 503 say when to retry, 405 what is allowed. */
export function responseHeaders(status: string): Json {
  return {
    'x-request-id': ref('RequestId'),
    'Cache-Control': ref('CacheControl'),
    RateLimit: ref('RateLimit'),
    'RateLimit-Policy': ref('RateLimitPolicy'),
    'Server-Timing': ref('ServerTiming'),
    ...(status === '429' || status === '503' ? { 'Retry-After': ref('RetryAfter') } : {}),
    ...(status === '405' ? { Allow: ref('Allow') } : {}),
  };
}

/** Named schemas and parameters as components, and the headers on every response. */
export function finishDocument<T extends OpenApiParts>(
  doc: T,
): T & { components: T['components'] & { headers: typeof HEADERS; parameters?: Record<string, unknown> } } {
  const schemas: Record<string, unknown> = { ...doc.components.schemas };
  const paths = hoistDefs(doc.paths, schemas) as OpenApiParts['paths'];
  const parts: OpenApiParts = { paths, components: { ...doc.components, schemas } };
  const parameters = shareParameters(parts);
  for (const op of operations(parts))
    for (const [status, response] of Object.entries(op.responses ?? {}))
      response.headers = { ...responseHeaders(status), ...(response.headers as Json | undefined) };
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...doc,
    paths,
    components: {
      ...doc.components,
      schemas: sorted,
      ...(Object.keys(parameters).length ? { parameters } : {}),
      headers: HEADERS,
    },
  };
}
