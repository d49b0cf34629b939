import type * as Schemas from './schemas.js';

/**
 * Request schemas built on first use. Loading zod and building the schemas took about
 * a third of a function's import time, and /health validates nothing; so routes name
 * their schemas through stand-ins, typed as the schemas themselves (inference is
 * unchanged), and `realSchema` loads the schemas module when a request or
 * /openapi.json first needs one.
 */
type Module = typeof Schemas;
type SchemaName = {
  [K in keyof Module]: Module[K] extends { safeParse: unknown } ? K : never;
}[keyof Module];

const NAME = Symbol('schemaName');

/** A stand-in for the schema `name` of schemas.ts. */
export function lazySchema<K extends SchemaName>(name: K): Module[K] {
  return { [NAME]: name } as unknown as Module[K];
}

/** The schema itself for a stand-in (anything else is returned as it is). */
export async function realSchema<T>(schema: T): Promise<T> {
  const name = (schema as { [NAME]?: SchemaName } | undefined)?.[NAME];
  return name === undefined ? schema : ((await import('./schemas.js'))[name] as T);
}

/** A route with its input schemas real. */
export async function withSchemas<R extends { params?: unknown; query?: unknown; body?: unknown }>(
  route: R,
): Promise<R> {
  const [params, query, body] = await Promise.all([
    realSchema(route.params),
    realSchema(route.query),
    realSchema(route.body),
  ]);
  return { ...route, params, query, body };
}
