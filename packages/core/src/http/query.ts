/**
 * Query strings as OpenAPI's `style: form` reads them. A list parameter
 * (`explode: false`) is split at its literal commas before percent-decoding, so
 * an encoded comma (`%2C`) stays inside one item ("Washington%2C%20D.C."); when
 * the parameter is repeated, each value is one item, commas included. Every
 * other parameter is one string, or an array when repeated.
 */

/** The schemas of list parameters (marked by schemas.ts; read here without loading it). */
const LIST_SCHEMAS = new WeakSet<object>();

export function markList<T extends object>(schema: T): T {
  LIST_SCHEMAS.add(schema);
  return schema;
}

export function isListSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && LIST_SCHEMAS.has(schema);
}

/** The names of an object schema's list parameters. */
export function listParams(schema: unknown): Set<string> {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  const out = new Set<string>();
  for (const [name, s] of Object.entries(shape ?? {})) if (isListSchema(s)) out.add(name);
  return out;
}

/** One form-encoded piece decoded exactly as URLSearchParams does ("+" is a space; a bad escape stays as written). */
function decode(piece: string): string {
  if (!/[%+]/.test(piece)) return piece;
  return new URLSearchParams(`v=${piece}`).get('v') ?? '';
}

/** The parameters of a raw query string (with or without its "?"). */
export function parseQuery(search: string, lists: ReadonlySet<string>): Record<string, string | string[]> {
  const raw = new Map<string, string[]>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    const values = raw.get(key);
    if (values) values.push(value);
    else raw.set(key, [value]);
  }
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of raw) {
    if (lists.has(key))
      out[key] = values.length === 1 ? (values[0] as string).split(',').map(decode) : values.map(decode);
    else out[key] = values.length === 1 ? decode(values[0] as string) : values.map(decode);
  }
  return out;
}
